/**
 * One analysis of a set of log files: read every file into account events, build each account's
 * timeline, run the takeover detectors, and collect for each alert the raw log lines its evidence
 * cites (so a case keeps the exact lines, and the log files need not be kept).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TakeoverContext } from '../../core/mail/takeover/finding.js';
import type { AccountEvent } from '../../core/mail/takeover/log-events.js';
import { TimelineBuilder, detectTakeovers, type CountryOf, type TakeoverAlert } from '../../core/mail/takeover/takeover.js';
import { readAccountLog, type AccountLogOptions, type LogFileSummary } from './account-logs.js';

export interface TakeoverOptions extends AccountLogOptions {
  homeCountries?: readonly string[];
  learningDays?: number;
  dailyCeiling?: number;
  /** Offline IP → country (connectors/ip-country in production; a table in tests). */
  countryOf: CountryOf;
}

export interface TakeoverAnalysis {
  files: LogFileSummary[];
  accounts: number;
  events: { logins: number; sends: number; forwards: number };
  dataStart: number | null;
  dataEnd: number | null;
  alerts: TakeoverAlertWithLines[];
}

export interface TakeoverAlertWithLines extends TakeoverAlert {
  /** The raw log line of each evidence item, in evidence order ('' when it could not be re-read). */
  lines: string[];
}

export interface LogInput {
  path: string;
  name: string;
}

const MAX_LINE_CHARS = 2000;

/** The raw text of the cited lines, one pass per file. */
async function citedLines(inputs: readonly LogInput[], alerts: readonly TakeoverAlert[]): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<number>>();
  for (const a of alerts) {
    for (const e of a.evidence) {
      const set = wanted.get(e.ref.file) ?? new Set<number>();
      set.add(e.ref.line);
      wanted.set(e.ref.file, set);
    }
  }
  const out = new Map<string, string>();
  for (const input of inputs) {
    const lines = wanted.get(input.name);
    if (!lines) continue;
    const max = Math.max(...lines);
    let n = 0;
    const rl = createInterface({ input: createReadStream(input.path, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of rl) {
      n += 1;
      if (lines.has(n)) out.set(`${input.name}:${n}`, line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line);
      if (n >= max) {
        rl.close();
        break;
      }
    }
  }
  return out;
}

export async function analyzeAccountLogs(inputs: readonly LogInput[], opts: TakeoverOptions): Promise<TakeoverAnalysis> {
  const builder = new TimelineBuilder(opts.countryOf);
  const files: LogFileSummary[] = [];
  let dataStart = Infinity;
  let dataEnd = -Infinity;
  const counts = { logins: 0, sends: 0, forwards: 0 };
  const sink = (e: AccountEvent): void => {
    if (e.at < dataStart) dataStart = e.at;
    if (e.at > dataEnd) dataEnd = e.at;
    if (e.kind === 'login') counts.logins += 1;
    else if (e.kind === 'send') counts.sends += 1;
    else counts.forwards += 1;
    builder.add(e);
  };
  for (const input of inputs) files.push(await readAccountLog(input.path, input.name, opts, sink));
  const timelines = builder.finish();
  if (timelines.size === 0) return { files, accounts: 0, events: counts, dataStart: null, dataEnd: null, alerts: [] };
  const ctx: TakeoverContext = {
    domains: opts.domains,
    homeCountries: new Set((opts.homeCountries ?? ['JP']).map((c) => c.toUpperCase())),
    dataStart,
    dataEnd,
    learningDays: opts.learningDays ?? 7,
    dailyCeiling: opts.dailyCeiling ?? 300,
  };
  const alerts = detectTakeovers(timelines.values(), ctx);
  const raw = await citedLines(inputs, alerts);
  return {
    files,
    accounts: timelines.size,
    events: counts,
    dataStart,
    dataEnd,
    alerts: alerts.map((a) => ({ ...a, lines: a.evidence.map((e) => raw.get(`${e.ref.file}:${e.ref.line}`) ?? '') })),
  };
}

