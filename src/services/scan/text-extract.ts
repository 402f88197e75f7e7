/** Text and tables out of file formats, for the scanner. Each returns null when it cannot read the file. */
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import { readXlsxRecords } from '../documents/xlsx.js';

export interface Table {
  header: string[];
  rows: string[][];
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

export function csvTable(text: string, delimiter: string): Table | null {
  try {
    const rows: string[][] = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true });
    const [header, ...rest] = rows;
    return header ? { header, rows: rest } : null;
  } catch {
    return null;
  }
}

function xmlText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Body text of a .docx (word/document.xml), one line per paragraph. */
export async function docxText(data: Buffer): Promise<string | null> {
  try {
    const zip = await JSZip.loadAsync(data);
    const xml = await zip.file('word/document.xml')?.async('string');
    if (!xml) return null;
    return xmlText(
      xml
        .split(/<\/w:p>/)
        .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '').join(''))
        .join('\n'),
    );
  } catch {
    return null;
  }
}

/** Header + rows of the first sheet of an .xlsx; null when unreadable or encrypted. */
export async function xlsxTable(data: Buffer): Promise<Table | null> {
  try {
    const { records } = await readXlsxRecords(data);
    const header = [...new Set(records.flatMap((r) => Object.keys(r)))];
    return { header, rows: records.map((r) => header.map((h) => r[h] ?? '')) };
  } catch {
    return null;
  }
}

/** Visible text of HTML mail: no scripts or styles, block ends as newlines, common entities decoded. */
export function htmlToText(html: string): string {
  return xmlText(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
      .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
      .replace(/<\/t[dh]>/gi, '\t')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&#(\d{1,7});/g, (_, d: string) => (Number(d) <= 0x10ffff ? String.fromCodePoint(Number(d)) : ' ')),
  );
}

// pdf.js ships the CMaps that Japanese PDFs need (UniJIS-UCS2-H, 90ms-RKSJ-H …) inside the npm
// package: pointing it at that folder keeps extraction offline and Japanese text intact.
const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const MAX_PDF_PAGES = 2000;

export type PdfResult = { status: 'ok'; text: string } | { status: 'encrypted' | 'unreadable' };

/** The text layer of a PDF, one line per text run break; scanned images have none (reported as text ''). */
export async function pdfText(data: Buffer): Promise<PdfResult> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    cMapUrl: `${PDFJS_DIR}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const lines: string[] = [];
    for (let p = 1; p <= Math.min(doc.numPages, MAX_PDF_PAGES); p += 1) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let line = '';
      for (const it of content.items) {
        if (!('str' in it)) continue;
        line += it.str;
        if (it.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      page.cleanup();
    }
    return { status: 'ok', text: lines.join('\n') };
  } catch (error) {
    return { status: error instanceof Error && error.name === 'PasswordException' ? 'encrypted' : 'unreadable' };
  } finally {
    await task.destroy();
  }
}
