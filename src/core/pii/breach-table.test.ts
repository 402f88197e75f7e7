import { describe, expect, it } from 'vitest';
import { breachTable } from './breach-table.js';
import type { ScanItem, ScanPart } from './scan-item.js';

const part = (p: Partial<ScanPart> & Pick<ScanPart, 'part'>): ScanPart => ({ name: '', kinds: {}, persons: 0, status: 'ok', category: '個人情報なし', ...p });
const mail = (persons: number, parts: ScanPart[], category: ScanItem['category']): ScanItem => ({ item: 'x', message_id: '<m>', kinds: Object.assign({}, ...parts.map((p) => p.kinds)) as ScanItem['kinds'], persons, sensitive: false, category, parts });

describe('breach table', () => {
  it('has the published shape: body-only mails, mails with attachments by kind of document, uninspected', () => {
    const items: ScanItem[] = [
      mail(1, [part({ part: 'body', persons: 1, kinds: { name: 1, birth_date: 1 }, category: '個人の患者資料' })], '本文のみ'),
      mail(2, [part({ part: 'body', persons: 2, kinds: { name: 2 }, category: '個人情報を含む文書' })], '本文のみ'),
      mail(3463, [part({ part: 'body' }), part({ part: 'attachment', persons: 3463, kinds: { name: 3463, test_result: 3463 }, category: '患者リスト（検査結果）' })], '患者リスト（検査結果）'),
      mail(1, [part({ part: 'body' }), part({ part: 'attachment', persons: 1, kinds: { name: 1, diagnosis: 1 }, category: '個人の患者資料' })], '個人の患者資料'),
      mail(0, [part({ part: 'body' }), part({ part: 'attachment', status: 'encrypted' })], '個人情報なし'),
      mail(0, [part({ part: 'body' })], '個人情報なし'),
    ];
    const rows = breachTable(items).map((r) => [r.level, r.label, r.items, r.persons]);
    expect(rows).toEqual([
      [0, '本文にのみ個人情報が含まれるメール（氏名、生年月日等）', 2, 3],
      [0, '添付ファイルに個人情報が含まれるメール', 2, 3464],
      [1, '検査結果のリスト（氏名、検査結果等）', 1, 3463],
      [1, '個別の患者の病名、症状等を記載した資料（氏名、病名・症状等）', 1, 1],
      [0, '未検査：パスワード付きファイルを含むメール・ファイル（パスワードを確認して要確認）', 1, 0],
    ]);
  });
});
