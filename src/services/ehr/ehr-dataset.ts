/**
 * From the folder's CSV texts to a typed dataset plus the rows that were rejected (file, line,
 * reason). A required file that is missing is a rejection of its own, and the audit refuses to
 * run without staff, patients and the access log.
 */
import { CsvSyntaxError, readCsvRows } from '../../core/csv-rows.js';
import { DomainError } from '../../core/errors.js';
import { OPTIONAL_FILES, type EhrDataset, type EhrFile, type RejectedRow } from '../../core/ehr/model.js';
import { parseRows, type ParsedOf } from '../../core/ehr/parse-rows.js';

/** Header and records of one file (readCsvRows: a month of access log is millions of rows). */
function records(text: string): { header: string[]; rows: Array<{ line: number; record: Record<string, string> }> } {
  let header: string[] | null = null;
  const rows: Array<{ line: number; record: Record<string, string> }> = [];
  readCsvRows(text, (fields, line) => {
    if (!header) {
      header = fields.map((c) => c.trim());
      return;
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) {
      const key = header[i];
      if (key !== undefined) record[key] = fields[i] ?? '';
    }
    rows.push({ line, record });
  });
  return { header: header ?? [], rows };
}

/** Parse one file's text; null when absent (the caller decides whether that is allowed). */
export function parseEhrFile<F extends EhrFile>(file: F, text: string | null, rejected: RejectedRow[]): Array<ParsedOf<F>> | null {
  if (text === null) return null;
  let parsed;
  try {
    parsed = records(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const line = error.line;
    rejected.push({ file: `${file}.csv`, line, reason: 'CSVの書式が不正です（引用符の閉じ忘れなど）' });
    return [];
  }
  const r = parseRows(file, parsed.header, parsed.rows);
  rejected.push(...r.rejected);
  return r.rows;
}

export function loadEhrDataset(texts: ReadonlyMap<EhrFile, string | null>): { data: EhrDataset; rejected: RejectedRow[] } {
  const rejected: RejectedRow[] = [];
  const load = <F extends EhrFile>(file: F): Array<ParsedOf<F>> | null => {
    const text = texts.get(file) ?? null;
    if (text === null) {
      if (!OPTIONAL_FILES.has(file)) rejected.push({ file: `${file}.csv`, line: 0, reason: 'ファイルがありません' });
      return null;
    }
    return parseEhrFile(file, text, rejected);
  };
  const staff = load('staff');
  const patients = load('patients');
  const events = load('access_log');
  if (!staff || !patients || !events) throw new DomainError('validation_failed', 'staff.csv、patients.csv、access_log.csv は必須です / staff, patients and access_log are required', { rejected });
  // Re-importing the same rows must not duplicate them: event_id is the identity.
  const seen = new Set<string>();
  const unique = events.filter((e) => (seen.has(e.eventId) ? false : (seen.add(e.eventId), true)));
  return {
    data: {
      staff,
      patients,
      contacts: load('contacts'),
      encounters: load('encounters') ?? [],
      careTeam: load('care_team') ?? [],
      appointments: load('appointments'),
      orders: load('orders') ?? [],
      shifts: load('shifts'),
      terminals: load('terminals'),
      events: unique,
    },
    rejected,
  };
}
