import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { categorize, personsInProse, type ItemCategory } from '../core/pii/item-result.js';
import type { PiiKind } from '../core/pii/pii-kinds.js';
import { countKinds, scanText } from '../core/pii/scan-text.js';
import { summarizeTable, type TableSummary } from '../core/pii/table-columns.js';

export type PartStatus = 'ok' | 'encrypted' | 'unreadable' | 'too_large' | 'unsupported';

export interface ScanPart {
  part: 'body' | 'attachment' | 'file';
  name: string;
  kinds: Partial<Record<PiiKind, number>>;
  persons: number;
  status: PartStatus;
}

export interface ScanItem {
  item: string;
  message_id: string | null;
  kinds: Partial<Record<PiiKind, number>>;
  persons: number;
  sensitive: boolean;
  category: ItemCategory;
  parts: ScanPart[];
}

/** Text in UTF-8 (BOM or not) or, failing that, Shift_JIS (CP932), the usual Excel export. */
export function decodeText(data: Buffer): string {
  const bytes = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

const TEXT_EXT = new Set(['.txt', '.md', '.log', '.html', '.htm', '.eml', '.json', '.xml']);
const TABLE_EXT = new Set(['.csv', '.tsv']);

function tableOf(text: string, delimiter: string): { header: string[]; rows: string[][] } | null {
  try {
    const rows: string[][] = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true });
    const [header, ...rest] = rows;
    return header ? { header, rows: rest } : null;
  } catch {
    return null;
  }
}

/**
 * Scan one file (breach scoping, issue 4 — files slice; mailboxes and attachments come next).
 * Tables are summarised by header; everything else is scanned as text.
 */
export function scanFile(name: string, data: Buffer | null, status: PartStatus = 'ok'): ScanItem {
  const ext = path.extname(name).toLowerCase();
  if (!data || status !== 'ok') return result(name, null, {}, 0, [{ part: 'file', name, kinds: {}, persons: 0, status }]);
  if (!TEXT_EXT.has(ext) && !TABLE_EXT.has(ext)) return result(name, null, {}, 0, [{ part: 'file', name, kinds: {}, persons: 0, status: 'unsupported' }]);
  const text = decodeText(data);
  let table: TableSummary | null = null;
  if (TABLE_EXT.has(ext)) {
    const t = tableOf(text, ext === '.tsv' ? '\t' : ',');
    if (t) {
      const s = summarizeTable(t.header, t.rows);
      if (s.columns.some((c) => c !== null)) table = s;
    }
  }
  const kinds = table ? table.kinds : countKinds(scanText(text));
  const persons = table ? table.persons : personsInProse(scanText(text));
  return result(name, table, kinds, persons, [{ part: 'file', name: path.basename(name), kinds, persons, status: 'ok' }]);
}

function result(item: string, table: TableSummary | null, kinds: Partial<Record<PiiKind, number>>, persons: number, parts: ScanPart[]): ScanItem {
  return {
    item,
    message_id: null,
    kinds,
    persons,
    sensitive: Boolean(kinds.diagnosis ?? kinds.test_result),
    category: categorize({ table, kinds, persons }),
    parts,
  };
}
