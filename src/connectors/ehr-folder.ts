/**
 * Reads the EHR audit input folder: each known CSV file's text (null when absent). Two other
 * shapes are turned into the same CSV text on the way in: FHIR AuditEvent NDJSON
 * (`access_log.ndjson`, when there is no access_log.csv) and vendor exports described by
 * `mapping.json`. Lines that cannot be converted are returned as rejected rows.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { csvLine } from '../core/csv.js';
import { applyMapping, validateMapping } from '../core/ehr/column-mapping.js';
import { ACCESS_LOG_COLUMNS, auditEventsFromNdjson } from '../core/ehr/fhir-audit-event.js';
import { EHR_FILES, type EhrFile, type RejectedRow } from '../core/ehr/model.js';
import { csvFileRows, type CsvRow } from './csv-file-rows.js';


export interface EhrFolder {
  texts: Map<EhrFile, string | null>;
  rejected: RejectedRow[];
  /** With `streamAccessLog`: access_log.csv read in pieces (its text is then null). */
  accessLogRows: AsyncIterable<CsvRow[]> | null;
}

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function toCsv(header: readonly string[], records: ReadonlyArray<Record<string, string>>): string {
  return csvLine(header) + records.map((r) => csvLine(header.map((h) => r[h] ?? ''))).join('');
}

/**
 * `streamAccessLog`: leave access_log.csv on disk and hand back its rows in pieces — for audits of
 * logs larger than one string can hold.
 */
export async function readEhrFolder(dir: string, opts: { streamAccessLog?: boolean; onAccessLogBytes?: (bytes: number) => void } = {}): Promise<EhrFolder> {
  const texts = new Map<EhrFile, string | null>();
  const rejected: RejectedRow[] = [];
  let accessLogRows: AsyncIterable<CsvRow[]> | null = null;
  for (const f of EHR_FILES) {
    const file = path.join(dir, `${f}.csv`);
    if (f === 'access_log' && opts.streamAccessLog && existsSync(file)) {
      texts.set(f, null);
      accessLogRows = csvFileRows(file, opts.onAccessLogBytes);
      continue;
    }
    texts.set(f, (await readOptional(file))?.toString('utf8') ?? null);
  }
  const mappingRaw = await readOptional(path.join(dir, 'mapping.json'));
  if (mappingRaw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(mappingRaw.toString('utf8'));
    } catch {
      parsed = null;
    }
    const mapping = validateMapping(parsed);
    if (typeof mapping === 'string') rejected.push({ file: 'mapping.json', line: 0, reason: mapping });
    else {
      for (const [file, m] of Object.entries(mapping) as Array<[EhrFile, NonNullable<(typeof mapping)[EhrFile]>]>) {
        const bytes = await readOptional(path.join(dir, path.basename(m.file)));
        if (!bytes) {
          rejected.push({ file: m.file, line: 0, reason: 'mapping.json に書かれたファイルがありません' });
          continue;
        }
        const text = m.encoding === 'shift_jis' ? iconv.decode(bytes, 'cp932') : bytes.toString('utf8');
        try {
          const records = parseCsv<Record<string, string>>(text, { bom: true, columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, relax_column_count: true });
          texts.set(file, toCsv(Object.keys(m.columns), applyMapping(m, records)));
          if (file === 'access_log') accessLogRows = null;
        } catch {
          rejected.push({ file: m.file, line: 0, reason: 'CSVの書式が不正です' });
        }
      }
    }
  }
  if (texts.get('access_log') === null && !accessLogRows) {
    const ndjson = await readOptional(path.join(dir, 'access_log.ndjson'));
    if (ndjson) {
      const r = auditEventsFromNdjson(ndjson.toString('utf8'));
      rejected.push(...r.rejected);
      texts.set('access_log', toCsv(ACCESS_LOG_COLUMNS, r.records.map((x) => x.record)));
    }
  }
  return { texts, rejected, accessLogRows };
}
