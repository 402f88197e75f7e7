import { describe, expect, it } from 'vitest';
import { csvLine } from './csv.js';

describe('csv', () => {
  it('quotes and neutralises spreadsheet formulas', () => {
    expect(csvLine(['a,b', 'say "hi"', '=cmd|calc', null, 3])).toBe('"a,b","say ""hi""",\'=cmd|calc,,3\r\n');
  });
});
