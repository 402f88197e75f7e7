import { describe, expect, it } from 'vitest';
import { AccessLogRows } from './access-log-rows.js';
import { EventTableBuilder } from './event-table.js';
import type { RejectedRow } from './model.js';
import { parseRows } from './parse-rows.js';

const header = ['event_id', 'at', 'user_id', 'patient_id', 'action', 'screen', 'terminal_id', 'session_id', 'object_id', 'via'];
const rows: string[][] = [
  ['E1', '2026-10-01T02:12:07+09:00', 'U1', 'P1', 'view', 'chart', 'T1', 'S1', '', 'name_search'],
  ['E2', '2026-10-01T23:59:59+09:00', ' U1 ', 'P1', 'view', '', '', '', 'O1', ''],
  ['E3', '2026-10-01T24:30:00+09:00', 'U1', 'P1', 'view', 'chart', '', '', '', ''],
  ['E4', '2026-10-01T10:00:00Z', 'U1', '', 'login', '', '', '', '', ''],
  ['E5', '2026-10-01 10:00', 'U1', 'P1', 'view', 'chart', '', '', '', ''],
  ['E6', '2026-10-01T10:00:00+09:00', 'U1', 'P1', 'peek', 'chart', '', '', '', ''],
  ['E7', '2026-10-01T10:00:00+09:00', 'U1', 'P1', 'view', 'x-ray', '', '', '', ''],
  ['E8', '2026-10-01T10:00:00+09:00', 'U1', 'P1', 'view', 'chart', '', '', '', 'phone'],
  ['E9', '2026-10-01T10:00:00+09:00', 'U1', '', 'view', 'chart', '', '', '', ''],
  ['', '2026-10-01T10:00:00+09:00', 'U1', 'P1', 'view', 'chart', '', '', '', ''],
  ['E10', '2026-13-01T10:00:00+09:00', 'U1', 'P1', 'view', 'chart', '', '', '', ''],
  ['E11', '2026-10-01T10:00:00.250+09:00', 'U1', '', 'print', 'list', '', '', '', 'list'],
];

describe('access_log rows straight into columns', () => {
  it('accepts and rejects exactly what the reference parser does, with the same reasons and times', () => {
    const reference = parseRows('access_log', header, rows.map((r, k) => ({ line: k + 2, record: Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])) })));
    const b = new EventTableBuilder();
    const rejected: RejectedRow[] = [];
    const reader = new AccessLogRows(header);
    rows.forEach((r, k) => reader.add(r, k + 2, b, rejected));
    const t = b.build();
    expect(rejected).toEqual(reference.rejected);
    expect(Array.from({ length: t.length }, (_, i) => t.event(i))).toEqual([...reference.rows].sort((x, y) => x.at - y.at || (x.eventId < y.eventId ? -1 : 1)));
    expect(reference.rows.length).toBeGreaterThanOrEqual(4);
    expect(rejected.length).toBeGreaterThanOrEqual(6);
  });

  it('names the missing required columns', () => {
    expect(new AccessLogRows(['event_id', 'user_id']).missing).toEqual({ file: 'access_log.csv', line: 1, reason: '必須の列がありません: at, action' });
    expect(new AccessLogRows(['event_id', 'at', 'user_id', 'action']).missing).toBeNull();
  });
});
