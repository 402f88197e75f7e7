import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * The access log's user, patient and session as indexed columns (they were only inside the JSON):
 * an investigation view ("who opened this patient's record") reads that patient's rows instead
 * of the whole history, and an audit reads its window plus the context days before it.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('ehr_events').addColumn('user_id', 'text').execute();
  await db.schema.alterTable('ehr_events').addColumn('patient_id', 'text').execute();
  await db.schema.alterTable('ehr_events').addColumn('session_id', 'text').execute();
  if (dialect === 'sqlite') {
    await sql`UPDATE ehr_events SET user_id = json_extract(data, '$.userId'), patient_id = NULLIF(json_extract(data, '$.patientId'), ''), session_id = NULLIF(json_extract(data, '$.sessionId'), '')`.execute(db);
  } else {
    await sql`UPDATE ehr_events SET user_id = (data::json->>'userId'), patient_id = NULLIF(data::json->>'patientId', ''), session_id = NULLIF(data::json->>'sessionId', '')`.execute(db);
  }
  await db.schema.createIndex('ehr_events_patient_idx').on('ehr_events').columns(['patient_id', 'at']).execute();
  await db.schema.createIndex('ehr_events_user_idx').on('ehr_events').columns(['user_id', 'at']).execute();
  await db.schema.createIndex('ehr_events_session_idx').on('ehr_events').column('session_id').execute();
}
