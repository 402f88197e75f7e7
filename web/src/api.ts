import type { ErrorBody } from '../../src/contracts/api.js';

/** An API error with the server's stable code. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.code = body.error;
    this.status = status;
    this.details = body.details;
  }
}

let csrfToken = '';
const listeners = new Set<(error: ApiError) => void>();

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called for every API error (the shell reacts to session_locked / unauthenticated). */
export function onApiError(listener: (error: ApiError) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'error' in value && 'message' in value;
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? null : JSON.stringify(body),
  });
  return readResponse<T>(response);
}

/** A raw-body POST (a file streams to the server as it is; the server hashes or splits it). */
export async function upload<T>(path: string, body: Blob | string, contentType = 'application/octet-stream'): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken, 'Content-Type': contentType },
    credentials: 'same-origin',
    body,
  });
  return readResponse<T>(response);
}

async function readResponse<T>(response: Response): Promise<T> {
  if (response.status === 204 || response.status === 201 && response.headers.get('content-length') === '0') {
    return undefined as T;
  }
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = new ApiError(
      response.status,
      isErrorBody(data) ? data : { ok: false, error: 'internal_error', message: `HTTP ${response.status}` },
    );
    for (const listener of listeners) listener(error);
    throw error;
  }
  return data as T;
}
