/**
 * Scan throughput on a generated mailbox (`mamori scan generate`: 8,335 messages with ~1 GB (700 MB of photos, base64-encoded) of
 * attachments by default), against the "parse floor": the same mbox only split and MIME-parsed
 * (postal-mime), in the same process. Reports MB/s, the time ratio and peak RSS.
 * Sizes: BENCH_SCAN_MESSAGES (8,335), BENCH_SCAN_BULK_MB (700; photo attachments → ~1 GB mbox).
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import PostalMime from 'postal-mime';
import { readMbox } from '../src/connectors/mbox-reader.js';
import { ScanSummary } from '../src/core/pii/scan-summary.js';
import { MailboxGenerator } from '../src/services/scan/mailbox-generator.js';
import { scanMessage } from '../src/services/scan/message-scan.js';
import { measure, report, type BenchResult } from './measure.js';

const MESSAGES = Number(process.env.BENCH_SCAN_MESSAGES ?? 8335);
const BULK_MB = Number(process.env.BENCH_SCAN_BULK_MB ?? 700);
const MAX_MESSAGE = 200 * 1024 * 1024;

async function writeMailbox(file: string): Promise<void> {
  const out = createWriteStream(file);
  for await (const m of new MailboxGenerator({ messages: MESSAGES, seed: 8335, bulkBytes: BULK_MB * 1024 * 1024 }).messages()) {
    if (!out.write(`${m.mbox}\n`)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
}

export async function runScanBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-bench-scan-'));
  const file = path.join(dir, 'mailbox.mbox');
  try {
    await writeMailbox(file);
    const mb = statSync(file).size / 1024 / 1024;
    const parseAll = async () => {
      for await (const m of readMbox(file, MAX_MESSAGE)) if (m.raw) await PostalMime.parse(m.raw);
      return mb;
    };
    // The first pass over a fresh file pays for JIT warm-up and cold caches; measure the floor
    // before and after the scan and compare the scan with the faster of the two.
    const floorBefore = await measure(`mbox parse floor, 1st (${MESSAGES} msgs, ${mb.toFixed(0)} MB)`, 'MB', parseAll);
    const summary = new ScanSummary();
    const scan = await measure(`mbox scan (${MESSAGES} msgs)`, 'MB', async () => {
      for await (const m of readMbox(file, MAX_MESSAGE)) if (m.raw) summary.add(await scanMessage(`#${m.index}`, m.raw));
      return mb;
    });
    const floorAfter = await measure(`mbox parse floor, 2nd`, 'MB', parseAll);
    const floor = Math.min(floorBefore.seconds, floorAfter.seconds);
    const s = summary.result();
    process.stdout.write(`scan: ${s.items_with_pii} items with personal data, ${s.persons} distinct persons; scan/parse-floor time ratio ${(scan.seconds / floor).toFixed(2)}\n`);
    return [floorBefore, scan, floorAfter];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printScanResults(results: BenchResult[]): void {
  for (const r of results) process.stdout.write(`${report(r)}\n`);
}
