import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AssessmentsTable, DB, ExposuresTable } from '../schema.js';

export type ExposureRow = Selectable<ExposuresTable>;
export type AssessmentRow = Selectable<AssessmentsTable>;

/** Data exposures of a case and the legal assessments made on them (history kept). */
export class ExposureRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async insert(row: Insertable<ExposuresTable>): Promise<void> {
    await this.#db.insertInto('exposures').values(row).execute();
  }

  async findById(id: string): Promise<ExposureRow | undefined> {
    return this.#db.selectFrom('exposures').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(caseId: string): Promise<ExposureRow[]> {
    return this.#db.selectFrom('exposures').selectAll().where('case_id', '=', caseId).where('deleted', '=', 0).orderBy('created_at').execute();
  }

  async update(id: string, patch: Updateable<ExposuresTable>): Promise<void> {
    await this.#db.updateTable('exposures').set(patch).where('id', '=', id).execute();
  }

  /** Appends a decision with the next per-case sequence number (call inside a transaction). */
  async insertAssessment(row: Omit<Insertable<AssessmentsTable>, 'seq'>): Promise<void> {
    const last = await this.#db
      .selectFrom('assessments')
      .select((eb) => eb.fn.max('seq').as('max'))
      .where('case_id', '=', row.case_id)
      .executeTakeFirst();
    await this.#db.insertInto('assessments').values({ ...row, seq: Number(last?.max ?? 0) + 1 }).execute();
  }

  /** Newest first. */
  async assessments(caseId: string): Promise<AssessmentRow[]> {
    return this.#db.selectFrom('assessments').selectAll().where('case_id', '=', caseId).orderBy('seq', 'desc').execute();
  }
}
