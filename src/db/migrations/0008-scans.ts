import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Breach-scoping scans of a case's evidence: the run, one row per scanned item (no personal data
 * beyond the item's name), and the person records found (personal data: read only through the
 * audited, masked register). (scan_id, seq) is unique, so a resumed job cannot write an item twice.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id'))
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('items_total', 'integer')
    .addColumn('items_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .addColumn('imported_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('scans_case_idx').on('scans').columns(['case_id', 'created_at']).execute();
  await db.schema
    .createTable('scan_items')
    .addColumn('scan_id', 'text', (c) => c.notNull().references('scans.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('persons', 'integer', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('parts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_items_pk', ['scan_id', 'seq'])
    .execute();
  await db.schema
    .createTable('scan_persons')
    .addColumn('scan_id', 'text', (c) => c.notNull().references('scans.id'))
    .addColumn('item_seq', 'integer', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('vals', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_persons_pk', ['scan_id', 'item_seq', 'ord'])
    .execute();
}
