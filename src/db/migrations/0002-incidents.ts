import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/** Incident cases, their change history, timeline, exposures, assessments, obligations, authorities. */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('known_at', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cases_year_seq_unique', ['year', 'seq'])
    .execute();

  await db.schema
    .createTable('case_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('after', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_changes_case_idx').on('case_changes').columns(['case_id', 'at']).execute();

  await db.schema
    .createTable('timeline_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('time', 'text')
    .addColumn('approximate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('in_public_notice', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_authority_report', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('timeline_case_idx').on('timeline_entries').columns(['case_id', 'date', 'time']).execute();

  await db.schema
    .createTable('exposures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('count_is_estimate', 'integer', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull())
    .addColumn('financial', 'integer', (c) => c.notNull())
    .addColumn('malicious', 'integer', (c) => c.notNull())
    .addColumn('high_encryption', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('decided_by_id', 'text')
    .addColumn('decided_by_name', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('regime', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('exposures', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessments_case_seq_idx').on('assessments').columns(['case_id', 'seq']).unique().execute();

  await db.schema
    .createTable('obligations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('warn_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('channel', 'text')
    .addColumn('receipt_ref', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('obligations_case_kind_unique', ['case_id', 'kind'])
    .execute();
  await db.schema.createIndex('obligations_due_idx').on('obligations').columns(['status', 'due_at']).execute();

  await db.schema
    .createTable('authorities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Names only: contact details differ per prefecture and change; hospitals fill them in.
  const now = new Date().toISOString();
  const seed: Array<[string, string]> = [
    ['ppc_sokuho', '個人情報保護委員会（漏えい等報告フォーム）'],
    ['mhlw', '厚生労働省 医政局 特定医薬品開発支援・医療情報担当参事官室'],
    ['prefecture', '都道府県 医務主管課／所管保健所'],
    ['police', '都道府県警察 サイバー犯罪相談窓口'],
    ['mext', '文部科学省（大学病院）'],
    ['founder', '設置者・法人本部'],
    ['ipa', 'IPA 情報セキュリティ安心相談窓口'],
  ];
  for (const [kind, name] of seed) {
    await sql`insert into authorities (id, kind, name, contact, phone, url, note, updated_at)
      values (${`authority-${kind}`}, ${kind}, ${name}, '', '', '', '', ${now})`.execute(db);
  }
}
