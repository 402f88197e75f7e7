import { describe, expect, it } from 'vitest';
import { addressBlock, addressLot, IdentityGraph, normAddress, normName } from './identity.js';
import type { Patient, Staff } from './model.js';

const staff = (over: Partial<Staff>): Staff => ({ userId: 'U1', name: '架空 花子', nameKana: 'カクウ ハナコ', birthDate: '1980-01-02', sex: 'F', department: '内科', job: 'nurse', address: '東京都架空市見本町1丁目2番3号', phone: '090-1111-2222', insuranceNo: '06123456-100-2001', hiredOn: '', leftOn: '', ...over });
const patient = (over: Partial<Patient>): Patient => ({ patientId: 'P1', name: '別人 太郎', nameKana: 'ベツジン タロウ', birthDate: '1950-05-05', sex: 'M', address: '', phone: '', insuranceNo: '', insuranceBranch: '', deceasedOn: '', restricted: false, ...over });

describe('Japanese normalisation', () => {
  it('address forms, kana and width variants meet', () => {
    expect(normAddress('東京都架空市見本町1丁目2番3号')).toBe('東京都架空市見本町1-2-3');
    expect(normAddress('東京都架空市見本町一丁目2番地3')).toBe('東京都架空市見本町1-2-3');
    expect(normAddress('東京都 架空市 見本町１－２－３')).toBe('東京都架空市見本町1-2-3');
    expect(addressBlock(normAddress('東京都架空市見本町1丁目9番9号'))).toBe('東京都架空市見本町1');
    expect(normName('ヤマダ　タロウ')).toBe(normName('やまだ たろう'));
    expect(normName('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe(normName('ヤマダ タロウ'));
    // Old and variant forms written both ways by the same family.
    expect(normName('髙橋 邊')).toBe(normName('高橋 辺'));
    expect(normName('齋藤 﨑')).toBe(normName('斎藤崎'));
  });
});

describe('identity graph', () => {
  it('links self, family (shared insurance, address, phone, contact) and neighbours, with evidence', () => {
    const g = IdentityGraph.build(
      [staff({})],
      [
        patient({ patientId: 'SELF', name: '架空花子', nameKana: 'かくう はなこ', birthDate: '1980-01-02', insuranceNo: '06123456-100-2001' }),
        patient({ patientId: 'CHILD', name: '架空 次郎', birthDate: '2010-04-04', insuranceNo: '06123456－100－2001' }),
        patient({ patientId: 'HOME', address: '東京都架空市見本町一丁目2番地3' }),
        patient({ patientId: 'PHONE', phone: '09011112222' }),
        patient({ patientId: 'NEAR', address: '東京都架空市見本町1丁目20番1号' }),
        patient({ patientId: 'FAR', address: '東京都架空市見本町2丁目2番3号' }),
        patient({ patientId: 'CONTACT' }),
        patient({ patientId: 'KIN', name: '架空 一郎', nameKana: 'カクウ イチロウ', address: '東京都架空市見本町一丁目2番地5' }),
        patient({ patientId: 'KIN_KANA', name: '假空 一郎', nameKana: 'かくう いちろう', address: '東京都架空市見本町1丁目2番7号' }),
        patient({ patientId: 'SAME_NAME_BLOCK', name: '架空 三郎', address: '東京都架空市見本町1丁目15番1号' }),
      ],
      [{ patientId: 'CONTACT', contactName: '架空 花子', contactKana: '', relation: '娘', phone: '', address: '' }],
    );
    expect(g.link('U1', 'SELF')?.type).toBe('self');
    expect(g.link('U1', 'CHILD')).toMatchObject({ type: 'family', evidence: ['同じ保険者番号・記号・番号（被扶養者）'] });
    expect(g.link('U1', 'HOME')?.type).toBe('family');
    expect(g.link('U1', 'PHONE')?.type).toBe('family');
    expect(g.link('U1', 'CONTACT')?.evidence[0]).toContain('娘');
    expect(g.link('U1', 'NEAR')?.type).toBe('neighbour');
    expect(g.link('U1', 'FAR')).toBeUndefined();
    // Same surname (in kanji, or in kana when the kanji differ) and the same 番地: family, with that
    // evidence; the same surname elsewhere in the 町丁目 is only a neighbour.
    expect(g.link('U1', 'KIN')).toMatchObject({ type: 'family', evidence: ['同じ姓で同じ番地に住む（親族の可能性）'] });
    expect(g.link('U1', 'KIN_KANA')?.type).toBe('family');
    expect(g.link('U1', 'SAME_NAME_BLOCK')?.type).toBe('neighbour');
    expect(addressLot(normAddress('東京都架空市見本町一丁目2番地5'))).toBe('東京都架空市見本町1-2');
    // For another member of staff the nurse's own record is a coworker's.
    expect(g.coworkers('U2', 'SELF')).toEqual([{ userId: 'U1', type: 'self' }]);
    expect(g.coworkers('U1', 'SELF')).toEqual([]);
  });
});
