import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, MailLogFilesTable, MailLogRunsTable, MailTakeoverAlertsTable } from '../schema.js';

export type MailLogRunRow = Selectable<MailLogRunsTable>;
export type MailLogFileRow = Selectable<MailLogFilesTable>;
export type MailTakeoverAlertRow = Selectable<MailTakeoverAlertsTable>;

export interface TakeoverAlertFilter {
  runId?: string;
  severity?: string;
  state?: string;
  offset: number;
  limit: number;
}

/** Log runs, their files and the takeover alerts they produced. */
export class MailTakeoverRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async insertRun(row: Insertable<MailLogRunsTable>): Promise<void> {
    await this.#db.insertInto('mail_log_runs').values(row).execute();
  }

  async findRun(id: string): Promise<MailLogRunRow | undefined> {
    return this.#db.selectFrom('mail_log_runs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listRuns(limit: number): Promise<MailLogRunRow[]> {
    return this.#db.selectFrom('mail_log_runs').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  }

  async updateRun(id: string, patch: Updateable<MailLogRunsTable>): Promise<void> {
    await this.#db.updateTable('mail_log_runs').set(patch).where('id', '=', id).execute();
  }

  async insertFile(row: Insertable<MailLogFilesTable>): Promise<void> {
    await this.#db.insertInto('mail_log_files').values(row).execute();
  }

  async files(runId: string): Promise<MailLogFileRow[]> {
    return this.#db.selectFrom('mail_log_files').selectAll().where('run_id', '=', runId).orderBy('uploaded_at').orderBy('name').execute();
  }

  async updateFile(id: string, patch: Updateable<MailLogFilesTable>): Promise<void> {
    await this.#db.updateTable('mail_log_files').set(patch).where('id', '=', id).execute();
  }

  /** Replaces a run's alerts (a re-run after a crash must not duplicate them). */
  async replaceAlerts(runId: string, rows: Insertable<MailTakeoverAlertsTable>[]): Promise<void> {
    await this.#db.deleteFrom('mail_takeover_alerts').where('run_id', '=', runId).execute();
    for (let i = 0; i < rows.length; i += 200) await this.#db.insertInto('mail_takeover_alerts').values(rows.slice(i, i + 200)).execute();
  }

  async findAlert(id: string): Promise<MailTakeoverAlertRow | undefined> {
    return this.#db.selectFrom('mail_takeover_alerts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listAlerts(f: TakeoverAlertFilter): Promise<{ rows: MailTakeoverAlertRow[]; total: number }> {
    let q = this.#db.selectFrom('mail_takeover_alerts');
    if (f.runId) q = q.where('run_id', '=', f.runId);
    if (f.severity) q = q.where('severity', '=', f.severity);
    if (f.state) q = q.where('state', '=', f.state);
    const total = Number((await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.selectAll().orderBy('score', 'desc').orderBy('window_start').orderBy('id').offset(f.offset).limit(f.limit).execute();
    return { rows, total };
  }

  async updateAlert(id: string, patch: Updateable<MailTakeoverAlertsTable>): Promise<void> {
    await this.#db.updateTable('mail_takeover_alerts').set(patch).where('id', '=', id).execute();
  }
}
