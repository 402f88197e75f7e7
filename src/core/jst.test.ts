import { describe, expect, it } from 'vitest';
import { formatJst, formatWareki, jstDayEnd, jstDayStart } from './jst.js';

describe('JST helpers', () => {
  it('JST days map to UTC instants', () => {
    expect(jstDayStart('2026-11-22').toISOString()).toBe('2026-11-21T15:00:00.000Z');
    expect(jstDayEnd('2026-11-22').toISOString()).toBe('2026-11-22T14:59:59.999Z');
  });
  it('formats in JST and 和暦 regardless of TZ', () => {
    expect(formatJst(new Date('2026-11-22T20:00:00Z'))).toBe('2026-11-23 05:00:00');
    expect(formatWareki(new Date('2026-11-22T20:00:00Z'))).toBe('令和8年11月23日');
    expect(formatWareki(new Date('2019-05-01T00:00:00+09:00'))).toBe('令和元年5月1日');
    expect(formatWareki(new Date('2019-04-30T12:00:00+09:00'))).toBe('平成31年4月30日');
  });
});
