/**
 * Reads mail-server and Microsoft 365 log files into account events, whatever their format:
 * a syslog mail log (Postfix + Dovecot), or an M365 sign-in, message-trace or audit CSV —
 * recognised from the file's first line, not its name. Lines are streamed; unreadable lines become
 * rejects with file, line and reason (never the line's content). docs/mail-logs.md lists formats.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { readCsvRows } from '../../core/csv-rows.js';
import type { AccountEvent, LogReject } from '../../core/mail/takeover/log-events.js';
import { M365AuditParser } from '../../core/mail/takeover/parsers/m365-audit.parser.js';
import { M365MessageTraceParser } from '../../core/mail/takeover/parsers/m365-message-trace.parser.js';
import { M365SignInParser } from '../../core/mail/takeover/parsers/m365-sign-in.parser.js';
import { MaillogParser } from '../../core/mail/takeover/parsers/maillog.parser.js';
import { syslogMonth } from '../../core/mail/takeover/syslog-line.js';

export type LogFormat = 'maillog' | 'm365-sign-in' | 'm365-message-trace' | 'm365-audit' | 'unknown';

export const LOG_FORMAT_LABELS: Record<LogFormat, string> = {
  maillog: 'メールサーバーログ（Postfix / Dovecot）',
  'm365-sign-in': 'Microsoft 365 サインインログ',
  'm365-message-trace': 'Microsoft 365 メッセージ追跡',
  'm365-audit': 'Microsoft 365 監査ログ',
  unknown: '不明な形式',
};

export interface LogFileSummary {
  name: string;
  format: LogFormat;
  lines: number;
  events: number;
  rejected: number;
  /** The first rejects (file, line, reason) — enough to fix an export, never the line's content. */
  rejects: LogReject[];
}

export interface AccountLogOptions {
  domains: readonly string[];
  /** Year of classic syslog stamps without one; default: from the file's modification time. */
  year?: number;
  /** The mail server clock's offset from UTC in minutes (default JST, 540). */
  offsetMinutes?: number;
}

const MAX_REJECTS_KEPT = 50;

async function head(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await fh.close();
  }
}

function csvHeader(firstLine: string): string[] {
  let header: string[] = [];
  try {
    readCsvRows(firstLine, (fields) => {
      if (header.length === 0) header = fields.map((c) => c.trim());
    });
  } catch {
    // An unterminated quote in a first line is no known header.
  }
  return header;
}

export function detectLogFormat(text: string): LogFormat {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (first.includes(',')) {
    const header = csvHeader(first);
    if (M365SignInParser.accepts(header)) return 'm365-sign-in';
    if (M365MessageTraceParser.accepts(header)) return 'm365-message-trace';
    if (M365AuditParser.accepts(header)) return 'm365-audit';
  }
  if (/^([A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})/m.test(text)) return 'maillog';
  return 'unknown';
}

/** The format of a stored file, from its first 8 KB. */
export async function detectLogFileFormat(file: string): Promise<LogFormat> {
  return detectLogFormat(await head(file));
}

/** The year of a classic syslog's first line: the file's year, or the one before if that month is still to come. */
async function syslogYear(file: string, text: string): Promise<number> {
  const mtime = (await stat(file)).mtime;
  const month = syslogMonth(/^([A-Z][a-z]{2}) /m.exec(text)?.[1] ?? '');
  const jstMonth = new Date(mtime.getTime() + 9 * 3_600_000).getUTCMonth();
  const year = new Date(mtime.getTime() + 9 * 3_600_000).getUTCFullYear();
  return month > jstMonth ? year - 1 : year;
}

/** Streams one file's events to `sink`; returns what was read. */
export async function readAccountLog(file: string, name: string, opts: AccountLogOptions, sink: (e: AccountEvent) => void): Promise<LogFileSummary> {
  const text = await head(file);
  const format = detectLogFormat(text);
  const summary: LogFileSummary = { name, format, lines: 0, events: 0, rejected: 0, rejects: [] };
  const emit = (e: AccountEvent): void => {
    summary.events += 1;
    sink(e);
  };
  const reject = (r: LogReject): void => {
    summary.rejected += 1;
    if (summary.rejects.length < MAX_REJECTS_KEPT) summary.rejects.push(r);
  };
  const defaultDomain = opts.domains[0] ?? null;
  if (format === 'unknown') return summary;
  if (format === 'maillog') {
    const parser = new MaillogParser(name, { domains: opts.domains, year: opts.year ?? (await syslogYear(file, text)), offsetMinutes: opts.offsetMinutes ?? 540 });
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n += 1;
      for (const e of parser.push(line, n)) emit(e);
    }
    for (const e of parser.end()) emit(e);
    summary.lines = n;
    for (const r of parser.rejects) reject(r);
    return summary;
  }
  const header = csvHeader(text.split(/\r?\n/, 1)[0] ?? '');
  const records = createReadStream(file).pipe(parseCsv({ columns: true, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }));
  const signIn = format === 'm365-sign-in' ? new M365SignInParser(header) : null;
  const trace = format === 'm365-message-trace' ? new M365MessageTraceParser(header, opts.domains) : null;
  const audit = format === 'm365-audit' ? new M365AuditParser(header) : null;
  for await (const item of records as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    summary.lines += 1;
    const ref = { file: name, line: item.info.lines };
    const r = signIn ? signIn.row(item.record, ref, defaultDomain) : trace ? trace.row(item.record, ref) : audit ? audit.row(item.record, ref, defaultDomain) : null;
    if (typeof r === 'string') reject({ ref, reason: r });
    else if (Array.isArray(r)) r.forEach(emit);
    else if (r) emit(r);
  }
  if (trace) for (const e of trace.end()) emit(e);
  summary.lines += 1; // the header
  return summary;
}
