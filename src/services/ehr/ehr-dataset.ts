/**
 * From the folder's CSV texts to a typed dataset plus the rows that were rejected (file, line,
 * reason). A required file that is missing is a rejection of its own, and the audit refuses to
 * run without staff, patients and the access log.
 */
import { CsvSyntaxError, readCsvRows } from '../../core/csv-rows.js';
import { DomainError } from '../../core/errors.js';
import { AccessLogRows } from '../../core/ehr/access-log-rows.js';
import { EventTableBuilder } from '../../core/ehr/event-table.js';
import { OPTIONAL_FILES, type AccessEvent, type EhrDataset, type EhrFile, type RejectedRow } from '../../core/ehr/model.js';
import { parseRows, type ParsedOf } from '../../core/ehr/parse-rows.js';
import type { CsvRow } from '../../connectors/csv-file-rows.js';

/** Header and records of one file (readCsvRows: a month of access log is millions of rows). */
function records(text: string): { header: string[]; rows: Array<{ line: number; record: Record<string, string> }> } {
  let header: string[] | null = null;
  const rows: Array<{ line: number; record: Record<string, string> }> = [];
  readCsvRows(text, (fields, line) => {
    if (!header) header = fields.map((c) => c.trim());
    else rows.push({ line, record: recordOf(header, fields) });
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
  const text = texts.get('access_log') ?? null;
  if (text === null) rejected.push({ file: 'access_log.csv', line: 0, reason: 'ファイルがありません' });
  const parsed = text === null ? null : parseEhrFile('access_log', text, rejected);
  let events: EventTableBuilder | null = null;
  if (parsed) {
    events = new EventTableBuilder();
    for (const e of parsed) events.add(e);
  }
  return assemble(texts, events, rejected);
}

/**
 * The same, with the access log read in pieces (connectors/csv-file-rows): a month of a large
 * hospital's log does not fit in one string. Events keep shared or flattened strings only, so the
 * file's pieces are not kept alive by the values cut from them.
 */
export async function loadEhrDatasetStreaming(texts: ReadonlyMap<EhrFile, string | null>, accessLog: AsyncIterable<CsvRow[]>): Promise<{ data: EhrDataset; rejected: RejectedRow[] }> {
  const rejected: RejectedRow[] = [];
  // Straight into columns: a month of a large hospital is millions of events, too many to keep as objects.
  const events = new EventTableBuilder();
  let rows: AccessLogRows | null = null;
  for await (const batch of accessLog) {
    let k = 0;
    if (!rows) {
      rows = new AccessLogRows((batch[0]?.fields ?? []).map((c) => c.trim()));
      k = 1;
      if (rows.missing) {
        rejected.push(rows.missing);
        break;
      }
    }
    for (; k < batch.length; k++) {
      const row = batch[k];
      if (row) rows.add(row.fields, row.line, events, rejected);
    }
  }
  return assemble(texts, events, rejected);
}

/** Typed access events (and rejected rows) from an access log read in pieces, piece by piece. */
export async function* accessEventBatches(accessLog: AsyncIterable<CsvRow[]>): AsyncGenerator<{ events: AccessEvent[]; rejected: RejectedRow[] }> {
  let header: string[] | null = null;
  for await (const batch of accessLog) {
    let rows = batch;
    if (!header) {
      header = (batch[0]?.fields ?? []).map((c) => c.trim());
      rows = batch.slice(1);
    }
    const h = header;
    const r = parseRows('access_log', h, rows.map((row) => ({ line: row.line, record: recordOf(h, row.fields) })));
    yield { events: r.rows, rejected: r.rejected };
    // A missing required column rejects the whole file, once.
    if (r.rows.length === 0 && r.rejected[0]?.line === 1) return;
  }
}

function recordOf(header: readonly string[], fields: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) {
    const key = header[i];
    if (key !== undefined) record[key] = fields[i] ?? '';
  }
  return record;
}

function assemble(texts: ReadonlyMap<EhrFile, string | null>, events: EventTableBuilder | null, rejected: RejectedRow[]): { data: EhrDataset; rejected: RejectedRow[] } {
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
  if (!staff || !patients || !events) throw new DomainError('validation_failed', 'staff.csv、patients.csv、access_log.csv は必須です / staff, patients and access_log are required', { rejected });
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
      // Re-importing the same rows must not duplicate them: event_id is the identity (the builder keeps the first).
      events: events.build(),
    },
    rejected,
  };
}
