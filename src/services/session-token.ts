import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new opaque bearer value (cookie) and the id under which the database stores it. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

/** Only the hash is stored, so a copy of the database does not hand out live sessions. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A presented secret (CSRF token, ingest token) against the expected one, in constant time. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
