import { describe, expect, it } from 'vitest';
import { parseJapaneseDate, parseTime, validateTimelineRows } from './timeline-csv.js';

describe('timeline CSV rows', () => {
  it('parses 西暦, 和暦 and full-width dates; rejects impossible ones', () => {
    expect(parseJapaneseDate('2026-02-09')).toBe('2026-02-09');
    expect(parseJapaneseDate('2026/2/9')).toBe('2026-02-09');
    expect(parseJapaneseDate('令和8年2月9日')).toBe('2026-02-09');
    expect(parseJapaneseDate('R8.2.9')).toBe('2026-02-09');
    expect(parseJapaneseDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseJapaneseDate('２０２６年２月９日')).toBe('2026-02-09');
    expect(parseJapaneseDate('2026-02-30')).toBeNull();
    expect(parseJapaneseDate('2026-13-01')).toBeNull();
    expect(parseJapaneseDate('昨日')).toBeNull();
  });
  it('parses times and 頃', () => {
    expect(parseTime('1:50')).toBe('01:50');
    expect(parseTime('9時')).toBe('09:00');
    expect(parseTime('7時20分頃')).toBe('07:20');
    expect(parseTime('')).toBeNull();
    expect(parseTime('25:00')).toBeUndefined();
  });
  it('reports each bad row with its line number and reason', () => {
    const { drafts, errors } = validateTimelineRows([
      { 日付: '2026-02-09', 時刻: '1:50頃', 内容: 'ナースコール端末の障害を確認', 別表: '○' },
      { 日付: '2026-02-30', 時刻: '', 内容: 'x' },
      { 日付: '2026-02-10', 時刻: '24:10', 内容: '' },
    ]);
    expect(drafts).toEqual([{ date: '2026-02-09', time: '01:50', approximate: true, source: '', category: '', body: 'ナースコール端末の障害を確認', inPublicNotice: true, inAuthorityReport: false }]);
    expect(errors).toEqual([
      { line: 3, reason: '日付「2026-02-30」は存在しない日付か形式が不正です' },
      { line: 4, reason: '時刻「24:10」が不正です; 内容がありません' },
    ]);
  });
});
