import type { LogRunView, TakeoverAlertDetailView, TakeoverAlertView, TakeoverState } from '../../contracts/incidents.js';
import { suspectIpLabel } from '../../core/mail/takeover/takeover.js';
import type { MailLogFileRow, MailLogRunRow, MailTakeoverAlertRow } from '../../db/repositories/mail-takeover.repository.js';
import { LOG_FORMAT_LABELS, type LogFormat } from '../../services/mail/account-logs.js';
import type { StoredEvidenceLine, StoredFinding } from '../../services/mail/account-takeover.service.js';

const RUN_STATES: Readonly<Record<LogRunView['state'], string>> = { collecting: 'ファイル受付中', queued: '分析待ち', running: '分析中', succeeded: '完了', failed: '失敗' };
const ALERT_STATES: Readonly<Record<TakeoverState, string>> = { open: '未確認', investigating: '調査中', confirmed: '不正利用（対応）', false_positive: '誤検知' };

export function presentLogRun(run: MailLogRunRow, files: readonly MailLogFileRow[]): LogRunView {
  const state = run.state as LogRunView['state'];
  return {
    id: run.id,
    state,
    stateLabel: RUN_STATES[state],
    createdAt: run.created_at,
    createdBy: run.created_by,
    jobId: run.job_id,
    accounts: run.accounts === null ? null : Number(run.accounts),
    events: run.events ? (JSON.parse(run.events) as LogRunView['events']) : null,
    dataStart: run.data_start,
    dataEnd: run.data_end,
    alerts: run.alerts === null ? null : Number(run.alerts),
    error: run.error,
    finishedAt: run.finished_at,
    files: files.map((f) => ({
      id: f.id,
      name: f.name,
      size: Number(f.size),
      sha256: f.sha256,
      format: f.format,
      formatLabel: LOG_FORMAT_LABELS[f.format as LogFormat],
      lines: f.lines === null ? null : Number(f.lines),
      events: f.events === null ? null : Number(f.events),
      rejected: f.rejected === null ? null : Number(f.rejected),
      rejects: f.rejects ? (JSON.parse(f.rejects) as Array<{ line: number; reason: string }>) : [],
      uploadedAt: f.uploaded_at,
    })),
  };
}

/** An alert for lists: account, score, window, findings — not the log lines (those are an audited read). */
export function presentTakeoverAlert(r: MailTakeoverAlertRow): TakeoverAlertView {
  const state = r.state as TakeoverState;
  return {
    id: r.id,
    runId: r.run_id,
    account: r.account,
    severity: r.severity as TakeoverAlertView['severity'],
    score: Number(r.score),
    windowStart: r.window_start,
    windowEnd: r.window_end,
    findings: (JSON.parse(r.findings) as StoredFinding[]).map((f) => ({ code: f.code, text: f.text, weight: f.weight, first: new Date(f.first).toISOString(), last: new Date(f.last).toISOString() })),
    suspectIps: (JSON.parse(r.suspect_ips) as Array<{ ip: string; country: string | null }>).map((s) => ({ ip: s.ip, country: s.country, label: suspectIpLabel(s) })),
    sentInWindow: Number(r.sent_in_window),
    externalRecipients: Number(r.external_recipients),
    state,
    stateLabel: ALERT_STATES[state],
    note: r.note,
    caseId: r.case_id,
    reviewedBy: r.reviewed_by,
  };
}

export function presentTakeoverDetail(d: { row: MailTakeoverAlertRow; evidence: StoredEvidenceLine[] }): TakeoverAlertDetailView {
  return { alert: presentTakeoverAlert(d.row), evidence: d.evidence.map((e) => ({ at: e.at, file: e.file, line: e.line, text: e.text, raw: e.raw })) };
}
