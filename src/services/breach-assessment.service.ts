import { randomUUID } from 'node:crypto';
import type { ExposureRequest, SubmissionRequest } from '../contracts/incidents.js';
import type { Actor } from '../core/actor.js';
import { iso, type Clock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { dueState, type DeadlineRules, type DueState } from '../core/incidents/deadlines.js';
import { assessTriggers, isDataItem, type Exposure, type Population, POPULATIONS } from '../core/incidents/legal-assessment.js';
import { generateObligations, OBLIGATION_KINDS, type HospitalProfile, reconcileObligations, type GeneratedObligation, type ObligationKind, type ObligationStatus } from '../core/incidents/obligations.js';
import type { IncidentStore } from '../db/incident-store.js';
import type { AssessmentRow, ExposureRow } from '../db/repositories/exposure.repository.js';
import type { ObligationRow } from '../db/repositories/obligation.repository.js';
import type { AuditService } from './audit.service.js';
import { caseTypeOf } from './case.service.js';
import type { IncidentSettingsService } from './incident-settings.service.js';

export function toExposure(row: ExposureRow): Exposure {
  const items: unknown = JSON.parse(row.items);
  const population = (POPULATIONS as readonly string[]).includes(row.population) ? (row.population as Population) : 'other';
  return {
    population,
    count: Number(row.count),
    countIsEstimate: row.count_is_estimate === 1,
    items: Array.isArray(items) ? items.filter((i): i is Exposure['items'][number] => typeof i === 'string' && isDataItem(i)) : [],
    sensitive: row.sensitive === 1,
    financial: row.financial === 1,
    malicious: row.malicious === 1,
    highEncryption: row.high_encryption === 1,
  };
}

/** A prepared re-assessment, run inside a transaction. */
export type Reassess = (store: IncidentStore, actor: Actor, caseId: string, rationale: string) => Promise<void>;

function isKind(v: string): v is ObligationKind {
  return (OBLIGATION_KINDS as readonly string[]).includes(v);
}

function isStatus(v: string): v is ObligationStatus {
  return v === 'open' || v === 'submitted' || v === 'not_required';
}

/** Obligation with its traffic-light state at `now`. */
export function obligationState(row: ObligationRow, now: Date): DueState | 'not_required' {
  if (row.status === 'not_required') return 'not_required';
  return dueState({ dueAt: new Date(row.due_at), warnAt: row.warn_at ? new Date(row.warn_at) : null }, now, row.status === 'submitted');
}

/**
 * Data exposures → 規則7条 assessment → obligations with deadlines. Any change to the facts
 * re-assesses in the same transaction, keeping every earlier assessment as history.
 */
export class BreachAssessmentService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #settings: IncidentSettingsService;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock; settings: IncidentSettingsService }) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#settings = deps.settings;
  }

  async exposures(caseId: string): Promise<ExposureRow[]> {
    await this.#requireCase(this.#store, caseId);
    return this.#store.exposures.list(caseId);
  }

  async addExposure(actor: Actor, caseId: string, input: ExposureRequest): Promise<ExposureRow> {
    const id = randomUUID();
    const now = iso(this.#clock.now());
    const reassess = await this.prepareReassess();
    await this.#store.transaction(async (tx) => {
      await this.#requireCase(tx, caseId);
      await tx.exposures.insert({ id, case_id: caseId, ...this.#columns(input), deleted: 0, created_at: now, updated_at: now });
      await tx.cases.addChanges([change(actor, caseId, 'exposure', id, 'created', null, input, now)]);
      await reassess(tx, actor, caseId, '影響範囲の追加に伴う再評価');
    });
    await this.#audit.record(actor, { action: 'case.exposure_add', targetType: 'case', targetId: caseId, detail: { population: input.population, count: input.count } });
    const row = await this.#store.exposures.findById(id);
    if (!row) throw new Error('exposure vanished');
    return row;
  }

  async updateExposure(actor: Actor, caseId: string, exposureId: string, input: ExposureRequest): Promise<ExposureRow> {
    const now = iso(this.#clock.now());
    const reassess = await this.prepareReassess();
    await this.#store.transaction(async (tx) => {
      const current = await tx.exposures.findById(exposureId);
      if (!current || current.case_id !== caseId || current.deleted === 1) throw new DomainError('not_found', '影響範囲が見つかりません / Exposure not found');
      await tx.exposures.update(exposureId, { ...this.#columns(input), updated_at: now });
      await tx.cases.addChanges([change(actor, caseId, 'exposure', exposureId, 'updated', toExposure(current), input, now)]);
      await reassess(tx, actor, caseId, `影響範囲の変更に伴う再評価（${Number(current.count).toLocaleString('ja-JP')}人 → ${input.count.toLocaleString('ja-JP')}人）`);
    });
    await this.#audit.record(actor, { action: 'case.exposure_update', targetType: 'case', targetId: caseId, detail: { count: input.count } });
    const row = await this.#store.exposures.findById(exposureId);
    if (!row) throw new Error('exposure vanished');
    return row;
  }

  async deleteExposure(actor: Actor, caseId: string, exposureId: string): Promise<void> {
    const now = iso(this.#clock.now());
    const reassess = await this.prepareReassess();
    await this.#store.transaction(async (tx) => {
      const current = await tx.exposures.findById(exposureId);
      if (!current || current.case_id !== caseId || current.deleted === 1) throw new DomainError('not_found', '影響範囲が見つかりません / Exposure not found');
      await tx.exposures.update(exposureId, { deleted: 1, updated_at: now });
      await tx.cases.addChanges([change(actor, caseId, 'exposure', exposureId, 'deleted', toExposure(current), null, now)]);
      await reassess(tx, actor, caseId, '影響範囲の削除に伴う再評価');
    });
    await this.#audit.record(actor, { action: 'case.exposure_delete', targetType: 'case', targetId: caseId });
  }

  /** An explicit decision with a person's rationale (e.g. after counsel's advice). */
  async assess(actor: Actor, caseId: string, rationale: string): Promise<AssessmentRow> {
    const reassess = await this.prepareReassess();
    await this.#store.transaction((tx) => reassess(tx, actor, caseId, rationale));
    await this.#audit.record(actor, { action: 'case.assess', targetType: 'case', targetId: caseId });
    const [latest] = await this.#store.exposures.assessments(caseId);
    if (!latest) throw new Error('assessment vanished');
    return latest;
  }

  /**
   * Returns a function that re-runs the legal rules on the current facts and reconciles
   * obligations; call it inside a transaction with the transactional store.
   */
  async prepareReassess(): Promise<Reassess> {
    // Settings are read before the transaction: on SQLite the transaction holds the only
    // connection, so a read through another repository inside it would wait forever.
    const profile = await this.#settings.profile();
    const rules = await this.#settings.deadlineRules();
    return (store, actor, caseId, rationale) => this.#reassess(store, actor, caseId, rationale, profile, rules);
  }

  async #reassess(store: IncidentStore, actor: Actor, caseId: string, rationale: string, profile: HospitalProfile, rules: DeadlineRules): Promise<void> {
    const row = await this.#requireCase(store, caseId);
    const now = this.#clock.now();
    const exposures = (await store.exposures.list(caseId)).map(toExposure);
    const decision = assessTriggers(exposures, profile.regime);
    await store.exposures.insertAssessment({
      id: randomUUID(),
      case_id: caseId,
      at: iso(now),
      decided_by_id: actor.id,
      decided_by_name: actor.name,
      rationale,
      regime: profile.regime,
      decision: JSON.stringify(decision),
      exposures: JSON.stringify(exposures),
    });
    const generated = generateObligations({ caseType: caseTypeOf(row), knownAt: new Date(row.known_at), decision, profile, rules });
    const stored = (await store.obligations.list(caseId)).flatMap((o) =>
      isKind(o.kind) && isStatus(o.status) ? [{ kind: o.kind, status: o.status, dueAt: new Date(o.due_at) }] : [],
    );
    const plan = reconcileObligations(stored, generated);
    const t = iso(now);
    for (const g of plan.create) {
      await store.obligations.insert({ id: randomUUID(), case_id: caseId, ...obligationColumns(g), status: 'open', submitted_at: null, channel: null, receipt_ref: null, note: '', created_at: t, updated_at: t });
    }
    for (const { kind, next } of [...plan.update, ...plan.reopen]) {
      await store.obligations.updateByKind(caseId, kind, { ...obligationColumns(next), status: 'open', updated_at: t });
    }
    for (const kind of plan.retire) {
      await store.obligations.updateByKind(caseId, kind, { status: 'not_required', note: `再評価により不要（${rationale}）`, updated_at: t });
    }
  }

  async assessments(caseId: string): Promise<AssessmentRow[]> {
    await this.#requireCase(this.#store, caseId);
    return this.#store.exposures.assessments(caseId);
  }

  async obligations(caseId: string): Promise<ObligationRow[]> {
    await this.#requireCase(this.#store, caseId);
    return this.#store.obligations.list(caseId);
  }

  async openObligations(): Promise<ObligationRow[]> {
    return this.#store.obligations.open();
  }

  /** Record a submission (date, channel, receipt number) or mark an obligation not required. */
  async recordSubmission(actor: Actor, caseId: string, obligationId: string, input: SubmissionRequest): Promise<ObligationRow> {
    const now = iso(this.#clock.now());
    await this.#store.transaction(async (tx) => {
      const current = await tx.obligations.findById(obligationId);
      if (!current || current.case_id !== caseId) throw new DomainError('not_found', '報告義務が見つかりません / Obligation not found');
      const next = {
        status: input.status,
        submitted_at: input.status === 'submitted' ? (input.submittedAt ? new Date(input.submittedAt).toISOString() : now) : null,
        channel: input.channel ?? current.channel,
        receipt_ref: input.receiptRef ?? current.receipt_ref,
        note: input.note ?? current.note,
      };
      await tx.obligations.update(obligationId, { ...next, updated_at: now });
      await tx.cases.addChanges([change(actor, caseId, 'obligation', obligationId, current.kind, { status: current.status, submittedAt: current.submitted_at }, { status: next.status, submittedAt: next.submitted_at }, now)]);
    });
    await this.#audit.record(actor, { action: 'case.obligation_update', targetType: 'case', targetId: caseId, detail: { obligationId, status: input.status } });
    const row = await this.#store.obligations.findById(obligationId);
    if (!row) throw new Error('obligation vanished');
    return row;
  }

  async #requireCase(store: IncidentStore, caseId: string) {
    const row = await store.cases.findById(caseId);
    if (!row) throw new DomainError('not_found', 'インシデントが見つかりません / Case not found');
    return row;
  }

  #columns(input: ExposureRequest) {
    return {
      population: input.population,
      count: input.count,
      count_is_estimate: input.countIsEstimate ? 1 : 0,
      items: JSON.stringify(input.items),
      sensitive: input.sensitive ? 1 : 0,
      financial: input.financial ? 1 : 0,
      malicious: input.malicious ? 1 : 0,
      high_encryption: input.highEncryption ? 1 : 0,
      note: input.note,
    };
  }
}

function obligationColumns(g: GeneratedObligation) {
  return {
    kind: g.kind,
    required: g.required ? 1 : 0,
    basis: g.basis,
    due_date: g.deadline.date,
    due_at: g.deadline.dueAt.toISOString(),
    warn_at: g.deadline.warnAt ? g.deadline.warnAt.toISOString() : null,
  };
}

function change(actor: Actor, caseId: string, entity: string, entityId: string, field: string, before: unknown, after: unknown, at: string) {
  return { id: randomUUID(), case_id: caseId, at, actor_id: actor.id, actor_name: actor.name, entity, entity_id: entityId, field, before: JSON.stringify(before ?? null), after: JSON.stringify(after ?? null) };
}
