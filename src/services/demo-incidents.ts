import { Readable } from 'node:stream';
import type { ExposureRequest, TimelineEntryRequest } from '../contracts/incidents.js';
import type { Actor } from '../core/actor.js';
import type { Clock } from '../core/clock.js';
import { jstDate } from '../core/incidents/deadlines.js';
import type { BreachAssessmentService } from './breach-assessment.service.js';
import type { CaseService } from './case.service.js';
import type { NoticeService } from './notice.service.js';
import type { ResponseService } from './response.service.js';
import { MailboxGenerator } from './scan/mailbox-generator.js';

const DAY = 24 * 3600 * 1000;
const DEMO_TAG = 'デモ';

function day(base: Date, offset: number): string {
  return jstDate(new Date(base.getTime() + offset * DAY));
}

function entry(date: string, time: string | null, body: string, extra: Partial<Omit<TimelineEntryRequest, 'evidenceIds'>> = {}): TimelineEntryRequest {
  return { date, time, approximate: false, source: '', category: '', body, inPublicNotice: true, inAuthorityReport: true, evidenceIds: [], ...extra };
}

const PATIENT_BASICS: ExposureRequest['items'] = ['patient_id', 'name', 'sex', 'address', 'phone', 'birth_date'];

/**
 * Two fictional cases modelled on the public incidents in ../shared/seeds (no real names): a
 * ransomware case through a maintenance VPN whose count grows from 約1万 to 約13万, and a mailbox
 * takeover. Dates are relative to today so the deadlines are live. Returns how many were created.
 */
/** The stolen doctor's mailbox of the demo case: a generated mbox (fictional people only). */
async function* demoMailbox(): AsyncGenerator<Uint8Array> {
  for await (const m of new MailboxGenerator({ messages: 400, seed: 2026 }).messages()) yield Buffer.from(`${m.mbox}\n`);
}

export async function loadDemoIncidents(deps: { cases: CaseService; breach: BreachAssessmentService; notices: NoticeService; response?: ResponseService; clock: Clock }, actor: Actor): Promise<number> {
  const existing = await deps.cases.list();
  const tagged = (tags: string): boolean => {
    const parsed: unknown = JSON.parse(tags);
    return Array.isArray(parsed) && parsed.includes(DEMO_TAG);
  };
  if (existing.some((c) => tagged(c.tags))) return 0;
  const now = deps.clock.now();

  const knownRansom = new Date(now.getTime() - 4 * DAY);
  const ransom = await deps.cases.create(actor, {
    title: '医療機器保守用VPN装置を経由したランサムウェア被害',
    type: 'ransomware',
    severity: 'critical',
    knownAt: knownRansom.toISOString(),
    summary: 'ナースコールシステムのサーバーが暗号化され、患者情報を含むデータベースの外部流出が確認された（架空の事例）。',
    tags: [DEMO_TAG, 'VPN', 'ナースコール'],
  });
  const d0 = knownRansom;
  for (const e of [
    entry(day(d0, 0), '01:50', 'ナースコールシステムの病棟端末で障害を確認', { approximate: true, source: '病棟' }),
    entry(day(d0, 0), '03:10', 'サーバー画面に脅迫文（ランサムノート）が表示されていることを確認', { source: '情報システム室' }),
    entry(day(d0, 0), '04:00', 'バックアップ系ネットワーク、続いて外部接続を遮断', { source: '情報システム室' }),
    entry(day(d0, 0), '09:00', '対策本部を設置。厚生労働省、県、警察へ連絡', { source: '院長' }),
    entry(day(d0, 2), null, '犯行グループのリークサイトに当院名が掲載されていることを確認', { source: '外部専門業者' }),
    entry(day(d0, 3), '17:00', '第1報を公表'),
  ]) {
    await deps.cases.addTimeline(actor, ransom.id, e);
  }
  const publish = async (cause?: string) => {
    const draft = await deps.notices.createDraft(actor, ransom.id);
    if (cause) await deps.notices.edit(actor, ransom.id, draft.id, { sections: [{ key: 'cause', body: cause }] });
    await deps.notices.publish(actor, ransom.id, draft.id);
  };
  const patients = await deps.breach.addExposure(actor, ransom.id, {
    population: 'patient', count: 10_000, countIsEstimate: true, items: PATIENT_BASICS, sensitive: false, financial: false, malicious: true, highEncryption: false, note: '第1報時点',
  });
  await publish('医療機器保守用VPN装置を経由した不正侵入の可能性があり、調査中です。');
  await deps.breach.updateExposure(actor, ransom.id, patients.id, {
    population: 'patient', count: 130_000, countIsEstimate: true, items: PATIENT_BASICS, sensitive: false, financial: false, malicious: true, highEncryption: false, note: '外部調査により拡大',
  });
  await publish();
  await deps.breach.addExposure(actor, ransom.id, {
    population: 'staff', count: 1_700, countIsEstimate: true, items: ['name', 'address', 'phone', 'birth_date'], sensitive: false, financial: false, malicious: true, highEncryption: false, note: '職員・学生',
  });
  await publish();
  await deps.cases.update(actor, ransom.id, { phase: 'eradicate' });

  const knownMail = new Date(now.getTime() - 10 * DAY);
  const mail = await deps.cases.create(actor, {
    title: '医師のメールアカウント乗っ取りと不審メールの送信',
    type: 'mailbox_takeover',
    severity: 'high',
    knownAt: knownMail.toISOString(),
    summary: '医師の業務用PCとメールアカウントが乗っ取られ、当該医師名義の不審メールが送信された（架空の事例）。',
    tags: [DEMO_TAG, 'メール'],
  });
  for (const e of [
    entry(day(knownMail, 0), '10:00', '取引先から「不審なメールが届いた」との問い合わせ', { approximate: true, source: '医局' }),
    entry(day(knownMail, 0), '11:30', '当該医師のアカウントを停止し、パスワードを変更', { source: '情報システム室' }),
    entry(day(knownMail, 1), null, '保存メール約8,000通の調査を開始', { source: '情報システム室', inPublicNotice: false }),
  ]) {
    await deps.cases.addTimeline(actor, mail.id, e);
  }
  await deps.breach.addExposure(actor, mail.id, {
    population: 'patient', count: 3_100, countIsEstimate: true, items: ['name', 'birth_date', 'test_result'], sensitive: true, financial: false, malicious: true, highEncryption: false, note: '添付ファイルの検査結果一覧',
  });
  await deps.breach.addExposure(actor, mail.id, {
    population: 'business_partner', count: 1_400, countIsEstimate: true, items: ['name', 'email'], sensitive: false, financial: false, malicious: true, highEncryption: false, note: 'メールの送受信先',
  });
  if (deps.response) {
    await deps.response.addEvidence(actor, mail.id, Readable.from(demoMailbox()), {
      filename: 'doctor-mailbox.mbox',
      description: '当該医師のメールボックス（保存メール一式、架空のデータ）',
      acquiredAt: null,
      acquiredBy: '情報システム室',
      source: 'メールサーバーからエクスポート',
    });
  }
  await deps.cases.update(actor, mail.id, { phase: 'recover' });
  return 2;
}
