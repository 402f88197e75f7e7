import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, PublicNoticesTable } from '../schema.js';

export type NoticeRow = Selectable<PublicNoticesTable>;

/** 第N報 editions. Published rows are never updated (the service enforces it; updates filter on status). */
export class NoticeRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async insert(row: Insertable<PublicNoticesTable>): Promise<void> {
    await this.#db.insertInto('public_notices').values(row).execute();
  }

  async list(caseId: string): Promise<NoticeRow[]> {
    return this.#db.selectFrom('public_notices').selectAll().where('case_id', '=', caseId).orderBy('edition').execute();
  }

  async findById(id: string): Promise<NoticeRow | undefined> {
    return this.#db.selectFrom('public_notices').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Only drafts can change; returns false when the row is already published. */
  async updateDraft(id: string, patch: Updateable<PublicNoticesTable>): Promise<boolean> {
    const r = await this.#db.updateTable('public_notices').set(patch).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
