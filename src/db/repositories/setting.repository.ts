import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Small key/value store for runtime settings (hospital profile, setup token hash). */
export class SettingRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async get(key: string): Promise<string | undefined> {
    const row = await this.#db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async set(key: string, value: string, at: string): Promise<void> {
    await this.#db
      .insertInto('settings')
      .values({ key, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
  }

  async delete(key: string): Promise<void> {
    await this.#db.deleteFrom('settings').where('key', '=', key).execute();
  }
}
