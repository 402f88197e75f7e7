import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import { categorize, personsInProse, type ItemCategory } from '../core/pii/item-result.js';
import type { PiiKind } from '../core/pii/pii-kinds.js';
import { countKinds, scanText } from '../core/pii/scan-text.js';
import { summarizeTable, type TableSummary } from '../core/pii/table-columns.js';
import { readZip } from './documents/zip-reader.js';
import { readXlsxRecords } from './documents/xlsx.js';

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

/** Body text of a .docx (word/document.xml), one line per paragraph; null when not a docx. */
async function docxText(data: Buffer): Promise<string | null> {
  try {
    const zip = await JSZip.loadAsync(data);
    const xml = await zip.file('word/document.xml')?.async('string');
    if (!xml) return null;
    return xml
      .split(/<\/w:p>/)
      .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '').join(''))
      .join('\n')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  } catch {
    return null;
  }
}

/** Header + rows of the first sheet of an .xlsx; null when unreadable or encrypted. */
async function xlsxTable(data: Buffer): Promise<{ header: string[]; rows: string[][] } | null> {
  try {
    const { records } = await readXlsxRecords(data);
    const header = [...new Set(records.flatMap((r) => Object.keys(r)))];
    return { header, rows: records.map((r) => header.map((h) => r[h] ?? '')) };
  } catch {
    return null;
  }
}

/**
 * Scan one file: text, CSV/TSV, xlsx (first sheet, by header) and docx (body text). Tables are
 * summarised by header; everything else is scanned as text. Unreadable files are a status.
 */
export async function scanFile(name: string, data: Buffer | null, status: PartStatus = 'ok', depth = 0): Promise<ScanItem> {
  const ext = path.extname(name).toLowerCase();
  if (!data || status !== 'ok') return result(name, null, {}, 0, [{ part: 'file', name, kinds: {}, persons: 0, status }]);
  if (ext === '.zip') return scanZip(name, data, depth);
  let text: string;
  let table: TableSummary | null = null;
  if (ext === '.xlsx') {
    const t = await xlsxTable(data);
    if (!t) return result(name, null, {}, 0, [{ part: 'file', name, kinds: {}, persons: 0, status: 'unreadable' }]);
    const s = summarizeTable(t.header, t.rows);
    if (s.columns.some((c) => c !== null)) table = s;
    text = [t.header, ...t.rows].map((r) => r.join('\t')).join('\n');
  } else if (ext === '.docx') {
    const t = await docxText(data);
    if (t === null) return result(name, null, {}, 0, [{ part: 'file', name, kinds: {}, persons: 0, status: 'unreadable' }]);
    text = t;
  } else if (TEXT_EXT.has(ext) || TABLE_EXT.has(ext)) {
    text = decodeText(data);
    if (TABLE_EXT.has(ext)) {
      const t = tableOf(text, ext === '.tsv' ? '\t' : ',');
      if (t) {
        const s = summarizeTable(t.header, t.rows);
        if (s.columns.some((c) => c !== null)) table = s;
      }
    }
  } else {
    return result(name, null, {}, 0, [{ part: 'file', name, kinds: {}, persons: 0, status: 'unsupported' }]);
  }
  const findings = table ? [] : scanText(text);
  const kinds = table ? table.kinds : countKinds(findings);
  const persons = table ? table.persons : personsInProse(findings);
  return result(name, table, kinds, persons, [{ part: 'file', name: path.basename(name), kinds, persons, status: 'ok' }]);
}

const MAX_ZIP_DEPTH = 3;

/** Every entry scanned as a file (nested zips up to depth 3); encrypted and oversized entries are parts with a status. */
async function scanZip(name: string, data: Buffer, depth: number): Promise<ScanItem> {
  if (depth >= MAX_ZIP_DEPTH) return result(name, null, {}, 0, [{ part: 'file', name, kinds: {}, persons: 0, status: 'too_large' }]);
  const entries = await readZip(data);
  if (!entries) return result(name, null, {}, 0, [{ part: 'file', name, kinds: {}, persons: 0, status: 'unreadable' }]);
  const kinds: Partial<Record<PiiKind, number>> = {};
  const parts: ScanPart[] = [];
  let persons = 0;
  let table: TableSummary | null = null;
  for (const e of entries) {
    const sub = await scanFile(`${name}/${e.name}`, e.data, e.status === 'ok' ? 'ok' : e.status, depth + 1);
    for (const p of sub.parts) parts.push({ ...p, name: `${path.basename(name)}/${e.name}` });
    for (const [k, v] of Object.entries(sub.kinds) as Array<[PiiKind, number]>) kinds[k] = (kinds[k] ?? 0) + v;
    persons += sub.persons;
    if (sub.category.startsWith('患者リスト') || sub.category === '個人情報のリスト') table = { persons: sub.persons, kinds: sub.kinds, columns: [], sensitive: sub.sensitive };
  }
  return result(name, table, kinds, persons, parts);
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
