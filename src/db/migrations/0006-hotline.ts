import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/** 問い合わせ窓口 call log. */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('hotline_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('affected_people.id'))
    .addColumn('match_method', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hotline_calls_case_idx').on('hotline_calls').columns(['case_id', 'at']).execute();
}
