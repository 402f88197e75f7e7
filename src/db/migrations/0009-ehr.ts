import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * EHR audit input as imported. Master files (staff, patients, encounters …) are rows keyed by
 * their natural key and replaced on re-import; the access log is keyed by event_id, so importing
 * the same rows again (or resuming after a crash) adds nothing. Records are stored as JSON of the
 * validated, typed row; personal data (staff and patients) lives here and is read only by audits.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('ehr_rows')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ehr_rows_pk', ['kind', 'row_key'])
    .execute();
  await db.schema
    .createTable('ehr_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ehr_events_at_idx').on('ehr_events').column('at').execute();
  await db.schema
    .createTable('ehr_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();
}
