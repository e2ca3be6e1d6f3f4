/** One problem with one input field; `path` names the field as the caller sent it. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/** Base of every failure a caller is expected to handle; `code` is stable across transports. */
export abstract class DomainError extends Error {
  abstract readonly code: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'PAYLOAD_TOO_LARGE';
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION';
  constructor(readonly issues: Issue[]) {
    super(issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; '));
    this.name = 'ValidationError';
  }

  static of(path: (string | number)[], message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly resource: string,
    readonly ref: string,
  ) {
    super(`${resource} not found: ${ref}`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** An upload over the size limit; transports answer it with HTTP 413. */
export class PayloadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
  constructor(readonly limitBytes: number) {
    super(tooLargeMessage(limitBytes));
    this.name = 'PayloadTooLargeError';
  }
}

export function tooLargeMessage(limitBytes: number): string {
  const size = limitBytes >= 1024 * 1024 ? `${+(limitBytes / 1024 / 1024).toFixed(1)} MB` : `${limitBytes} bytes`;
  return `The file is larger than the limit of ${size}`;
}
