import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Imports started from the web UI: files are uploaded to the evidence store first, then a
 * background job imports them with progress (bytes of the access log read). CLI imports keep
 * writing a finished row. Each access also keeps the explanation the last audit gave it.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('ehr_imports').addColumn('state', 'text', (c) => c.notNull().defaultTo('succeeded')).execute();
  await db.schema.alterTable('ehr_imports').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('ehr_imports').addColumn('job_id', 'text').execute();
  /** JSON: [{ name, sha256, size }] */
  await db.schema.alterTable('ehr_imports').addColumn('files', 'text').execute();
  /** JSON: { done, total } in bytes of the access log. */
  await db.schema.alterTable('ehr_imports').addColumn('progress', 'text').execute();
  await db.schema.alterTable('ehr_imports').addColumn('error', 'text').execute();
  await db.schema.alterTable('ehr_imports').addColumn('finished_at', 'text').execute();
  await db.schema.alterTable('ehr_events').addColumn('explanation', 'text').execute();
}
