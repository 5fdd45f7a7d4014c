import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRootLogger } from './logger.js';
import { PERSONAL_DATA_FIELDS, REDACTED, redactionPaths, redactUrl, SECRET_FIELDS } from './redaction.js';

function logOnce(object: object): Record<string, unknown> {
  const lines: string[] = [];
  const logger = createRootLogger(
    { LOG_LEVEL: 'info', ROLE: 'all' },
    { write: (line: string) => void lines.push(line) },
  );
  logger.info(object, 'test line');
  assert.equal(lines.length, 1);
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

describe(redactionPaths.name, () => {
  it('should cover each field at the top level and four levels down', () => {
    const paths = redactionPaths(['password', 'set-cookie']);
    assert.deepEqual(paths, [
      'password',
      '*.password',
      '*.*.password',
      '*.*.*.password',
      '["set-cookie"]',
      '*["set-cookie"]',
      '*.*["set-cookie"]',
      '*.*.*["set-cookie"]',
    ]);
  });

  it('should include the secrets and personal data the platform handles', () => {
    const paths = redactionPaths();
    for (const field of [
      'authorization',
      'cookie',
      'password',
      'token',
      'secret',
      'apiKey',
      'nhsNumber',
      'dateOfBirth',
      'patientName',
    ]) {
      assert.ok(paths.includes(`*.*.${field}`), field);
    }
    assert.ok(SECRET_FIELDS.length > 0 && PERSONAL_DATA_FIELDS.length > 0);
  });

  it('should redact request headers in a real log line', () => {
    const line = logOnce({
      req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1', 'x-api-key': 'k', accept: 'text/html' } },
      res: { headers: { 'set-cookie': ['sid=2'] } },
    });
    assert.deepEqual(line['req'], {
      headers: { authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED, accept: 'text/html' },
    });
    assert.deepEqual(line['res'], { headers: { 'set-cookie': REDACTED } });
  });

  it('should redact patient data nested in a payload, arrays included', () => {
    const line = logOnce({
      job: { patient: { nhsNumber: '943 476 5919', dateOfBirth: '1970-01-01', patientName: 'Ann Other', ward: 'B2' } },
      rows: [{ firstName: 'Ann', lastName: 'Other', claimId: 'C-1' }],
    });
    assert.deepEqual(line['job'], {
      patient: { nhsNumber: REDACTED, dateOfBirth: REDACTED, patientName: REDACTED, ward: 'B2' },
    });
    assert.deepEqual(line['rows'], [{ firstName: REDACTED, lastName: REDACTED, claimId: 'C-1' }]);
  });
});

describe(redactUrl.name, () => {
  it('should leave a URL without sensitive parameters alone', () => {
    assert.equal(redactUrl('/api/runs?page=2&sort=name'), '/api/runs?page=2&sort=name');
    assert.equal(redactUrl('/health/ready'), '/health/ready');
  });

  it('should hide the values of sensitive parameters', () => {
    assert.equal(
      redactUrl('/auth/callback?code=abc&state=xyz&iss=https%3A%2F%2Fidp'),
      '/auth/callback?code=%5Bredacted%5D&state=%5Bredacted%5D&iss=https%3A%2F%2Fidp',
    );
    assert.equal(redactUrl('/api/patients?nhsNumber=9434765919'), '/api/patients?nhsNumber=%5Bredacted%5D');
    assert.equal(redactUrl('/download?Token=t'), '/download?Token=%5Bredacted%5D');
  });
});
