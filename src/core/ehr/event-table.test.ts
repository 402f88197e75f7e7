import { describe, expect, it } from 'vitest';
import { EventIdStore } from './event-id-store.js';
import { EventTable, EventTableBuilder, NONE } from './event-table.js';
import type { AccessEvent } from './model.js';

const ev = (eventId: string, at: number, over: Partial<AccessEvent> = {}): AccessEvent => ({ eventId, at, userId: 'U1', patientId: 'P1', action: 'view', screen: 'chart', terminalId: '', sessionId: '', objectId: '', via: '', ...over });

describe('EventIdStore', () => {
  it('keeps each id once through many table growths, ASCII or not, and reads them back', () => {
    const s = new EventIdStore();
    const ids = Array.from({ length: 200_000 }, (_, i) => (i % 1000 === 0 ? `監査-${i}` : `E${i}`));
    for (const id of ids) expect(s.add(id)).toBe(true);
    for (const id of ids.slice(0, 5000)) expect(s.add(id)).toBe(false);
    expect(s.add('E200000')).toBe(true);
    expect(s.size).toBe(200_001);
    expect([0, 1, 999, 1000, 199_999].map((i) => s.get(i))).toEqual(['監査-0', 'E1', 'E999', '監査-1000', 'E199999']);
  });

  it('orders ids by their bytes and permutes them', () => {
    const s = new EventIdStore();
    for (const id of ['B', 'A2', 'A', 'A10']) s.add(id);
    const order = Uint32Array.from([0, 1, 2, 3]).sort((a, b) => s.compare(a, b));
    expect([...order].map((i) => s.get(i))).toEqual(['A', 'A10', 'A2', 'B']);
    const p = s.permuted(order);
    expect([0, 1, 2, 3].map((i) => p.get(i))).toEqual(['A', 'A10', 'A2', 'B']);
  });
});

describe('EventTable', () => {
  it('keeps the first row of a repeated event id, sorts by time then id, and gives the events back', () => {
    const b = new EventTableBuilder();
    expect(b.add(ev('E3', 300, { patientId: '', action: 'login', terminalId: 'T1', sessionId: 'S1' }))).toBe(true);
    expect(b.add(ev('E2', 100, { objectId: 'O1', via: 'name_search' }))).toBe(true);
    expect(b.add(ev('E1', 100, { userId: 'U2', screen: 'prescription', action: 'create' }))).toBe(true);
    expect(b.add(ev('E2', 999))).toBe(false);
    const t = b.build();
    expect(t.length).toBe(3);
    expect(Array.from({ length: t.length }, (_, i) => t.eventId(i))).toEqual(['E1', 'E2', 'E3']);
    expect(t.event(1)).toEqual(ev('E2', 100, { objectId: 'O1', via: 'name_search' }));
    expect(t.event(0)).toMatchObject({ userId: 'U2', action: 'create', screen: 'prescription' });
    expect(t.patient[2]).toBe(NONE);
    expect(t.event(2)).toEqual(ev('E3', 300, { patientId: '', action: 'login', terminalId: 'T1', sessionId: 'S1' }));
  });

  it('an already ordered log is kept as read', () => {
    const t = EventTable.of([ev('A', 1), ev('B', 1), ev('C', 2)]);
    expect([0, 1, 2].map((i) => t.eventId(i))).toEqual(['A', 'B', 'C']);
    expect(t.users.values).toEqual(['U1']);
  });
});
