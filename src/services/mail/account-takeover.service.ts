/**
 * Account takeover as a use case: gather a set of log files (kept in the evidence store, so the
 * case can cite their SHA-256), analyse them in a background job, keep the alerts with the exact
 * log lines they cite, let a reviewer mark them, and escalate one into a メールアカウント不正利用
 * case with the evidence lines, the estimated compromise window on the timeline, and the count of
 * outside recipients to consider notifying.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { TakeoverState } from '../../contracts/incidents.js';
import type { Actor } from '../../core/actor.js';
import { iso, type Clock } from '../../core/clock.js';
import { csvLine } from '../../core/csv.js';
import { DomainError } from '../../core/errors.js';
import type { JobContext, JobResult } from '../../core/jobs.js';
import { isoJst } from '../../core/jst.js';
import { REGISTER_HEADER, registerRow } from '../../core/mail/correspondents.js';
import type { CountryOf, WindowRecipient } from '../../core/mail/takeover/takeover.js';
import { suspectIpLabel } from '../../core/mail/takeover/takeover.js';
import type { EvidenceStore } from '../../connectors/evidence-store.js';
import type { IncidentStore } from '../../db/incident-store.js';
import type { MailLogFileRow, MailLogRunRow, MailTakeoverAlertRow, TakeoverAlertFilter } from '../../db/repositories/mail-takeover.repository.js';
import type { AuditService } from '../audit.service.js';
import type { CaseService } from '../case.service.js';
import type { JobService } from '../job.service.js';
import type { ResponseService } from '../response.service.js';
import { detectLogFileFormat } from './account-logs.js';
import { analyzeAccountLogs } from './account-takeover.js';

export interface TakeoverSettings {
  domains: readonly string[];
  homeCountries: readonly string[];
  maxFileBytes: number;
}

export interface StoredEvidenceLine {
  at: string;
  file: string;
  line: number;
  text: string;
  raw: string;
}

export interface StoredFinding {
  code: string;
  kind: string;
  text: string;
  weight: number;
  first: number;
  last: number;
}

const MAX_FILES_PER_RUN = 50;

export class AccountTakeoverService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #jobs: JobService;
  readonly #evidence: EvidenceStore;
  readonly #cases: CaseService;
  readonly #response: ResponseService;
  readonly #countryOf: CountryOf;
  readonly #settings: TakeoverSettings;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock; jobs: JobService; evidence: EvidenceStore; cases: CaseService; response: ResponseService; countryOf: CountryOf; settings: TakeoverSettings }) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#jobs = deps.jobs;
    this.#evidence = deps.evidence;
    this.#cases = deps.cases;
    this.#response = deps.response;
    this.#countryOf = deps.countryOf;
    this.#settings = deps.settings;
  }

  async createRun(actor: Actor): Promise<MailLogRunRow> {
    const id = randomUUID();
    await this.#store.mailTakeover.insertRun({ id, state: 'collecting', created_by: actor.name, created_at: iso(this.#clock.now()), job_id: null, accounts: null, events: null, data_start: null, data_end: null, alerts: null, error: null, finished_at: null });
    await this.#audit.record(actor, { action: 'mail.log_run_create', targetType: 'mail_log_run', targetId: id });
    return this.#requireRun(id);
  }

  async #requireRun(id: string): Promise<MailLogRunRow> {
    const run = await this.#store.mailTakeover.findRun(id);
    if (!run) throw new DomainError('not_found', 'ログ分析が見つかりません / Log analysis not found');
    return run;
  }

  async runs(limit = 20): Promise<MailLogRunRow[]> {
    return this.#store.mailTakeover.listRuns(limit);
  }

  async run(id: string): Promise<{ run: MailLogRunRow; files: MailLogFileRow[] }> {
    return { run: await this.#requireRun(id), files: await this.#store.mailTakeover.files(id) };
  }

  /** Stores one log file of a run (streamed, hashed) and recognises its format from its first lines. */
  async addFile(actor: Actor, runId: string, body: Readable | ReadableStream<Uint8Array>, filename: string): Promise<MailLogFileRow> {
    const run = await this.#requireRun(runId);
    if (run.state !== 'collecting') throw new DomainError('conflict', '分析を始めたログには追加できません / This analysis has already started');
    const existing = await this.#store.mailTakeover.files(runId);
    if (existing.length >= MAX_FILES_PER_RUN) throw new DomainError('validation_failed', `1 回の分析は ${MAX_FILES_PER_RUN} ファイルまでです / at most ${MAX_FILES_PER_RUN} files per analysis`);
    const name = filename.replace(/[\\/]/g, '_').slice(0, 200);
    if (existing.some((f) => f.name === name)) throw new DomainError('conflict', `同じ名前のファイルがあります: ${name} / a file of that name is already in this analysis`);
    const blob = await this.#evidence.put(body, this.#settings.maxFileBytes);
    const id = randomUUID();
    await this.#store.mailTakeover.insertFile({ id, run_id: runId, name, sha256: blob.sha256, size: blob.size, format: await detectLogFileFormat(this.#evidence.pathOf(blob.sha256)), lines: null, events: null, rejected: null, rejects: null, uploaded_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'mail.log_upload', targetType: 'mail_log_run', targetId: runId, detail: { fileId: id, sha256: blob.sha256, size: blob.size } });
    const row = (await this.#store.mailTakeover.files(runId)).find((f) => f.id === id);
    if (!row) throw new DomainError('internal_error', 'log file row missing');
    return row;
  }

  /** Queues the analysis of a run's files. */
  async analyze(actor: Actor, runId: string): Promise<MailLogRunRow> {
    const run = await this.#requireRun(runId);
    if (run.state !== 'collecting' && run.state !== 'failed') throw new DomainError('conflict', 'この分析はすでに実行されています / This analysis has already run');
    const files = await this.#store.mailTakeover.files(runId);
    if (files.length === 0) throw new DomainError('validation_failed', 'ログファイルがありません / No log files');
    if (files.every((f) => f.format === 'unknown')) throw new DomainError('validation_failed', '認識できる形式のログがありません（docs/mail-logs.md） / none of the files is a recognised log format');
    if (this.#settings.domains.length === 0) throw new DomainError('validation_failed', '病院のメールドメイン（MAMORI_MAIL_DOMAINS）が設定されていません / MAMORI_MAIL_DOMAINS is not configured');
    const job = await this.#jobs.enqueue(actor, 'mail.takeover', { runId });
    await this.#store.mailTakeover.updateRun(runId, { state: 'queued', job_id: job.id, error: null });
    await this.#audit.record(actor, { action: 'mail.log_analyze', targetType: 'mail_log_run', targetId: runId, detail: { files: files.length, jobId: job.id } });
    return this.#requireRun(runId);
  }

  /** The job: read every file, detect, replace the run's alerts. Re-running after a crash gives the same alerts once. */
  async runJob(payload: { runId: string }, ctx: JobContext): Promise<JobResult> {
    const run = await this.#store.mailTakeover.findRun(payload.runId);
    if (!run) return { outcome: 'skipped', summary: 'log run not found' };
    if (run.state === 'succeeded') return { outcome: 'skipped', summary: 'already analysed' };
    await this.#store.mailTakeover.updateRun(run.id, { state: 'running' });
    const files = (await this.#store.mailTakeover.files(run.id)).filter((f) => f.format !== 'unknown');
    await ctx.progress(0, files.length, 'reading logs');
    try {
      const result = await analyzeAccountLogs(
        files.map((f) => ({ path: this.#evidence.pathOf(f.sha256), name: f.name })),
        { domains: this.#settings.domains, homeCountries: this.#settings.homeCountries, countryOf: this.#countryOf },
      );
      const now = iso(this.#clock.now());
      for (const f of result.files) {
        const row = files.find((x) => x.name === f.name);
        if (row) await this.#store.mailTakeover.updateFile(row.id, { format: f.format, lines: f.lines, events: f.events, rejected: f.rejected, rejects: JSON.stringify(f.rejects.map((r) => ({ line: r.ref.line, reason: r.reason }))) });
      }
      await this.#store.mailTakeover.replaceAlerts(
        run.id,
        result.alerts.map((a) => ({
          id: randomUUID(),
          run_id: run.id,
          account: a.account,
          severity: a.severity,
          score: a.score,
          window_start: new Date(a.windowStart).toISOString(),
          window_end: new Date(a.windowEnd).toISOString(),
          findings: JSON.stringify(a.findings satisfies StoredFinding[]),
          evidence: JSON.stringify(a.evidence.map((e, i) => ({ at: new Date(e.at).toISOString(), file: e.ref.file, line: e.ref.line, text: e.text, raw: a.lines[i] ?? '' })) satisfies StoredEvidenceLine[]),
          suspect_ips: JSON.stringify(a.suspectIps),
          sent_in_window: a.sentInWindow,
          external_recipients: a.externalRecipientsInWindow,
          recipients: JSON.stringify(a.recipients),
          state: 'open',
          note: '',
          case_id: null,
          reviewed_by: null,
          created_at: now,
          updated_at: now,
        })),
      );
      await this.#store.mailTakeover.updateRun(run.id, {
        state: 'succeeded',
        accounts: result.accounts,
        events: JSON.stringify(result.events),
        data_start: result.dataStart === null ? null : new Date(result.dataStart).toISOString(),
        data_end: result.dataEnd === null ? null : new Date(result.dataEnd).toISOString(),
        alerts: result.alerts.length,
        finished_at: now,
      });
      await ctx.progress(files.length, files.length, 'done');
      const danger = result.alerts.filter((a) => a.severity === '危険').length;
      return { outcome: 'succeeded', summary: `${result.accounts} accounts, ${result.alerts.length} alerts (${danger} 危険)`, data: { accounts: result.accounts, alerts: result.alerts.length, danger } };
    } catch (error) {
      // The message may hold a path, never log content; the UI shows a fixed text.
      await this.#store.mailTakeover.updateRun(run.id, { state: 'failed', error: 'ログを分析できませんでした / the logs could not be analysed' });
      return { outcome: 'failed', summary: error instanceof Error ? error.name : 'error' };
    }
  }

  async alerts(filter: TakeoverAlertFilter): Promise<{ rows: MailTakeoverAlertRow[]; total: number }> {
    return this.#store.mailTakeover.listAlerts(filter);
  }

  async #requireAlert(id: string): Promise<MailTakeoverAlertRow> {
    const row = await this.#store.mailTakeover.findAlert(id);
    if (!row) throw new DomainError('not_found', 'アラートが見つかりません / Alert not found');
    return row;
  }

  /** One alert with the log lines it cites (staff accounts, addresses and IPs): an audited read. */
  async alert(actor: Actor, id: string): Promise<{ row: MailTakeoverAlertRow; evidence: StoredEvidenceLine[] }> {
    const row = await this.#requireAlert(id);
    await this.#audit.record(actor, { action: 'mail.takeover_alert_read', targetType: 'mail_takeover_alert', targetId: id });
    return { row, evidence: JSON.parse(row.evidence) as StoredEvidenceLine[] };
  }

  async review(actor: Actor, id: string, state: TakeoverState, note: string): Promise<MailTakeoverAlertRow> {
    await this.#requireAlert(id);
    await this.#store.mailTakeover.updateAlert(id, { state, note, reviewed_by: actor.name, updated_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'mail.takeover_alert_review', targetType: 'mail_takeover_alert', targetId: id, detail: { state } });
    return this.#requireAlert(id);
  }

  /** Opens a mailbox-takeover case (or joins one) with the cited lines, the window on the timeline and the files' hashes. */
  async escalate(actor: Actor, id: string, caseId: string | null): Promise<{ row: MailTakeoverAlertRow; caseId: string }> {
    const row = await this.#requireAlert(id);
    if (row.case_id && (!caseId || caseId === row.case_id)) return { row, caseId: row.case_id };
    const findings = JSON.parse(row.findings) as StoredFinding[];
    const evidence = JSON.parse(row.evidence) as StoredEvidenceLine[];
    const ips = (JSON.parse(row.suspect_ips) as Array<{ ip: string; country: string | null }>).map(suspectIpLabel);
    const start = Date.parse(row.window_start);
    const end = Date.parse(row.window_end);
    const windowText = `${isoJst(start).slice(0, 16).replace('T', ' ')} 〜 ${isoJst(end).slice(0, 16).replace('T', ' ')}（推定）`;
    const target =
      caseId ??
      (
        await this.#cases.create(actor, {
          title: `メールアカウントの不正利用の疑い（${row.account}）`,
          type: 'mailbox_takeover',
          severity: row.severity === '危険' ? 'high' : 'medium',
          knownAt: iso(this.#clock.now()),
          summary: [`ログ分析による検知（${row.severity}、スコア${row.score}）`, `推定期間: ${windowText}`, ...findings.map((f) => `・${f.text}`), ips.length ? `接続元: ${ips.join(', ')}` : '', `期間内の送信 ${row.sent_in_window} 通、院外の宛先 ${row.external_recipients}（通知対象の検討が必要）`].filter(Boolean).join('\n'),
          tags: ['アカウント乗っ取り'],
        })
      ).id;
    const files = await this.#store.mailTakeover.files(row.run_id);
    const header = ['時刻(JST)', 'ファイル', '行', '内容', 'ログ原文'];
    const csv = `\uFEFF${csvLine(header)}${evidence.map((e) => csvLine([isoJst(Date.parse(e.at)), e.file, e.line, e.text, e.raw])).join('')}${csvLine([])}${csvLine(['元ログ', 'SHA-256', 'バイト'])}${files.map((f) => csvLine([f.name, f.sha256, f.size])).join('')}`;
    await this.#response.addEvidence(actor, target, Readable.from([Buffer.from(csv)]), {
      filename: `takeover-${row.id.slice(0, 8)}-evidence.csv`,
      description: `アカウント乗っ取り検知の根拠となるログ行（${evidence.length} 行）と元ログのハッシュ`,
      acquiredAt: row.created_at,
      acquiredBy: actor.name,
      source: `Mamori ログ分析（${files.map((f) => f.name).join(', ')}）`,
    });
    const recipients = JSON.parse(row.recipients) as WindowRecipient[];
    if (recipients.length > 0) {
      const rows = recipients.map((r) => registerRow({ address: r.address, internal: false, messages: r.messages, first: isoJst(r.first), last: '' }));
      await this.#response.addEvidence(actor, target, Readable.from([Buffer.from(`\uFEFF${csvLine(REGISTER_HEADER)}${rows.map((r) => csvLine(r)).join('')}`)]), {
        filename: `takeover-${row.id.slice(0, 8)}-recipients.csv`,
        description: `推定期間に ${row.account} から送信された院外の宛先 ${recipients.length} 件（対象者一覧に取り込める形式）`,
        acquiredAt: row.created_at,
        acquiredBy: actor.name,
        source: 'Mamori ログ分析',
      });
    }
    await this.#cases.addTimeline(actor, target, { date: isoJst(start).slice(0, 10), time: isoJst(start).slice(11, 16), approximate: true, source: 'Mamori ログ分析', category: '被害', body: `不正利用の推定開始（${row.account}）：${findings[0]?.text ?? ''}`, inPublicNotice: false, inAuthorityReport: true, evidenceIds: [] });
    await this.#cases.addTimeline(actor, target, { date: isoJst(end).slice(0, 10), time: isoJst(end).slice(11, 16), approximate: true, source: 'Mamori ログ分析', category: '被害', body: `不正利用の最後の痕跡（推定）（${row.account}）`, inPublicNotice: false, inAuthorityReport: true, evidenceIds: [] });
    await this.#store.mailTakeover.updateAlert(id, { case_id: target, state: 'confirmed', reviewed_by: actor.name, updated_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'mail.takeover_escalate', targetType: 'mail_takeover_alert', targetId: id, detail: { caseId: target, joined: caseId !== null } });
    return { row: await this.#requireAlert(id), caseId: target };
  }
}
