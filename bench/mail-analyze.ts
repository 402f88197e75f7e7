/**
 * `npm run bench:mail-analyze`: throughput of the mail analysis on one core, without DNS, on
 * generated hospital mail (BENCH_MAIL_MESSAGES, default 50,000 inbound messages after a 1,500-thread
 * history), with peak RSS; then the first 1,000 of the same messages through Mamori and through
 * SpamAssassin 4 (spamd + spamc, one child, network tests off) in the same run, and the ratio.
 * SpamAssassin is installed by scripts/ensure-mail-peers.sh if missing; skipped with a message if not.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './cli.js';
import { measure, report } from './measure.js';
import { ensureInstalled, startSpamAssassin } from './mail-peers.js';
import { readMbox } from '../src/connectors/mbox-reader.js';
import { MailAnalyzer, parseStaffCsv } from '../src/services/mail/mail-analyzer.js';

const MESSAGES = Number(process.env.BENCH_MAIL_MESSAGES ?? 50_000);
const PEER_SAMPLE = 1000;
const out = (s: string) => process.stdout.write(`${s}\n`);

export async function runMailAnalyze(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-mail-bench-'));
  try {
    await cli(['mail', 'generate', '--staff', '300', '--threads', '1500', '--inbound', String(MESSAGES), '--seed', '17', dir]);
    const domain = (JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { hospital_domain: string }).hospital_domain;
    const analyzer = new MailAnalyzer({ staff: parseStaffCsv(readFileSync(path.join(dir, 'staff.csv'), 'utf8')), domains: [domain] });
    for await (const m of readMbox(path.join(dir, 'history.mbox'), 64 * 1024 * 1024)) if (m.status === 'ok') await analyzer.learn(m.raw);
    const sample: Buffer[] = [];
    let bytes = 0;
    const verdicts = { 安全: 0, 注意: 0, 危険: 0 };
    const all = await measure(`mail analyze (${MESSAGES.toLocaleString('en-US')} messages, no DNS)`, 'msgs', async () => {
      let n = 0;
      for await (const m of readMbox(path.join(dir, 'inbound.mbox'), 64 * 1024 * 1024)) {
        if (m.status !== 'ok') continue;
        bytes += m.raw.length;
        if (sample.length < PEER_SAMPLE) sample.push(m.raw);
        const r = await analyzer.analyze(m.raw);
        if (r) verdicts[r.analysis.verdict] += 1;
        n += 1;
      }
      return n;
    });
    out(`mail-analyze: ${MESSAGES.toLocaleString('en-US')} generated messages, ${(bytes / 1024 / 1024).toFixed(0)} MB, thread index of ${analyzer.index.size.toLocaleString('en-US')} messages; verdicts 安全 ${verdicts.安全} / 注意 ${verdicts.注意} / 危険 ${verdicts.危険}`);
    out(report(all));
    const mine = await measure(`Mamori on the first ${sample.length}`, 'msgs', async () => {
      for (const raw of sample) await analyzer.analyze(raw);
      return sample.length;
    });
    out(report(mine));
    const sa = process.env.BENCH_MAIL_PEERS !== '0' && ensureInstalled() ? await startSpamAssassin() : null;
    if (!sa) {
      out('SpamAssassin: skipped (could not be installed or started here)');
      return;
    }
    try {
      const theirs = await measure(`SpamAssassin 4 on the same ${sample.length} (spamc → spamd)`, 'msgs', async () => {
        for (const raw of sample) await sa.check(raw);
        return sample.length;
      });
      out(report(theirs));
      out(`ratio: Mamori is ${(theirs.seconds / mine.seconds).toFixed(1)}× faster than SpamAssassin on the same ${sample.length} messages (same process run, one spamd child)`);
    } finally {
      sa.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await runMailAnalyze();
