/**
 * Investigation views over an audited dataset: who opened a patient's record (with the
 * explanation for each access — also the answer to a patient's request for their access record),
 * and what one user did in a period.
 */
import type { AuditContext } from './audit-context.js';
import { NONE } from './event-table.js';
import { EXPLANATION_LABELS, explainEvent } from './explain.js';

export interface AccessLine {
  eventId: string;
  at: number;
  userId: string;
  userName: string;
  job: string;
  department: string;
  patientId: string;
  action: string;
  screen: string;
  terminalId: string;
  sessionId: string;
  via: string;
  /** Japanese explanation, or null when nothing in the data explains the access. */
  explanation: string | null;
  /** The patient is the user's self / family / neighbour, if so. */
  relation: string | null;
}

function line(ctx: AuditContext, i: number): AccessLine {
  const t = ctx.events;
  const e = t.event(i);
  const s = ctx.staffOf[t.user[i] ?? NONE];
  const x = e.patientId ? explainEvent(ctx, i) : null;
  const link = e.patientId ? ctx.link(t.user[i] ?? NONE, t.patient[i] ?? NONE) : undefined;
  return {
    eventId: e.eventId,
    at: e.at,
    userId: e.userId,
    userName: s?.name ?? '（名簿にないID）',
    job: s?.job ?? '',
    department: s?.department ?? '',
    patientId: e.patientId,
    action: e.action,
    screen: e.screen,
    terminalId: e.terminalId,
    sessionId: e.sessionId,
    via: e.via,
    explanation: x ? EXPLANATION_LABELS[x] : null,
    relation: link ? { self: '本人', family: '家族・同居者の可能性', neighbour: '近隣' }[link.type] : null,
  };
}

function lines(ctx: AuditContext, events: Iterable<number>, keep: (i: number) => boolean, from: number, to: number): AccessLine[] {
  const at = ctx.events.at;
  const out: AccessLine[] = [];
  for (const i of events) {
    const t = at[i] ?? 0;
    if (t >= from && t < to && keep(i)) out.push(line(ctx, i));
  }
  return out;
}

export function whoViewedPatient(ctx: AuditContext, patientId: string, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): AccessLine[] {
  const p = ctx.events.patients.find(patientId);
  if (p === NONE) return [];
  return lines(ctx, ctx.patientEvents, (i) => ctx.events.patient[i] === p, from, to);
}

export function userActivity(ctx: AuditContext, userId: string, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): AccessLine[] {
  const u = ctx.events.users.find(userId);
  if (u === NONE) return [];
  return lines(ctx, ctx.byUser.of(u), () => true, from, to);
}

export function sessionReplay(ctx: AuditContext, sessionId: string): AccessLine[] {
  const s = ctx.events.sessions.find(sessionId);
  if (s === NONE) return [];
  return lines(ctx, ctx.events.session.keys(), (i) => ctx.events.session[i] === s, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
}
