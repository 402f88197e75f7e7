/**
 * Mail threats as a use case: judge messages (from the MTA over HTTP, uploaded files and folders,
 * the watched folder), keep the verdicts with a review state, learn the hospital's own mail into the
 * thread index, escalate a dangerous message into an incident case with its indicators, and turn a
 * compromised mailbox in a case's evidence into the affected-people register (the correspondents).
 * Raw messages go to the content-addressed evidence store: the same bytes are one row, however
 * often they are submitted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { MailState } from '../../contracts/incidents.js';
import type { Actor } from '../../core/actor.js';
import { iso, type Clock } from '../../core/clock.js';
import { csvLine } from '../../core/csv.js';
import { DomainError } from '../../core/errors.js';
import { isoJst } from '../../core/jst.js';
import type { Analysis, Indicators } from '../../core/mail/analyze.js';
import { CorrespondentList } from '../../core/mail/correspondents.js';
import type { Reason } from '../../core/mail/signal.js';
import { splitQuoted } from '../../core/mail/message-facts.js';
import type { IndexedMessage } from '../../core/mail/thread-index.js';
import type { EvidenceStore } from '../../connectors/evidence-store.js';
import type { ScanSource } from '../../connectors/scan-source.js';
import type { IncidentStore } from '../../db/incident-store.js';
import type { MailMessageFilter, MailMessageRow } from '../../db/repositories/mail.repository.js';
import type { SettingRepository } from '../../db/repositories/setting.repository.js';
import type { AffectedPeopleService, ImportResult } from '../affected-people.service.js';
import type { AuditService } from '../audit.service.js';
import type { CaseService } from '../case.service.js';
import type { ResponseService } from '../response.service.js';
import { MailAnalyzer, parseStaffCsv } from './mail-analyzer.js';
import type { DNSResolver, Envelope } from './mail-authentication.js';
import { messageAddresses } from './message-addresses.js';
import { parseMessage } from './message-facts.js';

const MAX_MESSAGE = 100 * 1024 * 1024;
const PREVIEW_CHARS = 20_000;
const STAFF_KEY = 'mail.staff_csv';

export interface MailSettings {
  domains: readonly string[];
  trustedAuthservIds: readonly string[];
  resolver: DNSResolver | null;
}

export interface JudgedMessage {
  row: MailMessageRow;
  analysis: Analysis;
}

export interface MailDetail {
  row: MailMessageRow;
  headers: Array<{ key: string; value: string }>;
  /** Plain text only (HTML is converted, never rendered), cut at PREVIEW_CHARS. */
  text: string;
  quoted: string;
  attachments: Array<{ filename: string; size: number; sha256: string; flags: string[] }>;
}

export class MailThreatService {
  readonly #store: IncidentStore;
  readonly #settingsRepo: SettingRepository;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #evidence: EvidenceStore;
  readonly #source: ScanSource;
  readonly #cases: CaseService;
  readonly #response: ResponseService;
  readonly #people: AffectedPeopleService;
  readonly #settings: MailSettings;
  #analyzer: Promise<MailAnalyzer> | null = null;

  constructor(deps: { store: IncidentStore; settings: SettingRepository; audit: AuditService; clock: Clock; evidence: EvidenceStore; source: ScanSource; cases: CaseService; response: ResponseService; people: AffectedPeopleService; mail: MailSettings }) {
    this.#store = deps.store;
    this.#settingsRepo = deps.settings;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#evidence = deps.evidence;
    this.#source = deps.source;
    this.#cases = deps.cases;
    this.#response = deps.response;
    this.#people = deps.people;
    this.#settings = deps.mail;
  }

  /** The analyzer with the staff directory and everything learned so far (built once, then kept current). */
  async #current(): Promise<MailAnalyzer> {
    this.#analyzer ??= (async () => {
      const csv = await this.#settingsRepo.get(STAFF_KEY);
      const analyzer = new MailAnalyzer({ staff: csv ? parseStaffCsv(csv) : [], domains: this.#settings.domains, trustedAuthservIds: this.#settings.trustedAuthservIds, resolver: this.#settings.resolver });
      for await (const r of this.#store.mail.indexRecords()) analyzer.learnRecord(JSON.parse(r) as IndexedMessage);
      return analyzer;
    })();
    return this.#analyzer;
  }

  async settings(): Promise<{ domains: readonly string[]; staff: number; learned: number; dnsChecks: boolean; trustedAuthservIds: readonly string[] }> {
    const a = await this.#current();
    return { domains: this.#settings.domains, staff: a.staffCount, learned: a.index.size, dnsChecks: this.#settings.resolver !== null, trustedAuthservIds: this.#settings.trustedAuthservIds };
  }

  /** Replace the staff directory (name, name_kana, email, department; name_romaji optional). */
  async setStaff(actor: Actor, csv: string): Promise<number> {
    const staff = parseStaffCsv(csv);
    if (staff.length === 0) throw new DomainError('validation_failed', '職員が読み取れません（name, name_kana, email, department の列が必要です） / no staff rows (need name, name_kana, email, department)');
    await this.#settingsRepo.set(STAFF_KEY, csv, iso(this.#clock.now()));
    this.#analyzer = null;
    await this.#audit.record(actor, { action: 'mail.staff_set', targetType: 'mail', detail: { staff: staff.length } });
    return staff.length;
  }

  /** Every message in an uploaded file (EML, mbox, zip of EMLs …) or posted by the MTA. */
  async submit(actor: Actor, body: Readable | ReadableStream<Uint8Array>, filename: string, source: 'api' | 'upload' | 'watch', envelope: Envelope = {}): Promise<{ judged: JudgedMessage[]; unreadable: number }> {
    const judged: JudgedMessage[] = [];
    let unreadable = 0;
    // Only the messages are kept (each in the evidence store); the uploaded container is not.
    await this.#evidence.withSpooled(body, MAX_MESSAGE * 10, async (file) => {
      for await (const entry of this.#source.entries(file, filename, MAX_MESSAGE)) {
        if (entry.kind !== 'message') continue;
        const j = entry.data ? await this.#judge(entry.data, entry.item, source, envelope) : null;
        if (j) judged.push(j);
        else unreadable += 1;
      }
    });
    await this.#audit.record(actor, { action: 'mail.analyze', targetType: 'mail', detail: { source, messages: judged.length, unreadable, danger: judged.filter((j) => j.row.verdict === '危険').length } });
    return { judged, unreadable };
  }

  /** A file dropped into the watched folder (system actor). */
  async submitFile(file: string, name: string): Promise<{ judged: JudgedMessage[]; unreadable: number }> {
    return this.submit({ id: null, name: 'mail-watch', ip: null }, createReadStream(file), name, 'watch');
  }

  async #judge(raw: Buffer, item: string, source: string, envelope: Envelope): Promise<JudgedMessage | null> {
    const analyzer = await this.#current();
    const result = await analyzer.analyze(raw, envelope);
    if (!result) return null;
    const { sha256 } = await this.#evidence.put(Readable.from([raw]), MAX_MESSAGE);
    const f = result.parsed.facts;
    const now = iso(this.#clock.now());
    const row = await this.#store.mail.insert({
      id: randomUUID(),
      sha256,
      size: raw.length,
      source,
      item: item.slice(0, 500),
      message_id: f.messageId,
      from_address: f.fromAddress,
      from_name: f.fromName.slice(0, 300),
      subject: f.subject.slice(0, 500),
      sent_at: f.at === null ? null : new Date(f.at).toISOString(),
      verdict: result.analysis.verdict,
      score: result.analysis.score,
      reasons: JSON.stringify(result.analysis.reasons),
      indicators: JSON.stringify(result.analysis.indicators),
      state: 'open',
      note: '',
      case_id: null,
      reviewed_by: null,
      received_at: now,
      updated_at: now,
    });
    // Only mail judged safe teaches the index: an attacker's reply must not make them a participant.
    if (result.analysis.verdict === '安全') {
      const record = MailAnalyzer.record(result.parsed);
      if (await this.#store.mail.learn(record.messageId ?? sha256, JSON.stringify(record), now)) analyzer.learnRecord(record);
    }
    return { row, analysis: result.analysis };
  }

  /** The hospital's own sent/received mail: only learned into the thread index, not judged. */
  async learnHistory(actor: Actor, body: Readable | ReadableStream<Uint8Array>, filename: string): Promise<{ learned: number; known: number; unreadable: number }> {
    const analyzer = await this.#current();
    let learned = 0;
    let known = 0;
    let unreadable = 0;
    const now = iso(this.#clock.now());
    await this.#evidence.withSpooled(body, MAX_MESSAGE * 100, async (file) => {
      for await (const entry of this.#source.entries(file, filename, MAX_MESSAGE)) {
        if (entry.kind !== 'message') continue;
        const parsed = entry.data ? await parseMessage(entry.data) : null;
        if (!parsed || !entry.data) {
          unreadable += 1;
          continue;
        }
        const record = MailAnalyzer.record(parsed);
        if (await this.#store.mail.learn(record.messageId ?? createHash('sha256').update(entry.data).digest('hex'), JSON.stringify(record), now)) {
          analyzer.learnRecord(record);
          learned += 1;
        } else known += 1;
      }
    });
    await this.#audit.record(actor, { action: 'mail.learn_history', targetType: 'mail', detail: { learned, known, unreadable } });
    return { learned, known, unreadable };
  }

  async list(filter: MailMessageFilter): Promise<{ rows: MailMessageRow[]; total: number; counts: Record<string, number> }> {
    return { ...(await this.#store.mail.list(filter)), counts: await this.#store.mail.counts() };
  }

  async #require(id: string): Promise<MailMessageRow> {
    const row = await this.#store.mail.find(id);
    if (!row) throw new DomainError('not_found', 'メッセージが見つかりません / Message not found');
    return row;
  }

  async #raw(row: MailMessageRow): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of this.#evidence.read(row.sha256)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  /** One message with headers and a text preview; a read of mail content, so it is audited. */
  async detail(actor: Actor, id: string): Promise<MailDetail> {
    const row = await this.#require(id);
    const parsed = await parseMessage(await this.#raw(row), { trustedAuthservIds: this.#settings.trustedAuthservIds });
    await this.#audit.record(actor, { action: 'mail.read', targetType: 'mail_message', targetId: id });
    const { fresh, quoted } = splitQuoted(parsed?.facts.text ?? '');
    return {
      row,
      headers: (parsed?.headers ?? []).slice(0, 200).map((h) => ({ key: h.key, value: h.value.slice(0, 2000) })),
      text: fresh.slice(0, PREVIEW_CHARS),
      quoted: quoted.slice(0, PREVIEW_CHARS),
      attachments: (parsed?.facts.attachments ?? []).map((a) => ({ filename: a.filename, size: a.size, sha256: a.sha256, flags: a.flags })),
    };
  }

  async review(actor: Actor, id: string, state: MailState, note: string): Promise<MailMessageRow> {
    await this.#require(id);
    await this.#store.mail.update(id, { state, note, reviewed_by: actor.name, updated_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'mail.review', targetType: 'mail_message', targetId: id, detail: { state } });
    return this.#require(id);
  }

  /**
   * Open a case (なりすましメール・マルウェア) or join an existing one: the raw message and an
   * indicator list (sender, domains, URLs, attachment SHA-256) become evidence with custody.
   */
  async escalate(actor: Actor, id: string, caseId: string | null): Promise<{ row: MailMessageRow; caseId: string }> {
    const row = await this.#require(id);
    if (row.case_id && (!caseId || caseId === row.case_id)) return { row, caseId: row.case_id };
    const reasons = JSON.parse(row.reasons) as Reason[];
    const ind = JSON.parse(row.indicators) as Indicators;
    const target =
      caseId ??
      (
        await this.#cases.create(actor, {
          title: `なりすまし・不審メールの受信（${row.from_address || '差出人不明'}）`,
          type: 'spoofed_mail_malware',
          severity: row.verdict === '危険' ? 'high' : 'medium',
          knownAt: iso(this.#clock.now()),
          summary: `不審メールの判定: ${row.verdict}（スコア${row.score}）\n${reasons.map((r) => `・${r.text}`).join('\n')}`,
          tags: ['不審メール'],
        })
      ).id;
    await this.#response.addEvidence(actor, target, Readable.from([await this.#raw(row)]), { filename: `mail-${row.id}.eml`, description: `不審メール（${row.verdict}、スコア${row.score}）の原本`, acquiredAt: row.received_at, acquiredBy: actor.name, source: `Mamori 不審メール判定（${row.source}）` });
    const lines: string[][] = [['種別', '値'], ['差出人', ind.sender], ...ind.domains.map((d) => ['ドメイン', d]), ...ind.urls.map((u) => ['URL', u]), ...ind.attachments.map((a) => ['添付SHA-256', `${a.sha256} ${a.filename}`])];
    await this.#response.addEvidence(actor, target, Readable.from([Buffer.from(`\uFEFF${lines.map((l) => csvLine(l)).join('')}`)]), { filename: `mail-${row.id}-indicators.csv`, description: '不審メールの指標（ブロック・検索用）', acquiredAt: null, acquiredBy: actor.name, source: 'Mamori 不審メール判定' });
    await this.#cases.addTimeline(actor, target, { date: isoJst(Date.parse(row.received_at)).slice(0, 10), time: isoJst(Date.parse(row.received_at)).slice(11, 16), approximate: false, source: 'Mamori', category: '検知', body: `不審メールを検知（${row.verdict}、スコア${row.score}）：差出人 ${row.from_address}`, inPublicNotice: false, inAuthorityReport: false, evidenceIds: [] });
    await this.#store.mail.update(id, { case_id: target, state: 'confirmed', reviewed_by: actor.name, updated_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'mail.escalate', targetType: 'mail_message', targetId: id, detail: { caseId: target, joined: caseId !== null } });
    return { row: await this.#require(id), caseId: target };
  }

  /**
   * Everyone a compromised mailbox (an evidence file of the case) exchanged mail with in a period,
   * imported into the case's register as 取引先 with their address, ready for an e-mail campaign.
   * The same evidence and period import once.
   */
  async importCorrespondents(actor: Actor, caseId: string, evidenceId: string, opts: { since?: number; until?: number; excludeDomains: readonly string[] }): Promise<ImportResult & { addresses: number; messages: number }> {
    const ev = await this.#store.response.findEvidence(evidenceId);
    if (!ev || ev.case_id !== caseId) throw new DomainError('not_found', '証拠が見つかりません / Evidence not found');
    const source = `correspondents-${evidenceId.slice(0, 8)}-${opts.since ?? 'all'}-${opts.until ?? 'all'}`;
    const list = new CorrespondentList({ ...(opts.since !== undefined ? { since: opts.since } : {}), ...(opts.until !== undefined ? { until: opts.until } : {}), internalDomains: this.#settings.domains, excludeDomains: [...opts.excludeDomains, ...this.#settings.domains] });
    for await (const entry of this.#source.entries(this.#evidence.pathOf(ev.sha256), ev.filename, MAX_MESSAGE)) {
      if (entry.kind !== 'message' || !entry.data) continue;
      const m = await messageAddresses(entry.data);
      if (m) list.add(m);
    }
    const rows = list.list().filter((c) => !c.internal);
    if (await this.#people.hasSource(caseId, `${source}:`)) return { rows: 0, created: 0, merged: 0, errors: [], addresses: rows.length, messages: list.messagesInWindow };
    const records = rows.map((c) => ({ 区分: '取引先', 氏名: (c.name || c.address).slice(0, 100), メールアドレス: c.address, 項目: 'メールアドレス' }));
    const result = await this.#people.importRecords(actor, caseId, { records, lines: records.map((_, i) => i + 1) }, source);
    await this.#audit.record(actor, { action: 'case.correspondents_import', targetType: 'case', targetId: caseId, detail: { evidenceId, addresses: rows.length, created: result.created } });
    return { ...result, addresses: rows.length, messages: list.messagesInWindow };
  }
}
