/**
 * A CSV file read in 4 MB pieces (readCsvChunk): for files too large to hold as one string — V8's
 * longest string is about 512 MB, a month of a large hospital's EHR access log is several GB.
 */
import { createReadStream } from 'node:fs';
import { readCsvChunk } from '../core/csv-rows.js';

export interface CsvRow {
  fields: string[];
  line: number;
}

/** `onBytes`: called with the bytes read so far after each piece (import progress). */
export async function* csvFileRows(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<CsvRow[]> {
  let tail = '';
  let line = 1;
  let batch: CsvRow[] = [];
  const push = (fields: string[], l: number): void => {
    batch.push({ fields, line: l });
  };
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 4 << 20 });
  for await (const chunk of stream) {
    onBytes?.(stream.bytesRead);
    const text = tail + (chunk as string);
    const r = readCsvChunk(text, false, line, push);
    tail = text.slice(r.consumed);
    line = r.line;
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  readCsvChunk(tail, true, line, push);
  if (batch.length) yield batch;
}
