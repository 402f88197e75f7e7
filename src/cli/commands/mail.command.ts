import type { Command } from 'commander';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { walkFiles } from '../../connectors/file-source.js';
import { fileScanSource } from '../../connectors/scan-source.js';
import { csvLine } from '../../core/csv.js';
import { CorrespondentList, type Correspondent } from '../../core/mail/correspondents.js';
import { isoJst, jstDays } from '../../core/jst.js';
import { checkDay } from '../cli-dates.js';
import { writeXlsx } from '../../services/documents/xlsx.js';
import { messageAddresses } from '../../services/mail/message-addresses.js';
import { MailAnalyzer, parseStaffCsv } from '../../services/mail/mail-analyzer.js';
import { dnsCacheResolver } from '../../services/mail/mail-authentication.js';
import { commaList } from '../../config/config.js';
import type { CliIo } from '../cli-io.js';
import { collect, positive } from '../cli-options.js';
import { HOSPITAL_DOMAIN, MailGenerator } from '../../services/mail/mail-generator.js';
import { DomainError } from '../../core/errors.js';

const MAX_MESSAGE = 200 * 1024 * 1024;

function jst(t: number | null): string | null {
  return t === null ? null : isoJst(t);
}

/** Rows shaped for the affected-people register import (区分・氏名・メールアドレス・項目). */
function registerRows(list: readonly Correspondent[]): string[][] {
  return list.map((c) => ['取引先', c.name || c.address, c.address, 'メールアドレス', c.internal ? '院内' : '院外', String(c.messages), jst(c.firstAt) ?? '', jst(c.lastAt) ?? '']);
}
const REGISTER_HEADER = ['区分', '氏名', 'メールアドレス', '項目', '院内外', '通数', '最初', '最後'];


/** MAMORI_MAIL_DOMAINS, split as the configuration module splits it (these commands open no database). */
function envMailDomains(io: CliIo): string[] {
  return commaList(io.env.MAMORI_MAIL_DOMAINS ?? '');
}

async function* messages(paths: readonly string[]): AsyncGenerator<{ item: string; raw: Buffer | null }> {
  for await (const f of walkFiles(paths, MAX_MESSAGE, () => true)) {
    for await (const entry of fileScanSource.entries(f.path, f.path, MAX_MESSAGE)) {
      if (entry.kind === 'message') yield { item: entry.item, raw: entry.data };
    }
  }
}


export function registerMail(program: Command, io: CliIo): void {
  const mail = program.command('mail').description('Mail threats and compromised mailboxes / メール');
  mail
    .command('analyze')
    .description('Spoofed replies, dangerous attachments and links: a verdict (安全/注意/危険) with reasons per message / 不審メール判定')
    .argument('<path...>', '.eml files, mbox files or folders')
    .option('--staff <staff.csv>', 'staff directory: name, name_kana, email, department (name_romaji optional)')
    .option('--domain <domain>', "the hospital's own mail domain, repeatable (default: MAMORI_MAIL_DOMAINS)", collect)
    .option('--history <path>', "the hospital's own mail (mbox / EML folder) for the thread index, repeatable", collect)
    .option('--trust-authserv <id>', "authserv-id of the hospital MTA whose Authentication-Results header is trusted, repeatable", collect)
    .option('--dns-cache <file.json>', 'check SPF/DKIM/DMARC/ARC with mailauth against this DNS cache (no network)')
    .option('--json', 'one JSON line per message')
    .action(async (paths: string[], opts: { staff?: string; domain?: string[]; history?: string[]; trustAuthserv?: string[]; dnsCache?: string; json?: boolean }) => {
      const analyzer = new MailAnalyzer({
        staff: opts.staff ? parseStaffCsv((await readFile(opts.staff)).toString('utf8')) : [],
        domains: opts.domain ?? envMailDomains(io),
        trustedAuthservIds: opts.trustAuthserv ?? [],
        resolver: opts.dnsCache ? dnsCacheResolver(opts.dnsCache) : null,
      });
      for await (const m of messages(opts.history ?? [])) if (m.raw) await analyzer.learn(m.raw);
      const counts = { 安全: 0, 注意: 0, 危険: 0, unreadable: 0 };
      for await (const m of messages(paths)) {
        const result = m.raw ? await analyzer.analyze(m.raw) : null;
        if (!result) {
          counts.unreadable += 1;
          if (opts.json) io.out(JSON.stringify({ item: m.item, message_id: null, from: null, verdict: '注意', score: null, reasons: [{ code: 'unreadable', text: 'メッセージを解析できません（破損・上限超過）' }], indicators: {} }));
          else io.out(`${m.item}\t注意\t解析できません`);
          continue;
        }
        const { parsed, analysis: a } = result;
        counts[a.verdict] += 1;
        if (opts.json) io.out(JSON.stringify({ item: m.item, message_id: parsed.facts.messageId, from: parsed.facts.fromAddress, verdict: a.verdict, score: a.score, reasons: a.reasons.map((r) => ({ code: r.code, text: r.text })), indicators: a.indicators }));
        else io.out(`${m.item}\t${a.verdict}\t${a.score}\t${a.reasons.map((r) => r.text).join(' / ')}`);
      }
      if (!opts.json) io.out(`安全 ${counts.安全}, 注意 ${counts.注意}, 危険 ${counts.危険}, unreadable ${counts.unreadable}`);
    });
  mail
    .command('correspondents')
    .description('Every address a mailbox exchanged mail with in a period (the notification list) / 送受信先一覧')
    .argument('<mailbox...>', 'mbox files or folders of .eml / Maildir')
    .option('--since <date>', 'first day (JST, YYYY-MM-DD)')
    .option('--until <date>', 'last day (JST, YYYY-MM-DD), inclusive')
    .option('--exclude-domain <domain>', 'leave this domain out of the list, repeatable', collect)
    .option('--internal-domain <domain>', "the hospital's own domain (marked internal; default: MAMORI_MAIL_DOMAINS), repeatable", collect)
    .option('--json', 'one JSON line per address, then a summary')
    .option('--csv <file>', 'also write a CSV (UTF-8 with BOM) ready for the affected-people register import')
    .option('--xlsx <file>', 'also write the same as xlsx')
    .action(async (paths: string[], opts: { since?: string; until?: string; excludeDomain?: string[]; internalDomain?: string[]; json?: boolean; csv?: string; xlsx?: string }) => {
      const { from: since, to: until } = jstDays(checkDay(opts.since), checkDay(opts.until));
      const internal = opts.internalDomain ?? envMailDomains(io);
      const list = new CorrespondentList({ ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}), internalDomains: internal, excludeDomains: opts.excludeDomain ?? [] });
      let unreadable = 0;
      for await (const msg of messages(paths)) {
        const m = msg.raw ? await messageAddresses(msg.raw) : null;
        if (!m) {
          unreadable += 1;
          io.err(`unreadable: ${msg.item}`);
          continue;
        }
        list.add(m);
      }
      const rows = list.list();
      if (opts.json) {
        for (const c of rows) io.out(JSON.stringify({ address: c.address, first_at: jst(c.firstAt), last_at: jst(c.lastAt), messages: c.messages, internal: c.internal }));
        io.out(JSON.stringify({ summary: { addresses: rows.length, external: rows.filter((c) => !c.internal).length, internal: rows.filter((c) => c.internal).length, messages: list.messagesInWindow, messages_outside_window: list.messagesOutside, messages_undated: list.messagesUndated, unreadable } }));
      } else {
        for (const c of rows) io.out(`${c.internal ? '院内' : '院外'}\t${c.address}\t${c.name}\t${c.messages}通\t${jst(c.firstAt) ?? '-'} – ${jst(c.lastAt) ?? '-'}`);
        io.out(`addresses ${rows.length} (external ${rows.filter((c) => !c.internal).length}), messages ${list.messagesInWindow}, unreadable ${unreadable}`);
      }
      if (opts.csv) await writeFile(opts.csv, `\uFEFF${csvLine(REGISTER_HEADER)}${registerRows(rows).map((r) => csvLine(r)).join('')}`);
      if (opts.xlsx) await writeFile(opts.xlsx, await writeXlsx('送受信先', REGISTER_HEADER, registerRows(rows)));
    });
  mail
    .command('generate')
    .description("Write a synthetic hospital's mail with labelled attacks (staff.csv, history.mbox, inbound.mbox, labels.json) / 評価用メール生成")
    .argument('<dir>')
    .option('--staff <n>', 'staff', '200')
    .option('--threads <n>', "threads in the hospital's own history", '1500')
    .option('--inbound <n>', 'inbound messages to judge', '5000')
    .option('--attack-share <x>', 'share of attacks among inbound messages', '0.15')
    .option('--seed <n>', 'random seed', '1')
    .action(async (dir: string, opts: { staff: string; threads: string; inbound: string; attackShare: string; seed: string }) => {
      const share = Number(opts.attackShare);
      if (!(share >= 0 && share <= 1)) throw new DomainError('validation_failed', '--attack-share は 0〜1 です / --attack-share must be between 0 and 1');
      const gen = new MailGenerator({ staff: positive('staff', opts.staff), threads: positive('threads', opts.threads), inbound: positive('inbound', opts.inbound), attackShare: share, seed: positive('seed', opts.seed) });
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'staff.csv'), gen.staffCsv());
      let history = 0;
      await writeStream(path.join(dir, 'history.mbox'), (function* () {
        for (const m of gen.history()) {
          history += 1;
          yield m;
        }
      })());
      const labels: unknown[] = [];
      await writeStream(path.join(dir, 'inbound.mbox'), (async function* () {
        for await (const m of gen.inbound()) {
          labels.push(m.label);
          yield m.mbox;
        }
      })());
      await writeFile(path.join(dir, 'labels.json'), JSON.stringify({ hospital_domain: HOSPITAL_DOMAIN, inbound: labels }, null, 0));
      io.out(`wrote ${dir}: ${gen.staff.length} staff, ${history} history messages, ${labels.length} inbound messages`);
    });
}

async function writeStream(file: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for await (const c of chunks) if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
