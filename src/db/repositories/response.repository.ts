import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AffectedSystemsTable, CaseTasksTable, ContainmentActionsTable, CustodyEntriesTable, DB, EvidenceTable } from '../schema.js';

export type TaskRow = Selectable<CaseTasksTable>;
export type SystemRow = Selectable<AffectedSystemsTable>;
export type ContainmentRow = Selectable<ContainmentActionsTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type CustodyRow = Selectable<CustodyEntriesTable>;

/** Tasks, affected systems and containment actions, evidence metadata and chain of custody. */
export class ResponseRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async tasks(caseId: string): Promise<TaskRow[]> {
    return this.#db.selectFrom('case_tasks').selectAll().where('case_id', '=', caseId).orderBy('ord').execute();
  }

  async findTask(id: string): Promise<TaskRow | undefined> {
    return this.#db.selectFrom('case_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertTasks(rows: Array<Insertable<CaseTasksTable>>): Promise<void> {
    if (rows.length > 0) await this.#db.insertInto('case_tasks').values(rows).execute();
  }

  async updateTask(id: string, patch: Updateable<CaseTasksTable>): Promise<void> {
    await this.#db.updateTable('case_tasks').set(patch).where('id', '=', id).execute();
  }

  async systems(caseId: string): Promise<SystemRow[]> {
    return this.#db.selectFrom('affected_systems').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
  }

  async findSystem(id: string): Promise<SystemRow | undefined> {
    return this.#db.selectFrom('affected_systems').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertSystem(row: Insertable<AffectedSystemsTable>): Promise<void> {
    await this.#db.insertInto('affected_systems').values(row).execute();
  }

  async updateSystem(id: string, patch: Updateable<AffectedSystemsTable>): Promise<void> {
    await this.#db.updateTable('affected_systems').set(patch).where('id', '=', id).execute();
  }

  async containment(caseId: string): Promise<ContainmentRow[]> {
    return this.#db.selectFrom('containment_actions').selectAll().where('case_id', '=', caseId).orderBy('at').execute();
  }

  async insertContainment(row: Insertable<ContainmentActionsTable>): Promise<void> {
    await this.#db.insertInto('containment_actions').values(row).execute();
  }

  async evidence(caseId: string): Promise<EvidenceRow[]> {
    return this.#db.selectFrom('evidence').selectAll().where('case_id', '=', caseId).orderBy('acquired_at').execute();
  }

  async findEvidence(id: string): Promise<EvidenceRow | undefined> {
    return this.#db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertEvidence(row: Insertable<EvidenceTable>): Promise<void> {
    await this.#db.insertInto('evidence').values(row).execute();
  }

  async custody(evidenceId: string): Promise<CustodyRow[]> {
    return this.#db.selectFrom('custody_entries').selectAll().where('evidence_id', '=', evidenceId).orderBy('seq').execute();
  }

  async insertCustody(row: Omit<Insertable<CustodyEntriesTable>, 'seq'>): Promise<void> {
    const last = await this.#db.selectFrom('custody_entries').select((eb) => eb.fn.max('seq').as('max')).where('evidence_id', '=', row.evidence_id).executeTakeFirst();
    await this.#db.insertInto('custody_entries').values({ ...row, seq: Number(last?.max ?? 0) + 1 }).execute();
  }
}
