import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_RULES, deadlineOnDay, dueState, jstDate } from './deadlines.js';
import { assessTriggers } from './legal-assessment.js';
import { generateObligations, reconcileObligations, DEFAULT_HOSPITAL_PROFILE } from './obligations.js';

const R = DEFAULT_DEADLINE_RULES;
// Hand-computed with the known day as day 1 (JST calendar days).

describe('deadline arithmetic (JST, known day = day 1)', () => {
  it('uses the JST date, not the UTC date', () => {
    // 2026-02-08 16:50 UTC = 2026-02-09 01:50 JST (武蔵小杉-like timing).
    expect(jstDate(new Date('2026-02-08T16:50:00Z'))).toBe('2026-02-09');
  });
  it('30 days across a month end: known 2026-02-09 → 2026-03-10', () => {
    const d = deadlineOnDay(new Date('2026-02-08T16:50:00Z'), 30, R);
    expect(d.date).toBe('2026-03-10');
    expect(d.dueAt.toISOString()).toBe('2026-03-10T14:59:59.999Z');
  });
  it('60 days (3号): known 2026-02-09 → 2026-04-09', () => {
    expect(deadlineOnDay(new Date('2026-02-08T16:50:00Z'), 60, R).date).toBe('2026-04-09');
  });
  it('leap year and year end', () => {
    expect(deadlineOnDay(new Date('2028-02-01T03:00:00Z'), 30, R).date).toBe('2028-03-01'); // Feb 2028 has 29 days
    expect(deadlineOnDay(new Date('2026-12-15T03:00:00Z'), 30, R).date).toBe('2027-01-13');
    expect(deadlineOnDay(new Date('2026-12-31T14:59:00Z'), 5, R).date).toBe('2027-01-04'); // 23:59 JST on 12-31
  });
  it('can count from the following day (初日不算入) when configured', () => {
    expect(deadlineOnDay(new Date('2026-02-09T03:00:00Z'), 30, { ...R, knownDayIsDayOne: false }).date).toBe('2026-03-11');
  });
  it('速報 warns from day 3 and is overdue after day 5', () => {
    const d = deadlineOnDay(new Date('2024-05-19T01:00:00Z'), R.sokuhoDueDay, R, R.sokuhoWarnDay);
    expect(d.date).toBe('2024-05-23');
    expect(dueState(d, new Date('2024-05-20T03:00:00Z'), false)).toBe('ok');
    expect(dueState(d, new Date('2024-05-20T15:00:00Z'), false)).toBe('due_soon'); // 05-21 00:00 JST = day 3
    expect(dueState(d, new Date('2024-05-23T14:59:00Z'), false)).toBe('due_soon');
    expect(dueState(d, new Date('2024-05-23T15:00:00Z'), false)).toBe('overdue');
    expect(dueState(d, new Date('2024-06-01T00:00:00Z'), true)).toBe('done');
  });
});

describe('obligations', () => {
  const knownAt = new Date('2026-02-08T16:50:00Z');
  const ransomware = assessTriggers([{ population: 'patient', count: 10_000, countIsEstimate: true, items: ['name', 'diagnosis'], sensitive: false, financial: false, malicious: true, highEncryption: false }], 'art26');

  it('ransomware at a university hospital: PPC 速報/確報(60日), 本人, 厚労省, 都道府県, 文科省, 警察, IPA', () => {
    const list = generateObligations({ caseType: 'ransomware', knownAt, decision: ransomware, profile: { ...DEFAULT_HOSPITAL_PROFILE, universityHospital: true }, rules: R });
    expect(list.map((o) => o.kind)).toEqual(['ppc_sokuho', 'ppc_kakuho', 'individual_notice', 'mhlw', 'prefecture', 'mext', 'police', 'ipa']);
    expect(list.find((o) => o.kind === 'ppc_sokuho')?.deadline.date).toBe('2026-02-13');
    expect(list.find((o) => o.kind === 'ppc_kakuho')?.deadline.date).toBe('2026-04-09');
    expect(list.find((o) => o.kind === 'police')?.required).toBe(false);
  });
  it('a mis-sent letter to 5 people without 要配慮 data: nothing to report to PPC', () => {
    const d = assessTriggers([{ population: 'patient', count: 5, countIsEstimate: false, items: ['name', 'address'], sensitive: false, financial: false, malicious: false, highEncryption: false }], 'art26');
    expect(generateObligations({ caseType: 'loss_missend', knownAt, decision: d, profile: DEFAULT_HOSPITAL_PROFILE, rules: R })).toEqual([]);
  });
  it('非3号 with 要配慮: 確報 within 30 days', () => {
    const d = assessTriggers([{ population: 'patient', count: 3, countIsEstimate: false, items: ['test_result'], sensitive: false, financial: false, malicious: false, highEncryption: false }], 'art26');
    const list = generateObligations({ caseType: 'loss_missend', knownAt, decision: d, profile: { ...DEFAULT_HOSPITAL_PROFILE, founderBody: '○○県' }, rules: R });
    expect(list.find((o) => o.kind === 'ppc_kakuho')?.deadline.date).toBe('2026-03-10');
    expect(list.map((o) => o.kind)).toContain('founder');
  });
  it('reconcile keeps submitted ones, updates open ones, retires and reopens', () => {
    const due = new Date();
    const generated = generateObligations({ caseType: 'ransomware', knownAt, decision: ransomware, profile: DEFAULT_HOSPITAL_PROFILE, rules: R });
    const plan = reconcileObligations(
      [
        { kind: 'ppc_sokuho', status: 'submitted', dueAt: due },
        { kind: 'ppc_kakuho', status: 'open', dueAt: due },
        { kind: 'individual_notice', status: 'not_required', dueAt: due },
        { kind: 'founder', status: 'open', dueAt: due },
      ],
      generated,
    );
    expect(plan.update.map((u) => u.kind)).toEqual(['ppc_kakuho']);
    expect(plan.reopen.map((u) => u.kind)).toEqual(['individual_notice']);
    expect(plan.retire).toEqual(['founder']);
    expect(plan.create.map((c) => c.kind)).toEqual(['mhlw', 'prefecture', 'police', 'ipa']);
  });
});
