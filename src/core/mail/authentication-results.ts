/**
 * Authentication-Results (RFC 8601) as written by the hospital's own MTA. Anyone can put such a
 * header in a message, so only headers whose authserv-id is trusted count; without a configured
 * id, only the topmost header (added last, by the receiving MTA) is read.
 */
import type { AuthFacts, AuthStatus } from './message-facts.js';

const STATUSES: ReadonlySet<string> = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);

function method(header: string, name: string): AuthStatus | null {
  const m = header.match(new RegExp(`(?:^|[;\\s])${name}\\s*=\\s*([a-z]+)`, 'i'));
  const v = m?.[1]?.toLowerCase();
  return v && STATUSES.has(v) ? (v as AuthStatus) : null;
}

/** `headers` in message order (topmost first). */
export function parseAuthenticationResults(headers: readonly string[], trustedIds: readonly string[]): AuthFacts | null {
  const candidates = trustedIds.length > 0 ? headers.filter((h) => trustedIds.includes((h.split(';')[0] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '')) : headers.slice(0, 1);
  const h = candidates[0];
  if (!h) return null;
  const facts: AuthFacts = { source: 'mta_header', authservId: (h.split(';')[0] ?? '').trim().split(/\s+/)[0] ?? null, spf: method(h, 'spf'), dkim: method(h, 'dkim'), dmarc: method(h, 'dmarc'), arc: method(h, 'arc') };
  return facts.spf || facts.dkim || facts.dmarc || facts.arc ? facts : null;
}
