import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { DomainError } from '../../core/errors.js';
import { MailboxGenerator, type MessageLabel } from '../../services/scan/mailbox-generator.js';
import { ScanSummary } from '../../core/pii/scan-summary.js';
import type { ScanItem } from '../../core/pii/scan-item.js';
import { walkFiles } from '../../connectors/file-source.js';
import { fileScanSource } from '../../connectors/scan-source.js';
import { approxPeople, noticeItems } from '../../core/pii/notice-phrase.js';
import type { ScanOptions } from '../../core/pii/scan-options.js';
import { scanSourceFile } from '../../services/scan/message-scan.js';
import { scanEntry } from '../../services/scan/scan-entry.js';
import type { CliIo } from '../cli-io.js';

const MAX_FILE_BYTES = 200 * 1024 * 1024;

async function generate(out: string, opts: { messages: string; seed: string; bulkMb?: string }, io: CliIo): Promise<void> {
  const messages = Number(opts.messages);
  const seed = Number(opts.seed);
  const bulkMb = Number(opts.bulkMb ?? 0);
  if (!Number.isInteger(messages) || messages < 1 || !Number.isInteger(seed) || !(bulkMb >= 0)) {
    throw new DomainError('validation_failed', '--messages と --seed は正の整数です / --messages and --seed must be positive integers');
  }
  const gen = new MailboxGenerator({ messages, seed, bulkBytes: bulkMb * 1024 * 1024 });
  const labels: MessageLabel[] = [];
  const stream = createWriteStream(out);
  for await (const m of gen.messages()) {
    labels.push(m.label);
    if (!stream.write(`${m.mbox}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await finished(stream);
  const labelsPath = `${out.replace(/\.mbox$/i, '')}.labels.json`;
  await writeFile(labelsPath, JSON.stringify({ seed, messages, labels }));
  const withPii = labels.filter((l) => l.pii).length;
  io.out(`wrote ${out} (${messages} messages, ${withPii} with personal data) and ${labelsPath}`);
}

export function registerScan(program: Command, io: CliIo): void {
  const scan = program
    .command('scan')
    .description('Find Japanese personal data in mailboxes (mbox, .eml, Maildir), files (text, HTML, CSV/TSV, xlsx, docx, zip) and database dumps (SQLite, SQL INSERT/COPY) / 影響範囲調査')
    .argument('<path...>', 'files or folders')
    .option('--json', 'one JSON object per item, then a summary line')
    .option('--exclude-domain <domain...>', "the hospital's own mail domains: their addresses in letters and mail bodies are not counted (lists always are)")
    .action(async (paths: string[], opts: { json?: boolean; excludeDomain?: string[] }) => {
      const options: ScanOptions = { excludeDomains: opts.excludeDomain ?? [] };
      const summary = new ScanSummary();
      const emit = (item: ScanItem) => {
        if (opts.json) io.out(JSON.stringify(item));
        else if (item.persons > 0 || item.parts.some((p) => p.status !== 'ok')) io.out(`${item.item}\t${item.category}\t${item.persons}人\t${Object.keys(item.kinds).join(',')}${item.parts[0]?.status === 'ok' ? '' : `\t${item.parts[0]?.status ?? ''}`}`);
      };
      // Files are walked as paths; each is read by the same source reader the server uses (mbox
      // streamed message by message, SQLite and SQL dumps as tables, Maildir files as messages).
      for await (const f of walkFiles(paths, MAX_FILE_BYTES, () => true)) {
        if (f.status === 'unreadable') {
          emit(summary.add(await scanSourceFile(f.path, null, 'unreadable', options)));
          continue;
        }
        for await (const entry of fileScanSource.entries(f.path, f.path, MAX_FILE_BYTES)) {
          for await (const item of scanEntry(entry, options)) emit(summary.add(item));
        }
      }
      const result = summary.result();
      if (opts.json) io.out(JSON.stringify({ summary: { ...result, notice_items: noticeItems(result.table), approx_persons: approxPeople(result.persons) } }));
      else {
        io.out(`items ${result.items}, with personal data ${result.items_with_pii}, persons ${result.persons} (records ${result.person_records}), uninspected ${result.items_uninspected}`);
        io.out(`${noticeItems(result.table)} ／ ${approxPeople(result.persons)}`);
        for (const r of result.table) io.out(`${r.level ? '  └ ' : ''}${r.label}: ${r.items}件 ${r.persons}人`);
      }
    });
  scan
    .command('generate')
    .description('Write a synthetic hospital mailbox (mbox) and its ground-truth labels (<out>.labels.json) / 評価用メールボックス生成')
    .argument('<out.mbox>')
    .requiredOption('--messages <n>', 'number of messages')
    .option('--seed <n>', 'random seed', '1')
    .option('--bulk-mb <n>', 'total size of photo attachments, for speed benchmarks', '0')
    .action(async (out: string, opts: { messages: string; seed: string; bulkMb?: string }) => generate(out, opts, io));
}
