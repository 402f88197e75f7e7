/**
 * The dialect seam: the only place that knows which database engine is in use. Everything above
 * it works on `Kysely<DB>` plus the dialect name for the few statements that differ.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.js';
import type { DB } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The raw SQLite handle (online backup); null on PostgreSQL. */
  sqlite: BetterSqlite3.Database | null;
  destroy(): Promise<void>;
}

/** Raised when the database cannot be opened; the message names the cause but no credentials. */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

function openSqlite(file: string): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  let handle: BetterSqlite3.Database;
  try {
    handle = new BetterSqlite3(file);
  } catch (error) {
    throw new DatabaseOpenError(`cannot open SQLite database ${file}: ${error instanceof Error ? error.message : ''}`, {
      cause: error,
    });
  }
  // WAL lets readers (UI, backup) run while the worker writes; NORMAL sync is durable in WAL mode
  // except for the last transactions on power loss, the usual trade-off for an embedded server.
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  return { db, dialect: 'sqlite', sqlite: handle, destroy: () => db.destroy() };
}

async function openPostgres(url: string, redactedUrl: string): Promise<Database> {
  // Keep bigint counts as numbers; our counts are far below 2^53.
  pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle pooled client can be killed by the server (restart, failover, admin). pg emits that
  // on the pool; without a listener it would crash the process. The next query reconnects or
  // fails with a proper error, so there is nothing else to do here.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
    throw new DatabaseOpenError(`cannot connect to PostgreSQL at ${redactedUrl} (${code})`, { cause: error });
  }
  return { db, dialect: 'postgres', sqlite: null, destroy: () => db.destroy() };
}

/** Open the configured database. Does not migrate; see migrator.ts. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  switch (config.dialect) {
    case 'sqlite':
      return openSqlite(config.file);
    case 'postgres':
      return openPostgres(config.url, config.redactedUrl);
  }
}
