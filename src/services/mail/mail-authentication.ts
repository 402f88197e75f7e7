/**
 * SPF, DKIM, DMARC and ARC through mailauth (postalsys). DNS is always injected: a closed hospital
 * network has no resolver for outside domains, so the caller passes the system resolver, a DNS
 * cache file (mailauth's `--dns-cache` format) or nothing — and with nothing, no check runs
 * rather than every message failing for lack of DNS.
 */
import { readFileSync } from 'node:fs';
import { promises as dns } from 'node:dns';
import { authenticate, type DNSResolver } from 'mailauth';
import type { AuthFacts, AuthStatus } from '../../core/mail/message-facts.js';

export type { DNSResolver };

export interface Envelope {
  /** Client IP of the connecting MTA (SPF needs it). */
  ip?: string;
  helo?: string;
  /** MAIL FROM. */
  sender?: string;
}

function status(s: string | undefined): AuthStatus | null {
  if (!s || s === 'skipped') return null;
  return (s === 'temperr' ? 'temperror' : s) as AuthStatus;
}

function dnsError(code: string, name: string): Error {
  return Object.assign(new Error(`${code} ${name}`), { code });
}

/** A resolver answering from a JSON file: { "example.com": { "TXT": [["v=spf1 -all"]] } }. */
export function dnsCacheResolver(file: string): DNSResolver {
  const cache = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string[] | string[][]>>;
  return (name, rrtype) => {
    const hit = cache[name.toLowerCase()]?.[rrtype.toUpperCase()];
    return hit ? Promise.resolve(hit) : Promise.reject(dnsError('ENOTFOUND', name));
  };
}

/** The operating system's resolver (only for sites whose Mamori host may resolve outside names). */
export const systemResolver: DNSResolver = (name, rrtype) => {
  const r = new dns.Resolver({ timeout: 3000, tries: 1 });
  // mailauth's own default is dns.resolve; its type says strings, MX answers are records.
  return r.resolve(name, rrtype) as unknown as Promise<string[] | string[][]>;
};

export async function authenticateRaw(raw: Buffer, resolver: DNSResolver, envelope: Envelope = {}): Promise<AuthFacts> {
  const res = await authenticate(raw, { resolver, disableBimi: true, mta: 'mamori', trustReceived: !envelope.ip, ...(envelope.ip ? { ip: envelope.ip } : {}), ...(envelope.helo ? { helo: envelope.helo } : {}), ...(envelope.sender ? { sender: envelope.sender } : {}) });
  // mailauth reports a body that no longer matches its signature as neutral ("body hash did not
  // verify", RFC 6376 §6.3); for a reader of the verdict that is a broken signature.
  const dkimResults = res.dkim.results.map((r) => (r.status.result === 'neutral' && /body hash/i.test(r.status.comment ?? '') ? 'fail' : r.status.result));
  const dkim = dkimResults.includes('pass') ? 'pass' : dkimResults.includes('fail') ? 'fail' : status(dkimResults[0]);
  // Without the client IP (an archived .eml with no Received line) SPF, and so DMARC, cannot be
  // judged; reporting them as failed would accuse every old message.
  const ipKnown = Boolean(envelope.ip) || (res.receivedChain?.length ?? 0) > 0;
  return {
    source: 'mailauth',
    authservId: null,
    spf: res.spf && ipKnown ? status(res.spf.status.result) : null,
    dkim,
    dmarc: res.dmarc && (ipKnown || dkim === 'pass') ? status(res.dmarc.status.result) : null,
    arc: res.arc ? status(res.arc.status.result) : null,
  };
}
