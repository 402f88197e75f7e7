import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AuthoritiesTable, DB, ObligationsTable } from '../schema.js';

export type ObligationRow = Selectable<ObligationsTable>;
export type AuthorityRow = Selectable<AuthoritiesTable>;

/** Reporting/notification obligations and the editable authority registry. */
export class ObligationRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async insert(row: Insertable<ObligationsTable>): Promise<void> {
    await this.#db.insertInto('obligations').values(row).execute();
  }

  async findById(id: string): Promise<ObligationRow | undefined> {
    return this.#db.selectFrom('obligations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(caseId: string): Promise<ObligationRow[]> {
    return this.#db.selectFrom('obligations').selectAll().where('case_id', '=', caseId).orderBy('due_at').orderBy('kind').execute();
  }

  /** Open obligations of all cases, earliest due first (deadline calendar). */
  async open(limit = 500): Promise<ObligationRow[]> {
    return this.#db.selectFrom('obligations').selectAll().where('status', '=', 'open').orderBy('due_at').limit(limit).execute();
  }

  async updateByKind(caseId: string, kind: string, patch: Updateable<ObligationsTable>): Promise<void> {
    await this.#db.updateTable('obligations').set(patch).where('case_id', '=', caseId).where('kind', '=', kind).execute();
  }

  async update(id: string, patch: Updateable<ObligationsTable>): Promise<void> {
    await this.#db.updateTable('obligations').set(patch).where('id', '=', id).execute();
  }

  async authorities(): Promise<AuthorityRow[]> {
    return this.#db.selectFrom('authorities').selectAll().orderBy('kind').execute();
  }

  async upsertAuthority(row: Insertable<AuthoritiesTable>): Promise<void> {
    await this.#db
      .insertInto('authorities')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: row.name, contact: row.contact, phone: row.phone, url: row.url, note: row.note, updated_at: row.updated_at }))
      .execute();
  }
}
