import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMbox } from './mbox-reader.js';

describe('mbox reader', () => {
  it('splits on "From " lines, unescapes ">From ", bounds message size, survives a truncated tail', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-mbox-'));
    try {
      const file = path.join(dir, 'x.mbox');
      const big = 'x'.repeat(5000);
      writeFileSync(file, `From a@b Mon\nSubject: one\n\n>From here\nbody\n\nFrom c@d Tue\nSubject: two\n\n${big}\n\nFrom e@f Wed\nSubject: thr`);
      const out = [];
      for await (const m of readMbox(file, 1000)) out.push(m);
      expect(out.map((m) => [m.index, m.status])).toEqual([
        [0, 'ok'],
        [1, 'too_large'],
        [2, 'ok'],
      ]);
      expect(out[0]?.raw?.toString()).toBe('Subject: one\n\nFrom here\nbody\n\n');
      expect(out[2]?.raw?.toString()).toBe('Subject: thr');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
