/**
 * What a scan reads from one file: an mbox is streamed message by message, as is an Outlook data
 * file (.pst/.ost, converted message by message); a SQLite database or a SQL dump becomes one table
 * per database table; a file that starts with mail headers (Maildir,
 * EML without extension) is a message; anything else is one file entry (the scanner expands zips
 * and reads .eml itself). Entries over `maxBytes` are reported, not read.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseSqlDump } from '../core/pii/sql-dump.js';
import { readMbox } from './mbox-reader.js';
import { isPst, readPst } from './pst-reader.js';
import { isSqlite, readSqliteTables } from './sqlite-tables.js';

export interface TableData {
  header: string[];
  rows: string[][];
}

export type SourceEntry =
  | { item: string; kind: 'message' | 'file'; status: 'ok'; data: Buffer }
  | { item: string; kind: 'table'; status: 'ok'; table: TableData; data: null }
  | { item: string; kind: 'message' | 'file' | 'table'; status: 'too_large' | 'unreadable'; data: null };

export interface ScanSource {
  entries(file: string, name: string, maxBytes: number): AsyncIterable<SourceEntry>;
  /** Number of entries, when cheap to know in advance (progress bars). */
  count(file: string, name: string): Promise<number | null>;
}

type Kind = 'mbox' | 'pst' | 'sqlite' | 'sql' | 'message' | 'file';

const HEADER_LINE = /^(Return-Path|Received|From|Date|Message-ID|Delivered-To|X-[\w-]+|MIME-Version|Subject|To):[ \t]/i;

async function head(file: string, bytes: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function sourceKind(file: string, name: string): Promise<Kind> {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.mbox' || ext === '.mbx') return 'mbox';
  if (ext === '.sql') return 'sql';
  if (ext === '.eml') return 'message';
  const h = await head(file, 64);
  if (isSqlite(h)) return 'sqlite';
  if (isPst(h)) return 'pst';
  if (h.subarray(0, 5).toString('latin1') === 'From ') return 'mbox';
  // Maildir files (cur/new) and extension-less saved mails start with header lines.
  if (!ext || /[:,]\d?,?[A-Z]*$/.test(name) || /\/(cur|new)\//.test(file)) {
    if (HEADER_LINE.test(h.toString('latin1'))) return 'message';
  }
  return 'file';
}

async function* entries(file: string, name: string, maxBytes: number): AsyncGenerator<SourceEntry> {
  let kind: Kind;
  let info;
  try {
    info = await stat(file);
    kind = await sourceKind(file, name);
  } catch {
    yield { item: name, kind: 'file', status: 'unreadable', data: null };
    return;
  }
  if (kind === 'mbox') {
    for await (const m of readMbox(file, maxBytes)) {
      const item = `${name}#${m.index}`;
      yield m.raw ? { item, kind: 'message', status: 'ok', data: m.raw } : { item, kind: 'message', status: 'too_large', data: null };
    }
    return;
  }
  if (kind === 'pst') {
    try {
      for await (const m of readPst(file, maxBytes)) {
        const item = `${name}#${m.item}`;
        yield m.eml ? { item, kind: 'message', status: 'ok', data: m.eml } : { item, kind: 'message', status: 'too_large', data: null };
      }
    } catch {
      // A damaged store: what was read stands; the rest is reported.
      yield { item: name, kind: 'file', status: 'unreadable', data: null };
    }
    return;
  }
  if (kind === 'sqlite') {
    const tables = readSqliteTables(file);
    if (!tables) yield { item: name, kind: 'table', status: 'unreadable', data: null };
    for (const t of tables ?? []) yield { item: `${name}#${t.name}`, kind: 'table', status: 'ok', table: { header: t.header, rows: t.rows }, data: null };
    return;
  }
  if (info.size > maxBytes) {
    yield { item: name, kind: kind === 'sql' ? 'table' : kind, status: 'too_large', data: null };
    return;
  }
  const data = await readFile(file);
  if (kind === 'sql') {
    const dump = parseSqlDump(new TextDecoder('utf-8').decode(data));
    if (dump.tables.length === 0) {
      yield { item: name, kind: 'file', status: 'ok', data };
      return;
    }
    for (const t of dump.tables) yield { item: `${name}#${t.name}`, kind: 'table', status: 'ok', table: { header: t.header, rows: t.rows }, data: null };
    return;
  }
  yield { item: name, kind, status: 'ok', data };
}

/** Counts "From " separators in one streaming pass (an 8,335-message mailbox takes about a second). */
async function count(file: string, name: string): Promise<number | null> {
  const kind = await sourceKind(file, name);
  if (kind !== 'mbox') return kind === 'sqlite' || kind === 'sql' || kind === 'pst' ? null : 1;
  let n = 0;
  let prev = 0x0a;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    let at = buf.indexOf('From ', 0, 'latin1');
    while (at !== -1) {
      const before = at === 0 ? prev : buf[at - 1];
      if (before === 0x0a) n += 1;
      at = buf.indexOf('From ', at + 1, 'latin1');
    }
    prev = buf[buf.length - 1] ?? prev;
  }
  return n;
}

export const fileScanSource: ScanSource = { entries, count };
