/**
 * Breach scoping as a use case: scan a case's evidence (a stolen mailbox, a file-share export, a
 * database dump) in a resumable background job, keep the per-item results and the person records,
 * publish the breach table (DOCX / xlsx / printable HTML), and import the distinct persons into
 * the case's affected-people register in one step. Person values are personal data: they are read
 * masked by default, revealed only by a separate privileged call, and every read is audited.
 */
import { randomUUID } from 'node:crypto';
import type { EvidenceStore } from '../../connectors/evidence-store.js';
import type { ScanSource } from '../../connectors/scan-source.js';
import type { Actor } from '../../core/actor.js';
import { iso, type Clock } from '../../core/clock.js';
import type { DocBlock } from '../../core/document-blocks.js';
import { DomainError } from '../../core/errors.js';
import { DATA_ITEMS } from '../../core/incidents/legal-assessment.js';
import type { JobContext, JobResult } from '../../core/jobs.js';
import { formatJst } from '../../core/jst.js';
import { ITEM_CATEGORIES, type ItemCategory } from '../../core/pii/item-result.js';
import { maskValues } from '../../core/pii/mask.js';
import { approxPeople, noticeItems } from '../../core/pii/notice-phrase.js';
import { PersonIndex, type PersonRecord } from '../../core/pii/person-records.js';
import { PII_KINDS, type PiiKind } from '../../core/pii/pii-kinds.js';
import type { KindCounts, ScanItem, ScannedItem, ScanPart } from '../../core/pii/scan-item.js';
import { DEFAULT_SCAN_OPTIONS, type ScanOptions } from '../../core/pii/scan-options.js';
import { ScanSummary, type ScanSummaryLine } from '../../core/pii/scan-summary.js';
import type { IncidentStore } from '../../db/incident-store.js';
import type { ScanItemRow, ScanPersonRow, ScanRow } from '../../db/repositories/scan.repository.js';
import type { AffectedPeopleService, ImportResult } from '../affected-people.service.js';
import type { AuditService } from '../audit.service.js';
import { renderDocx, renderHtml } from '../documents/docx-writer.js';
import { writeXlsx } from '../documents/xlsx.js';
import type { JobService } from '../job.service.js';
import { scanEntry } from './scan-entry.js';

const MAX_ENTRY_BYTES = 200 * 1024 * 1024;
const BATCH = 50;

export interface ScanPerson {
  itemSeq: number;
  ord: number;
  category: string;
  values: Partial<Record<PiiKind, string>>;
  kinds: PiiKind[];
}

/** Kind → the register's 項目 (DATA_ITEMS) wording; age is not a register item. */
const ITEM_OF: Readonly<Partial<Record<PiiKind, keyof typeof DATA_ITEMS>>> = {
  name: 'name',
  name_kana: 'name',
  birth_date: 'birth_date',
  sex: 'sex',
  address: 'address',
  postal_code: 'address',
  phone: 'phone',
  email: 'email',
  patient_id: 'patient_id',
  my_number: 'my_number',
  insurance_no: 'insurance_number',
  credit_card: 'credit_card',
  bank_account: 'bank_account',
  diagnosis: 'diagnosis',
  test_result: 'test_result',
};

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function isCategory(c: string): c is ItemCategory {
  return (ITEM_CATEGORIES as readonly string[]).includes(c);
}

export function itemOfRow(r: ScanItemRow): ScanItem {
  return {
    item: r.item,
    message_id: r.message_id,
    kinds: parseJson<KindCounts>(r.kinds, {}),
    persons: r.persons,
    sensitive: r.sensitive === 1,
    category: isCategory(r.category) ? r.category : '個人情報なし',
    parts: parseJson<ScanPart[]>(r.parts, []),
  };
}

function recordOfRow(r: ScanPersonRow): PersonRecord {
  const values = parseJson<Partial<Record<PiiKind, string>>>(r.vals, {});
  return { values, kinds: parseJson<PiiKind[]>(r.kinds, []), ...(r.category === 'prose' ? { prose: true } : {}) };
}

export class BreachScanService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #jobs: JobService;
  readonly #evidence: EvidenceStore;
  readonly #source: ScanSource;
  readonly #people: AffectedPeopleService;
  readonly #options: ScanOptions;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock; jobs: JobService; evidence: EvidenceStore; source: ScanSource; people: AffectedPeopleService; options?: ScanOptions }) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#jobs = deps.jobs;
    this.#evidence = deps.evidence;
    this.#source = deps.source;
    this.#people = deps.people;
    this.#options = deps.options ?? DEFAULT_SCAN_OPTIONS;
  }

  /** Start scanning one evidence file of the case; the job does the work. */
  async start(actor: Actor, caseId: string, evidenceId: string): Promise<ScanRow> {
    const ev = await this.#store.response.findEvidence(evidenceId);
    if (!ev || ev.case_id !== caseId) throw new DomainError('not_found', '証拠ファイルが見つかりません / Evidence not found');
    const id = randomUUID();
    await this.#store.scans.insert({ id, case_id: caseId, evidence_id: evidenceId, source_name: ev.filename, state: 'queued', job_id: null, items_total: null, items_done: 0, summary: null, error: null, imported_at: null, created_by: actor.id, created_at: iso(this.#clock.now()), finished_at: null });
    const job = await this.#jobs.enqueue(actor, 'scan.run', { scanId: id });
    await this.#store.scans.update(id, { job_id: job.id });
    await this.#audit.record(actor, { action: 'case.scan_start', targetType: 'case', targetId: caseId, detail: { scanId: id, evidenceId } });
    return this.#require(caseId, id);
  }

  async list(caseId: string): Promise<ScanRow[]> {
    return this.#store.scans.list(caseId);
  }

  async get(caseId: string, scanId: string): Promise<ScanRow> {
    return this.#require(caseId, scanId);
  }

  async items(caseId: string, scanId: string, opts: { offset: number; limit: number; withPii: boolean }): Promise<ScanItem[]> {
    await this.#require(caseId, scanId);
    return (await this.#store.scans.items(scanId, opts)).map(itemOfRow);
  }

  /** The person register of a scan: masked unless `reveal`; both reads are audited, separately. */
  async persons(actor: Actor, caseId: string, scanId: string, opts: { offset: number; limit: number; reveal: boolean }): Promise<{ persons: ScanPerson[]; total: number }> {
    await this.#require(caseId, scanId);
    const [rows, total] = await Promise.all([this.#store.scans.persons(scanId, opts), this.#store.scans.personCount(scanId)]);
    await this.#audit.record(actor, { action: opts.reveal ? 'case.scan_persons_reveal' : 'case.scan_persons_read', targetType: 'scan', targetId: scanId, detail: { rows: rows.length, offset: opts.offset } });
    return {
      total,
      persons: rows.map((r) => {
        const rec = recordOfRow(r);
        return { itemSeq: r.item_seq, ord: r.ord, category: r.category, values: opts.reveal ? rec.values : maskValues(rec.values), kinds: rec.kinds };
      }),
    };
  }

  /** The job: resumable — items already written are skipped, so a crash never duplicates rows. */
  async run(payload: { scanId: string }, ctx: JobContext): Promise<JobResult> {
    const scan = await this.#store.scans.find(payload.scanId);
    if (!scan) return { outcome: 'skipped', summary: 'scan not found' };
    if (scan.state === 'succeeded') return { outcome: 'skipped', summary: 'already finished' };
    const ev = await this.#store.response.findEvidence(scan.evidence_id);
    if (!ev) return this.#fail(scan.id, 'evidence missing');
    const file = this.#evidence.pathOf(ev.sha256);
    const total = scan.items_total ?? (await this.#source.count(file, ev.filename));
    const last = await this.#store.scans.lastSeq(scan.id);
    await this.#store.scans.update(scan.id, { state: 'running', items_total: total, error: null });
    let seq = 0;
    const pending: Array<{ seq: number; item: ScannedItem }> = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const batch = pending.splice(0);
      const done = (batch.at(-1)?.seq ?? 0) + 1;
      await this.#store.transaction(async (tx) => {
        await tx.scans.insertItems(
          batch.map(({ seq: s, item }) => ({ scan_id: scan.id, seq: s, item: item.item, message_id: item.message_id, category: item.category, persons: item.persons, sensitive: item.sensitive ? 1 : 0, kinds: JSON.stringify(item.kinds), parts: JSON.stringify(item.parts) })),
          batch.flatMap(({ seq: s, item }) => item.people.map((p, ord) => ({ scan_id: scan.id, item_seq: s, ord, category: p.prose ? 'prose' : item.category, vals: JSON.stringify(p.values), kinds: JSON.stringify(p.kinds) }))),
        );
        await tx.scans.update(scan.id, { items_done: done });
      });
      await ctx.progress(done, total !== null && total >= done ? total : null, `${done}${total ? ` / ${total}` : ''}`);
    };
    try {
      for await (const entry of this.#source.entries(file, ev.filename, MAX_ENTRY_BYTES)) {
        for await (const item of scanEntry(entry, this.#options)) {
          if (seq > last) {
            pending.push({ seq, item });
            if (pending.length >= BATCH) await flush();
          }
          seq += 1;
        }
      }
      await flush();
    } catch (error) {
      // Unexpected failure (disk, database): what was written stays; the retry resumes after it.
      await this.#store.scans.update(scan.id, { state: 'queued', error: 'interrupted' });
      throw error;
    }
    const summary = await this.#summarize(scan.id);
    await this.#store.scans.update(scan.id, { state: 'succeeded', items_total: summary.items, items_done: summary.items, summary: JSON.stringify(summary), finished_at: iso(this.#clock.now()) });
    return { outcome: 'succeeded', summary: `${summary.items} items, ${summary.items_with_pii} with personal data, ${summary.persons} persons`, data: { items: summary.items, itemsWithPii: summary.items_with_pii, persons: summary.persons } };
  }

  async #summarize(scanId: string): Promise<ScanSummaryLine> {
    const summary = new ScanSummary();
    for await (const r of this.#store.scans.allItems(scanId)) summary.addItem(itemOfRow(r));
    const people: PersonRecord[] = [];
    for await (const r of this.#store.scans.allPersons(scanId)) people.push(recordOfRow(r));
    summary.addPeople(people);
    return summary.result();
  }

  async #fail(scanId: string, error: string): Promise<JobResult> {
    await this.#store.scans.update(scanId, { state: 'failed', error, finished_at: iso(this.#clock.now()) });
    return { outcome: 'failed', summary: error };
  }

  async #require(caseId: string, scanId: string): Promise<ScanRow> {
    const scan = await this.#store.scans.find(scanId);
    if (!scan || scan.case_id !== caseId) throw new DomainError('not_found', '調査が見つかりません / Scan not found');
    return scan;
  }

  #summaryOf(scan: ScanRow): ScanSummaryLine {
    const summary = this.summaryOf(scan);
    if (!summary) throw new DomainError('conflict', '調査が完了していません / Scan has not finished');
    return summary;
  }

  /**
   * Import the distinct persons into the case's register: records are first merged by the
   * de-duplication rule (ADR 0009), then go through the register's own validation and matching,
   * so importing twice creates no duplicates. Persons with neither name nor patient ID are
   * reported as rejected rows (the register needs one of them).
   */
  async importToCase(actor: Actor, caseId: string, scanId: string): Promise<ImportResult> {
    const scan = await this.#require(caseId, scanId);
    this.#summaryOf(scan);
    // The register import is one transaction, so rows carrying this scan's source exist all or
    // none: finding one means the scan was imported already (a retry after a crash included).
    const source = `scan-${scanId}`;
    if (await this.#people.hasSource(caseId, `${source}:`)) {
      return { rows: 0, created: 0, merged: 0, errors: [] };
    }
    const records: PersonRecord[] = [];
    const categories: string[] = [];
    for await (const r of this.#store.scans.allPersons(scanId)) {
      records.push(recordOfRow(r));
      categories.push(r.category);
    }
    const index = new PersonIndex();
    for (const r of records) index.add(r);
    const merged = new Map<number, { rec: PersonRecord; staff: boolean }>();
    records.forEach((r, i) => {
      const root = index.find(i);
      const m = merged.get(root);
      const staff = categories[i] === '職員・関係者リスト';
      if (!m) merged.set(root, { rec: { values: { ...r.values }, kinds: [...r.kinds] }, staff });
      else {
        for (const [k, v] of Object.entries(r.values) as Array<[PiiKind, string]>) m.rec.values[k] ??= v;
        m.rec.kinds = [...new Set([...m.rec.kinds, ...r.kinds])];
      }
    });
    const rows = [...merged.values()].map(({ rec, staff }) => ({
      区分: staff ? '職員' : '患者',
      氏名: rec.values.name ?? '',
      フリガナ: rec.values.name_kana ?? '',
      生年月日: rec.values.birth_date ?? '',
      患者ID: rec.values.patient_id ?? '',
      郵便番号: rec.values.postal_code ?? '',
      住所: rec.values.address ?? '',
      電話番号: rec.values.phone ?? '',
      メールアドレス: rec.values.email ?? '',
      項目: [...new Set(PII_KINDS.filter((k) => rec.kinds.includes(k)).flatMap((k) => (ITEM_OF[k] ? [DATA_ITEMS[ITEM_OF[k]].label] : [])))].join('、'),
    }));
    const result = await this.#people.importRecords(actor, caseId, { records: rows, lines: rows.map((_, i) => i + 1) }, source);
    await this.#store.scans.update(scanId, { imported_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'case.scan_import', targetType: 'scan', targetId: scanId, detail: { persons: rows.length, created: result.created, merged: result.merged, rejected: result.errors.length } });
    return result;
  }

  /** The breach table as document blocks (no personal data: counts, kinds and categories only). */
  async tableBlocks(caseId: string, scanId: string): Promise<{ title: string; blocks: DocBlock[] }> {
    const scan = await this.#require(caseId, scanId);
    const s = this.#summaryOf(scan);
    const title = '個人情報を含むメール・ファイルの調査結果（影響範囲調査）';
    const blocks: DocBlock[] = [
      { kind: 'title', text: title },
      { kind: 'text', text: `調査対象：${scan.source_name}\n調査完了：${scan.finished_at ? formatJst(new Date(scan.finished_at)) : ''}\n調査件数：${s.items.toLocaleString('ja-JP')}件（うち個人情報を含むもの ${s.items_with_pii.toLocaleString('ja-JP')}件）` },
      { kind: 'table', header: ['内容', '件数', '対象人数'], rows: s.table.map((r) => [`${r.level ? '└ ' : ''}${r.label}`, `${r.items.toLocaleString('ja-JP')}件`, r.status ? '—' : `${r.persons.toLocaleString('ja-JP')}人`]) },
      { kind: 'text', text: `重複を除いた対象人数：${s.persons.toLocaleString('ja-JP')}人（${approxPeople(s.persons)}）\n${noticeItems(s.table)}` },
      { kind: 'text', text: '※ 対象人数は各メール・ファイルに含まれる人数の合計です。同一人物（同じ患者ID、または同じ氏名と生年月日）は重複を除いた人数で別に示しています。未検査の行は、パスワード付きファイル等で内容を確認できなかったものです。' },
    ];
    return { title, blocks };
  }

  async tableDocument(caseId: string, scanId: string, format: 'docx' | 'html' | 'xlsx'): Promise<Buffer | string> {
    const { title, blocks } = await this.tableBlocks(caseId, scanId);
    switch (format) {
      case 'docx':
        return renderDocx(title, blocks);
      case 'html':
        return renderHtml(title, blocks);
      case 'xlsx': {
        const table = blocks.find((b) => b.kind === 'table');
        return writeXlsx('影響範囲', table?.kind === 'table' ? table.header : [], table?.kind === 'table' ? table.rows : []);
      }
    }
  }

  summaryOf(scan: ScanRow): ScanSummaryLine | null {
    return scan.state === 'succeeded' && scan.summary ? parseJson<ScanSummaryLine | null>(scan.summary, null) : null;
  }
}
