import type { EhrAccessView, EhrAlertView } from '../../contracts/incidents.js';
import type { AccessLine } from '../../core/ehr/investigate.js';
import { RULE_LABELS } from '../../core/ehr/monthly-report.js';
import type { EhrAlertRow } from '../../db/repositories/ehr.repository.js';
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
