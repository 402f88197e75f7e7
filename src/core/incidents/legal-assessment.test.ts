import { describe, expect, it } from 'vitest';
import { assessTriggers, type Exposure } from './legal-assessment.js';

function exposure(over: Partial<Exposure> = {}): Exposure {
  return { population: 'patient', count: 10, countIsEstimate: false, items: ['name'], sensitive: false, financial: false, malicious: false, highEncryption: false, ...over };
}

describe('規則7条 triggers', () => {
  it('1号: 要配慮 items trigger from one person, set by item or by flag', () => {
    expect(assessTriggers([exposure({ count: 1, items: ['name', 'diagnosis'] })], 'art26')).toMatchObject({ r7_1_sensitive: true, reportable: true });
    expect(assessTriggers([exposure({ count: 1, sensitive: true })], 'art26').r7_1_sensitive).toBe(true);
  });
  it('2号: financial items or flag', () => {
    expect(assessTriggers([exposure({ count: 1, items: ['credit_card'] })], 'art26')).toMatchObject({ r7_2_financial: true, reportable: true });
  });
  it('3号: malicious purpose from one person', () => {
    expect(assessTriggers([exposure({ count: 1, malicious: true })], 'art26')).toMatchObject({ r7_3_malicious: true, reportable: true });
  });
  it('4号: more than 1,000 under 法26条 (1,000 itself is not enough)', () => {
    expect(assessTriggers([exposure({ count: 1000 })], 'art26')).toMatchObject({ r7_4_over_threshold: false, reportable: false });
    expect(assessTriggers([exposure({ count: 600 }), exposure({ population: 'staff', count: 401 })], 'art26')).toMatchObject({ r7_4_over_threshold: true, people: 1001, reportable: true });
  });
  it('4号: more than 100 under 法68条 (行政機関等)', () => {
    expect(assessTriggers([exposure({ count: 101 })], 'art68')).toMatchObject({ r7_4_over_threshold: true, threshold: 100 });
    expect(assessTriggers([exposure({ count: 100 })], 'art68').reportable).toBe(false);
    expect(assessTriggers([exposure({ count: 101 })], 'art26').reportable).toBe(false);
  });
  it('high-grade encryption exempts an exposure; all exempt → not reportable', () => {
    const d = assessTriggers([exposure({ count: 50_000, items: ['diagnosis'], highEncryption: true })], 'art26');
    expect(d).toMatchObject({ exempt: true, reportable: false, people: 0 });
    expect(d.reasons).toEqual(['高度な暗号化等の措置が講じられているため報告対象外']);
  });
  it('ransomware case of the seed: 1号 + 3号 + 4号, with reasons in Japanese', () => {
    const d = assessTriggers([exposure({ count: 130_000, countIsEstimate: true, items: ['patient_id', 'name', 'sex', 'address', 'phone', 'birth_date'], malicious: true }), exposure({ population: 'staff', count: 1700, countIsEstimate: true, malicious: true })], 'art26');
    expect(d).toMatchObject({ r7_1_sensitive: false, r7_3_malicious: true, r7_4_over_threshold: true, people: 131_700, peopleIsEstimate: true });
    expect(d.reasons[1]).toBe('4号: 本人の数が1,000人を超える（131,700人）');
  });
  it('zero people is not a breach', () => {
    expect(assessTriggers([exposure({ count: 0, items: ['diagnosis'], malicious: true })], 'art26').reportable).toBe(false);
  });
});
