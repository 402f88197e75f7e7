import type { EhrAccessView, EhrAlertView, EhrImportView } from '../../contracts/incidents.js';
import type { AccessLine } from '../../core/ehr/investigate.js';
import { RULE_LABELS } from '../../core/ehr/monthly-report.js';
import type { EhrAlertRow, EhrImportRow } from '../../db/repositories/ehr.repository.js';
import { importFiles } from '../../services/ehr/ehr-import.service.js';
import { ALERT_STATE_LABELS, ALERT_STATES, type AlertState } from '../../services/ehr/ehr-audit.service.js';

function isState(s: string): s is AlertState {
  return (ALERT_STATES as readonly string[]).includes(s);
}

export function presentEhrAlert(a: EhrAlertRow): EhrAlertView {
  const ids: unknown = JSON.parse(a.event_ids);
  return {
    id: a.id,
    rule: a.rule,
    ruleLabel: RULE_LABELS[a.rule] ?? a.rule,
    userId: a.user_id,
    patientId: a.patient_id,
    firstAt: a.first_at,
    lastAt: a.last_at,
    score: a.score,
    eventCount: Array.isArray(ids) ? ids.length : 0,
    reason: a.reason,
    state: a.state,
    stateLabel: isState(a.state) ? ALERT_STATE_LABELS[a.state] : a.state,
    note: a.note,
    caseId: a.case_id,
    reviewedBy: a.reviewed_by,
  };
}

export function presentAccess(l: AccessLine): EhrAccessView {
  return { eventId: l.eventId, at: new Date(l.at).toISOString(), userId: l.userId, patientId: l.patientId || null, sessionId: l.sessionId, terminalId: l.terminalId, userName: l.userName, department: l.department, action: l.action, screen: l.screen, explanation: l.explanation, relation: l.relation };
}

const IMPORT_STATES = ['collecting', 'queued', 'running', 'succeeded', 'failed'] as const;

export function presentEhrImport(r: EhrImportRow): EhrImportView {
  const summary = JSON.parse(r.summary) as Partial<{ eventsNew: number; eventsSeen: number; rejected: number | unknown[]; rejects: Array<{ file: string; line: number; reason: string }>; files: Array<{ file: string; rows: number }> }>;
  const rejects = summary.rejects ?? [];
  return {
    id: r.id,
    source: r.source.startsWith('web:') || r.source === 'web' ? 'web' : 'cli',
    at: r.at,
    state: (IMPORT_STATES as readonly string[]).includes(r.state) ? (r.state as EhrImportView['state']) : 'failed',
    createdBy: r.created_by,
    files: importFiles(r).map((f) => ({ name: f.name, size: f.size })),
    progress: r.progress ? (JSON.parse(r.progress) as { done: number; total: number }) : null,
    result:
      summary.eventsSeen === undefined
        ? null
        : { eventsNew: summary.eventsNew ?? 0, eventsSeen: summary.eventsSeen, rejected: typeof summary.rejected === 'number' ? summary.rejected : rejects.length, rejects: rejects.map((x) => ({ file: x.file, line: x.line, reason: x.reason })), files: summary.files ?? [] },
    error: r.error,
    finishedAt: r.finished_at,
  };
}
