import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, TimelineEntriesTable } from '../schema.js';

export type TimelineRow = Selectable<TimelineEntriesTable>;

/** 経緯 entries. Deleting only hides an entry; its history stays. */
export class TimelineRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async insert(rows: Array<Insertable<TimelineEntriesTable>>): Promise<void> {
    if (rows.length > 0) await this.#db.insertInto('timeline_entries').values(rows).execute();
  }

  async findById(id: string): Promise<TimelineRow | undefined> {
    return this.#db.selectFrom('timeline_entries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Chronological; entries without a time sort first within their day. */
  async list(caseId: string): Promise<TimelineRow[]> {
    return this.#db
      .selectFrom('timeline_entries')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('deleted', '=', 0)
      .orderBy('date')
      // NULL sorts first on SQLite but last on PostgreSQL; coalesce makes both put untimed first.
      .orderBy((eb) => eb.fn.coalesce('time', eb.val('')))
      .orderBy('created_at')
      .execute();
  }

  async update(id: string, patch: Updateable<TimelineEntriesTable>): Promise<void> {
    await this.#db.updateTable('timeline_entries').set(patch).where('id', '=', id).execute();
  }
}
