export enum AuditExceptionCode {
  /** A caller of `AuditService.record` passed something that cannot be recorded. */
  InvalidEntry = 'AUDIT_INVALID_ENTRY',
  /** A filter or page request is malformed. */
  InvalidQuery = 'AUDIT_INVALID_QUERY',
  /** The automatic audit of a request could not write its record, so the request fails. */
  WriteFailed = 'AUDIT_WRITE_FAILED',
}

export class AuditException extends Error {
  constructor(
    readonly code: AuditExceptionCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AuditException';
  }
}
