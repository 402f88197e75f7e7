/**
 * Everyone a mailbox exchanged mail with in a period: the notification list after an account was
 * taken over or used as a spam relay ("everyone it wrote to in the past month had to be
 * contacted"). Addresses from From, Sender, To, Cc, Bcc and Reply-To are normalised (lower case,
 * no display name, no mailto:, no trailing dot) and de-duplicated; each keeps the first and last
 * contact, the number of messages and a display name seen for it.
 */
import { domainOf, inDomains } from './message-facts.js';

/**
 * Columns of a correspondent list as the affected-people register imports it (区分・氏名・メール
 * アドレス・項目), plus context columns the import ignores.
 */
export const REGISTER_HEADER = ['区分', '氏名', 'メールアドレス', '項目', '院内外', '通数', '最初', '最後'] as const;

/** One register row for an outside address (取引先, named by the address when no name is known). */
export function registerRow(c: { address: string; name?: string; internal: boolean; messages: number; first: string; last: string }): string[] {
  return ['取引先', c.name || c.address, c.address, 'メールアドレス', c.internal ? '院内' : '院外', String(c.messages), c.first, c.last];
}

export interface AddressRef {
  address: string;
  name: string;
}

export interface MessageAddresses {
  /** Epoch ms from the Date header; null when missing or unreadable. */
  at: number | null;
  messageId?: string | null;
  addresses: AddressRef[];
}

export interface Correspondent {
  address: string;
  name: string;
  firstAt: number | null;
  lastAt: number | null;
  messages: number;
  internal: boolean;
}

const ADDRESS = /^[^\s@<>()",;:]+@[a-z0-9.-]+\.[a-z]{2,}$/;

export function normalizeAddress(raw: string): string | null {
  const a = raw
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<|>$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  return ADDRESS.test(a) ? a : null;
}

export interface CorrespondentOptions {
  since?: number;
  until?: number;
  /** The hospital's own domains: their addresses are marked internal. */
  internalDomains: readonly string[];
  /** Domains left out of the list altogether. */
  excludeDomains: readonly string[];
}

export class CorrespondentList {
  readonly #by = new Map<string, Correspondent>();
  readonly #opts: CorrespondentOptions;
  messagesInWindow = 0;
  messagesOutside = 0;
  messagesUndated = 0;

  constructor(opts: CorrespondentOptions) {
    this.#opts = { ...opts, internalDomains: opts.internalDomains.map((d) => d.toLowerCase()), excludeDomains: opts.excludeDomains.map((d) => d.toLowerCase()) };
  }

  add(m: MessageAddresses): void {
    const { since, until } = this.#opts;
    if (m.at === null) {
      // An undated message cannot be placed outside the window: keep it (missing someone is worse).
      this.messagesUndated += 1;
    } else if ((since !== undefined && m.at < since) || (until !== undefined && m.at >= until)) {
      this.messagesOutside += 1;
      return;
    }
    this.messagesInWindow += 1;
    const seen = new Set<string>();
    for (const ref of m.addresses) {
      const address = normalizeAddress(ref.address);
      if (!address || seen.has(address) || inDomains(domainOf(address), this.#opts.excludeDomains)) continue;
      seen.add(address);
      const c = this.#by.get(address);
      if (!c) {
        this.#by.set(address, { address, name: ref.name.trim(), firstAt: m.at, lastAt: m.at, messages: 1, internal: inDomains(domainOf(address), this.#opts.internalDomains) });
        continue;
      }
      c.messages += 1;
      if (!c.name && ref.name.trim()) c.name = ref.name.trim();
      if (m.at !== null) {
        if (c.firstAt === null || m.at < c.firstAt) c.firstAt = m.at;
        if (c.lastAt === null || m.at > c.lastAt) c.lastAt = m.at;
      }
    }
  }

  /** External first, then by address. */
  list(): Correspondent[] {
    return [...this.#by.values()].sort((a, b) => Number(a.internal) - Number(b.internal) || a.address.localeCompare(b.address));
  }
}
