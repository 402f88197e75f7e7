import type { Context } from 'hono';
import { DomainError } from '../core/errors.js';
import type { AppEnv } from './app-env.js';

/** The request body as a stream, for uploads that go straight to the evidence store (app.ts exempts them from the JSON size limit). */
export function rawBody(c: Context<AppEnv>): ReadableStream<Uint8Array> {
  const body = c.req.raw.body;
  if (!body) throw new DomainError('validation_failed', 'ファイルがありません / No file in the request body');
  return body;
}
