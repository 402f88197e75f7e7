import type { MailDetailView, MailMessageView } from '../../contracts/incidents.js';
import type { Indicators } from '../../core/mail/analyze.js';
import type { Reason } from '../../core/mail/signal.js';
import type { MailMessageRow } from '../../db/repositories/mail.repository.js';
import type { MailDetail } from '../../services/mail/mail-threat.service.js';

const STATE_LABELS: Readonly<Record<string, string>> = { open: '未確認', confirmed: '対応済み（不審）', false_positive: '誤検知' };

/** A judged message for lists: sender, subject, verdict and reasons — no body. */
export function presentMailMessage(r: MailMessageRow): MailMessageView {
  return {
    id: r.id,
    source: r.source,
    item: r.item,
    messageId: r.message_id,
    fromAddress: r.from_address,
    fromName: r.from_name,
    subject: r.subject,
    sentAt: r.sent_at,
    receivedAt: r.received_at,
    verdict: r.verdict as MailMessageView['verdict'],
    score: Number(r.score),
    reasons: (JSON.parse(r.reasons) as Reason[]).map((x) => ({ code: x.code, text: x.text, weight: x.weight })),
    indicators: JSON.parse(r.indicators) as Indicators,
    state: r.state,
    stateLabel: STATE_LABELS[r.state] ?? r.state,
    note: r.note,
    caseId: r.case_id,
    reviewedBy: r.reviewed_by,
  };
}

export function presentMailDetail(d: MailDetail): MailDetailView {
  return { message: presentMailMessage(d.row), headers: d.headers, text: d.text, quoted: d.quoted, attachments: d.attachments };
}
