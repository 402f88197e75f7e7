/**
 * One mail-analysis session: a staff directory, the hospital's domains and a thread index that
 * learns from the hospital's own mail. Used by `mamori mail analyze`, the server endpoint, the
 * watched folder and the benchmarks alike, so they all judge a message the same way.
 */
import { analyzeMessage, signalContext, type Analysis } from '../../core/mail/analyze.js';
import { StaffDirectory, type StaffEntry } from '../../core/mail/display-name.js';
import type { MessageFacts } from '../../core/mail/message-facts.js';
import type { SignalContext } from '../../core/mail/signal.js';
import { indexRecord, ThreadIndex, type IndexedMessage } from '../../core/mail/thread-index.js';
import { readCsvRecords } from '../csv-records.js';
import { authenticateRaw, type DNSResolver, type Envelope } from './mail-authentication.js';
import { parseMessage, type ParsedMessage } from './message-facts.js';

export interface MailAnalyzerOptions {
  staff: readonly StaffEntry[];
  domains: readonly string[];
  trustedAuthservIds?: readonly string[];
  /** When given, mailauth checks SPF/DKIM/DMARC/ARC with it; otherwise only a trusted MTA header counts. */
  resolver?: DNSResolver | null;
}

export interface AnalyzedMessage {
  parsed: ParsedMessage;
  analysis: Analysis;
}

/** Staff directory CSV: name, name_kana, email, department (name_romaji optional; other columns ignored). */
export function parseStaffCsv(text: string): StaffEntry[] {
  const { records } = readCsvRecords(text);
  return records
    .map((r) => ({ name: r.name ?? r['氏名'] ?? '', nameKana: r.name_kana ?? r['氏名カナ'] ?? r['フリガナ'] ?? '', nameRomaji: r.name_romaji ?? r['ローマ字'] ?? '', email: (r.email ?? r['メールアドレス'] ?? '').toLowerCase(), department: r.department ?? r['所属'] ?? '' }))
    .filter((s) => s.name || s.email);
}

export class MailAnalyzer {
  readonly index = new ThreadIndex();
  readonly #staff: StaffDirectory;
  readonly #opts: MailAnalyzerOptions;
  #ctx: SignalContext | null = null;

  constructor(opts: MailAnalyzerOptions) {
    this.#opts = opts;
    this.#staff = new StaffDirectory(opts.staff);
  }

  get staffCount(): number {
    return this.#staff.entries.length;
  }

  /** Add one of the hospital's own messages to the thread index. */
  learnRecord(record: IndexedMessage): void {
    this.index.add(record);
    this.#ctx = null;
  }

  async learn(raw: Buffer): Promise<IndexedMessage | null> {
    const parsed = await parseMessage(raw, this.#factsOptions());
    if (!parsed) return null;
    const record = MailAnalyzer.record(parsed);
    this.learnRecord(record);
    return record;
  }

  static record(parsed: ParsedMessage): IndexedMessage {
    const f = parsed.facts;
    return indexRecord({ messageId: f.messageId, inReplyTo: f.inReplyTo, fromName: f.fromName, fromAddress: f.fromAddress, addresses: parsed.addresses, subject: f.subject, text: f.text });
  }

  #factsOptions() {
    return { trustedAuthservIds: this.#opts.trustedAuthservIds ?? [] };
  }

  #context(): SignalContext {
    this.#ctx ??= signalContext(this.#staff, this.#opts.domains, this.index);
    return this.#ctx;
  }

  judge(facts: MessageFacts): Analysis {
    return analyzeMessage(facts, this.#context());
  }

  /** Null when the bytes are not a readable message. */
  async analyze(raw: Buffer, envelope: Envelope = {}): Promise<AnalyzedMessage | null> {
    const parsed = await parseMessage(raw, this.#factsOptions());
    if (!parsed) return null;
    if (this.#opts.resolver) {
      try {
        const checked = await authenticateRaw(raw, this.#opts.resolver, envelope);
        const header = parsed.facts.auth;
        parsed.facts.auth = { ...checked, spf: checked.spf ?? header?.spf ?? null, dmarc: checked.dmarc ?? header?.dmarc ?? null, arc: checked.arc ?? header?.arc ?? null };
      } catch {
        // A message mailauth cannot process keeps the MTA's verdict (if any); the rest still runs.
      }
    }
    return { parsed, analysis: this.judge(parsed.facts) };
  }
}
