import { describe, expect, it } from 'vitest';
import { PersonIndex, recordsFromFindings, type PersonRecord } from './person-records.js';
import { scanText } from './scan-text.js';

const rec = (values: PersonRecord['values'], prose = false): PersonRecord => ({ values, kinds: Object.keys(values) as PersonRecord['kinds'], ...(prose ? { prose } : {}) });

function distinct(records: PersonRecord[]): number {
  const index = new PersonIndex();
  for (const r of records) index.add(r);
  return index.persons;
}

describe('person de-duplication across a source', () => {
  it('merges the same ID, and the same name with the same birth date', () => {
    expect(distinct([rec({ name: '架空 一郎', patient_id: '0012' }), rec({ name: '架空一郎（別表記）', patient_id: '0012' })])).toBe(1);
    expect(distinct([rec({ name: '架空 一郎', birth_date: '1970-03-02' }), rec({ name: '架空一郎', birth_date: '1970-03-02' })])).toBe(1);
    expect(distinct([rec({ name: '架空 一郎', birth_date: '1970-03-02' }), rec({ name: '架空 一郎', birth_date: '1971-03-02' })])).toBe(2);
  });
  it('is transitive: ID links A–B, name + birth date links B–C', () => {
    expect(distinct([rec({ patient_id: '7' }), rec({ patient_id: '7', name: '見本 桜', birth_date: '1990-01-01' }), rec({ name: '見本桜', birth_date: '1990-01-01' })])).toBe(1);
  });
  it('list rows never merge on a name alone; prose names do', () => {
    expect(distinct([rec({ name: '佐藤 花子' }), rec({ name: '佐藤 花子' })])).toBe(2);
    expect(distinct([rec({ name: '佐藤 花子' }, true), rec({ name: '佐藤花子' }, true)])).toBe(1);
    // A bare name does not swallow a record that carries a birth date.
    expect(distinct([rec({ name: '佐藤 花子' }, true), rec({ name: '佐藤 花子', birth_date: '1980-01-01' }, true)])).toBe(2);
  });
});

describe('persons in prose', () => {
  it('attaches the nearest attributes to each name and counts lone identifiers', () => {
    const text = '患者氏名：架空 一郎 様\n生年月日：昭和45年3月2日\n患者ID：0012345\n\n（別件）\n'.padEnd(300, '。') + '\n患者ID：0099999 の検体について';
    const people = recordsFromFindings(scanText(text));
    expect(people).toHaveLength(2);
    expect(people[0]?.values).toMatchObject({ name: '架空一郎', birth_date: '1970-03-02', patient_id: '0012345' });
    expect(people[1]?.values).toEqual({ patient_id: '0099999' });
  });
  it('a phone number near no name is not a person', () => {
    expect(recordsFromFindings(scanText('代表電話 03-1234-5678 までお問い合わせください'))).toEqual([]);
  });
});
