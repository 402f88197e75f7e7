import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CaseChangesTable, CasesTable, DB } from '../schema.js';

export type CaseRow = Selectable<CasesTable>;
export type CaseChangeRow = Selectable<CaseChangesTable>;

export interface CaseFilter {
  status?: string | undefined;
  type?: string | undefined;
}

/** Incident cases and their field-level change history. */
export class CaseRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async nextSeq(year: number): Promise<number> {
    const row = await this.#db
      .selectFrom('cases')
      .select((eb) => eb.fn.max('seq').as('max'))
      .where('year', '=', year)
      .executeTakeFirst();
    return Number(row?.max ?? 0) + 1;
  }

  async insert(row: Insertable<CasesTable>): Promise<void> {
    await this.#db.insertInto('cases').values(row).execute();
  }

  async findById(id: string): Promise<CaseRow | undefined> {
    return this.#db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(filter: CaseFilter = {}): Promise<CaseRow[]> {
    let q = this.#db.selectFrom('cases').selectAll().orderBy('known_at', 'desc');
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.type) q = q.where('type', '=', filter.type);
    return q.execute();
  }

  async update(id: string, patch: Updateable<CasesTable>): Promise<void> {
    await this.#db.updateTable('cases').set(patch).where('id', '=', id).execute();
  }

  async addChanges(rows: Array<Insertable<CaseChangesTable>>): Promise<void> {
    if (rows.length > 0) await this.#db.insertInto('case_changes').values(rows).execute();
  }

  async changes(caseId: string): Promise<CaseChangeRow[]> {
    return this.#db.selectFrom('case_changes').selectAll().where('case_id', '=', caseId).orderBy('at', 'desc').orderBy('id').execute();
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.#db.selectFrom('cases').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
