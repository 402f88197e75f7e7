import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AffectedPeopleTable, AlternativeMeasuresTable, CampaignRecipientsTable, DB, HotlineCallsTable, NotificationCampaignsTable } from '../schema.js';

export type PersonRow = Selectable<AffectedPeopleTable>;
export type CampaignRow = Selectable<NotificationCampaignsTable>;
export type RecipientRow = Selectable<CampaignRecipientsTable>;
export type MeasureRow = Selectable<AlternativeMeasuresTable>;
export type CallRow = Selectable<HotlineCallsTable>;

/** Affected-people register, notification campaigns and 代替措置. Holds personal data. */
export class PeopleRepository {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async insert(row: Insertable<AffectedPeopleTable>): Promise<void> {
    await this.#db.insertInto('affected_people').values(row).execute();
  }

  async update(id: string, patch: Updateable<AffectedPeopleTable>): Promise<void> {
    await this.#db.updateTable('affected_people').set(patch).where('id', '=', id).execute();
  }

  /** Any person whose sources JSON holds an origin starting with `prefix` (prefix: [A-Za-z0-9:-] only). */
  async hasSource(caseId: string, prefix: string): Promise<boolean> {
    const row = await this.#db.selectFrom('affected_people').select('id').where('case_id', '=', caseId).where('sources', 'like', `%"${prefix}%`).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async list(caseId: string, limit = 100_000, offset = 0): Promise<PersonRow[]> {
    return this.#db
      .selectFrom('affected_people')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('patient_id')
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** Existing people sharing any of the keys (for de-duplication on import). */
  async byKeys(caseId: string, keys: { pid: string[]; nameBirth: string[] }): Promise<PersonRow[]> {
    if (keys.pid.length === 0 && keys.nameBirth.length === 0) return [];
    return this.#db
      .selectFrom('affected_people')
      .selectAll()
      .where('case_id', '=', caseId)
      .where((eb) => {
        const ors = [];
        if (keys.pid.length > 0) ors.push(eb('key_pid', 'in', keys.pid));
        if (keys.nameBirth.length > 0) ors.push(eb('key_name_birth', 'in', keys.nameBirth));
        return eb.or(ors);
      })
      .execute();
  }

  async count(caseId: string): Promise<number> {
    const row = await this.#db.selectFrom('affected_people').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertCampaign(row: Insertable<NotificationCampaignsTable>): Promise<void> {
    await this.#db.insertInto('notification_campaigns').values(row).execute();
  }

  async campaigns(caseId: string): Promise<CampaignRow[]> {
    return this.#db.selectFrom('notification_campaigns').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
  }

  async findCampaign(id: string): Promise<CampaignRow | undefined> {
    return this.#db.selectFrom('notification_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertRecipients(rows: Array<Insertable<CampaignRecipientsTable>>): Promise<void> {
    // Chunked: PostgreSQL allows 65,535 bind parameters per statement (8 columns → 8,000 rows).
    for (let i = 0; i < rows.length; i += 1000) await this.#db.insertInto('campaign_recipients').values(rows.slice(i, i + 1000)).execute();
  }

  async recipients(campaignId: string): Promise<Array<RecipientRow & { person_name: string; person_patient_id: string; person_address: string }>> {
    return this.#db
      .selectFrom('campaign_recipients as r')
      .innerJoin('affected_people as p', 'p.id', 'r.person_id')
      .selectAll('r')
      .select(['p.name as person_name', 'p.patient_id as person_patient_id', 'p.address as person_address'])
      .where('r.campaign_id', '=', campaignId)
      .orderBy('p.created_at')
      .orderBy('p.id')
      .execute();
  }

  async statusCounts(campaignId: string): Promise<Record<string, number>> {
    const rows = await this.#db
      .selectFrom('campaign_recipients')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('campaign_id', '=', campaignId)
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async updateRecipients(campaignId: string, recipientIds: string[], patch: { status: string; at: string; note?: string }): Promise<number> {
    let n = 0;
    for (let i = 0; i < recipientIds.length; i += 1000) {
      const result = await this.#db
        .updateTable('campaign_recipients')
        .set((eb) => ({ status: patch.status, attempts: eb('attempts', '+', 1), last_attempt_at: patch.at, updated_at: patch.at, ...(patch.note !== undefined ? { note: patch.note } : {}) }))
        .where('campaign_id', '=', campaignId)
        .where('id', 'in', recipientIds.slice(i, i + 1000))
        .executeTakeFirst();
      n += Number(result.numUpdatedRows);
    }
    return n;
  }

  /** People whose latest status in any campaign of the case is 連絡不能 or 返送・不達. */
  async unreachableCount(caseId: string): Promise<number> {
    const row = await this.#db
      .selectFrom('campaign_recipients as r')
      .innerJoin('notification_campaigns as c', 'c.id', 'r.campaign_id')
      .select((eb) => eb.fn.count<number>('r.person_id').distinct().as('n'))
      .where('c.case_id', '=', caseId)
      .where('r.status', 'in', ['unreachable', 'returned'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertMeasure(row: Insertable<AlternativeMeasuresTable>): Promise<void> {
    await this.#db.insertInto('alternative_measures').values(row).execute();
  }

  async measures(caseId: string): Promise<MeasureRow[]> {
    return this.#db.selectFrom('alternative_measures').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
  }

  async insertCall(row: Insertable<HotlineCallsTable>): Promise<void> {
    await this.#db.insertInto('hotline_calls').values(row).execute();
  }

  async calls(caseId: string): Promise<CallRow[]> {
    return this.#db.selectFrom('hotline_calls').selectAll().where('case_id', '=', caseId).orderBy('at', 'desc').execute();
  }

  async callCounts(caseId: string): Promise<{ total: number; inRegister: number }> {
    const row = await this.#db
      .selectFrom('hotline_calls')
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('person_id').as('in_register')])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), inRegister: Number(row.in_register) };
  }
}
