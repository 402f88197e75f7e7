import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, MailMessagesTable } from '../schema.js';

export type MailMessageRow = Selectable<MailMessagesTable>;

export interface MailMessageFilter {
  verdict?: string;
  state?: string;
  /** Matches sender address, sender name or subject. */
  q?: string;
  offset: number;
  limit: number;
}

/** Judged messages and the learned thread index. Inserts are idempotent by the message's SHA-256. */
export class MailRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  /** Returns the existing row when the same bytes were judged before. */
  async insert(row: Insertable<MailMessagesTable>): Promise<MailMessageRow> {
    await this.#db.insertInto('mail_messages').values(row).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    const stored = await this.#db.selectFrom('mail_messages').selectAll().where('sha256', '=', row.sha256).executeTakeFirstOrThrow();
    return stored;
  }

  async find(id: string): Promise<MailMessageRow | undefined> {
    return this.#db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(f: MailMessageFilter): Promise<{ rows: MailMessageRow[]; total: number }> {
    let q = this.#db.selectFrom('mail_messages');
    if (f.verdict) q = q.where('verdict', '=', f.verdict);
    if (f.state) q = q.where('state', '=', f.state);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('from_address', 'like', like), eb('from_name', 'like', like), eb('subject', 'like', like)]));
    }
    const total = Number((await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.selectAll().orderBy('received_at', 'desc').orderBy('id').offset(f.offset).limit(f.limit).execute();
    return { rows, total };
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.#db.selectFrom('mail_messages').select(['verdict', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('verdict').execute();
    return Object.fromEntries(rows.map((r) => [r.verdict, Number(r.n)]));
  }

  async update(id: string, patch: Updateable<MailMessagesTable>): Promise<void> {
    await this.#db.updateTable('mail_messages').set(patch).where('id', '=', id).execute();
  }

  /** Learn one index record; a key seen before is left as it was. */
  async learn(key: string, record: string, at: string): Promise<boolean> {
    const res = await this.#db.insertInto('mail_index').values({ key, record, learned_at: at }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async *indexRecords(page = 5000): AsyncGenerator<string> {
    let after = '';
    for (;;) {
      const rows = await this.#db.selectFrom('mail_index').select(['key', 'record']).where('key', '>', after).orderBy('key').limit(page).execute();
      for (const r of rows) yield r.record;
      const last = rows.at(-1);
      if (!last || rows.length < page) return;
      after = last.key;
    }
  }
}
