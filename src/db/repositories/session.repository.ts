import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, SessionsTable } from '../schema.js';

export type SessionRow = Selectable<SessionsTable>;

/** Server-side sessions. The id stored is a SHA-256 of the cookie value, never the value. */
export class SessionRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async create(row: Insertable<SessionsTable>): Promise<void> {
    await this.#db.insertInto('sessions').values(row).execute();
  }

  async findLive(id: string, now: string): Promise<SessionRow | undefined> {
    return this.#db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  async update(id: string, patch: Updateable<SessionsTable>): Promise<void> {
    await this.#db.updateTable('sessions').set(patch).where('id', '=', id).execute();
  }

  async revokeAllForUser(userId: string, at: string): Promise<void> {
    await this.#db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async countLive(now: string): Promise<number> {
    const row = await this.#db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where('stage', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Remove sessions that ended before `before`; keeps the table small. */
  async purge(before: string): Promise<number> {
    const result = await this.#db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
