/**
 * `npm run bench:ehr-eval`: generate a synthetic hospital with injected misuse (`mamori ehr
 * generate`), audit it with `mamori ehr audit-dir --json` (in-process, same code path as the CLI)
 * and score against labels.json:
 * - recall per scenario (a case is caught when an alert names its user and patient, or shares an event);
 * - precision in the top k, k = 20 alerts per day per 1,000 staff (the reviewer budget);
 * - explained fraction of normal patient accesses, and the share of misuse events wrongly explained.
 * Sizes: BENCH_EHR_STAFF (600), BENCH_EHR_PATIENTS (10,000), BENCH_EHR_DAYS (14), BENCH_EHR_SEED (7).
 * BENCH_EHR_DIR scores a folder generated before (give the sizes it was generated with: the
 * reviewer budget k depends on staff and days).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './cli.js';
import { readEhrFolder } from '../src/connectors/ehr-folder.js';
import { AuditContext } from '../src/core/ehr/audit-context.js';
import { explainEvents, explanationOf } from '../src/core/ehr/explain.js';
import { loadEhrDataset, loadEhrDatasetStreaming } from '../src/services/ehr/ehr-dataset.js';
import type { MisuseLabel } from '../src/services/ehr/ehr-generator.js';
import { measure, report } from './measure.js';

const STAFF = Number(process.env.BENCH_EHR_STAFF ?? 600);
const PATIENTS = Number(process.env.BENCH_EHR_PATIENTS ?? 10000);
const DAYS = Number(process.env.BENCH_EHR_DAYS ?? 14);
const SEED = Number(process.env.BENCH_EHR_SEED ?? 7);

interface AlertLine {
  rule: string;
  user_id: string;
  patient_id: string | null;
  score: number;
  event_ids: string[];
}

function matches(a: AlertLine, l: MisuseLabel): boolean {
  if (a.event_ids.some((id) => l.event_ids.includes(id))) return true;
  return a.user_id === l.user_id && (l.patient_id === null || a.patient_id === null || a.patient_id === l.patient_id);
}

export async function runEhrEval(): Promise<void> {
  // BENCH_EHR_DIR: score a folder generated before (kept), e.g. bench/ehr-audit's month in .cache/.
  const given = process.env.BENCH_EHR_DIR;
  const dir = given ?? mkdtempSync(path.join(tmpdir(), 'mamori-ehr-eval-'));
  const out = (s: string) => process.stdout.write(`${s}\n`);
  try {
    if (!given) await cli(['ehr', 'generate', '--staff', String(STAFF), '--patients', String(PATIENTS), '--days', String(DAYS), '--seed', String(SEED), dir]);
    const labels = (JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { scenarios: MisuseLabel[] }).scenarios;
    let lines: string[] = [];
    const timing = await measure(`ehr audit-dir (${STAFF} staff, ${DAYS} days)`, 'events', async () => {
      lines = await cli(['ehr', 'audit-dir', dir, '--json']);
      return (JSON.parse(lines.at(-1) ?? '{}') as { summary: { events: number } }).summary.events;
    });
    const alerts = lines.slice(0, -1).map((l) => JSON.parse(l) as AlertLine);
    const summary = (JSON.parse(lines.at(-1) ?? '{}') as { summary: { events: number; patient_accesses: number; explained: number; alerts: number } }).summary;
    out(`ehr-eval: ${STAFF} staff, ${PATIENTS} patients, ${DAYS} days (seed ${SEED}): ${summary.events} events, ${summary.patient_accesses} patient accesses, ${alerts.length} alerts, ${labels.length} injected cases`);
    out(report(timing));
    const k = Math.max(1, Math.round((20 * DAYS * STAFF) / 1000));
    const top = alerts.slice(0, k);
    const tpTop = top.filter((a) => labels.some((l) => matches(a, l))).length;
    out(`precision in the top ${k} (20 alerts/day/1,000 staff): ${(tpTop / top.length).toFixed(3)} (${tpTop}/${top.length}); all alerts: ${(alerts.filter((a) => labels.some((l) => matches(a, l))).length / Math.max(1, alerts.length)).toFixed(3)}`);
    // Per person as well: one injected case can raise many alerts (a bulk trawl through staff
    // records is a coworker alert per record), which flatters alert-level precision.
    const topUsers = new Map<string, boolean>();
    for (const a of top) topUsers.set(a.user_id, (topUsers.get(a.user_id) ?? false) || labels.some((l) => matches(a, l)));
    const misusers = new Set(labels.map((l) => l.user_id));
    const tpUsers = [...topUsers.values()].filter(Boolean).length;
    out(`users in the top ${k}: ${topUsers.size}, of them injected misusers ${tpUsers} (${(tpUsers / Math.max(1, topUsers.size)).toFixed(3)}); injected misusers ${misusers.size}, found in the top ${k}: ${[...misusers].filter((u) => topUsers.get(u)).length}`);
    const scenarios = [...new Set(labels.map((l) => l.scenario))].sort();
    out('scenario                        cases  recall(all)  recall(top-k)');
    for (const s of scenarios) {
      const ls = labels.filter((l) => l.scenario === s);
      const all = ls.filter((l) => alerts.some((a) => matches(a, l))).length;
      const inTop = ls.filter((l) => top.some((a) => matches(a, l))).length;
      out(`${s.padEnd(31)} ${String(ls.length).padStart(5)}  ${(all / ls.length).toFixed(3).padStart(11)}  ${(inTop / ls.length).toFixed(3).padStart(13)}`);
    }
    // Explanations, in-process: normal accesses explained, misuse wrongly explained (and by what).
    const folder = await readEhrFolder(dir, { streamAccessLog: true });
    const { data } = folder.accessLogRows ? await loadEhrDatasetStreaming(folder.texts, folder.accessLogRows) : loadEhrDataset(folder.texts);
    const ctx = new AuditContext(data);
    const codes = explainEvents(ctx, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    const scenarioOf = new Map(labels.flatMap((l) => l.event_ids.map((id) => [id, l.scenario] as const)));
    let normal = 0;
    let normalExplained = 0;
    let bad = 0;
    let badExplained = 0;
    const wrongly = new Map<string, number>();
    for (const i of ctx.patientEvents) {
      const x = explanationOf(codes[i] ?? 0);
      const scenario = scenarioOf.get(ctx.events.eventId(i));
      if (scenario) {
        bad += 1;
        if (x) {
          badExplained += 1;
          wrongly.set(`${scenario} ← ${x}`, (wrongly.get(`${scenario} ← ${x}`) ?? 0) + 1);
        }
      } else {
        normal += 1;
        if (x) normalExplained += 1;
      }
    }
    out(`explained: normal accesses ${(normalExplained / normal).toFixed(4)} (${normalExplained}/${normal}); misuse wrongly explained ${(badExplained / Math.max(1, bad)).toFixed(4)} (${badExplained}/${bad})`);
    for (const [k, n] of [...wrongly].sort((a, b) => b[1] - a[1])) out(`  wrongly explained: ${k} ${n}`);
  } finally {
    if (!given) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await runEhrEval();
