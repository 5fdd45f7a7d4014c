import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
  type ValidationError,
} from '@nestjs/common';
import { toErrorBody, unexpectedErrorMessage } from './error-body.js';
import { describeValidationErrors, RequestValidationException } from './validation.js';

describe(toErrorBody.name, () => {
  it('should keep the message of an HttpException and name its status', () => {
    assert.deepEqual(toErrorBody(new NotFoundException('There is no run 42.'), 'req-1'), {
      body: { statusCode: 404, error: 'Not Found', message: 'There is no run 42.', requestId: 'req-1' },
      unexpected: false,
    });
    assert.deepEqual(toErrorBody(new ForbiddenException(), 'req-2').body, {
      statusCode: 403,
      error: 'Forbidden',
      message: 'Forbidden',
      requestId: 'req-2',
    });
    assert.equal(toErrorBody(new HttpException('Slow down', 429), 'r').body.error, 'Too Many Requests');
    assert.equal(toErrorBody(new PayloadTooLargeException('request entity too large'), 'r').body.statusCode, 413);
  });

  it('should list validation problems in details', () => {
    const { body } = toErrorBody(
      new RequestValidationException(['name should not be empty', 'property x should not exist']),
      'r',
    );
    assert.deepEqual(body, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request has 2 problems: name should not be empty; property x should not exist.',
      requestId: 'r',
      details: ['name should not be empty', 'property x should not exist'],
    });
  });

  it('should accept the list of messages Nest puts in its own exceptions', () => {
    const { body } = toErrorBody(new BadRequestException(['a is wrong', 'b is wrong']), 'r');
    assert.equal(body.message, 'a is wrong; b is wrong');
    assert.deepEqual(body.details, ['a is wrong', 'b is wrong']);
  });

  it('should turn anything else into a 500 that leaks nothing', () => {
    const shaped = toErrorBody(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'), 'req-9');
    assert.equal(shaped.unexpected, true);
    assert.deepEqual(shaped.body, {
      statusCode: 500,
      error: 'Internal Server Error',
      message: unexpectedErrorMessage('req-9'),
      requestId: 'req-9',
    });
    assert.match(shaped.body.message, /^Something went wrong on our side/);
    assert.doesNotMatch(JSON.stringify(shaped.body), /ECONNREFUSED|hunter2/);
    assert.equal(toErrorBody('a thrown string', 'r').body.statusCode, 500);
  });
});

describe(describeValidationErrors.name, () => {
  it('should name nested properties by their path', () => {
    const errors: ValidationError[] = [
      { property: 'name', constraints: { isNotEmpty: 'name should not be empty' }, children: [] },
      {
        property: 'patient',
        children: [{ property: 'postcode', constraints: { isString: 'postcode must be a string' }, children: [] }],
      },
      {
        property: 'rows',
        children: [
          {
            property: '2',
            children: [{ property: 'claimId', constraints: { isNotEmpty: 'claimId should not be empty' } }],
          },
        ],
      },
    ];
    assert.deepEqual(describeValidationErrors(errors), [
      'name should not be empty',
      'patient.postcode must be a string',
      'rows.2.claimId should not be empty',
    ]);
  });
});
