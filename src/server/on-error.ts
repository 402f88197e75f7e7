import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../contracts/api.js';
import { DomainError, type ErrorCode } from '../core/errors.js';
import type { Logger } from '../logging/logger.js';

/** The only place that knows how error codes map to HTTP. */
export const STATUS: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  validation_failed: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  session_locked: 401,
  mfa_required: 401,
  mfa_enrolment_required: 403,
  password_change_required: 403,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  invalid_credentials: 401,
  invalid_totp: 401,
  account_locked: 423,
  account_disabled: 403,
  password_policy: 422,
  setup_unavailable: 403,
  internal_error: 500,
};

export function errorResponse(c: Context, error: DomainError): Response {
  const body: ErrorBody = { ok: false, error: error.code, message: error.message };
  if (error.details) body.details = { ...error.details };
  return c.json(body, STATUS[error.code]);
}

/**
 * Known errors become their code; anything else is logged (redacted) and replaced by a generic
 * `internal_error`, so stack traces and driver messages never reach a client.
 */
export function onError(log: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof DomainError) return errorResponse(c, error);
    log.error({ err: error, method: c.req.method, path: new URL(c.req.url).pathname }, 'unhandled error');
    return errorResponse(c, new DomainError('internal_error', '内部エラーが発生しました / Internal error'));
  };
}
