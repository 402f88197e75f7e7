import type {
  AssessmentView,
  CaseChangeView,
  CaseSummaryView,
  CaseView,
  ExposureView,
  ObligationView,
  TimelineEntryView,
  TriggerDecision,
} from '../../contracts/incidents.js';
import { OBLIGATION_KINDS, OBLIGATION_LABELS } from '../../core/incidents/obligations.js';
import type { CaseChangeRow, CaseRow } from '../../db/repositories/case.repository.js';
import type { AssessmentRow, ExposureRow } from '../../db/repositories/exposure.repository.js';
import type { ObligationRow } from '../../db/repositories/obligation.repository.js';
import type { TimelineRow } from '../../db/repositories/timeline.repository.js';
import { obligationState, toExposure } from '../../services/breach-assessment.service.js';

function jsonArray(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function presentObligation(row: ObligationRow, now: Date): ObligationView {
  const kind = OBLIGATION_KINDS.find((k) => k === row.kind);
  const status = row.status === 'submitted' || row.status === 'not_required' ? row.status : 'open';
  return {
    id: row.id,
    kind: row.kind,
    label: kind ? OBLIGATION_LABELS[kind] : row.kind,
    required: row.required === 1,
    basis: row.basis,
    dueDate: row.due_date,
    dueAt: row.due_at,
    state: obligationState(row, now),
    status,
    submittedAt: row.submitted_at,
    channel: row.channel,
    receiptRef: row.receipt_ref,
    note: row.note,
  };
}

export function presentCase(row: CaseRow): CaseView {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    type: row.type,
    severity: row.severity,
    status: row.status,
    phase: row.phase,
    knownAt: row.known_at,
    occurredAt: row.occurred_at,
    ownerId: row.owner_id,
    tags: jsonArray(row.tags),
    summary: row.summary,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Case list row: the next open obligation and how many are late or nearly late. */
export function presentCaseSummary(row: CaseRow, obligations: readonly ObligationRow[], now: Date): CaseSummaryView {
  const open = obligations.filter((o) => o.case_id === row.id && o.status === 'open').map((o) => presentObligation(o, now));
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    type: row.type,
    severity: row.severity,
    status: row.status,
    phase: row.phase,
    knownAt: row.known_at,
    nextObligation: open[0] ?? null,
    overdue: open.filter((o) => o.state === 'overdue').length,
    dueSoon: open.filter((o) => o.state === 'due_soon').length,
  };
}

export function presentTimelineEntry(row: TimelineRow): TimelineEntryView {
  return {
    id: row.id,
    date: row.date,
    time: row.time,
    approximate: row.approximate === 1,
    source: row.source,
    category: row.category,
    body: row.body,
    inPublicNotice: row.in_public_notice === 1,
    inAuthorityReport: row.in_authority_report === 1,
    evidenceIds: jsonArray(row.evidence_ids),
  };
}

export function presentExposure(row: ExposureRow): ExposureView {
  const e = toExposure(row);
  return { id: row.id, ...e, items: [...e.items], note: row.note };
}

export function presentAssessment(row: AssessmentRow): AssessmentView {
  return {
    id: row.id,
    at: row.at,
    decidedBy: row.decided_by_name,
    rationale: row.rationale,
    regime: row.regime,
    decision: jsonValue(row.decision) as TriggerDecision,
  };
}

export function presentChange(row: CaseChangeRow): CaseChangeView {
  return { at: row.at, actorName: row.actor_name, entity: row.entity, field: row.field, before: jsonValue(row.before), after: jsonValue(row.after) };
}
