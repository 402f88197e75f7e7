import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, readCsvChunk, readCsvRows } from './csv-rows.js';

function rows(text: string): Array<[string[], number]> {
  const out: Array<[string[], number]> = [];
  readCsvRows(text, (f, l) => out.push([f, l]));
  return out;
}

describe('readCsvRows', () => {
  it('reads plain, quoted, empty and multi-line fields with the line each record starts on', () => {
    expect(rows('\uFEFFa,b,c\r\n1,"x, y",\n2,"say ""hi""","line1\nline2"\n\n3,,z')).toEqual([
      [['a', 'b', 'c'], 1],
      [['1', 'x, y', ''], 2],
      [['2', 'say "hi"', 'line1\nline2'], 3],
      [['3', '', 'z'], 6],
    ]);
  });
  it('agrees with csv-parse on a varied sample', () => {
    const text = ['id,name,note', '1,山田 太郎,"住所: 東京都, 1-2-3"', '2,"Smith, John","He said ""ok"""', '3,,', '4,"multi', 'line",end', '5,a,b'].join('\r\n');
    const ours: string[][] = [];
    readCsvRows(text, (f) => ours.push(f));
    expect(ours).toEqual(parse(text, { relax_column_count: true }));
  });
  it('reads the same records when the text arrives in chunks cut anywhere (inside quotes, between CR and LF)', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y",\r\n2,"say ""hi""","line1\r\nline2"\r\n\r\n3,,z\r\n4,"q"\r\n';
    const whole = rows(text);
    expect(whole.length).toBe(5);
    for (let size = 1; size <= text.length; size++) {
      const got: Array<[string[], number]> = [];
      let tail = '';
      let line = 1;
      for (let at = 0; at < text.length; at += size) {
        const piece = tail + text.slice(at, at + size);
        const r = readCsvChunk(piece, at + size >= text.length, line, (f, l) => got.push([f, l]));
        tail = piece.slice(r.consumed);
        line = r.line;
      }
      expect(got, `chunk size ${size}`).toEqual(whole);
    }
  });

  it('names the line of a record whose quote never closes', () => {
    expect(() => rows('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
    try {
      rows('a,b\n1,"open\n2,3\n');
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(2);
    }
  });
});
