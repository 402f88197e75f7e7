/**
 * What the hospital's own mail says about its conversations: which threads exist (Message-ID,
 * In-Reply-To, References joined into one thread), who took part in each, whether it was in
 * Japanese, which addresses are known correspondents under which display names, which outside
 * domains it writes with often, and fingerprints of what was written (to recognise text quoted
 * from a real thread in a reply that cites no Message-ID). Built from sent and received mail;
 * a hijacked reply is judged against it.
 */
import { bareDisplayName, nameKey, romajiKey } from './display-name.js';
import { domainOf, latinShare, splitQuoted } from './message-facts.js';

/** The part of a message the index keeps (also the stored form on the server). */
export interface IndexedMessage {
  messageId: string | null;
  references: string[];
  from: { address: string; name: string };
  /** Every address on the message (From, To, Cc, Reply-To …) with its display name. */
  addresses: Array<{ address: string; name: string }>;
  japanese: boolean;
  /** Fingerprints of the lines the sender wrote (see fingerprints()). */
  lines: string[];
}

export interface ThreadView {
  participants: ReadonlySet<string>;
  japanese: boolean;
}

const MIN_LINE = 12;

/** Lines long enough to be distinctive, without spaces/punctuation/width differences. */
export function fingerprints(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const k = line.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();
    if (k.length >= MIN_LINE) out.add(k.slice(0, 60));
    if (out.size >= 20) break;
  }
  return [...out];
}

export function displayKeys(name: string): string[] {
  const bare = bareDisplayName(name);
  const k = nameKey(bare);
  const r = romajiKey(bare);
  return [k, r ? `r:${r}` : ''].filter((x) => x.length > 0);
}

/** The index record of one message, from its parsed parts. */
export function indexRecord(m: { messageId: string | null; inReplyTo: string[]; fromName: string; fromAddress: string; addresses: Array<{ address: string; name: string }>; subject: string; text: string }): IndexedMessage {
  const { fresh } = splitQuoted(m.text);
  return {
    messageId: m.messageId,
    references: m.inReplyTo,
    from: { address: m.fromAddress.toLowerCase(), name: m.fromName },
    addresses: m.addresses.map((a) => ({ address: a.address.toLowerCase(), name: a.name })),
    japanese: latinShare(`${m.subject}\n${fresh}`) < 0.5,
    lines: fingerprints(fresh),
  };
}

export class ThreadIndex {
  readonly #parent: number[] = [];
  readonly #threadOfId = new Map<string, number>();
  readonly #participants: Array<Set<string>> = [];
  readonly #japanese: boolean[] = [];
  readonly #addressNames = new Map<string, Set<string>>();
  readonly #nameAddresses = new Map<string, Set<string>>();
  readonly #domainMessages = new Map<string, number>();
  readonly #lines = new Map<string, number>();
  #messages = 0;

  get size(): number {
    return this.#messages;
  }

  #root(t: number): number {
    let r = t;
    while (this.#parent[r] !== r) r = this.#parent[r] ?? r;
    this.#parent[t] = r;
    return r;
  }

  #newThread(): number {
    const t = this.#parent.length;
    this.#parent.push(t);
    this.#participants.push(new Set());
    this.#japanese.push(false);
    return t;
  }

  #union(a: number, b: number): number {
    const ra = this.#root(a);
    const rb = this.#root(b);
    if (ra === rb) return ra;
    this.#parent[rb] = ra;
    for (const p of this.#participants[rb] ?? []) this.#participants[ra]?.add(p);
    this.#japanese[ra] = (this.#japanese[ra] ?? false) || (this.#japanese[rb] ?? false);
    return ra;
  }

  add(m: IndexedMessage): void {
    this.#messages += 1;
    const ids = [...(m.messageId ? [m.messageId] : []), ...m.references];
    let t: number | null = null;
    for (const id of ids) {
      const known = this.#threadOfId.get(id);
      if (known !== undefined) t = t === null ? this.#root(known) : this.#union(t, known);
    }
    if (t === null) t = this.#newThread();
    for (const id of ids) this.#threadOfId.set(id, t);
    const people = this.#participants[t];
    for (const a of [m.from, ...m.addresses]) {
      if (!a.address) continue;
      people?.add(a.address);
      let names = this.#addressNames.get(a.address);
      if (!names) this.#addressNames.set(a.address, (names = new Set()));
      for (const k of displayKeys(a.name)) {
        names.add(k);
        let addrs = this.#nameAddresses.get(k);
        if (!addrs) this.#nameAddresses.set(k, (addrs = new Set()));
        addrs.add(a.address);
      }
    }
    for (const d of new Set([m.from, ...m.addresses].map((a) => domainOf(a.address)))) this.#domainMessages.set(d, (this.#domainMessages.get(d) ?? 0) + 1);
    if (m.japanese) this.#japanese[t] = true;
    for (const l of m.lines) if (!this.#lines.has(l)) this.#lines.set(l, t);
  }

  /** The thread any of these Message-IDs belongs to, or null when none is known. */
  thread(ids: readonly string[]): ThreadView | null {
    for (const id of ids) {
      const t = this.#threadOfId.get(id);
      if (t !== undefined) {
        const r = this.#root(t);
        return { participants: this.#participants[r] ?? new Set(), japanese: this.#japanese[r] ?? false };
      }
    }
    return null;
  }

  /** The thread whose own text is quoted here (at least two distinctive lines, or one long one). */
  quotedThread(quoted: string): ThreadView | null {
    const hits = new Map<number, number>();
    for (const l of fingerprints(quoted)) {
      const t = this.#lines.get(l);
      if (t === undefined) continue;
      const r = this.#root(t);
      hits.set(r, (hits.get(r) ?? 0) + (l.length >= 30 ? 2 : 1));
    }
    for (const [r, n] of hits) if (n >= 2) return { participants: this.#participants[r] ?? new Set(), japanese: this.#japanese[r] ?? false };
    return null;
  }

  isKnownAddress(address: string): boolean {
    return this.#addressNames.has(address.toLowerCase());
  }

  /** Known addresses that used this display name (any of its keys). */
  addressesForName(display: string): Set<string> {
    const out = new Set<string>();
    for (const k of displayKeys(display)) for (const a of this.#nameAddresses.get(k) ?? []) out.add(a);
    return out;
  }

  /** Whether this address has been seen under this display name before. */
  knownUnder(address: string, display: string): boolean {
    const names = this.#addressNames.get(address.toLowerCase());
    return names !== undefined && displayKeys(display).some((k) => names.has(k));
  }

  domainMessages(domain: string): number {
    return this.#domainMessages.get(domain.toLowerCase()) ?? 0;
  }

  /** Outside domains the hospital exchanges mail with often (look-alike targets). */
  frequentDomains(min = 3): string[] {
    return [...this.#domainMessages].filter(([, n]) => n >= min).map(([d]) => d);
  }
}
