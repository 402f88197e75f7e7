/**
 * A fast RFC 4180 reader for large, machine-written CSV (the EHR access log: millions of rows).
 * csv-parse (used for everything else) spent most of an audit's parsing time on per-field
 * callbacks and line bookkeeping; this reads the text in one pass over char codes, with a fast
 * path for unquoted fields, and keeps the starting line of every record so a rejected row can be
 * named. Quoted fields may hold commas, doubled quotes and line breaks. A quote left open is an
 * error carrying the line where the record began.
 */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`unterminated quoted field (line ${line})`);
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Calls `row` for each record (fields, 1-based line of its start); a leading BOM is skipped; blank lines are skipped. */
export function readCsvRows(text: string, row: (fields: string[], line: number) => void): void {
  readCsvChunk(text, true, 1, row);
}

/**
 * One chunk of a CSV read in pieces: reads every complete record and returns where the unread
 * rest begins (`consumed`) and the line it starts on. Unless `final`, a record that runs into the
 * end of the chunk is left unread, to be read again with the next chunk appended.
 */
export function readCsvChunk(text: string, final: boolean, firstLine: number, row: (fields: string[], line: number) => void): { consumed: number; line: number } {
  let i = text.charCodeAt(0) === 0xfeff && firstLine === 1 ? 1 : 0;
  const n = text.length;
  let line = firstLine;
  while (i < n) {
    const recordStart = i;
    const start = line;
    const fields: string[] = [];
    let blank = true;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        blank = false;
        let value = '';
        let from = i + 1;
        let j = from;
        for (;;) {
          if (j >= n) {
            if (final) throw new CsvSyntaxError(start);
            return { consumed: recordStart, line: start };
          }
          const c = text.charCodeAt(j);
          if (c === QUOTE) {
            if (j + 1 >= n && !final) return { consumed: recordStart, line: start };
            if (text.charCodeAt(j + 1) === QUOTE) {
              value += text.slice(from, j + 1);
              j += 2;
              from = j;
              continue;
            }
            break;
          }
          if (c === LF) line += 1;
          j += 1;
        }
        value += text.slice(from, j);
        fields.push(value);
        i = j + 1;
        // Text between a closing quote and the next separator is kept (lenient, rare in exports).
        let k = i;
        while (k < n && text.charCodeAt(k) !== COMMA && text.charCodeAt(k) !== LF && text.charCodeAt(k) !== CR) k += 1;
        if (k > i) fields[fields.length - 1] += text.slice(i, k);
        i = k;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j += 1;
        }
        if (j > i) blank = false;
        fields.push(text.slice(i, j));
        i = j;
      }
      if (i >= n && !final) return { consumed: recordStart, line: start };
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        blank = false;
        i += 1;
        continue;
      }
      // End of record: CRLF, LF, lone CR or end of text. A CR at the chunk's end may be half a CRLF.
      if (c === CR && i + 1 >= n && !final) return { consumed: recordStart, line: start };
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i += 1;
      line += 1;
      break;
    }
    if (!blank) row(fields, start);
  }
  return { consumed: n, line };
}
