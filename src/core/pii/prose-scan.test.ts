import { describe, expect, it } from 'vitest';
import { scanProse } from './prose-scan.js';

describe('lists pasted into text', () => {
  it('reads a tab-separated list under a header as one person per row', () => {
    const text = 'ご確認ください。\n\n氏名\t生年月日\t病名\n架空 一郎\t1970/3/2\t糖尿病\n四月一日 葵\t1985/1/9\t喘息\n見本 翔\t2001/12/1\t肺炎\n\n以上です。';
    const r = scanProse(text);
    expect(r.people).toHaveLength(3);
    expect(r.kinds).toMatchObject({ name: 3, birth_date: 3, diagnosis: 3 });
    expect(r.table?.persons).toBe(3);
    expect(r.people[1]?.values).toMatchObject({ name: '四月一日 葵', birth_date: '1985-01-09' });
  });
  it('a key–value form is not a list: its labels are read as prose', () => {
    const r = scanProse('患者氏名\t架空 一郎\n生年月日\t昭和45年3月2日\n電話番号\t090-1234-5678\n');
    expect(r.table).toBeNull();
    expect(r.people).toHaveLength(1);
    expect(r.kinds).toMatchObject({ name: 1, birth_date: 1, phone: 1 });
  });
  it('a tab-separated table without personal columns is prose', () => {
    const r = scanProse('品名\t数量\t単価\nガーゼ\t10\t100\n手袋\t20\t50\n');
    expect(r.people).toEqual([]);
  });
});
