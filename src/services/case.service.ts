import { randomUUID } from 'node:crypto';
import type { CreateCaseRequest, TimelineEntryRequest, UpdateCaseRequest } from '../contracts/incidents.js';
import type { Actor } from '../core/actor.js';
import { iso, type Clock } from '../core/clock.js';
import { csvLine } from '../core/csv.js';
import { DomainError } from '../core/errors.js';
import { formatCaseNumber, isCaseType, type CaseType } from '../core/incidents/case-model.js';
import { diffFields } from '../core/incidents/change-log.js';
import { jstDate } from '../core/incidents/deadlines.js';
import { validateTimelineRows, type TimelineDraft } from '../core/incidents/timeline-csv.js';
import type { IncidentStore } from '../db/incident-store.js';
import type { CaseChangeRow, CaseRow } from '../db/repositories/case.repository.js';
import type { TimelineRow } from '../db/repositories/timeline.repository.js';
import type { AuditService } from './audit.service.js';
import { readCsvRecords } from './csv-records.js';
import { writeXlsx } from './documents/xlsx.js';

/**
 * Prepares a re-assessment (reads settings outside the transaction) for changes that move
 * deadlines (knownAt, type); wired to BreachAssessmentService.prepareReassess.
 */
export type ReassessHook = () => Promise<(store: IncidentStore, actor: Actor, caseId: string, reason: string) => Promise<void>>;

/** Max size of an imported timeline CSV. */
const MAX_CSV_BYTES = 5 * 1024 * 1024;

/**
 * Cases (インシデント) and their 経緯 timeline. Every field change is written to case_changes
 * (who, when, before/after) inside the same transaction as the change itself.
 */
export class CaseService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  #reassess: ReassessHook | null = null;
  #created: ((actor: Actor, caseId: string) => Promise<unknown>) | null = null;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock }) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  onDeadlineFactsChanged(hook: ReassessHook): void {
    this.#reassess = hook;
  }

  /** Runs after a case is created (the response service adds the playbook's tasks). */
  onCreated(hook: (actor: Actor, caseId: string) => Promise<unknown>): void {
    this.#created = hook;
  }

  async create(actor: Actor, input: CreateCaseRequest): Promise<CaseRow> {
    const now = this.#clock.now();
    const year = Number(jstDate(now).slice(0, 4));
    const id = randomUUID();
    // Two people creating a case at the same moment may pick the same number; the unique
    // constraint refuses the second and we retry with the next one.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.#store.transaction(async (tx) => {
          const seq = await tx.cases.nextSeq(year);
          await tx.cases.insert({
            id,
            number: formatCaseNumber(year, seq),
            year,
            seq,
            title: input.title,
            type: input.type,
            severity: input.severity,
            status: 'open',
            phase: 'detect',
            known_at: new Date(input.knownAt).toISOString(),
            occurred_at: input.occurredAt ? new Date(input.occurredAt).toISOString() : null,
            owner_id: actor.id,
            team: JSON.stringify(actor.id ? [actor.id] : []),
            tags: JSON.stringify(input.tags),
            summary: input.summary,
            created_by: actor.id,
            created_at: iso(now),
            updated_at: iso(now),
          });
        });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    await this.#audit.record(actor, { action: 'case.create', targetType: 'case', targetId: id, detail: { type: input.type } });
    if (this.#created) await this.#created(actor, id);
    return this.get(id);
  }

  async get(id: string): Promise<CaseRow> {
    const row = await this.#store.cases.findById(id);
    if (!row) throw new DomainError('not_found', 'インシデントが見つかりません / Case not found');
    return row;
  }

  async list(filter: { status?: string | undefined } = {}): Promise<CaseRow[]> {
    return this.#store.cases.list(filter);
  }

  async update(actor: Actor, id: string, patch: UpdateCaseRequest): Promise<CaseRow> {
    const now = iso(this.#clock.now());
    const current = await this.get(id);
    const next = {
      title: patch.title,
      type: patch.type,
      severity: patch.severity,
      phase: patch.phase,
      status: patch.status,
      known_at: patch.knownAt ? new Date(patch.knownAt).toISOString() : undefined,
      occurred_at: patch.occurredAt === undefined ? undefined : patch.occurredAt ? new Date(patch.occurredAt).toISOString() : null,
      summary: patch.summary,
      tags: patch.tags ? JSON.stringify(patch.tags) : undefined,
      owner_id: patch.ownerId,
    };
    const changes = diffFields(current, next);
    if (changes.length === 0) return current;
    const movesDeadlines = changes.some((c) => c.field === 'known_at' || c.field === 'type');
    const reassess = movesDeadlines && this.#reassess ? await this.#reassess() : null;
    await this.#store.transaction(async (tx) => {
      const set: Record<string, unknown> = {};
      for (const c of changes) set[c.field] = c.after;
      await tx.cases.update(id, { ...set, updated_at: now });
      await tx.cases.addChanges(
        changes.map((c) => ({
          id: randomUUID(),
          case_id: id,
          at: now,
          actor_id: actor.id,
          actor_name: actor.name,
          entity: 'case',
          entity_id: id,
          field: c.field,
          before: JSON.stringify(c.before),
          after: JSON.stringify(c.after),
        })),
      );
      if (reassess) await reassess(tx, actor, id, '発覚日時または種別の変更に伴う再評価');
    });
    await this.#audit.record(actor, { action: 'case.update', targetType: 'case', targetId: id, detail: { fields: changes.map((c) => c.field) } });
    return this.get(id);
  }

  async changes(id: string): Promise<CaseChangeRow[]> {
    await this.get(id);
    return this.#store.cases.changes(id);
  }

  async timeline(caseId: string): Promise<TimelineRow[]> {
    await this.get(caseId);
    return this.#store.timeline.list(caseId);
  }

  async addTimeline(actor: Actor, caseId: string, entry: TimelineEntryRequest): Promise<TimelineRow> {
    await this.get(caseId);
    await this.#requireEvidence(caseId, entry.evidenceIds);
    const [id] = await this.#insertTimeline(this.#store, actor, caseId, [entry]);
    await this.#audit.record(actor, { action: 'case.timeline_add', targetType: 'case', targetId: caseId });
    const row = id ? await this.#store.timeline.findById(id) : undefined;
    if (!row) throw new Error('timeline entry vanished');
    return row;
  }

  async updateTimeline(actor: Actor, caseId: string, entryId: string, entry: TimelineEntryRequest): Promise<TimelineRow> {
    const current = await this.#store.timeline.findById(entryId);
    if (!current || current.case_id !== caseId || current.deleted === 1) throw new DomainError('not_found', '経緯が見つかりません / Entry not found');
    const now = iso(this.#clock.now());
    const next = {
      date: entry.date,
      time: entry.time,
      approximate: entry.approximate ? 1 : 0,
      source: entry.source,
      category: entry.category,
      body: entry.body,
      in_public_notice: entry.inPublicNotice ? 1 : 0,
      in_authority_report: entry.inAuthorityReport ? 1 : 0,
      evidence_ids: JSON.stringify(entry.evidenceIds),
    };
    await this.#requireEvidence(caseId, entry.evidenceIds);
    const changes = diffFields(current, next);
    await this.#store.transaction(async (tx) => {
      await tx.timeline.update(entryId, { ...next, updated_at: now });
      await tx.cases.addChanges(changes.map((c) => this.#change(actor, caseId, 'timeline', entryId, c.field, c.before, c.after, now)));
    });
    await this.#audit.record(actor, { action: 'case.timeline_update', targetType: 'case', targetId: caseId });
    const row = await this.#store.timeline.findById(entryId);
    if (!row) throw new Error('timeline entry vanished');
    return row;
  }

  async deleteTimeline(actor: Actor, caseId: string, entryId: string): Promise<void> {
    const current = await this.#store.timeline.findById(entryId);
    if (!current || current.case_id !== caseId || current.deleted === 1) throw new DomainError('not_found', '経緯が見つかりません / Entry not found');
    const now = iso(this.#clock.now());
    await this.#store.transaction(async (tx) => {
      await tx.timeline.update(entryId, { deleted: 1, updated_at: now });
      await tx.cases.addChanges([this.#change(actor, caseId, 'timeline', entryId, 'deleted', false, true, now)]);
    });
    await this.#audit.record(actor, { action: 'case.timeline_delete', targetType: 'case', targetId: caseId });
  }

  /**
   * Import 経緯 from CSV (UTF-8, with or without BOM). All rows are validated first; if any row is
   * invalid nothing is written and every bad row is reported with its line number.
   */
  async importTimeline(actor: Actor, caseId: string, csv: string): Promise<{ imported: number }> {
    await this.get(caseId);
    if (Buffer.byteLength(csv) > MAX_CSV_BYTES) throw new DomainError('payload_too_large', 'CSVが大きすぎます / CSV too large');
    const { records, lines } = readCsvRecords(csv);
    const { drafts, errors } = validateTimelineRows(records, lines);
    if (errors.length > 0) {
      throw new DomainError('validation_failed', '経緯CSVに誤りがあります。何も取り込んでいません / Timeline CSV has errors; nothing imported', { errors });
    }
    await this.#store.transaction((tx) => this.#insertTimeline(tx, actor, caseId, drafts.map(draftToRequest)));
    await this.#audit.record(actor, { action: 'case.timeline_import', targetType: 'case', targetId: caseId, detail: { rows: drafts.length } });
    return { imported: drafts.length };
  }

  async exportTimelineXlsx(actor: Actor, caseId: string): Promise<Buffer> {
    const rows = await this.timeline(caseId);
    await this.#audit.record(actor, { action: 'case.timeline_export', targetType: 'case', targetId: caseId, detail: { rows: rows.length, format: 'xlsx' } });
    return writeXlsx(
      '経緯',
      ['日付', '時刻', '頃', '出典', '区分', '内容', '公表別表', '報告'],
      rows.map((r) => [r.date, r.time ?? '', r.approximate ? '○' : '', r.source, r.category, r.body, r.in_public_notice ? '○' : '', r.in_authority_report ? '○' : '']),
    );
  }

  async exportTimelineCsv(actor: Actor, caseId: string): Promise<string> {
    const rows = await this.timeline(caseId);
    let text = csvLine(['日付', '時刻', '頃', '出典', '区分', '内容', '公表別表', '報告']);
    for (const r of rows) {
      text += csvLine([r.date, r.time ?? '', r.approximate ? '○' : '', r.source, r.category, r.body, r.in_public_notice ? '○' : '', r.in_authority_report ? '○' : '']);
    }
    await this.#audit.record(actor, { action: 'case.timeline_export', targetType: 'case', targetId: caseId, detail: { rows: rows.length } });
    return text;
  }

  async #insertTimeline(store: IncidentStore, actor: Actor, caseId: string, entries: TimelineEntryRequest[]): Promise<string[]> {
    const now = iso(this.#clock.now());
    const rows = entries.map((e) => ({
      id: randomUUID(),
      case_id: caseId,
      date: e.date,
      time: e.time,
      approximate: e.approximate ? 1 : 0,
      source: e.source,
      category: e.category,
      body: e.body,
      in_public_notice: e.inPublicNotice ? 1 : 0,
      in_authority_report: e.inAuthorityReport ? 1 : 0,
      evidence_ids: JSON.stringify(e.evidenceIds),
      deleted: 0,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    }));
    await store.timeline.insert(rows);
    return rows.map((r) => r.id);
  }

  /** Linked evidence must exist and belong to the same case. */
  async #requireEvidence(caseId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const own = new Set((await this.#store.response.evidence(caseId)).map((e) => e.id));
    if (ids.some((id) => !own.has(id))) throw new DomainError('validation_failed', '証拠が見つかりません / Linked evidence not found in this case');
  }

  #change(actor: Actor, caseId: string, entity: string, entityId: string, field: string, before: unknown, after: unknown, at: string) {
    return { id: randomUUID(), case_id: caseId, at, actor_id: actor.id, actor_name: actor.name, entity, entity_id: entityId, field, before: JSON.stringify(before ?? null), after: JSON.stringify(after ?? null) };
  }
}

function draftToRequest(d: TimelineDraft): TimelineEntryRequest {
  return { ...d, evidenceIds: [] };
}

export function caseTypeOf(row: CaseRow): CaseType {
  return isCaseType(row.type) ? row.type : 'other';
}
