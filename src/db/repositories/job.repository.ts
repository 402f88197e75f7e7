import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DialectName } from '../database.js';
import type { DB, JobsTable } from '../schema.js';

export type JobRow = Selectable<JobsTable>;

/**
 * Database-backed job queue (docs/adr/0003-job-queue.md). Claiming is a single UPDATE … WHERE id
 * = (SELECT … LIMIT 1) RETURNING statement: atomic on SQLite (one writer) and, with FOR UPDATE
 * SKIP LOCKED, safe with several workers on PostgreSQL.
 */
export class JobRepository {
  readonly #db: Kysely<DB>;
  readonly #dialect: DialectName;

  constructor(db: Kysely<DB>, dialect: DialectName) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async insert(row: Insertable<JobsTable>): Promise<void> {
    await this.#db.insertInto('jobs').values(row).execute();
  }

  async claimNext(workerId: string, now: string): Promise<JobRow | undefined> {
    return this.#db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        locked_by: workerId,
        locked_at: now,
        started_at: now,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', (eb) => {
        let sub = eb
          .selectFrom('jobs')
          .select('id')
          .where('state', '=', 'queued')
          .where('run_after', '<=', now)
          .orderBy('created_at')
          .orderBy('id')
          .limit(1);
        if (this.#dialect === 'postgres') sub = sub.forUpdate().skipLocked();
        return sub;
      })
      .where('state', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
  }

  async progress(id: string, done: number, total: number | null, message: string | null, now: string): Promise<void> {
    await this.#db
      .updateTable('jobs')
      .set({ progress_done: done, progress_total: total, message, locked_at: now })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .execute();
  }

  async finish(id: string, state: 'succeeded' | 'skipped' | 'failed', summary: string, result: string | null, now: string): Promise<void> {
    await this.#db
      .updateTable('jobs')
      .set({ state, summary, result, finished_at: now, locked_by: null, locked_at: null })
      .where('id', '=', id)
      .execute();
  }

  async retryLater(id: string, runAfter: string, summary: string): Promise<void> {
    await this.#db
      .updateTable('jobs')
      .set({ state: 'queued', run_after: runAfter, summary, locked_by: null, locked_at: null })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Jobs left `running` by a process that died (or whose heartbeat is older than `staleBefore`)
   * go back to the queue; their handlers must be idempotent. Returns how many were re-queued.
   */
  async requeueStale(staleBefore: string): Promise<number> {
    const result = await this.#db
      .updateTable('jobs')
      .set({ state: 'queued', locked_by: null, locked_at: null, message: 'resumed after restart' })
      .where('state', '=', 'running')
      .where((eb) => eb.or([eb('locked_at', 'is', null), eb('locked_at', '<', staleBefore)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async findById(id: string): Promise<JobRow | undefined> {
    return this.#db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async latest(limit: number, name?: string): Promise<JobRow[]> {
    let query = this.#db.selectFrom('jobs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
    if (name) query = query.where('name', '=', name);
    return query.execute();
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.#db
      .selectFrom('jobs')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
}
