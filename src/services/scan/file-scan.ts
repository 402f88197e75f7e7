/**
 * Scanning one file or attachment: text, CSV/TSV, xlsx (first sheet), docx (body text) and zip
 * (nested, bounded). Tables with a recognisable header are read as tables (one person per row);
 * everything else is prose for the recognisers. Anything that cannot be read becomes a part with a
 * status and a reason — never an exception, never silence.
 */
import path from 'node:path';
import { categorize } from '../../core/pii/item-result.js';
import type { PersonRecord } from '../../core/pii/person-records.js';
import type { Finding } from '../../core/pii/pii-kinds.js';
import { DEFAULT_SCAN_OPTIONS, proseFilter, type ScanOptions } from '../../core/pii/scan-options.js';
import { scanProse } from '../../core/pii/prose-scan.js';
import { itemFromParts, unreadPart, type KindCounts, type PartStatus, type ScannedItem, type ScanPart } from '../../core/pii/scan-item.js';
import { summarizeTable, type TableSummary } from '../../core/pii/table-columns.js';
import { readZip } from '../documents/zip-reader.js';
import { csvTable, decodeText, docxText, htmlToText, pdfText, xlsxTable } from './text-extract.js';

export interface ListInfo {
  persons: number;
  kinds: KindCounts;
  staff: boolean;
}

/** What scanning a file yields before it becomes an item: parts, person records, its largest list. */
export interface FileScan {
  parts: ScanPart[];
  people: PersonRecord[];
  list: ListInfo | null;
}

export interface FileScanContext {
  depth: number;
  /** Part label for what this file is inside its item. */
  part: 'file' | 'attachment';
  /** Scans an embedded message (.eml inside a zip or attachment); supplied by message-scan. */
  message?: (name: string, data: Buffer, depth: number) => Promise<FileScan>;
  /** Which prose findings count (scan options, correspondents). */
  keep?: (f: Finding) => boolean;
}

const TEXT_EXT = new Set(['.txt', '.md', '.log', '.html', '.htm', '.json', '.xml']);
const MAX_DEPTH = 3;

function single(ctx: FileScanContext, name: string, kinds: KindCounts, people: PersonRecord[], table: TableSummary | null): FileScan {
  const persons = people.length;
  const list = table && table.persons > 0 ? { persons: table.persons, kinds: table.kinds, staff: table.staff } : null;
  return { parts: [{ part: ctx.part, name, kinds, persons, status: 'ok', category: categorize({ table: list, kinds, persons }) }], people, list };
}

function unread(ctx: FileScanContext, name: string, status: Exclude<PartStatus, 'ok'>, reason?: string): FileScan {
  return { parts: [unreadPart(ctx.part, name, status, reason)], people: [], list: null };
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Containers recognised by their first bytes, whatever the file is called. */
function sniffUnreadable(data: Buffer): { status: Exclude<PartStatus, 'ok'>; reason: string } | null {
  if (data.subarray(0, 8).equals(CFB_MAGIC)) {
    // Password-protected xlsx/docx are OLE containers holding an EncryptedPackage stream.
    if (data.includes(ENCRYPTED_PACKAGE)) return { status: 'encrypted', reason: 'パスワード付きのOffice文書のため未検査（パスワードを確認して要確認）' };
    return { status: 'unsupported', reason: '旧形式のOffice文書（.xls/.doc/.ppt）は未対応のため未検査（新形式で保存し直して再調査）' };
  }
  if (data.subarray(0, 4).toString('latin1') === '!BDN') {
    // A PST given directly is read message by message (connectors/pst-reader); inside an archive it is not unpacked.
    return { status: 'unsupported', reason: 'アーカイブ内のOutlookデータファイル（PST）は未検査です（取り出して単独で調査してください）' };
  }
  return null;
}

function tableOrProse(ctx: FileScanContext, name: string, t: { header: string[]; rows: string[][] } | null, text: string): FileScan {
  if (t) {
    const s = summarizeTable(t.header, t.rows);
    if (s.persons > 0) return single(ctx, name, s.kinds, s.people, s);
  }
  const prose = scanProse(text, ctx.keep);
  return single(ctx, name, prose.kinds, prose.people, prose.table);
}

export async function scanFileParts(name: string, data: Buffer | null, status: PartStatus, ctx: FileScanContext): Promise<FileScan> {
  const base = path.basename(name);
  if (!data || status !== 'ok') return unread(ctx, base, status === 'ok' ? 'unreadable' : status);
  const sniffed = sniffUnreadable(data);
  if (sniffed) return unread(ctx, base, sniffed.status, sniffed.reason);
  const ext = path.extname(name).toLowerCase();
  switch (ext) {
    case '.zip':
      return scanZip(base, data, ctx);
    case '.eml':
      if (ctx.message && ctx.depth < MAX_DEPTH) return ctx.message(base, data, ctx.depth + 1);
      return ctx.message ? unread(ctx, base, 'too_large') : tableOrProse(ctx, base, null, decodeText(data));
    case '.xlsx': {
      const t = await xlsxTable(data);
      if (!t) return unread(ctx, base, 'unreadable');
      return tableOrProse(ctx, base, t, [t.header, ...t.rows].map((r) => r.join('\t')).join('\n'));
    }
    case '.docx': {
      const text = await docxText(data);
      return text === null ? unread(ctx, base, 'unreadable') : tableOrProse(ctx, base, null, text);
    }
    case '.pdf': {
      const pdf = await pdfText(data);
      return pdf.status === 'ok' ? tableOrProse(ctx, base, null, pdf.text) : unread(ctx, base, pdf.status, pdf.status === 'encrypted' ? 'パスワード付きPDFのため未検査（パスワードを確認して要確認）' : undefined);
    }
    case '.csv':
    case '.tsv': {
      const text = decodeText(data);
      return tableOrProse(ctx, base, csvTable(text, ext === '.tsv' ? '\t' : ','), text);
    }
    default:
      if (ext === '.html' || ext === '.htm') return tableOrProse(ctx, base, null, htmlToText(decodeText(data)));
      if (TEXT_EXT.has(ext)) return tableOrProse(ctx, base, null, decodeText(data));
      return unread(ctx, base, 'unsupported');
  }
}

/** Every entry scanned as a file (nested zips up to MAX_DEPTH); encrypted and oversized entries are parts with a status. */
async function scanZip(name: string, data: Buffer, ctx: FileScanContext): Promise<FileScan> {
  if (ctx.depth >= MAX_DEPTH) return unread(ctx, name, 'too_large');
  const entries = await readZip(data);
  if (!entries) return unread(ctx, name, 'unreadable');
  const out: FileScan = { parts: [], people: [], list: null };
  for (const e of entries) {
    const sub = await scanFileParts(e.name, e.data, e.status === 'ok' ? 'ok' : e.status, { ...ctx, depth: ctx.depth + 1 });
    for (const p of sub.parts) out.parts.push({ ...p, name: `${name}/${p.name === path.basename(e.name) ? e.name : p.name}` });
    out.people.push(...sub.people);
    if (sub.list && (!out.list || sub.list.persons > out.list.persons)) out.list = sub.list;
  }
  return out;
}

const MAX_PROSE_TABLE_CHARS = 20 * 1024 * 1024;

/**
 * A database table as an item: by header when the columns say what they hold; otherwise its
 * cells are read as prose (bounded), so an oddly named column still gets looked at.
 */
export function scanTable(item: string, header: string[], rows: string[][], opts: ScanOptions = DEFAULT_SCAN_OPTIONS): ScannedItem {
  const ctx: FileScanContext = { depth: 0, part: 'file', keep: proseFilter(opts) };
  const s = summarizeTable(header, rows);
  if (s.persons > 0) {
    const fs = single(ctx, path.basename(item), s.kinds, s.people, s);
    return itemFromParts(item, null, fs.parts, fs.people, fs.list ?? undefined);
  }
  let text = header.join('\t');
  for (const r of rows) {
    if (text.length > MAX_PROSE_TABLE_CHARS) break;
    text += `\n${r.join('\t')}`;
  }
  const fs = tableOrProse(ctx, path.basename(item), null, text);
  return itemFromParts(item, null, fs.parts, fs.people, fs.list ?? undefined);
}

/** A stand-alone file as an item. */
export async function scanFile(name: string, data: Buffer | null, status: PartStatus = 'ok', message?: FileScanContext['message'], opts: ScanOptions = DEFAULT_SCAN_OPTIONS): Promise<ScannedItem> {
  const fs = await scanFileParts(name, data, status, { depth: 0, part: 'file', keep: proseFilter(opts), ...(message ? { message } : {}) });
  return itemFromParts(name, null, fs.parts, fs.people, fs.list ?? undefined);
}
