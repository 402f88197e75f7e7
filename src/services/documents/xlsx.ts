import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DomainError } from '../../core/errors.js';

/** A single-sheet workbook with a bold header row; cells are written as text (no formulas). */
export async function writeXlsx(sheetName: string, header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mamori';
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((col) => {
    col.width = 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) {
      const r: unknown = value.result;
      if (r instanceof Date) return r.toISOString().slice(0, 10);
      return typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean' ? String(r) : '';
    }
    return '';
  }
  return String(value);
}

/**
 * First worksheet as records keyed by the header row, with the row number of each record, so
 * xlsx goes through exactly the same validation as CSV. Dates become YYYY-MM-DD.
 */
export async function readXlsxRecords(data: Buffer, maxRows = 500_000): Promise<{ records: Array<Record<string, string>>; lines: number[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.read(Readable.from(data));
  } catch {
    throw new DomainError('validation_failed', 'Excelファイルを読み込めません（暗号化・破損の可能性） / Cannot read the xlsx file');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new DomainError('validation_failed', 'シートがありません / No worksheet');
  if (ws.rowCount > maxRows + 1) throw new DomainError('payload_too_large', '行数が多すぎます / Too many rows', { maxRows });
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    header[col] = cellText(cell.value).trim();
  });
  const records: Array<Record<string, string>> = [];
  const lines: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const rec: Record<string, string> = {};
    let any = false;
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const key = header[col];
      if (!key) return;
      const text = cellText(cell.value).trim();
      if (text) any = true;
      rec[key] = text;
    });
    if (any) {
      records.push(rec);
      lines.push(rowNumber);
    }
  });
  return { records, lines };
}
