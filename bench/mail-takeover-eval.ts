/**
 * Account takeover from logs, scored against generated ground truth: `mamori mail generate-logs`
 * writes a month of mail-server logs (and, separately, Microsoft 365 CSVs) with labelled takeovers
 * and decoys; `mamori mail takeover --json` reads them. Prints recall per takeover scenario (at 危険
 * and at ≥ 注意), the alert rate on each decoy and on ordinary accounts, the error of the estimated
 * compromise window's start, throughput and peak memory.
 *
 *   node --import tsx bench/mail-takeover-eval.ts [--accounts 300] [--days 30] [--seed 5]
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TAKEOVER_DECOYS, TAKEOVER_SCENARIOS, type TakeoverLabel } from '../src/services/mail/takeover-log-generator.js';
import { HOSPITAL_DOMAIN } from '../src/services/mail/mail-generator.js';
import { cli } from './cli.js';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const out = (s: string): boolean => process.stdout.write(`${s}\n`);

interface EvalOptions {
  accounts: string;
  days: string;
  seed: string;
  keep: boolean;
}

interface AlertLine {
  account: string;
  severity: '危険' | '注意';
  score: number;
  window_start: string;
  window_end: string;
  reasons: { code: string }[];
}
interface Summary {
  summary: { accounts: number; events: { logins: number; sends: number; forwards: number }; files: { lines: number; rejected: number }[]; seconds: number };
}

function pct(n: number, d: number): string {
  return d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)} %`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] ?? NaN);
}

async function evaluate(values: EvalOptions, flavour: 'onprem' | 'm365', dir: string): Promise<void> {
  await cli(['mail', 'generate-logs', dir, '--flavour', flavour, '--accounts', values.accounts, '--days', values.days, '--seed', values.seed]);
  const labels = (JSON.parse(await readFile(path.join(dir, 'labels.json'), 'utf8')) as { labels: TakeoverLabel[] }).labels;
  const logs = (await readdir(dir)).filter((f) => f !== 'labels.json').map((f) => path.join(dir, f));
  // Detection in its own process, so its peak memory is not the generator's.
  const started = process.hrtime.bigint();
  const child = await execFileAsync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', '--', 'mail', 'takeover', '--json', '--domain', HOSPITAL_DOMAIN, '--year', '2026', ...logs], { maxBuffer: 1024 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const all = child.stdout.trim().split('\n');
  const peak = (JSON.parse(all.pop() ?? '{}') as { maxRssMiB: number }).maxRssMiB;
  const lines = all;
  const alerts = lines.slice(0, -1).map((l) => JSON.parse(l) as AlertLine);
  const summary = JSON.parse(lines[lines.length - 1] ?? '{}') as Summary;
  const byAccount = new Map<string, AlertLine[]>();
  for (const a of alerts) byAccount.set(a.account, [...(byAccount.get(a.account) ?? []), a]);
  const totalLines = summary.summary.files.reduce((n, f) => n + f.lines, 0);
  const events = summary.summary.events.logins + summary.summary.events.sends + summary.summary.events.forwards;
  out(`\n## ${flavour === 'onprem' ? 'Postfix + Dovecot mail log' : 'Microsoft 365 sign-in / message trace / audit CSV'} (${summary.summary.accounts} accounts, ${values.days} days, seed ${values.seed})`);
  out(`${totalLines.toLocaleString()} lines, ${events.toLocaleString()} events, rejected ${summary.summary.files.reduce((n, f) => n + f.rejected, 0)}; read + detect ${seconds.toFixed(2)} s (incl. process start) = ${Math.round(totalLines / seconds).toLocaleString()} lines/s`);
  out('scenario              accounts   危険 recall   ≥注意 recall   window start error (median h)');
  const labelled = new Set(labels.map((l) => l.account));
  for (const s of TAKEOVER_SCENARIOS) {
    const ls = labels.filter((l) => l.scenario === s);
    let danger = 0;
    let any = 0;
    const errors: number[] = [];
    for (const l of ls) {
      const start = Date.parse(l.start);
      const end = Date.parse(l.end);
      const hits = (byAccount.get(l.account) ?? []).filter((a) => Date.parse(a.window_end) >= start - 86_400_000 && Date.parse(a.window_start) <= end + 86_400_000);
      if (hits.length > 0) any += 1;
      if (hits.some((a) => a.severity === '危険')) danger += 1;
      const best = hits.sort((a, b) => b.score - a.score)[0];
      if (best) errors.push(Math.abs(Date.parse(best.window_start) - start) / 3_600_000);
    }
    out(`${s.padEnd(22)}${String(ls.length).padStart(8)}   ${pct(danger, ls.length).padStart(10)}   ${pct(any, ls.length).padStart(11)}   ${median(errors).toFixed(2).padStart(8)}`);
  }
  out('decoy                 accounts   危険 rate     ≥注意 rate');
  for (const s of TAKEOVER_DECOYS) {
    const ls = labels.filter((l) => l.scenario === s);
    const danger = ls.filter((l) => (byAccount.get(l.account) ?? []).some((a) => a.severity === '危険')).length;
    const any = ls.filter((l) => (byAccount.get(l.account) ?? []).length > 0).length;
    out(`${s.padEnd(22)}${String(ls.length).padStart(8)}   ${pct(danger, ls.length).padStart(10)}   ${pct(any, ls.length).padStart(11)}`);
  }
  const ordinary = summary.summary.accounts - labelled.size;
  const ordinaryDanger = [...byAccount].filter(([acc, as]) => !labelled.has(acc) && as.some((a) => a.severity === '危険')).length;
  const ordinaryAny = [...byAccount.keys()].filter((acc) => !labelled.has(acc)).length;
  out(`${'ordinary accounts'.padEnd(22)}${String(ordinary).padStart(8)}   ${pct(ordinaryDanger, ordinary).padStart(10)}   ${pct(ordinaryAny, ordinary).padStart(11)}`);
  const compromised = labels.filter((l) => l.compromised).length;
  const dangerAccounts = [...byAccount].filter(([, as]) => as.some((a) => a.severity === '危険')).map(([acc]) => acc);
  const truePositives = dangerAccounts.filter((acc) => labels.some((l) => l.account === acc && l.compromised)).length;
  out(`precision of 危険 accounts: ${truePositives} / ${dangerAccounts.length}; takeovers ${compromised}; detection process peak RSS ${peak} MiB`);
}

export async function runMailTakeoverEval(values: EvalOptions = { accounts: '300', days: '30', seed: '5', keep: false }): Promise<void> {
  out('\n# Account takeover from mail and sign-in logs (bench/mail-takeover-eval)');
  const root = await mkdtemp(path.join(os.tmpdir(), 'mamori-takeover-'));
  try {
    await evaluate(values, 'onprem', path.join(root, 'onprem'));
    await evaluate(values, 'm365', path.join(root, 'm365'));
  } finally {
    if (!values.keep) await rm(root, { recursive: true, force: true });
    else out(`kept ${root}`);
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}` && process.argv[2] === '--child') {
  for (const l of await cli(process.argv.slice(4))) out(l);
  out(JSON.stringify({ maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const { values } = parseArgs({ options: { accounts: { type: 'string', default: '300' }, days: { type: 'string', default: '30' }, seed: { type: 'string', default: '5' }, keep: { type: 'boolean', default: false } } });
  await runMailTakeoverEval(values);
}
