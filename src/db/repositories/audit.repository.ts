import type { Kysely, Selectable } from 'kysely';
import { hashAuditRecord, type AuditOutcome, type AuditRecord, type StoredAuditRecord } from '../../core/audit-chain.js';
import type { DialectName } from '../database.js';
import type { AuditLogTable, DB } from '../schema.js';

export type AuditRow = Selectable<AuditLogTable>;

export interface NewAuditEntry {
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  detail: string;
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  /** Inclusive ISO timestamps. */
  fromAt?: string | undefined;
  toAt?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export function toRecord(row: AuditRow): StoredAuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    outcome: row.outcome as AuditOutcome,
    ip: row.ip,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The audit trail. Appends are serialised through the single `audit_head` row (row lock on
 * PostgreSQL, the database write lock on SQLite) so sequence numbers have no gaps or forks.
 */
export class AuditRepository {
  readonly #db: Kysely<DB>;
  readonly #dialect: DialectName;

  constructor(db: Kysely<DB>, dialect: DialectName) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async append(entry: NewAuditEntry): Promise<StoredAuditRecord> {
    return this.#db.transaction().execute(async (trx) => {
      let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
      if (this.#dialect === 'postgres') headQuery = headQuery.forUpdate();
      const head = await headQuery.executeTakeFirstOrThrow();
      const record: AuditRecord = { ...entry, seq: Number(head.seq) + 1, prevHash: head.hash };
      const stored: StoredAuditRecord = { ...record, hash: hashAuditRecord(record) };
      await trx
        .insertInto('audit_log')
        .values({
          seq: stored.seq,
          at: stored.at,
          actor_id: stored.actorId,
          actor_name: stored.actorName,
          action: stored.action,
          target_type: stored.targetType,
          target_id: stored.targetId,
          outcome: stored.outcome,
          ip: stored.ip,
          detail: stored.detail,
          prev_hash: stored.prevHash,
          hash: stored.hash,
        })
        .execute();
      await trx.updateTable('audit_head').set({ seq: stored.seq, hash: stored.hash }).where('id', '=', 1).execute();
      return stored;
    });
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const row = await this.#db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { seq: Number(row.seq), hash: row.hash };
  }

  /** Newest first, keyset-paginated by `beforeSeq`. */
  async page(filter: AuditFilter): Promise<AuditRow[]> {
    let query = this.#db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(filter.limit);
    if (filter.actor) query = query.where('actor_name', '=', filter.actor);
    // Prefix match as a range (no LIKE wildcards to escape; uses the action index on both dialects).
    if (filter.action) query = query.where('action', '>=', filter.action).where('action', '<', `${filter.action}\uffff`);
    if (filter.fromAt) query = query.where('at', '>=', filter.fromAt);
    if (filter.toAt) query = query.where('at', '<=', filter.toAt);
    if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
    return query.execute();
  }

  /** All rows in ascending order, fetched in batches so memory stays bounded. */
  async *stream(batchSize = 1000): AsyncGenerator<StoredAuditRecord> {
    let after = 0;
    for (;;) {
      const rows = await this.#db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq', 'asc')
        .limit(batchSize)
        .execute();
      for (const row of rows) yield toRecord(row);
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) return;
      after = Number(last.seq);
    }
  }

  async count(filter: { since?: string; action?: string; outcome?: AuditOutcome } = {}): Promise<number> {
    let query = this.#db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));
    if (filter.since) query = query.where('at', '>=', filter.since);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
