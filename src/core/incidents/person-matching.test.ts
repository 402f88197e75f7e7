import { describe, expect, it } from 'vitest';
import { normalizeName, personKeys, validatePeopleRows } from './person-matching.js';

const WORDS = { 氏名: 'name', 住所: 'address', 病名: 'diagnosis' };

describe('affected-people matching', () => {
  it('normalises width, spaces and kana', () => {
    expect(normalizeName('山田　太郎')).toBe(normalizeName('山田 太郎'));
    expect(normalizeName('ヤマダ タロウ')).toBe(normalizeName('やまだたろう'));
    expect(normalizeName('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe(normalizeName('やまだたろう'));
  });
  it('keys: patient ID, or name + birth date; never name alone', () => {
    expect(personKeys({ name: '山田 太郎', birthDate: '1970-03-02', patientId: ' 0012-345 ' })).toEqual({ patientId: 'pid:0012345', nameBirth: 'nb:山田太郎|1970-03-02' });
    expect(personKeys({ name: '山田 太郎', birthDate: null, patientId: null })).toEqual({ patientId: null, nameBirth: null });
  });
  it('reports bad rows with line numbers and never echoes the values', () => {
    const { drafts, errors } = validatePeopleRows(
      [
        { 氏名: '架空 花子', 生年月日: 'S45.3.2', 患者ID: 'P001', 項目: '氏名、病名' },
        { 氏名: '', 患者ID: '' },
        { 氏名: '架空 次郎', 生年月日: '1980-02-30' },
        { 氏名: '架空 三郎', メール: 'not-an-address', 項目: '血液型' },
      ],
      WORDS,
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ line: 2, birthDate: '1970-03-02', items: ['name', 'diagnosis'], population: 'patient' });
    expect(errors).toEqual([
      { line: 3, reason: '氏名も患者IDもありません' },
      { line: 4, reason: '生年月日が不正です' },
      { line: 5, reason: 'メールアドレスが不正です; 項目「血液型」が不明です' },
    ]);
    expect(JSON.stringify(errors)).not.toContain('架空');
  });
});
