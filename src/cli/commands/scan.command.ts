import type { Command } from 'commander';
import path from 'node:path';
import { walkFiles } from '../../connectors/file-source.js';
import { readMbox } from '../../connectors/mbox-reader.js';
import { scanMessage } from '../../services/mail-scan.js';
import { scanFile, type ScanItem } from '../../services/scan.service.js';
import type { CliIo } from '../cli-io.js';

const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Summary "breach table": items and persons per category. */
function summarize(items: readonly ScanItem[]) {
  const table = new Map<string, { items: number; persons: number }>();
  for (const i of items.filter((x) => x.persons > 0)) {
    const row = table.get(i.category) ?? { items: 0, persons: 0 };
    row.items += 1;
    row.persons += i.persons;
    table.set(i.category, row);
  }
  return {
    items: items.length,
    items_with_pii: items.filter((i) => i.persons > 0).length,
    persons: items.reduce((n, i) => n + i.persons, 0),
    table: [...table.entries()].map(([category, v]) => ({ category, ...v })),
  };
}

export function registerScan(program: Command, io: CliIo): void {
  program
    .command('scan')
    .description('Find Japanese personal data in mailboxes (mbox, .eml) and files (text, CSV/TSV, xlsx, docx) / 影響範囲調査')
    .argument('<path...>', 'files or folders')
    .option('--json', 'one JSON object per item, then a summary line')
    .option('--exclude-domain <domain...>', "the hospital's own mail domains (used by the mailbox scanner)")
    .action(async (paths: string[], opts: { json?: boolean }) => {
      const items: ScanItem[] = [];
      const emit = (item: ScanItem) => {
        items.push(item);
        if (opts.json) io.out(JSON.stringify(item));
        else if (item.persons > 0 || item.parts.some((p) => p.status !== 'ok')) io.out(`${item.item}\t${item.category}\t${item.persons}人\t${Object.keys(item.kinds).join(',')}${item.parts[0]?.status === 'ok' ? '' : `\t${item.parts[0]?.status ?? ''}`}`);
      };
      // mbox files are streamed message by message, so their size is not limited by memory.
      for await (const f of walkFiles(paths, MAX_FILE_BYTES, (p) => path.extname(p).toLowerCase() === '.mbox')) {
        const ext = path.extname(f.path).toLowerCase();
        if (ext === '.mbox') {
          for await (const m of readMbox(f.path, MAX_FILE_BYTES)) {
            const item = `${f.path}#${m.index}`;
            emit(m.raw ? await scanMessage(item, m.raw) : await scanFile(item, null, 'too_large'));
          }
        } else if (ext === '.eml' && f.data) {
          emit(await scanMessage(f.path, f.data));
        } else {
          emit(await scanFile(f.path, f.data, f.status));
        }
      }
      const summary = summarize(items);
      if (opts.json) io.out(JSON.stringify({ summary }));
      else {
        io.out(`items ${summary.items}, with personal data ${summary.items_with_pii}, persons ${summary.persons}`);
        for (const r of summary.table) io.out(`  ${r.category}: ${r.items}件 ${r.persons}人`);
      }
    });
}
