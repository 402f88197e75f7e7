import { parse as parseCsv } from 'csv-parse/sync';
import { DomainError } from '../core/errors.js';

export interface CsvRecords {
  records: Array<Record<string, string>>;
  /** File line on which each record starts (1-based; the header is line 1). */
  lines: number[];
}

/**
 * Parse a CSV with a header row into records, keeping each record's line number. Blank lines and
 * rows whose cells are all empty are skipped. Malformed CSV (e.g. an unclosed quote) is a
 * validation error naming the line, never a crash.
 */
export function readCsvRecords(csv: string): CsvRecords {
  try {
    const rows = parseCsv<{ record: Record<string, string>; info: { lines: number } }>(csv, {
      bom: true,
      columns: (h: string[]) => h.map((c) => c.trim()),
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      info: true,
    });
    return { records: rows.map((r) => r.record), lines: rows.map((r) => r.info.lines) };
  } catch (error) {
    const line = error instanceof Error && 'lines' in error ? Number(error.lines) : null;
    throw new DomainError('validation_failed', 'CSVを解釈できません / Malformed CSV', { errors: [{ line, reason: 'CSVの書式が不正です（引用符の閉じ忘れなど）' }] });
  }
}
