import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, EhrAlertsTable, EhrImportsTable } from '../schema.js';

export type EhrAlertRow = Selectable<EhrAlertsTable>;
export type EhrImportRow = Selectable<EhrImportsTable>;

export interface EhrEventFilter {
  patientId?: string;
  userId?: string;
  sessionId?: string;
  /** ISO UTC. */
  since?: string;
}

export interface EhrRowInput {
  kind: string;
  key: string;
  data: string;
}

/** EHR audit input rows. Writes are idempotent: masters upsert by key, events ignore known ids. */
export class EhrRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async upsertRows(rows: readonly EhrRowInput[], at: string): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      if (chunk.length === 0) continue;
      await this.#db
        .insertInto('ehr_rows')
        .values(chunk.map((r) => ({ kind: r.kind, row_key: r.key, data: r.data, imported_at: at })))
        .onConflict((oc) => oc.columns(['kind', 'row_key']).doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), imported_at: eb.ref('excluded.imported_at') })))
        .execute();
    }
  }

  /** Inserts events not seen before; returns how many were new. */
  async insertEvents(rows: ReadonlyArray<{ eventId: string; at: string; data: string; userId: string; patientId: string; sessionId: string }>, at: string): Promise<number> {
    let added = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      if (chunk.length === 0) continue;
      const res = await this.#db
        .insertInto('ehr_events')
        .values(chunk.map((r) => ({ event_id: r.eventId, at: r.at, data: r.data, imported_at: at, user_id: r.userId, patient_id: r.patientId || null, session_id: r.sessionId || null })))
        .onConflict((oc) => oc.column('event_id').doNothing())
        .executeTakeFirst();
      added += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  async rows(kind: string): Promise<string[]> {
    return (await this.#db.selectFrom('ehr_rows').select('data').where('kind', '=', kind).orderBy('row_key').execute()).map((r) => r.data);
  }

  async kinds(): Promise<string[]> {
    return (await this.#db.selectFrom('ehr_rows').select('kind').distinct().execute()).map((r) => r.kind);
  }

  /**
   * Events (JSON), in pages (the access log can be millions of rows): all, or those of a patient,
   * a user or a session, and from a time on (ISO UTC) — each filter uses an index.
   */
  async *events(filter: EhrEventFilter = {}, page = 20_000): AsyncGenerator<string> {
    let after = '';
    for (;;) {
      let q = this.#db.selectFrom('ehr_events').select(['event_id', 'data']).where('event_id', '>', after);
      if (filter.patientId !== undefined) q = q.where('patient_id', '=', filter.patientId);
      if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId);
      if (filter.sessionId !== undefined) q = q.where('session_id', '=', filter.sessionId);
      if (filter.since !== undefined) q = q.where('at', '>=', filter.since);
      const rows = await q.orderBy('event_id').limit(page).execute();
      for (const r of rows) yield r.data;
      const last = rows.at(-1);
      if (!last || rows.length < page) return;
      after = last.event_id;
    }
  }

  async hasEvents(): Promise<boolean> {
    return (await this.#db.selectFrom('ehr_events').select('event_id').limit(1).executeTakeFirst()) !== undefined;
  }

  async eventCount(): Promise<number> {
    const r = await this.#db.selectFrom('ehr_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async recordImport(row: { id: string; source: string; at: string; summary: string }): Promise<void> {
    await this.#db.insertInto('ehr_imports').values({ ...row, state: 'succeeded' }).execute();
  }

  async insertImport(row: Insertable<EhrImportsTable>): Promise<void> {
    await this.#db.insertInto('ehr_imports').values(row).execute();
  }

  async updateImport(id: string, patch: Updateable<EhrImportsTable>): Promise<void> {
    await this.#db.updateTable('ehr_imports').set(patch).where('id', '=', id).execute();
  }

  async findImport(id: string): Promise<EhrImportRow | undefined> {
    return this.#db.selectFrom('ehr_imports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listImports(limit: number): Promise<EhrImportRow[]> {
    return this.#db.selectFrom('ehr_imports').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit).execute();
  }

  /** Stores the explanation code (null: unexplained) of these accesses. */
  async setExplanation(code: string | null, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length) await this.#db.updateTable('ehr_events').set({ explanation: code }).where('event_id', 'in', eventIds).execute();
  }

  /** New alerts are inserted as 未確認; known ones (same fingerprint) keep their state, get fresh score/reason. */
  async upsertAlerts(rows: ReadonlyArray<Insertable<EhrAlertsTable>>): Promise<void> {
    for (const r of rows) {
      await this.#db
        .insertInto('ehr_alerts')
        .values(r)
        .onConflict((oc) => oc.column('fingerprint').doUpdateSet({ score: r.score, reason: r.reason, last_at: r.last_at, event_ids: r.event_ids, updated_at: r.updated_at }))
        .execute();
    }
  }

  async alerts(filter: { state?: string | undefined; limit: number; offset: number }): Promise<EhrAlertRow[]> {
    let q = this.#db.selectFrom('ehr_alerts').selectAll();
    if (filter.state) q = q.where('state', '=', filter.state);
    return q.orderBy('score', 'desc').orderBy('first_at').offset(filter.offset).limit(filter.limit).execute();
  }

  async alert(id: string): Promise<EhrAlertRow | undefined> {
    return this.#db.selectFrom('ehr_alerts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateAlert(id: string, patch: Updateable<EhrAlertsTable>): Promise<void> {
    await this.#db.updateTable('ehr_alerts').set(patch).where('id', '=', id).execute();
  }
}
