/**
 * An audit run: explain every patient access, run every detector whose inputs are present, merge
 * and rank alerts. Pure: the dataset comes in, alerts and the summary go out.
 */
import { AuditContext } from './audit-context.js';
import { alertsOfDetectors, DETECTORS } from './detectors.js';
import type { Alert } from './detector.js';
import { explainEvents, explanationOf, type Explanation } from './explain.js';
import { OPTIONAL_FILES, type EhrDataset, type EhrFile } from './model.js';

export interface AuditOptions {
  from?: number;
  to?: number;
}

export interface AuditResult {
  alerts: Alert[];
  summary: {
    events: number;
    patient_accesses: number;
    explained: number;
    alerts: number;
    explained_by: Partial<Record<Explanation, number>>;
    /** Rules that did not run, with the missing input. */
    skipped_rules: Array<{ rule: string; missing: string[] }>;
  };
}

function present(data: EhrDataset, file: EhrFile): boolean {
  switch (file) {
    case 'contacts':
      return data.contacts !== null;
    case 'appointments':
      return data.appointments !== null;
    case 'shifts':
      return data.shifts !== null;
    case 'terminals':
      return data.terminals !== null;
    case 'staff':
    case 'patients':
    case 'encounters':
    case 'care_team':
    case 'orders':
    case 'access_log':
      return true;
  }
}

export interface AuditRun extends AuditResult {
  /** The indexes the audit built, for views over the same data (who viewed, user activity). */
  ctx: AuditContext;
  /** Explanation code per event (explain.ts), 0 outside the window. */
  explanation: Uint8Array;
}

export function runAudit(data: EhrDataset, opts: AuditOptions = {}): AuditRun {
  const ctx = new AuditContext(data);
  const from = opts.from ?? Number.NEGATIVE_INFINITY;
  const to = opts.to ?? Number.POSITIVE_INFINITY;
  // Only accesses inside the window need an explanation: earlier days are context (first access,
  // relationships) but are not re-judged, so a daily incremental audit does not redo the past.
  const explanation = explainEvents(ctx, from, to);
  const explainedBy: Partial<Record<Explanation, number>> = {};
  let accesses = 0;
  let explained = 0;
  const unexplained: number[] = [];
  const at = ctx.events.at;
  for (const i of ctx.patientEvents) {
    const t = at[i] ?? 0;
    if (t < from || t >= to) continue;
    accesses += 1;
    const x = explanationOf(explanation[i] ?? 0);
    if (x) {
      explained += 1;
      explainedBy[x] = (explainedBy[x] ?? 0) + 1;
    } else unexplained.push(i);
  }
  const skipped: Array<{ rule: string; missing: string[] }> = [];
  const runnable = DETECTORS.filter((d) => {
    const missing = d.needs.filter((f) => OPTIONAL_FILES.has(f) && !present(data, f));
    if (missing.length) skipped.push({ rule: d.rule, missing: missing.map((f) => `${f}.csv`) });
    return missing.length === 0;
  });
  const alerts = alertsOfDetectors(runnable, { ctx, explanation, unexplained: Int32Array.from(unexplained), from, to });
  let events = 0;
  for (let i = 0; i < ctx.events.length; i++) {
    const t = at[i] ?? 0;
    if (t >= from && t < to) events += 1;
  }
  return { ctx, explanation, alerts, summary: { events, patient_accesses: accesses, explained, alerts: alerts.length, explained_by: explainedBy, skipped_rules: skipped } };
}
