/**
 * A detector is one rule: it declares the input files it needs, and returns alerts that explain
 * themselves in Japanese. The runner skips a detector whose optional input is absent and says so.
 * Events are indexes into the audit's event table (ctx.events); users and patients are its
 * dictionary ids.
 */
import type { AuditContext } from './audit-context.js';
import type { EhrFile } from './model.js';

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
  /** Explanation code per event (explain.ts; 0: unexplained or not judged). */
  explanation: Uint8Array;
  /** Patient events inside the window that nothing explains, in time order — what most rules look at. */
  unexplained: Int32Array;
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

/** Group events per user+patient into one alert each (groups in order of their first event). */
export function perUserPatient(ctx: AuditContext, events: Iterable<number>, make: (user: number, patient: number, evs: number[]) => Alert | null): Alert[] {
  const t = ctx.events;
  const groups = new Map<number, number[]>();
  for (const i of events) {
    const k = ctx.pairKey(t.user[i] ?? 0, t.patient[i] ?? 0);
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  }
  const out: Alert[] = [];
  for (const evs of groups.values()) {
    const first = evs[0];
    if (first === undefined) continue;
    const a = make(t.user[first] ?? 0, t.patient[first] ?? 0, evs);
    if (a) out.push(a);
  }
  return out;
}

/** An alert over events of the table (user and patient as dictionary ids). */
export function alertOf(rule: string, ctx: AuditContext, user: number, patient: number | null, evs: readonly number[], score: number, reason: string): Alert {
  return alertOfEvents(rule, ctx, ctx.userId(user), patient === null ? null : ctx.patientId(patient), evs, score, reason);
}

/** The same with user and patient ids as written in the files. */
export function alertOfEvents(rule: string, ctx: AuditContext, userId: string, patientId: string | null, evs: readonly number[], score: number, reason: string): Alert {
  const at = ctx.events.at;
  let firstAt = Number.POSITIVE_INFINITY;
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const i of evs) {
    const x = at[i] ?? 0;
    if (x < firstAt) firstAt = x;
    if (x > lastAt) lastAt = x;
  }
  return alertAt(rule, userId, patientId, firstAt, lastAt, evs.slice(0, 200).map((i) => ctx.events.eventId(i)), score, reason);
}

/** An alert with explicit times and ids (an order with no access-log row of its own). */
export function alertAt(rule: string, userId: string, patientId: string | null, firstAt: number, lastAt: number, eventIds: string[], score: number, reason: string): Alert {
  return { rule, userId, patientId, firstAt, lastAt, score: Math.max(0, Math.min(100, Math.round(score))), eventIds, reason };
}

/** Each user's events inside the window, in time order. */
export function* userWindows(input: DetectorInput): Generator<{ user: number; evs: Int32Array }> {
  const { ctx, from, to } = input;
  const at = ctx.events.at;
  for (let u = 0; u < ctx.byUser.size; u++) {
    const all = ctx.byUser.of(u);
    let lo = 0;
    let hi = all.length;
    while (lo < hi && (at[all[lo] ?? 0] ?? 0) < from) lo++;
    while (hi > lo && (at[all[hi - 1] ?? 0] ?? 0) >= to) hi--;
    if (hi > lo) yield { user: u, evs: all.subarray(lo, hi) };
  }
}

export function fmtCount(n: number): string {
  return `${n}件`;
}

/** Patient events inside the window (all of them, explained or not), in time order. */
export function patientEventsInWindow(input: DetectorInput): Int32Array {
  const { ctx, from, to } = input;
  const pe = ctx.patientEvents;
  const at = ctx.events.at;
  const lower = (bound: number): number => {
    let lo = 0;
    let hi = pe.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((at[pe[mid] ?? 0] ?? 0) < bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return pe.subarray(from === Number.NEGATIVE_INFINITY ? 0 : lower(from), to === Number.POSITIVE_INFINITY ? pe.length : lower(to));
}
