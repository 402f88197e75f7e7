/**
 * `npm run bench:scan-eval`: generate a labelled mailbox (`mamori scan generate`), scan it with
 * `mamori scan --json` (in-process, the same code path as the CLI) and score the output against
 * the labels:
 * - per-kind precision / recall from per-item counts (TP = min(found, expected) per item and
 *   kind; a wrong value and a missed value in the same item cancel out — counts are what the CLI
 *   prints, so this is what a user sees);
 * - message-level recall / precision for "contains third-party personal data" (persons > 0), and
 *   the same with "has an uninspected part" counted as flagged (a human must open those);
 * - person-count error per item (exact share; mean absolute % error) and of the whole mailbox.
 * Sizes: BENCH_EVAL_MESSAGES (default 8,335), BENCH_EVAL_SEED (default 20261122).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './cli.js';
import { PII_KINDS, type PiiKind } from '../src/core/pii/pii-kinds.js';
import type { ScanItem } from '../src/core/pii/scan-item.js';
import type { ScanSummaryLine } from '../src/core/pii/scan-summary.js';
import type { MessageLabel } from '../src/services/scan/mailbox-generator.js';

const MESSAGES = Number(process.env.BENCH_EVAL_MESSAGES ?? 8335);
const SEED = Number(process.env.BENCH_EVAL_SEED ?? 20261122);

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

export async function runScanEval(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-scan-eval-'));
  try {
    const mbox = path.join(dir, 'eval.mbox');
    await cli(['scan', 'generate', '--messages', String(MESSAGES), '--seed', String(SEED), mbox]);
    const { labels } = JSON.parse(readFileSync(path.join(dir, 'eval.labels.json'), 'utf8')) as { labels: MessageLabel[] };
    const lines = await cli(['scan', '--json', mbox]);
    const items = lines.slice(0, -1).map((l) => JSON.parse(l) as ScanItem);
    const { summary } = JSON.parse(lines.at(-1) ?? '{}') as { summary: ScanSummaryLine };
    if (items.length !== labels.length) throw new Error(`items ${items.length} ≠ labels ${labels.length}`);

    const perKind = new Map<PiiKind, { tp: number; fp: number; fn: number }>(PII_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tpU = 0;
    let fpU = 0;
    let fnU = 0;
    let exact = 0;
    let scored = 0;
    let absErr = 0;
    let expectedPersons = 0;
    let foundPersons = 0;
    const perTemplate = new Map<string, { n: number; exact: number; missed: number; falseAlarm: number }>();
    labels.forEach((label, i) => {
      const item = items[i];
      if (!item) return;
      for (const k of PII_KINDS) {
        const e = label.kinds[k] ?? 0;
        const f = item.kinds[k] ?? 0;
        const s = perKind.get(k);
        if (!s) continue;
        s.tp += Math.min(e, f);
        s.fp += Math.max(0, f - e);
        s.fn += Math.max(0, e - f);
      }
      const flagged = item.persons > 0;
      const flaggedU = flagged || item.parts.some((p) => p.status === 'encrypted');
      if (label.pii && flagged) tp += 1;
      else if (label.pii) fn += 1;
      else if (flagged) fp += 1;
      if (label.pii && flaggedU) tpU += 1;
      else if (label.pii) fnU += 1;
      else if (flaggedU) fpU += 1;
      const t = perTemplate.get(label.template) ?? { n: 0, exact: 0, missed: 0, falseAlarm: 0 };
      t.n += 1;
      if (label.pii && !label.uninspectable) {
        scored += 1;
        expectedPersons += label.persons;
        foundPersons += item.persons;
        absErr += Math.abs(item.persons - label.persons) / label.persons;
        if (item.persons === label.persons) {
          exact += 1;
          t.exact += 1;
        }
        if (!flagged) t.missed += 1;
      } else if (!label.pii && flagged) t.falseAlarm += 1;
      perTemplate.set(label.template, t);
    });

    const out = (s: string) => process.stdout.write(`${s}\n`);
    out(`scan-eval: ${MESSAGES} generated messages (seed ${SEED}); ${labels.filter((l) => l.pii).length} hold third-party personal data`);
    out('kind            expected  found  precision  recall   F1');
    for (const [k, s] of perKind) {
      if (s.tp + s.fn + s.fp === 0) continue;
      const p = s.tp / (s.tp + s.fp);
      const r = s.tp / (s.tp + s.fn);
      out(`${k.padEnd(15)} ${String(s.tp + s.fn).padStart(8)} ${String(s.tp + s.fp).padStart(6)}  ${pct(p).padStart(9)}  ${pct(r).padStart(6)}  ${pct((2 * p * r) / (p + r))}`);
    }
    out(`message level (persons > 0):            recall ${pct(tp / (tp + fn))}  precision ${pct(tp / (tp + fp))}  (TP ${tp}, FN ${fn}, FP ${fp})`);
    out(`message level (or encrypted part):      recall ${pct(tpU / (tpU + fnU))}  precision ${pct(tpU / (tpU + fpU))}  (TP ${tpU}, FN ${fnU}, FP ${fpU})`);
    out(`person count per item: exact ${exact}/${scored} (${pct(exact / scored)}), mean abs error ${pct(absErr / scored)} (fraction of the true count)`);
    out(`persons summed over items: found ${foundPersons}, expected ${expectedPersons} (error ${(((foundPersons - expectedPersons) / expectedPersons) * 100).toFixed(2)} %); distinct after de-duplication ${summary.persons}`);
    out('template        messages  exact-count  missed  false-alarm');
    for (const [name, t] of [...perTemplate].sort()) out(`${name.padEnd(15)} ${String(t.n).padStart(8)} ${String(t.exact).padStart(12)} ${String(t.missed).padStart(7)} ${String(t.falseAlarm).padStart(12)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await runScanEval();
