import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** A request body, query or parameter failed validation; `details` lists each problem. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly problems: string[]) {
    super({ message: summariseProblems(problems), details: problems });
  }
}

/**
 * One plain sentence per problem, nested properties named by their path
 * (`patient.postcode must be a string`, `rows.2.claimId should not be empty`).
 */
export function describeValidationErrors(errors: ValidationError[], parentPath = ''): string[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      parentPath && message.startsWith(`${error.property} `)
        ? `${path}${message.slice(error.property.length)}`
        : message,
    );
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

export function summariseProblems(problems: string[]): string {
  if (problems.length === 0) return 'The request is not valid.';
  if (problems.length === 1) return `The request is not valid: ${problems[0]}.`;
  return `The request has ${problems.length} problems: ${problems.join('; ')}.`;
}

/** The one validation pipe: unknown properties are refused, payloads become DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new RequestValidationException(describeValidationErrors(errors)),
  });
}
