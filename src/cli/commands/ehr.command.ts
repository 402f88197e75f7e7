import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readEhrFolder } from '../../connectors/ehr-folder.js';
import { runAudit, type AuditOptions, type AuditResult } from '../../core/ehr/audit.js';
import type { Alert } from '../../core/ehr/detector.js';
import type { AccessLine } from '../../core/ehr/investigate.js';
import { positive } from '../cli-options.js';
import { isoJst, jstDays } from '../../core/jst.js';
import { checkDay } from '../cli-dates.js';
import { loadEhrDataset, loadEhrDatasetStreaming } from '../../services/ehr/ehr-dataset.js';
import { EhrGenerator } from '../../services/ehr/ehr-generator.js';
import { cliActor, type CliIo } from '../cli-io.js';
import { withContainer, type GlobalFlags } from '../open-container.js';

const jst = isoJst;

function present(a: Alert) {
  return { rule: a.rule, user_id: a.userId, patient_id: a.patientId, first_at: jst(a.firstAt), last_at: jst(a.lastAt), score: a.score, event_ids: a.eventIds, reason: a.reason };
}

function printAudit(io: CliIo, result: AuditResult, json: boolean | undefined, extra: Record<string, unknown> = {}): void {
  if (json) {
    for (const a of result.alerts) io.out(JSON.stringify(present(a)));
    io.out(JSON.stringify({ summary: { ...result.summary, ...extra } }));
    return;
  }
  const s = result.summary;
  io.out(`events ${s.events}, patient accesses ${s.patient_accesses}, explained ${s.explained} (${s.patient_accesses ? ((100 * s.explained) / s.patient_accesses).toFixed(1) : '0'} %), alerts ${s.alerts}`);
  for (const r of s.skipped_rules) io.out(`  not run: ${r.rule} (missing ${r.missing.join(', ')})`);
  for (const a of result.alerts.slice(0, 50)) io.out(`${String(a.score).padStart(3)} ${a.rule} ${a.userId} ${a.patientId ?? '-'} ${jst(a.firstAt)} ${a.reason}`);
}

function printLines(io: CliIo, lines: readonly AccessLine[], json: boolean | undefined): void {
  for (const l of lines) {
    if (json) io.out(JSON.stringify({ event_id: l.eventId, at: jst(l.at), user_id: l.userId, user_name: l.userName, job: l.job, department: l.department, patient_id: l.patientId || null, action: l.action, screen: l.screen, terminal_id: l.terminalId, session_id: l.sessionId, via: l.via, explanation: l.explanation, relation: l.relation }));
    else io.out(`${jst(l.at)} ${l.userId} ${l.userName}（${l.department}） ${l.action}/${l.screen} ${l.patientId || '-'} ${l.explanation ?? '説明なし'}${l.relation ? ` ［${l.relation}］` : ''}`);
  }
}

function windowOf(opts: { from?: string; to?: string }): AuditOptions {
  return jstDays(checkDay(opts.from), checkDay(opts.to));
}

export function registerEhr(program: Command, io: CliIo): void {
  const ehr = program.command('ehr').description('EHR access audit / 電子カルテのアクセスログ監査');
  ehr
    .command('import')
    .description('Import an input folder (all files, or only a new access_log.csv) into the database; safe to re-run')
    .argument('<dir>')
    .action(async (dir: string, _opts: unknown, cmd: Command) => {
      const folder = await readEhrFolder(dir, { streamAccessLog: true });
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => {
        const r = await c.ehr.importFolder(cliActor(), folder.texts, dir, folder.accessLogRows);
        r.rejected.unshift(...folder.rejected);
        for (const x of r.rejected.slice(0, 100)) io.err(`rejected ${x.file}:${x.line}: ${x.reason}`);
        if (r.rejected.length > 100) io.err(`… ${r.rejected.length - 100} more rejected rows`);
        io.out(`imported ${r.files.map((f) => `${f.file} ${f.rows}`).join(', ')}; access log: ${r.eventsNew} new of ${r.eventsSeen}; rejected rows ${r.rejected.length}`);
      });
    });
  ehr
    .command('who-viewed')
    .description("Who opened a patient's record, with the explanation for each access (also for a patient's disclosure request) / 閲覧者一覧")
    .argument('<patient_id>')
    .option('--from <date>')
    .option('--to <date>')
    .option('--json', 'JSON lines')
    .action(async (patientId: string, opts: { from?: string; to?: string; json?: boolean }, cmd: Command) => {
      const w = windowOf(opts);
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => printLines(io, await c.ehr.investigate(cliActor(), { patientId, ...w }), opts.json));
    });
  ehr
    .command('user-activity')
    .description('What one user did in a period, each patient access with its explanation / 操作履歴')
    .argument('<user_id>')
    .option('--from <date>')
    .option('--to <date>')
    .option('--json', 'JSON lines')
    .action(async (userId: string, opts: { from?: string; to?: string; json?: boolean }, cmd: Command) => {
      const w = windowOf(opts);
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => printLines(io, await c.ehr.investigate(cliActor(), { userId, ...w }), opts.json));
    });
  ehr
    .command('session')
    .description('Replay one session event by event / セッションの再現')
    .argument('<session_id>')
    .option('--json', 'JSON lines')
    .action(async (sessionId: string, opts: { json?: boolean }, cmd: Command) => {
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => printLines(io, await c.ehr.investigate(cliActor(), { sessionId }), opts.json));
    });
  ehr
    .command('report')
    .description('Monthly access-log audit report (アクセスログ監査報告) as DOCX or printable HTML')
    .requiredOption('--month <YYYY-MM>', 'calendar month (JST)')
    .requiredOption('--out <file>', 'output file (.docx or .html)')
    .action(async (opts: { month: string; out: string }, cmd: Command) => {
      const format = opts.out.toLowerCase().endsWith('.html') ? 'html' : 'docx';
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => {
        const hospital = (await c.incidentSettings.profile()).name;
        await writeFile(opts.out, await c.ehr.monthlyReport(cliActor(), opts.month, format, hospital));
        io.out(`wrote ${opts.out}`);
      });
    });
  ehr
    .command('audit')
    .description('Audit what has been imported: one JSON line per alert, then a summary')
    .option('--from <date>', 'first day (JST, YYYY-MM-DD) that raises alerts')
    .option('--to <date>', 'last day (JST, YYYY-MM-DD) that raises alerts')
    .option('--json', 'JSON lines')
    .action(async (opts: { from?: string; to?: string; json?: boolean }, cmd: Command) => {
      const window = windowOf(opts);
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => printAudit(io, await c.ehr.audit(cliActor(), window), opts.json));
    });
  ehr
    .command('audit-dir')
    .description('Read an input folder and audit it in memory (no database): one JSON line per alert, then a summary')
    .argument('<dir>')
    .option('--from <date>', 'first day (JST, YYYY-MM-DD) that raises alerts')
    .option('--to <date>', 'last day (JST, YYYY-MM-DD) that raises alerts')
    .option('--json', 'JSON lines')
    .action(async (dir: string, opts: { from?: string; to?: string; json?: boolean }) => {
      // The access log is read in pieces: a month of a large hospital's log does not fit in one string.
      const folder = await readEhrFolder(dir, { streamAccessLog: true });
      // Problems with the folder itself (mapping.json, NDJSON lines) are shown even if the load then fails.
      for (const r of folder.rejected.slice(0, 100)) io.err(`rejected ${r.file}:${r.line}: ${r.reason}`);
      const { data, rejected } = folder.accessLogRows ? await loadEhrDatasetStreaming(folder.texts, folder.accessLogRows) : loadEhrDataset(folder.texts);
      for (const r of rejected.slice(0, 100)) io.err(`rejected ${r.file}:${r.line}: ${r.reason}`);
      if (rejected.length > 100) io.err(`… ${rejected.length - 100} more rejected rows`);
      printAudit(io, runAudit(data, windowOf(opts)), opts.json, { rejected_rows: rejected.length + folder.rejected.length });
    });
  ehr
    .command('generate')
    .description('Write a synthetic hospital in the input format, with injected misuse in labels.json')
    .argument('<dir>')
    .option('--staff <n>', 'staff', '300')
    .option('--patients <n>', 'patients', '5000')
    .option('--days <n>', 'days of access log', '14')
    .option('--seed <n>', 'random seed', '1')
    .action(async (dir: string, opts: { staff: string; patients: string; days: string; seed: string }) => {
      const gen = new EhrGenerator({ staff: positive('staff', opts.staff), patients: positive('patients', opts.patients), days: positive('days', opts.days), seed: positive('seed', opts.seed) }).generate();
      await gen.writeTo(dir);
      await writeFile(path.join(dir, 'labels.json'), JSON.stringify({ scenarios: gen.labels }, null, 1));
      io.out(`wrote ${dir}: ${gen.staff.length} staff, ${gen.patients.length} patients, ${gen.events.length} events, ${gen.labels.length} injected misuse cases`);
    });
}
