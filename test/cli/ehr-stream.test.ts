import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEhrFolder } from '../../src/connectors/ehr-folder.js';
import type { EventTable } from '../../src/core/ehr/event-table.js';
import { loadEhrDataset, loadEhrDatasetStreaming } from '../../src/services/ehr/ehr-dataset.js';
import { EhrGenerator } from '../../src/services/ehr/ehr-generator.js';

describe('EHR access log read in pieces', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-stream-'));
    await new EhrGenerator({ staff: 60, patients: 800, days: 6, seed: 4 }).generate().writeTo(dir);
    // A bad row, a row with a quoted comma and line break, and a duplicate event id at the end.
    appendFileSync(path.join(dir, 'access_log.csv'), 'BAD1,not-a-time,U0001,P000001,view,chart,,,,\r\n');
    appendFileSync(path.join(dir, 'access_log.csv'), 'Q1,2026-10-03T10:00:00+09:00,U0001,P000001,view,chart,"T,1","S\n1",,\r\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same events and the same rejected rows as reading the whole text', async () => {
    const whole = loadEhrDataset((await readEhrFolder(dir)).texts);
    const folder = await readEhrFolder(dir, { streamAccessLog: true });
    expect(folder.texts.get('access_log')).toBeNull();
    if (!folder.accessLogRows) throw new Error('the access log should be streamed');
    const streamed = await loadEhrDatasetStreaming(folder.texts, folder.accessLogRows);
    expect(streamed.data.events.length).toBeGreaterThan(5_000);
    const all = (t: EventTable) => Array.from({ length: t.length }, (_, i) => t.event(i));
    expect(all(streamed.data.events)).toEqual(all(whole.data.events));
    expect(streamed.rejected).toEqual(whole.rejected);
    expect(streamed.rejected.map((r) => r.file)).toContain('access_log.csv');
    const quoted = all(streamed.data.events).find((e) => e.eventId === 'Q1');
    expect(quoted).toMatchObject({ terminalId: 'T,1', sessionId: 'S\n1' });
  });
});
