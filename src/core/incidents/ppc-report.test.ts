import { describe, expect, it } from 'vitest';
import { assessTriggers, type Exposure } from './legal-assessment.js';
import { buildPpcReport } from './ppc-report.js';

describe('PPC report draft', () => {
  const exposures: Exposure[] = [
    { population: 'patient', count: 130_000, countIsEstimate: true, items: ['patient_id', 'name', 'diagnosis'], sensitive: false, financial: false, malicious: true, highEncryption: false },
    { population: 'staff', count: 1_700, countIsEstimate: true, items: ['name'], sensitive: false, financial: false, malicious: true, highEncryption: false },
  ];
  const report = buildPpcReport({
    kind: '確報',
    hospitalName: 'デモ総合病院',
    caseNumber: '2026-0001',
    caseType: 'ransomware',
    summary: 'ナースコールシステムのサーバーが暗号化された。',
    knownDateText: '令和8年2月9日',
    todayText: '令和8年3月1日',
    decision: assessTriggers(exposures, 'art26'),
    exposures,
    timeline: [['令和8年2月9日（月） 01:50頃', '障害を確認']],
    cause: '保守用VPN装置の脆弱性',
    prevention: null,
    notification: { people: 200, byStatus: { sent: 197, unreachable: 3 }, channels: ['郵送'], unreachable: 3, measures: ['公表', '問い合わせ窓口'] },
    publications: ['第1報 令和8年2月13日 当院ウェブサイト'],
    otherAuthorities: ['厚生労働省', '警察'],
  });

  it('has the nine statutory items in order', () => {
    expect(report.items.map((i) => i.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(report.items[0]?.heading).toBe('概要');
    expect(report.items[8]?.heading).toBe('その他参考となる事項');
  });

  it('fills items from the facts', () => {
    const body = (no: number) => report.items.find((i) => i.no === no)?.body ?? '';
    expect(body(1)).toContain('1号: 要配慮個人情報が含まれる');
    expect(body(2)).toBe('【患者】患者ID、氏名、病名・病歴（要配慮個人情報）\n【職員】氏名');
    expect(body(3)).toContain('合計: 約131,700人');
    expect(body(6)).toContain('連絡がつかない方 3人については、代替措置として 公表、問い合わせ窓口 を実施。');
    expect(body(8)).toBe('検討中');
    expect(report.title).toBe('個人データの漏えい等の報告（確報）下書き');
  });
});
