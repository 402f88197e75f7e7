/**
 * A detector is one rule: it declares the input files it needs, and returns alerts that explain
 * themselves in Japanese. The runner skips a detector whose optional input is absent and says so.
 */
import type { AuditContext } from './audit-context.js';
import type { Explanation } from './explain.js';
import type { AccessEvent, EhrFile } from './model.js';

export interface Alert {
  rule: string;
  userId: string;
  patientId: string | null;
  firstAt: number;
  lastAt: number;
  /** 0–100. */
  score: number;
  eventIds: string[];
  reason: string;
}

export interface DetectorInput {
  ctx: AuditContext;
  /** Explanation per patient event (same order as ctx.patientEvents). */
  explanations: ReadonlyArray<Explanation | null>;
  /** Only events in [from, to) raise alerts (history before `from` still counts as context). */
  from: number;
  to: number;
}

export interface Detector {
  rule: string;
  /** Input files beyond staff, patients and access_log. */
  needs: readonly EhrFile[];
  run(input: DetectorInput): Alert[];
}

/** Group events per user+patient into one alert each. */
export function perUserPatient(events: ReadonlyArray<AccessEvent>, make: (userId: string, patientId: string, evs: AccessEvent[]) => Alert | null): Alert[] {
  const groups = new Map<string, AccessEvent[]>();
  for (const e of events) {
    const k = `${e.userId}\u0000${e.patientId}`;
    const list = groups.get(k);
    if (list) list.push(e);
    else groups.set(k, [e]);
  }
  const out: Alert[] = [];
  for (const evs of groups.values()) {
    const first = evs[0];
    if (!first) continue;
    const a = make(first.userId, first.patientId, evs);
    if (a) out.push(a);
  }
  return out;
}

export function alertOf(rule: string, userId: string, patientId: string | null, evs: readonly AccessEvent[], score: number, reason: string): Alert {
  return {
    rule,
    userId,
    patientId,
    firstAt: Math.min(...evs.map((e) => e.at)),
    lastAt: Math.max(...evs.map((e) => e.at)),
    score: Math.max(0, Math.min(100, Math.round(score))),
    eventIds: evs.slice(0, 200).map((e) => e.eventId),
    reason,
  };
}

/** Patient events inside the audit window. */
export function inWindow(input: DetectorInput): Array<{ e: AccessEvent; explained: Explanation | null }> {
  const out: Array<{ e: AccessEvent; explained: Explanation | null }> = [];
  input.ctx.patientEvents.forEach((e, i) => {
    if (e.at >= input.from && e.at < input.to) out.push({ e, explained: input.explanations[i] ?? null });
  });
  return out;
}

export function fmtCount(n: number): string {
  return `${n}件`;
}
