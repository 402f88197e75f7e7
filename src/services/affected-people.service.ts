import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/actor.js';
import { iso, type Clock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { DATA_ITEMS } from '../core/incidents/legal-assessment.js';
import { personKeys, validatePeopleRows, type PersonDraft, type RowError } from '../core/incidents/person-matching.js';
import type { IncidentStore } from '../db/incident-store.js';
import type { CampaignRow, MeasureRow, PersonRow } from '../db/repositories/people.repository.js';
import type { AuditService } from './audit.service.js';
import { readCsvRecords } from './csv-records.js';
import { readXlsxRecords } from './documents/xlsx.js';

export const CHANNELS = ['in_person', 'post', 'phone', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export const RECIPIENT_STATUSES = ['pending', 'sent', 'delivered', 'returned', 'unreachable'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** Words accepted in the 項目 column: every label of DATA_ITEMS plus common synonyms. */
const ITEM_WORDS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(DATA_ITEMS).map(([key, v]) => [v.label, key])),
  病名: 'diagnosis',
  病歴: 'diagnosis',
  症状: 'diagnosis',
  カルテ: 'medical_record',
  処方: 'prescription',
  服薬: 'prescription',
  メール: 'email',
  保険証番号: 'insurance_number',
};

const MAX_CSV_BYTES = 50 * 1024 * 1024;

export interface ImportResult {
  rows: number;
  created: number;
  merged: number;
  errors: RowError[];
}

export interface CampaignSummary {
  campaign: CampaignRow;
  counts: Record<string, number>;
}

function mergeList(a: string, b: readonly string[]): string {
  const parsed: unknown = JSON.parse(a);
  const base = Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  return JSON.stringify([...new Set([...base, ...b])]);
}

/**
 * The register of affected individuals (a read of it is a read of personal data and is audited),
 * notification campaigns with per-person delivery status, and 代替措置 for the unreachable.
 */
export class AffectedPeopleService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock }) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  /**
   * Import people from CSV. Bad rows are reported with line numbers and skipped; good rows are
   * written in one transaction, merged into existing people by the matching rule, so importing the
   * same file twice (e.g. after a crash) creates no duplicates.
   */
  async importCsv(actor: Actor, caseId: string, csv: string, sourceName: string): Promise<ImportResult> {
    await this.#requireCase(caseId);
    if (Buffer.byteLength(csv) > MAX_CSV_BYTES) throw new DomainError('payload_too_large', 'CSVが大きすぎます / CSV too large');
    return this.#importRecords(actor, caseId, readCsvRecords(csv), sourceName);
  }

  /** Same as importCsv for the first sheet of an .xlsx workbook (header in row 1). */
  async importXlsx(actor: Actor, caseId: string, data: Buffer, sourceName: string): Promise<ImportResult> {
    await this.#requireCase(caseId);
    return this.#importRecords(actor, caseId, await readXlsxRecords(data), sourceName);
  }

  /** True when any person of the case was imported from a source whose origin starts with `prefix`. */
  async hasSource(caseId: string, prefix: string): Promise<boolean> {
    return this.#store.people.hasSource(caseId, prefix);
  }

  /** Records already shaped like the CSV (Japanese headers), e.g. the persons a scan found. */
  async importRecords(actor: Actor, caseId: string, parsed: { records: Array<Record<string, string>>; lines: number[] }, sourceName: string): Promise<ImportResult> {
    await this.#requireCase(caseId);
    return this.#importRecords(actor, caseId, parsed, sourceName);
  }

  async #importRecords(actor: Actor, caseId: string, parsed: { records: Array<Record<string, string>>; lines: number[] }, sourceName: string): Promise<ImportResult> {
    const { records, lines } = parsed;
    const { drafts, errors } = validatePeopleRows(records, ITEM_WORDS, lines);
    const now = iso(this.#clock.now());
    const source = sourceName.replace(/[^\w.\-ぁ-んァ-ヶ一-龠]/g, '_').slice(0, 100) || 'upload.csv';
    const { created, merged } = await this.#store.transaction(async (tx) => {
      const existing = await tx.people.list(caseId);
      const byKey = new Map<string, PersonRow>();
      for (const p of existing) {
        if (p.key_pid) byKey.set(p.key_pid, p);
        if (p.key_name_birth) byKey.set(p.key_name_birth, p);
      }
      let createdCount = 0;
      let mergedCount = 0;
      for (const d of drafts) {
        const keys = personKeys({ name: d.name || null, birthDate: d.birthDate, patientId: d.patientId || null });
        const match = (keys.patientId ? byKey.get(keys.patientId) : undefined) ?? (keys.nameBirth ? byKey.get(keys.nameBirth) : undefined);
        const origin = `${source}:${d.line}`;
        if (match) {
          const patch = this.#fill(match, d, keys, origin, now);
          await tx.people.update(match.id, patch);
          Object.assign(match, patch);
          mergedCount += 1;
          if (match.key_pid) byKey.set(match.key_pid, match);
          if (match.key_name_birth) byKey.set(match.key_name_birth, match);
          continue;
        }
        const row: PersonRow = {
          id: randomUUID(),
          case_id: caseId,
          population: d.population,
          name: d.name,
          name_kana: d.nameKana,
          birth_date: d.birthDate,
          patient_id: d.patientId,
          postal_code: d.postalCode,
          address: d.address,
          phone: d.phone,
          email: d.email,
          items: JSON.stringify(d.items),
          sources: JSON.stringify([origin]),
          key_pid: keys.patientId,
          key_name_birth: keys.nameBirth,
          created_at: now,
          updated_at: now,
        };
        await tx.people.insert(row);
        createdCount += 1;
        if (row.key_pid) byKey.set(row.key_pid, row);
        if (row.key_name_birth) byKey.set(row.key_name_birth, row);
      }
      return { created: createdCount, merged: mergedCount };
    });
    await this.#audit.record(actor, { action: 'case.people_import', targetType: 'case', targetId: caseId, detail: { rows: records.length, created, merged, rejected: errors.length } });
    return { rows: records.length, created, merged, errors };
  }

  /** The register; every call is an audited read of personal data. */
  async list(actor: Actor, caseId: string, page: { offset: number; limit: number } = { offset: 0, limit: 500 }): Promise<{ rows: PersonRow[]; total: number }> {
    await this.#requireCase(caseId);
    const [rows, total] = await Promise.all([this.#store.people.list(caseId, page.limit, page.offset), this.#store.people.count(caseId)]);
    await this.#audit.record(actor, { action: 'case.people_read', targetType: 'case', targetId: caseId, detail: { rows: rows.length, offset: page.offset } });
    return { rows, total };
  }

  async count(caseId: string): Promise<number> {
    return this.#store.people.count(caseId);
  }

  async createCampaign(actor: Actor, caseId: string, input: { name: string; channel: Channel }): Promise<CampaignRow> {
    await this.#requireCase(caseId);
    const id = randomUUID();
    const now = iso(this.#clock.now());
    await this.#store.transaction(async (tx) => {
      await tx.people.insertCampaign({ id, case_id: caseId, name: input.name, channel: input.channel, created_by: actor.id, created_at: now });
      const people = await tx.people.list(caseId);
      await tx.people.insertRecipients(people.map((p) => ({ id: randomUUID(), campaign_id: id, person_id: p.id, status: 'pending', attempts: 0, last_attempt_at: null, note: '', updated_at: now })));
    });
    await this.#audit.record(actor, { action: 'case.campaign_create', targetType: 'case', targetId: caseId, detail: { campaignId: id, channel: input.channel } });
    const row = await this.#store.people.findCampaign(id);
    if (!row) throw new Error('campaign vanished');
    return row;
  }

  async campaigns(caseId: string): Promise<CampaignSummary[]> {
    await this.#requireCase(caseId);
    const rows = await this.#store.people.campaigns(caseId);
    return Promise.all(rows.map(async (campaign) => ({ campaign, counts: await this.#store.people.statusCounts(campaign.id) })));
  }

  async recipients(actor: Actor, caseId: string, campaignId: string) {
    await this.#requireCampaign(caseId, campaignId);
    const rows = await this.#store.people.recipients(campaignId);
    await this.#audit.record(actor, { action: 'case.people_read', targetType: 'campaign', targetId: campaignId, detail: { rows: rows.length } });
    return rows;
  }

  async setStatus(actor: Actor, caseId: string, campaignId: string, recipientIds: string[], status: RecipientStatus, note?: string): Promise<number> {
    await this.#requireCampaign(caseId, campaignId);
    const n = await this.#store.transaction((tx) => tx.people.updateRecipients(campaignId, recipientIds, { status, at: iso(this.#clock.now()), ...(note !== undefined ? { note } : {}) }));
    await this.#audit.record(actor, { action: 'case.campaign_status', targetType: 'campaign', targetId: campaignId, detail: { status, count: n } });
    return n;
  }

  /** How many people could not be reached, and which 代替措置 were taken. */
  async reachability(caseId: string): Promise<{ people: number; unreachable: number; measures: MeasureRow[]; alternativeNeeded: boolean }> {
    await this.#requireCase(caseId);
    const [people, unreachable, measures] = await Promise.all([this.#store.people.count(caseId), this.#store.people.unreachableCount(caseId), this.#store.people.measures(caseId)]);
    const kinds = new Set(measures.map((m) => m.kind));
    return { people, unreachable, measures, alternativeNeeded: unreachable > 0 && !(kinds.has('public_notice') && kinds.has('hotline')) };
  }

  async recordMeasure(actor: Actor, caseId: string, input: { kind: 'public_notice' | 'hotline'; description: string }): Promise<MeasureRow[]> {
    const { unreachable } = await this.reachability(caseId);
    await this.#store.people.insertMeasure({ id: randomUUID(), case_id: caseId, kind: input.kind, description: input.description, people_count: unreachable, created_by: actor.id, created_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'case.alternative_measure', targetType: 'case', targetId: caseId, detail: { kind: input.kind, people: unreachable } });
    return this.#store.people.measures(caseId);
  }

  #fill(match: PersonRow, d: PersonDraft, keys: ReturnType<typeof personKeys>, origin: string, now: string) {
    // Existing values win; a new record only fills blanks and adds items and sources.
    return {
      name: match.name || d.name,
      name_kana: match.name_kana || d.nameKana,
      birth_date: match.birth_date ?? d.birthDate,
      patient_id: match.patient_id || d.patientId,
      postal_code: match.postal_code || d.postalCode,
      address: match.address || d.address,
      phone: match.phone || d.phone,
      email: match.email || d.email,
      items: mergeList(match.items, d.items),
      sources: mergeList(match.sources, [origin]),
      key_pid: match.key_pid ?? keys.patientId,
      key_name_birth: match.key_name_birth ?? keys.nameBirth,
      updated_at: now,
    };
  }

  async #requireCase(caseId: string): Promise<void> {
    if (!(await this.#store.cases.findById(caseId))) throw new DomainError('not_found', 'インシデントが見つかりません / Case not found');
  }

  async #requireCampaign(caseId: string, campaignId: string): Promise<CampaignRow> {
    const c = await this.#store.people.findCampaign(campaignId);
    if (!c || c.case_id !== caseId) throw new DomainError('not_found', '通知キャンペーンが見つかりません / Campaign not found');
    return c;
  }
}
