/**
 * Foundation benchmark: audit-trail appends (every request writes one), chain verification over a
 * realistic trail (a 500-bed hospital's Mamori: ~200 staff users, ~1,000 audit rows a day → about
 * 200,000 rows over six months), and job-queue claim/finish throughput. Baseline: the same
 * inserts without hashing/head-locking, in the same process, gives the cost of the chain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { AuditRepository } from '../src/db/repositories/audit.repository.js';
import { JobRepository } from '../src/db/repositories/job.repository.js';
import { systemClock } from '../src/core/clock.js';
import { AuditService } from '../src/services/audit.service.js';
import { measure, report, type BenchResult } from './measure.js';

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 200_000);
const APPENDS = Number(process.env.BENCH_AUDIT_APPENDS ?? 5_000);
const JOBS = Number(process.env.BENCH_JOBS ?? 2_000);

async function open(dialect: 'sqlite' | 'postgres'): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const url = process.env.MAMORI_BENCH_PG_URL;
    if (!url) throw new Error('set MAMORI_BENCH_PG_URL to an empty database');
    const database = await openDatabase({ dialect, url, redactedUrl: url });
    return { database, cleanup: () => database.destroy() };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-bench-'));
  const database = await openDatabase({ dialect, file: path.join(dir, 'bench.sqlite') });
  return {
    database,
    cleanup: async () => {
      await database.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function entry(i: number) {
  return {
    at: new Date(Date.UTC(2026, 5, 1) + i * 13_000).toISOString(),
    actorId: `user-${i % 200}`,
    actorName: `staff${String(i % 200).padStart(3, '0')}`,
    action: ['auth.login', 'audit.read', 'user.list', 'session.lock'][i % 4] ?? 'auth.login',
    targetType: null,
    targetId: null,
    outcome: 'success' as const,
    ip: `10.1.${i % 50}.${i % 250}`,
    detail: JSON.stringify({ rows: i % 100 }),
  };
}

export async function runFoundationBench(dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<BenchResult[]> {
  const { database, cleanup } = await open(dialect);
  const results: BenchResult[] = [];
  try {
    await migrateToLatest(database);
    const repo = new AuditRepository(database.db, database.dialect);

    results.push(
      await measure(`[${dialect}] baseline: plain insert (no chain)`, 'rows', async () => {
        await sql`create table bench_plain (id integer primary key, detail text)`.execute(database.db);
        for (let i = 0; i < APPENDS; i += 1) {
          await sql`insert into bench_plain (id, detail) values (${i}, ${entry(i).detail})`.execute(database.db);
        }
        return APPENDS;
      }),
    );
    results.push(
      await measure(`[${dialect}] audit append (hash chain, 1 tx each)`, 'rows', async () => {
        for (let i = 0; i < APPENDS; i += 1) await repo.append(entry(i));
        return APPENDS;
      }),
    );
    // Fill up to ROWS quickly inside batched transactions (setup only, not measured).
    await fillTrail(repo, ROWS - APPENDS);
    const audit = new AuditService(repo, systemClock);
    let ok = false;
    results.push(
      await measure(`[${dialect}] audit verify (stream + SHA-256)`, 'rows', async () => {
        const r = await audit.verify();
        ok = r.ok;
        return r.rows;
      }),
    );
    if (!ok) throw new Error('benchmark trail did not verify');

    const jobs = new JobRepository(database.db, database.dialect);
    results.push(
      await measure(`[${dialect}] job enqueue + claim + finish`, 'jobs', async () => {
        const now = new Date().toISOString();
        for (let i = 0; i < JOBS; i += 1) {
          await jobs.insert({
            id: `job-${i}`, name: 'audit.verify', payload: '{}', state: 'queued', progress_done: 0, progress_total: null, message: null,
            summary: null, result: null, attempts: 0, max_attempts: 3, run_after: now, locked_by: null, locked_at: null, created_by: null,
            created_at: now, started_at: null, finished_at: null,
          });
        }
        let n = 0;
        for (;;) {
          const job = await jobs.claimNext('bench', now);
          if (!job) break;
          await jobs.finish(job.id, 'succeeded', 'ok', null, now);
          n += 1;
        }
        return n;
      }),
    );
  } finally {
    await cleanup();
  }
  return results;
}

async function fillTrail(repo: AuditRepository, rows: number): Promise<void> {
  // Appending through the repository keeps the chain valid (setup only, not measured).
  const batch = 1000;
  for (let done = 0; done < rows; done += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, rows - done) }, (_, k) => repo.append(entry(APPENDS + done + k))));
  }
}

export function printResults(results: BenchResult[]): void {
  for (const r of results) process.stdout.write(`${report(r)}\n`);
  const base = results.find((r) => r.name.includes('baseline'));
  const chain = results.find((r) => r.name.includes('audit append'));
  if (base && chain) {
    const ratio = chain.seconds / chain.items / (base.seconds / base.items);
    process.stdout.write(`audit append costs ${ratio.toFixed(2)}× a plain insert (same process, same database)\n`);
  }
}
