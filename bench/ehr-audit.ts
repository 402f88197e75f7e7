/**
 * `npm run bench:ehr-audit`: speed and memory of the EHR access audit on a month of generated
 * access log, with two baselines measured in the same run on the same file:
 * (a) the floor of just reading it — `wc -l access_log.csv`;
 * (b) DuckDB (@duckdb/node-api, dev dependency) reading the same CSV and grouping by user and
 *     patient — what a columnar engine takes for the simplest aggregate over the log.
 * Mamori's `ehr audit-dir --json` (read, parse, explain every access, run every detector) runs in
 * its own process so its peak RSS is its own.
 *
 * Sizes: BENCH_EHR_STAFF (1,000), BENCH_EHR_PATIENTS (50,000), BENCH_EHR_DAYS (30),
 * BENCH_EHR_SEED (3). The generated folder is kept in .cache/ (keyed by the sizes) and reused.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli } from './cli.js';

const execFileAsync = promisify(execFile);
const out = (s: string): boolean => process.stdout.write(`${s}\n`);

const STAFF = Number(process.env.BENCH_EHR_STAFF ?? 1000);
const PATIENTS = Number(process.env.BENCH_EHR_PATIENTS ?? 50000);
const DAYS = Number(process.env.BENCH_EHR_DAYS ?? 30);
const SEED = Number(process.env.BENCH_EHR_SEED ?? 3);

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}

export async function runEhrAudit(): Promise<void> {
  out('\n# EHR access audit speed (bench/ehr-audit)');
  const root = path.resolve(fileURLToPath(import.meta.url), '../../.cache');
  const dir = path.join(root, `ehr-audit-${STAFF}-${PATIENTS}-${DAYS}-${SEED}`);
  const log = path.join(dir, 'access_log.csv');
  if (!existsSync(log)) {
    const gen = await timed(() => cli(['ehr', 'generate', '--staff', String(STAFF), '--patients', String(PATIENTS), '--days', String(DAYS), '--seed', String(SEED), dir]));
    out(`generated in ${gen.seconds.toFixed(1)} s: ${gen.value.join(' ')}`);
  }
  const bytes = statSync(log).size;

  // Once to bring the file into the page cache (every contender then reads it warm), once timed.
  await execFileAsync('wc', ['-l', log]);
  const wc = await timed(() => execFileAsync('wc', ['-l', log]));
  const lines = Number(/^\s*(\d+)/.exec(wc.value.stdout)?.[1] ?? 0);
  const events = lines - 1;

  const duck = await timed(async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const r = await c.runAndReadAll(`SELECT count(*) FROM (SELECT user_id, patient_id, count(*) FROM read_csv('${log.replace(/'/g, "''")}', header = true, all_varchar = true) GROUP BY user_id, patient_id)`);
    c.closeSync();
    return Number(r.getRows()[0]?.[0] ?? 0);
  });

  out(`access log: ${events.toLocaleString('en-US')} events, ${(bytes / 1024 / 1024).toFixed(0)} MiB (${STAFF} staff, ${PATIENTS} patients, ${DAYS} days, seed ${SEED})`);
  out(`(a) wc -l                                   ${wc.seconds.toFixed(2).padStart(8)} s  ${Math.round(events / wc.seconds).toLocaleString('en-US').padStart(12)} events/s`);
  out(`(b) DuckDB GROUP BY user, patient          ${duck.seconds.toFixed(2).padStart(8)} s  ${Math.round(events / duck.seconds).toLocaleString('en-US').padStart(12)} events/s  (${duck.value.toLocaleString('en-US')} user-patient pairs)`);

  // Mamori in its own process, as built (`npm run build:server` first, so dist/ is this checkout's
  // code): with the default V8 heap (about 4 GB here — the issue's memory bound) and, if
  // BENCH_EHR_HEAP_MB is set, again with that much heap.
  await execFileAsync('npm', ['run', 'build:server'], { cwd: path.resolve(fileURLToPath(import.meta.url), '../..') });
  const heaps: Array<number | null> = [null, ...(process.env.BENCH_EHR_HEAP_MB ? [Number(process.env.BENCH_EHR_HEAP_MB)] : [])];
  for (const heap of heaps) {
    const label = `Mamori ehr audit-dir${heap ? ` (heap ${heap} MiB)` : ' (default heap)'}`;
    const args = [...(heap ? [`--max-old-space-size=${heap}`] : []), fileURLToPath(new URL('./ehr-audit-child.mjs', import.meta.url)), dir];
    const started = process.hrtime.bigint();
    try {
      const child = await execFileAsync(process.execPath, args, { maxBuffer: 1024 * 1024 * 1024 });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peak = (JSON.parse(child.stderr.trim().split('\n').pop() ?? '{}') as { maxRssMiB: number }).maxRssMiB;
      const summary = (JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { summary: { events: number; patient_accesses: number; alerts: number } }).summary;
      out(`${label.padEnd(42)} ${seconds.toFixed(2).padStart(8)} s  ${Math.round(events / seconds).toLocaleString('en-US').padStart(12)} events/s  peak RSS ${peak} MiB; ${summary.patient_accesses.toLocaleString('en-US')} patient accesses, ${summary.alerts} alerts`);
      out(`  ratios: Mamori / wc -l ${(seconds / wc.seconds).toFixed(1)}×, Mamori / DuckDB ${(seconds / duck.seconds).toFixed(1)}×`);
      out(`  target (issue 5): ~15 M events in < 120 s and < 4,096 MiB — ${events >= 14_000_000 ? 'at' : 'below'} target size; ${seconds < 120 && peak < 4096 ? 'within' : 'outside'} the bounds`);
    } catch (error) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const oom = String((error as { stderr?: string }).stderr ?? '').includes('heap out of memory');
      out(`${label.padEnd(42)} did not finish: ${oom ? 'out of memory (V8 heap limit)' : 'failed'} after ${seconds.toFixed(0)} s`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await runEhrAudit();
