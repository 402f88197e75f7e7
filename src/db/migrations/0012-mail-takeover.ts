import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Account takeover from logs: a run gathers log files (kept in the evidence store by SHA-256),
 * is analysed by a background job, and leaves alerts with their evidence lines, estimated
 * compromise window and review state.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('mail_log_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('accounts', 'integer')
    .addColumn('events', 'text')
    .addColumn('data_start', 'text')
    .addColumn('data_end', 'text')
    .addColumn('alerts', 'integer')
    .addColumn('error', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createTable('mail_log_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('mail_log_runs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('lines', 'integer')
    .addColumn('events', 'integer')
    .addColumn('rejected', 'integer')
    .addColumn('rejects', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_log_files_run_idx').on('mail_log_files').columns(['run_id']).execute();
  await db.schema
    .createTable('mail_takeover_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('mail_log_runs.id'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('suspect_ips', 'text', (c) => c.notNull())
    .addColumn('sent_in_window', 'integer', (c) => c.notNull())
    .addColumn('external_recipients', 'integer', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_takeover_alerts_run_idx').on('mail_takeover_alerts').columns(['run_id', 'score']).execute();
}
