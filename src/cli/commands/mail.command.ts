import type { Command } from 'commander';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { walkFiles } from '../../connectors/file-source.js';
import { fileScanSource } from '../../connectors/scan-source.js';
import { csvLine } from '../../core/csv.js';
import { CorrespondentList, REGISTER_HEADER, registerRow, type Correspondent } from '../../core/mail/correspondents.js';
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
import { countryOfIp } from '../../connectors/ip-country.js';
import { analyzeAccountLogs, type TakeoverAlertWithLines } from '../../services/mail/account-takeover.js';
import { LOG_FORMAT_LABELS } from '../../services/mail/account-logs.js';
import { suspectIpLabel } from '../../core/mail/takeover/takeover.js';
import { TakeoverLogGenerator } from '../../services/mail/takeover-log-generator.js';

const MAX_MESSAGE = 200 * 1024 * 1024;

function jst(t: number | null): string | null {
  return t === null ? null : isoJst(t);
}

/** Rows shaped for the affected-people register import (区分・氏名・メールアドレス・項目). */
function registerRows(list: readonly Correspondent[]): string[][] {
  return list.map((c) => registerRow({ address: c.address, name: c.name, internal: c.internal, messages: c.messages, first: jst(c.firstAt) ?? '', last: jst(c.lastAt) ?? '' }));
}


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
      if (opts.xlsx) await writeFile(opts.xlsx, await writeXlsx('送受信先', [...REGISTER_HEADER], registerRows(rows)));
    });
  mail
    .command('takeover')
    .description('Compromised accounts from mail and sign-in logs (Postfix/Dovecot mail log, Microsoft 365 sign-in, message trace and audit CSV) / アカウント乗っ取り検知')
    .argument('<log...>', 'log files (format recognised from the content)')
    .option('--domain <domain>', "the hospital's own mail domain, repeatable (default: MAMORI_MAIL_DOMAINS)", collect)
    .option('--home-country <cc>', 'countries staff normally log in from, repeatable (default JP)', collect)
    .option('--year <yyyy>', 'year of syslog lines without one (default: from the file date)')
    .option('--utc-offset <minutes>', "the mail server clock's offset from UTC in minutes", '540')
    .option('--learning-days <n>', 'days at the start of the logs that only teach what is normal', '7')
    .option('--daily-ceiling <n>', 'outside recipients a day above which any account is flagged', '300')
    .option('--json', 'one JSON line per alert, then a summary')
    .option('--recipients <file.csv>', "write the outside addresses each 危険 account mailed in its estimated window (register import format, UTF-8 with BOM)")
    .action(async (paths: string[], opts: { domain?: string[]; homeCountry?: string[]; year?: string; utcOffset: string; learningDays: string; dailyCeiling: string; json?: boolean; recipients?: string }) => {
      const domains = opts.domain ?? envMailDomains(io);
      if (domains.length === 0) throw new DomainError('validation_failed', '病院のメールドメインを --domain か MAMORI_MAIL_DOMAINS で指定してください / give the hospital mail domain (--domain or MAMORI_MAIL_DOMAINS)');
      const offset = Number(opts.utcOffset);
      if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60) throw new DomainError('validation_failed', '--utc-offset は分単位の整数です / --utc-offset must be whole minutes');
      const started = Date.now();
      const r = await analyzeAccountLogs(
        paths.map((p) => ({ path: p, name: path.basename(p) })),
        {
          domains: domains.map((d) => d.toLowerCase()),
          ...(opts.homeCountry ? { homeCountries: opts.homeCountry } : {}),
          ...(opts.year ? { year: positive('year', opts.year) } : {}),
          offsetMinutes: offset,
          learningDays: Number(opts.learningDays) >= 0 ? Math.floor(Number(opts.learningDays)) : 7,
          dailyCeiling: positive('daily-ceiling', opts.dailyCeiling),
          countryOf: countryOfIp,
        },
      );
      for (const f of r.files) {
        if (f.format === 'unknown') io.err(`${f.name}: 形式を認識できません / unrecognised log format`);
        for (const x of f.rejects.slice(0, 5)) io.err(`${x.ref.file}:${x.ref.line}: ${x.reason}`);
      }
      const summary = {
        files: r.files.map((f) => ({ name: f.name, format: f.format, lines: f.lines, events: f.events, rejected: f.rejected })),
        accounts: r.accounts,
        events: r.events,
        from: r.dataStart === null ? null : isoJst(r.dataStart),
        to: r.dataEnd === null ? null : isoJst(r.dataEnd),
        alerts: r.alerts.length,
        danger: r.alerts.filter((a) => a.severity === '危険').length,
        seconds: (Date.now() - started) / 1000,
      };
      if (opts.recipients) {
        const rows = r.alerts.filter((a) => a.severity === '危険').flatMap((a) => a.recipients.map((x) => [a.account, ...registerRow({ address: x.address, internal: false, messages: x.messages, first: isoJst(x.first), last: '' })]));
        await writeFile(opts.recipients, `\uFEFF${csvLine(['アカウント', ...REGISTER_HEADER])}${rows.map((x) => csvLine(x)).join('')}`);
      }
      if (opts.json) {
        for (const a of r.alerts) io.out(JSON.stringify(takeoverAlertJson(a)));
        io.out(JSON.stringify({ summary }));
        return;
      }
      for (const f of r.files) io.out(`${f.name}\t${LOG_FORMAT_LABELS[f.format]}\t${f.lines} 行, ${f.events} 件, 不正な行 ${f.rejected}`);
      for (const a of r.alerts) {
        io.out(`${a.severity}\t${a.score}\t${a.account}\t推定期間 ${isoJst(a.windowStart)} – ${isoJst(a.windowEnd)}\t${a.suspectIps.map(suspectIpLabel).join(', ')}`);
        for (const f of a.findings) io.out(`  - ${f.text}`);
        if (a.sentInWindow > 0) io.out(`  期間内の送信 ${a.sentInWindow} 通、院外の宛先 ${a.externalRecipientsInWindow}`);
      }
      io.out(`accounts ${r.accounts}, alerts ${r.alerts.length} (危険 ${summary.danger})`);
    });
  mail
    .command('generate-logs')
    .description('Write synthetic mail-server or Microsoft 365 logs with labelled account takeovers (labels.json) / 評価用ログ生成')
    .argument('<dir>')
    .option('--accounts <n>', 'mail accounts', '300')
    .option('--days <n>', 'days of logs', '30')
    .option('--start <date>', 'first day (JST, YYYY-MM-DD)', '2026-10-01')
    .option('--flavour <onprem|m365>', 'onprem: Postfix + Dovecot mail log; m365: sign-in, message trace and audit CSV', 'onprem')
    .option('--per-scenario <n>', 'accounts per takeover scenario and per decoy')
    .option('--seed <n>', 'random seed', '1')
    .action(async (dir: string, opts: { accounts: string; days: string; start: string; flavour: string; perScenario?: string; seed: string }) => {
      if (opts.flavour !== 'onprem' && opts.flavour !== 'm365') throw new DomainError('validation_failed', '--flavour は onprem か m365 です / --flavour must be onprem or m365');
      const days = positive('days', opts.days);
      if (days < 10) throw new DomainError('validation_failed', '--days は 10 日以上です（学習期間の後に事象を入れるため） / --days must be at least 10');
      const gen = new TakeoverLogGenerator({ seed: positive('seed', opts.seed), accounts: positive('accounts', opts.accounts), days, start: checkDay(opts.start) ?? '2026-10-01', flavour: opts.flavour, ...(opts.perScenario ? { perScenario: positive('per-scenario', opts.perScenario) } : {}) });
      const { labels } = gen.generate();
      const files = await gen.write(dir);
      io.out(`wrote ${files.map((f) => path.basename(f)).join(', ')}: ${labels.filter((l) => l.compromised).length} takeovers, ${labels.filter((l) => !l.compromised).length} decoys`);
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

/** The JSON line of one takeover alert (`mamori mail takeover --json`); bench/mail-takeover-eval reads it. */
export function takeoverAlertJson(a: TakeoverAlertWithLines): Record<string, unknown> {
  return {
    account: a.account,
    severity: a.severity,
    score: a.score,
    window_start: isoJst(a.windowStart),
    window_end: isoJst(a.windowEnd),
    reasons: a.findings.map((f) => ({ code: f.code, text: f.text, weight: f.weight })),
    suspect_ips: a.suspectIps.map((s) => ({ ip: s.ip, country: s.country })),
    sent_in_window: a.sentInWindow,
    external_recipients_in_window: a.externalRecipientsInWindow,
    evidence: a.evidence.map((e, i) => ({ at: isoJst(e.at), file: e.ref.file, line: e.ref.line, text: e.text, raw: a.lines[i] ?? '' })),
  };
}

async function writeStream(file: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for await (const c of chunks) if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
