import { createHash, randomBytes } from 'node:crypto';

/** A new opaque bearer value (cookie) and the id under which the database stores it. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

/** Only the hash is stored, so a copy of the database does not hand out live sessions. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
