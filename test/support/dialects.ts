import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../../src/db/database.js';

/**
 * Dialects the current run covers: SQLite always, PostgreSQL when MAMORI_TEST_PG_URL is set;
 * MAMORI_TEST_DIALECTS narrows the list (the `pg` project sets it to `postgres`). Asking for
 * PostgreSQL without a URL is an error, never a silent skip.
 */
export function testDialects(): DialectName[] {
  const pgUrl = process.env.MAMORI_TEST_PG_URL;
  const wanted = process.env.MAMORI_TEST_DIALECTS;
  if (wanted) {
    const list = wanted.split(',').map((s) => s.trim());
    if (list.includes('postgres') && !pgUrl) throw new Error('MAMORI_TEST_DIALECTS=postgres needs MAMORI_TEST_PG_URL');
    return list.filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');
  }
  return pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  database: Database;
  /** Connection string / file of the throwaway database, for tests that reopen it. */
  location: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  cleanup(): Promise<void>;
}

/** A fresh, empty database: a temp SQLite file, or a throwaway PostgreSQL database. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-test-'));
    const file = path.join(dir, 'mamori.sqlite');
    const database = await openDatabase({ dialect: 'sqlite', file });
    return {
      database,
      location: { dialect, file },
      async cleanup() {
        await database.destroy().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.MAMORI_TEST_PG_URL;
  if (!adminUrl) throw new Error('MAMORI_TEST_PG_URL is not set');
  const name = `mamori_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ dialect: 'postgres', url: url.toString(), redactedUrl: url.toString() });
  return {
    database,
    location: { dialect, url: url.toString() },
    async cleanup() {
      await database.destroy().catch(() => undefined);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
