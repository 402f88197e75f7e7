import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, UsersTable } from '../schema.js';

export type UserRow = Selectable<UsersTable>;

/** Accounts. Passwords and TOTP secrets leave this class only towards the auth service. */
export class UserRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async create(row: Insertable<UsersTable>): Promise<void> {
    await this.#db.insertInto('users').values(row).execute();
  }

  async findById(id: string): Promise<UserRow | undefined> {
    return this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByUsername(username: string): Promise<UserRow | undefined> {
    return this.#db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async list(): Promise<UserRow[]> {
    return this.#db.selectFrom('users').selectAll().orderBy('username').execute();
  }

  async update(id: string, patch: Updateable<UsersTable>): Promise<void> {
    await this.#db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  async count(): Promise<number> {
    const row = await this.#db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Counts of enabled accounts per role. */
  async countByRole(): Promise<Array<{ role: string; n: number }>> {
    const rows = await this.#db
      .selectFrom('users')
      .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
      .where('disabled', '=', 0)
      .groupBy('role')
      .execute();
    return rows.map((r) => ({ role: r.role, n: Number(r.n) }));
  }
}
