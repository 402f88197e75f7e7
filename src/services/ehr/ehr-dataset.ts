/**
 * From the folder's CSV texts to a typed dataset plus the rows that were rejected (file, line,
 * reason). A required file that is missing is a rejection of its own, and the audit refuses to
 * run without staff, patients and the access log.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { DomainError } from '../../core/errors.js';
import { OPTIONAL_FILES, type EhrDataset, type EhrFile, type RejectedRow } from '../../core/ehr/model.js';
import { parseRows, type ParsedOf } from '../../core/ehr/parse-rows.js';

function records(text: string): { header: string[]; rows: Array<{ line: number; record: Record<string, string> }> } {
  const parsed = parseCsv<{ record: Record<string, string>; info: { lines: number } }>(text, {
    bom: true,
    columns: (h: string[]) => h.map((c) => c.trim()),
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return { header: first.split(',').map((c) => c.trim().replace(/^"|"$/g, '')), rows: parsed.map((p) => ({ line: p.info.lines, record: p.record })) };
}

/** Parse one file's text; null when absent (the caller decides whether that is allowed). */
export function parseEhrFile<F extends EhrFile>(file: F, text: string | null, rejected: RejectedRow[]): Array<ParsedOf<F>> | null {
  if (text === null) return null;
  let parsed;
  try {
    parsed = records(text);
  } catch (error) {
    const line = error instanceof Error && 'lines' in error ? Number(error.lines) : 0;
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
