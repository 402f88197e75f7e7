import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/** 経緯 entries link to the evidence that supports them. */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('timeline_entries').addColumn('evidence_ids', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}
