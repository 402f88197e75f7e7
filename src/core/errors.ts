/**
 * Stable error codes. Clients and tests match on these; messages may change, codes may not.
 * Only `server/on-error.ts` knows how a code maps to an HTTP status.
 */
export const ERROR_CODES = [
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'unauthenticated',
  'session_locked',
  'mfa_required',
  'mfa_enrolment_required',
  'password_change_required',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'invalid_credentials',
  'invalid_totp',
  'account_locked',
  'account_disabled',
  'password_policy',
  'setup_unavailable',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An expected failure of a use case. `message` is safe to show to a user and must never contain
 * personal data; `details` carries structured, equally safe hints (e.g. which policy rule failed).
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** Type guard that survives module duplication (e.g. tests importing src and dist). */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
