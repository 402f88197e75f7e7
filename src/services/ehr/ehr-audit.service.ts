/**
 * EHR audit over the database: import an input folder (whole or partial — a new day's access log
 * alone is fine), then audit a period against everything imported so far. Imports are idempotent
 * (masters upsert by natural key, events are keyed by event_id) and commit in batches, so an import
 * cut off half-way is simply run again: nothing is duplicated and nothing is lost.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../../core/actor.js';
import { iso, type Clock } from '../../core/clock.js';
import { AuditContext } from '../../core/ehr/audit-context.js';
import { EventTableBuilder } from '../../core/ehr/event-table.js';
import { runAudit, type AuditOptions, type AuditResult, type AuditRun } from '../../core/ehr/audit.js';
import { explanationOf } from '../../core/ehr/explain.js';
import { sessionReplay, userActivity, whoViewedPatient, type AccessLine } from '../../core/ehr/investigate.js';
import { monthlyReportBlocks, RULE_LABELS } from '../../core/ehr/monthly-report.js';
import { csvLine } from '../../core/csv.js';
import type { EhrAlertRow, EhrEventFilter } from '../../db/repositories/ehr.repository.js';
import type { CaseService } from '../case.service.js';
import type { ResponseService } from '../response.service.js';
import type { AccessEvent, EhrDataset, EhrFile, RejectedRow } from '../../core/ehr/model.js';
import type { ParsedOf } from '../../core/ehr/parse-rows.js';
import { DomainError } from '../../core/errors.js';
import { jstDayStart } from '../../core/jst.js';
import type { IncidentStore } from '../../db/incident-store.js';
import type { AuditService } from '../audit.service.js';
import { renderDocx, renderHtml } from '../documents/docx-writer.js';
import type { CsvRow } from '../../connectors/csv-file-rows.js';
import { accessEventBatches, parseEhrFile } from './ehr-dataset.js';

const EVENT_BATCH = 5000;

const MASTER_KEYS: { readonly [F in Exclude<EhrFile, 'access_log'>]: (r: ParsedOf<F>) => string } = {
  staff: (r) => r.userId,
  patients: (r) => r.patientId,
  contacts: (r) => `${r.patientId}|${r.contactName}|${r.relation}`,
  encounters: (r) => r.encounterId,
  care_team: (r) => `${r.patientId}|${r.userId}|${r.startAt}`,
  appointments: (r) => r.appointmentId,
  orders: (r) => r.orderId,
  shifts: (r) => `${r.userId}|${r.startAt}`,
  terminals: (r) => r.terminalId,
};

export interface EhrImportResult {
  files: Array<{ file: string; rows: number }>;
  eventsNew: number;
  eventsSeen: number;
  rejected: RejectedRow[];
}

function parseAll<T>(rows: readonly string[]): T[] {
  return rows.map((r) => JSON.parse(r) as T);
}

/**
 * Days of log before an audit window read as context: covers every rule's look-back (writes ±7
 * days, storms 72 h, sessions) and a month of "has this user opened this patient before" for the
 * first-access rule — so a daily audit does not read the whole history.
 */
export const CONTEXT_DAYS = 30;

function contextFor(from: number | undefined): EhrEventFilter {
  return from === undefined ? {} : { since: new Date(from - CONTEXT_DAYS * 86_400_000).toISOString() };
}

export const ALERT_STATES = ['open', 'investigating', 'justified', 'inappropriate'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const ALERT_STATE_LABELS: Readonly<Record<AlertState, string>> = { open: '未確認', investigating: '調査中', justified: '正当', inappropriate: '不適切' };

export class EhrAuditService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #cases: CaseService | null;
  readonly #response: ResponseService | null;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock; cases?: CaseService; response?: ResponseService }) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#cases = deps.cases ?? null;
    this.#response = deps.response ?? null;
  }

  /** Whether any access log was imported. */
  async hasData(): Promise<boolean> {
    return this.#store.ehr.hasEvents();
  }

  /** Run an audit and keep its alerts for review; alerts seen before keep their state. */
  async runAndStore(actor: Actor, opts: AuditOptions = {}): Promise<AuditResult['summary']> {
    const result = await this.#run(actor, opts);
    // Each access in the window keeps the reason that explained it (null: nothing did), written in
    // statements of 500 ids per reason as the events are walked (a month is millions of ids).
    const { ctx, explanation } = result;
    const from = opts.from ?? Number.NEGATIVE_INFINITY;
    const to = opts.to ?? Number.POSITIVE_INFINITY;
    await this.#store.transaction(async (tx) => {
      const pending = new Map<string | null, string[]>();
      for (const i of ctx.patientEvents) {
        const at = ctx.events.at[i] ?? 0;
        if (at < from || at >= to) continue;
        const code = explanationOf(explanation[i] ?? 0);
        let ids = pending.get(code);
        if (!ids) pending.set(code, (ids = []));
        ids.push(ctx.events.eventId(i));
        if (ids.length >= 500) {
          await tx.ehr.setExplanation(code, ids);
          pending.set(code, []);
        }
      }
      for (const [code, ids] of pending) if (ids.length) await tx.ehr.setExplanation(code, ids);
    });
    const now = iso(this.#clock.now());
    await this.#store.transaction((tx) =>
      tx.ehr.upsertAlerts(
        result.alerts.map((a) => ({
          id: randomUUID(),
          fingerprint: `${a.rule}|${a.userId}|${a.patientId ?? ''}|${a.eventIds[0] ?? a.firstAt}`,
          rule: a.rule,
          user_id: a.userId,
          patient_id: a.patientId,
          first_at: new Date(a.firstAt).toISOString(),
          last_at: new Date(a.lastAt).toISOString(),
          score: a.score,
          event_ids: JSON.stringify(a.eventIds),
          reason: a.reason,
          state: 'open',
          note: '',
          case_id: null,
          reviewed_by: null,
          created_at: now,
          updated_at: now,
        })),
      ),
    );
    return result.summary;
  }

  async alerts(filter: { state?: AlertState | undefined; limit: number; offset: number }): Promise<EhrAlertRow[]> {
    return this.#store.ehr.alerts(filter);
  }

  async review(actor: Actor, id: string, state: AlertState, note: string): Promise<EhrAlertRow> {
    const a = await this.#requireAlert(id);
    await this.#store.ehr.updateAlert(id, { state, note, reviewed_by: actor.name, updated_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'ehr.alert_review', targetType: 'ehr_alert', targetId: id, detail: { from: a.state, to: state } });
    return this.#requireAlert(id);
  }

  /**
   * 不適切 → an incident case of type 内部不正・不正閲覧 in one step: the case carries the alert's
   * rule, user and reason, and the alert's accesses (with their explanations) as a CSV evidence
   * file hashed into the chain of custody.
   */
  /** One alert with the accesses it cites (explanation and relation each) — a read of personal data, audit-logged. */
  async alertDetail(actor: Actor, id: string): Promise<{ alert: EhrAlertRow; accesses: AccessLine[] }> {
    const a = await this.#requireAlert(id);
    const accesses = await this.#alertAccesses(a);
    await this.#audit.record(actor, { action: 'ehr.alert_read', targetType: 'ehr_alert', targetId: id, detail: { accesses: accesses.length } });
    return { alert: a, accesses };
  }

  /** The alert's cited accesses, read from its user's rows. */
  async #alertAccesses(a: EhrAlertRow): Promise<AccessLine[]> {
    const ids = new Set(JSON.parse(a.event_ids) as string[]);
    const ctx = new AuditContext(await this.dataset({ userId: a.user_id }));
    return userActivity(ctx, a.user_id).filter((l) => ids.has(l.eventId));
  }

  async escalate(actor: Actor, id: string): Promise<{ alert: EhrAlertRow; caseId: string }> {
    if (!this.#cases || !this.#response) throw new Error('escalation is not wired');
    const a = await this.#requireAlert(id);
    if (a.case_id) return { alert: a, caseId: a.case_id };
    const label = RULE_LABELS[a.rule] ?? a.rule;
    const created = await this.#cases.create(actor, {
      title: `電子カルテの不適切な閲覧・操作の疑い（${label}）`,
      type: 'insider_misuse',
      severity: a.score >= 80 ? 'high' : 'medium',
      knownAt: iso(this.#clock.now()),
      summary: `EHR監査の検知（スコア${a.score}）: ${a.reason}\n職員ID: ${a.user_id}${a.patient_id ? ` ／ 患者ID: ${a.patient_id}` : ''}\n期間: ${a.first_at} – ${a.last_at}`,
      tags: ['EHR監査'],
    });
    const lines = await this.#alertAccesses(a);
    const csv = `\uFEFF${csvLine(['event_id', 'at', 'user_id', 'patient_id', 'action', 'screen', 'terminal_id', 'session_id', 'explanation', 'relation'])}${lines.map((l) => csvLine([l.eventId, new Date(l.at).toISOString(), l.userId, l.patientId, l.action, l.screen, l.terminalId, l.sessionId, l.explanation ?? '説明なし', l.relation ?? ''])).join('')}`;
    await this.#response.addEvidence(actor, created.id, Readable.from([Buffer.from(csv)]), { filename: `ehr-alert-${a.id}.csv`, description: `EHR監査の検知（${label}）の該当操作ログ`, acquiredAt: null, acquiredBy: actor.name, source: 'Mamori EHR監査' });
    await this.#store.ehr.updateAlert(id, { case_id: created.id, state: 'inappropriate', reviewed_by: actor.name, updated_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'ehr.alert_escalate', targetType: 'ehr_alert', targetId: id, detail: { caseId: created.id } });
    return { alert: await this.#requireAlert(id), caseId: created.id };
  }

  async #requireAlert(id: string): Promise<EhrAlertRow> {
    const a = await this.#store.ehr.alert(id);
    if (!a) throw new DomainError('not_found', '検知が見つかりません / Alert not found');
    return a;
  }

  /** `accessLog`: the access log read in pieces (a month of a large hospital is more than one string holds); otherwise its text. */
  /**
   * `onBatch`: called after each stored batch of events (progress). `importId`: the import row is
   * the caller's (an upload from the UI); otherwise a finished row is recorded here.
   */
  async importFolder(actor: Actor, texts: ReadonlyMap<EhrFile, string | null>, source: string, accessLog: AsyncIterable<CsvRow[]> | null = null, opts: { onBatch?: () => Promise<void>; importId?: string } = {}): Promise<EhrImportResult> {
    const { onBatch } = opts;
    const rejected: RejectedRow[] = [];
    const files: EhrImportResult['files'] = [];
    const now = iso(this.#clock.now());
    for (const file of Object.keys(MASTER_KEYS) as Array<Exclude<EhrFile, 'access_log'>>) {
      const rows = parseEhrFile(file, texts.get(file) ?? null, rejected);
      if (!rows) continue;
      const key = MASTER_KEYS[file] as (r: unknown) => string;
      await this.#store.transaction((tx) => tx.ehr.upsertRows(rows.map((r) => ({ kind: file, key: key(r), data: JSON.stringify(r) })), now));
      files.push({ file: `${file}.csv`, rows: rows.length });
    }
    let eventsNew = 0;
    let eventsSeen = 0;
    const insert = async (events: readonly AccessEvent[]): Promise<void> => {
      for (let i = 0; i < events.length; i += EVENT_BATCH) {
        const batch = events.slice(i, i + EVENT_BATCH);
        eventsNew += await this.#store.transaction((tx) => tx.ehr.insertEvents(batch.map((e) => ({ eventId: e.eventId, at: new Date(e.at).toISOString(), data: JSON.stringify(e), userId: e.userId, patientId: e.patientId, sessionId: e.sessionId })), now));
        eventsSeen += batch.length;
        await onBatch?.();
      }
    };
    if (accessLog) {
      let pending: AccessEvent[] = [];
      for await (const b of accessEventBatches(accessLog)) {
        rejected.push(...b.rejected);
        pending.push(...b.events);
        if (pending.length >= EVENT_BATCH) {
          const full = pending.length - (pending.length % EVENT_BATCH);
          await insert(pending.slice(0, full));
          pending = pending.slice(full);
        }
      }
      await insert(pending);
      files.push({ file: 'access_log.csv', rows: eventsSeen });
    } else {
      const events = parseEhrFile('access_log', texts.get('access_log') ?? null, rejected);
      if (events) {
        await insert(events);
        files.push({ file: 'access_log.csv', rows: events.length });
      }
    }
    if (files.length === 0) throw new DomainError('validation_failed', '取り込めるCSVファイルがありません / no input files found');
    const summary = { files, eventsNew, eventsSeen, rejected: rejected.length };
    if (!opts.importId) await this.#store.ehr.recordImport({ id: randomUUID(), source, at: now, summary: JSON.stringify(summary) });
    await this.#audit.record(actor, { action: 'ehr.import', targetType: 'ehr', ...(opts.importId ? { targetId: opts.importId } : {}), detail: summary });
    return { files, eventsNew, eventsSeen, rejected };
  }

  /**
   * What was imported, as a dataset: the master files and the access-log rows that `filter`
   * selects (all of them without one). Optional files never imported stay null (their rules say so).
   */
  async dataset(filter: EhrEventFilter = {}): Promise<EhrDataset> {
    const e = this.#store.ehr;
    const kinds = new Set(await e.kinds());
    const load = async <T>(kind: string): Promise<T[]> => parseAll<T>(await e.rows(kind));
    const optional = async <T>(kind: string): Promise<T[] | null> => (kinds.has(kind) ? load<T>(kind) : null);
    const events = new EventTableBuilder();
    for await (const row of e.events(filter)) events.add(JSON.parse(row) as AccessEvent);
    if (!kinds.has('staff') || !kinds.has('patients') || (events.length === 0 && !(await e.hasEvents()))) throw new DomainError('conflict', '職員・患者・アクセスログが取り込まれていません（mamori ehr import） / import staff, patients and the access log first');
    return {
      staff: await load('staff'),
      patients: await load('patients'),
      contacts: await optional('contacts'),
      encounters: await load('encounters'),
      careTeam: await load('care_team'),
      appointments: await optional('appointments'),
      orders: await load('orders'),
      shifts: await optional('shifts'),
      terminals: await optional('terminals'),
      events: events.build(),
    };
  }

  /**
   * Investigation views: who viewed a patient, what a user did, one session replayed. Each is a
   * read of personal data and is audit-logged with what was looked up.
   */
  async investigate(actor: Actor, query: { patientId?: string; userId?: string; sessionId?: string; from?: number; to?: number }): Promise<AccessLine[]> {
    // Only the rows asked about (indexed): explanations need the master files and, for "own order
    // or note", the user's writes on that patient — which a patient's or a user's rows contain.
    const filter: EhrEventFilter = query.patientId ? { patientId: query.patientId } : query.userId ? { userId: query.userId } : query.sessionId ? { sessionId: query.sessionId } : {};
    const ctx = new AuditContext(await this.dataset(filter));
    let lines: AccessLine[];
    if (query.patientId) lines = whoViewedPatient(ctx, query.patientId, query.from, query.to);
    else if (query.userId) lines = userActivity(ctx, query.userId, query.from, query.to);
    else if (query.sessionId) lines = sessionReplay(ctx, query.sessionId);
    else throw new DomainError('validation_failed', '患者ID・職員ID・セッションIDのいずれかを指定してください / give a patient, user or session');
    await this.#audit.record(actor, { action: 'ehr.investigate', targetType: query.patientId ? 'patient' : query.userId ? 'user' : 'session', ...(query.patientId ?? query.userId ?? query.sessionId ? { targetId: query.patientId ?? query.userId ?? query.sessionId } : {}), detail: { lines: lines.length } });
    return lines;
  }

  /** The monthly アクセスログ監査報告 (DOCX or printable HTML) for a calendar month (JST). */
  async monthlyReport(actor: Actor, month: string, format: 'docx' | 'html', hospital: string): Promise<Buffer | string> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new DomainError('validation_failed', '月は YYYY-MM で指定してください / month is YYYY-MM');
    const [y, m] = month.split('-').map(Number) as [number, number];
    const from = jstDayStart(`${month}-01`).getTime();
    const to = jstDayStart(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`).getTime();
    const result = runAudit(await this.dataset(contextFor(from)), { from, to });
    const users = new Set<number>();
    const { at, user } = result.ctx.events;
    for (let i = 0; i < result.ctx.events.length; i++) if ((at[i] ?? 0) >= from && (at[i] ?? 0) < to) users.add(user[i] ?? 0);
    const stored = (await this.#store.ehr.alerts({ limit: 100_000, offset: 0 })).filter((a) => Date.parse(a.first_at) >= from && Date.parse(a.first_at) < to);
    const dispositions = stored.length
      ? {
          open: stored.filter((a) => a.state === 'open').length,
          investigating: stored.filter((a) => a.state === 'investigating').length,
          justified: stored.filter((a) => a.state === 'justified').length,
          inappropriate: stored.filter((a) => a.state === 'inappropriate').length,
          escalated: stored.filter((a) => a.case_id).length,
        }
      : null;
    const { title, blocks } = monthlyReportBlocks({ hospital: hospital || '（病院名未設定）', from, to, result, users: users.size, generatedAt: this.#clock.now(), dispositions });
    await this.#audit.record(actor, { action: 'ehr.report', targetType: 'ehr', detail: { month, format, alerts: result.summary.alerts } });
    return format === 'docx' ? renderDocx(title, blocks) : renderHtml(title, blocks);
  }

  async audit(actor: Actor, opts: AuditOptions = {}): Promise<AuditResult> {
    const { alerts, summary } = await this.#run(actor, opts);
    return { alerts, summary };
  }

  /** An audit of the window over the stored log (with its context days), recorded in the audit trail. */
  async #run(actor: Actor, opts: AuditOptions): Promise<AuditRun> {
    const result = runAudit(await this.dataset(contextFor(opts.from)), opts);
    await this.#audit.record(actor, { action: 'ehr.audit', targetType: 'ehr', detail: { events: result.summary.events, alerts: result.summary.alerts } });
    return result;
  }
}
