import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Mail threat analysis: every message judged (submitted by the MTA, uploaded, or from the watched
 * folder) with its verdict, reasons, indicators and review state; the raw bytes live in the
 * content-addressed evidence store under `sha256`, so a message submitted twice is one row.
 * `mail_index` keeps what the thread index learned from the hospital's own mail.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('mail_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_messages_verdict_idx').on('mail_messages').columns(['verdict', 'received_at']).execute();
  await db.schema
    .createTable('mail_index')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('learned_at', 'text', (c) => c.notNull())
    .execute();
}
