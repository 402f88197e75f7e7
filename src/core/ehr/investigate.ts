/**
 * Investigation views over an audited dataset: who opened a patient's record (with the
 * explanation for each access — also the answer to a patient's request for their access record),
 * and what one user did in a period.
 */
import type { AuditContext } from './audit-context.js';
import { EXPLANATION_LABELS, explainAccess } from './explain.js';
import type { AccessEvent } from './model.js';

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

function line(ctx: AuditContext, e: AccessEvent): AccessLine {
  const s = ctx.staff.get(e.userId);
  const x = e.patientId ? explainAccess(ctx, e) : null;
  const link = e.patientId ? ctx.graph.link(e.userId, e.patientId) : undefined;
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

export function whoViewedPatient(ctx: AuditContext, patientId: string, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): AccessLine[] {
  return ctx.patientEvents.filter((e) => e.patientId === patientId && e.at >= from && e.at < to).map((e) => line(ctx, e));
}

export function userActivity(ctx: AuditContext, userId: string, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): AccessLine[] {
  return (ctx.eventsByUser.get(userId) ?? []).filter((e) => e.at >= from && e.at < to).map((e) => line(ctx, e));
}

export function sessionReplay(ctx: AuditContext, sessionId: string): AccessLine[] {
  return ctx.data.events.filter((e) => e.sessionId === sessionId).sort((a, b) => a.at - b.at).map((e) => line(ctx, e));
}
