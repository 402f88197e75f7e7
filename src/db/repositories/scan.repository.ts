import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, ScanItemsTable, ScanPersonsTable, ScansTable } from '../schema.js';

export type ScanRow = Selectable<ScansTable>;
export type ScanItemRow = Selectable<ScanItemsTable>;
export type ScanPersonRow = Selectable<ScanPersonsTable>;

/** Scans, their items and the person records they found. */
export class ScanRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async insert(row: Insertable<ScansTable>): Promise<void> {
    await this.#db.insertInto('scans').values(row).execute();
  }

  async find(id: string): Promise<ScanRow | undefined> {
    return this.#db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(caseId: string): Promise<ScanRow[]> {
    return this.#db.selectFrom('scans').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').execute();
  }

  async update(id: string, patch: Updateable<ScansTable>): Promise<void> {
    await this.#db.updateTable('scans').set(patch).where('id', '=', id).execute();
  }

  /** Highest item sequence already written (-1 when none): where a resumed scan continues. */
  async lastSeq(scanId: string): Promise<number> {
    const r = await this.#db.selectFrom('scan_items').select((eb) => eb.fn.max('seq').as('m')).where('scan_id', '=', scanId).executeTakeFirst();
    return r?.m === null || r?.m === undefined ? -1 : Number(r.m);
  }

  async insertItems(items: Array<Insertable<ScanItemsTable>>, persons: Array<Insertable<ScanPersonsTable>>): Promise<void> {
    // Chunks keep each statement under SQLite's and PostgreSQL's bound-parameter limits.
    for (let i = 0; i < items.length; i += 500) await this.#db.insertInto('scan_items').values(items.slice(i, i + 500)).execute();
    for (let i = 0; i < persons.length; i += 1000) await this.#db.insertInto('scan_persons').values(persons.slice(i, i + 1000)).execute();
  }

  async items(scanId: string, opts: { offset: number; limit: number; withPii?: boolean }): Promise<ScanItemRow[]> {
    let q = this.#db.selectFrom('scan_items').selectAll().where('scan_id', '=', scanId);
    if (opts.withPii) q = q.where('persons', '>', 0);
    return q.orderBy('seq').offset(opts.offset).limit(opts.limit).execute();
  }

  /** Every item, in order, in pages (summaries are rebuilt from the database, so a resumed scan is whole). */
  async *allItems(scanId: string, page = 2000): AsyncGenerator<ScanItemRow> {
    for (let seq = -1; ; ) {
      const rows = await this.#db.selectFrom('scan_items').selectAll().where('scan_id', '=', scanId).where('seq', '>', seq).orderBy('seq').limit(page).execute();
      yield* rows;
      const last = rows.at(-1);
      if (!last || rows.length < page) return;
      seq = last.seq;
    }
  }

  async *allPersons(scanId: string, page = 5000): AsyncGenerator<ScanPersonRow> {
    for (let offset = 0; ; offset += page) {
      const rows = await this.#db.selectFrom('scan_persons').selectAll().where('scan_id', '=', scanId).orderBy('item_seq').orderBy('ord').offset(offset).limit(page).execute();
      yield* rows;
      if (rows.length < page) return;
    }
  }

  async persons(scanId: string, opts: { offset: number; limit: number }): Promise<ScanPersonRow[]> {
    return this.#db.selectFrom('scan_persons').selectAll().where('scan_id', '=', scanId).orderBy('item_seq').orderBy('ord').offset(opts.offset).limit(opts.limit).execute();
  }

  async personCount(scanId: string): Promise<number> {
    const r = await this.#db.selectFrom('scan_persons').select((eb) => eb.fn.countAll().as('n')).where('scan_id', '=', scanId).executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}
