/**
 * One source entry → scanned items, the same for the CLI and the server job: messages as messages,
 * database tables as tables, a zip file (a file-share export) as one item per entry, anything else
 * as a file.
 */
import path from 'node:path';
import type { SourceEntry } from '../../connectors/scan-source.js';
import type { ScannedItem } from '../../core/pii/scan-item.js';
import { DEFAULT_SCAN_OPTIONS, type ScanOptions } from '../../core/pii/scan-options.js';
import { readZip } from '../documents/zip-reader.js';
import { scanTable } from './file-scan.js';
import { scanMessage, scanSourceFile } from './message-scan.js';

export async function* scanEntry(entry: SourceEntry, opts: ScanOptions = DEFAULT_SCAN_OPTIONS): AsyncGenerator<ScannedItem> {
  if (entry.kind === 'table') {
    yield entry.status === 'ok' ? scanTable(entry.item, entry.table.header, entry.table.rows, opts) : await scanSourceFile(entry.item, null, entry.status, opts);
    return;
  }
  if (entry.kind === 'message') {
    yield entry.status === 'ok' ? await scanMessage(entry.item, entry.data, opts) : await scanSourceFile(entry.item, null, entry.status, opts);
    return;
  }
  if (entry.status === 'ok' && path.extname(entry.item).toLowerCase() === '.zip') {
    const entries = await readZip(entry.data);
    if (entries) {
      for (const e of entries) yield await scanSourceFile(`${entry.item}/${e.name}`, e.data, e.status === 'ok' ? 'ok' : e.status, opts);
      return;
    }
  }
  yield await scanSourceFile(entry.item, entry.data, entry.status, opts);
}
