/**
 * Scan throughput on a generated mailbox, against the "parse floor": the same mbox only split and
 * MIME-parsed (postal-mime), in the same process. Reports MB/s and peak RSS.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { readMbox } from '../src/connectors/mbox-reader.js';
import { scanMessage } from '../src/services/mail-scan.js';
import { generateMailbox } from './mailbox-generator.js';
import { measure, report, type BenchResult } from './measure.js';

const MESSAGES = Number(process.env.BENCH_SCAN_MESSAGES ?? 8335);

export async function runScanBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-bench-scan-'));
  const file = path.join(dir, 'mailbox.mbox');
  try {
    writeFileSync(file, generateMailbox(MESSAGES));
    const mb = statSync(file).size / 1024 / 1024;
    const floor = await measure(`mbox parse floor (${MESSAGES} msgs, ${mb.toFixed(1)} MB)`, 'MB', async () => {
      for await (const m of readMbox(file, 100 * 1024 * 1024)) if (m.raw) await PostalMime.parse(m.raw);
      return mb;
    });
    let persons = 0;
    const scan = await measure(`mbox scan (${MESSAGES} msgs)`, 'MB', async () => {
      for await (const m of readMbox(file, 100 * 1024 * 1024)) if (m.raw) persons += (await scanMessage(`#${m.index}`, m.raw)).persons;
      return mb;
    });
    process.stdout.write(`scan found ${persons} persons; scan/parse-floor time ratio ${(scan.seconds / floor.seconds).toFixed(2)}\n`);
    return [floor, scan];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printScanResults(results: BenchResult[]): void {
  for (const r of results) process.stdout.write(`${report(r)}\n`);
}
