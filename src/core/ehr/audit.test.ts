import { describe, expect, it } from 'vitest';
import { runAudit } from './audit.js';
import { parseRows } from './parse-rows.js';
import type { AccessEvent, EhrDataset } from './model.js';
import { datasetOf, encounter, ev, patient, staff, T } from './test-fixtures.js';

function dataset(events: AccessEvent[], over: Partial<Omit<EhrDataset, 'events'>> = {}): EhrDataset {
  return datasetOf(events, {
    staff: [staff('DOC', 'doctor'), staff('NUR', 'nurse', { name: '架空 花子', birthDate: '1985-03-03' }), staff('CLK', 'clerk', { department: '医事課' })],
    patients: [patient('P1', { name: '見本 一郎' }), patient('NURSE', { name: '架空 花子', birthDate: '1985-03-03' })],
    encounters: [encounter('P1')],
    ...over,
  });
}

describe('EHR audit', () => {
  it('explains care-driven access and alerts on self access even when it looks like work', () => {
    const r = runAudit(dataset([ev(T('10:00'), 'DOC', 'P1'), ev(T('10:05'), 'NUR', 'NURSE', { screen: 'results' }), ev(T('10:06'), 'CLK', 'P1', { screen: 'demographics' })]));
    expect(r.summary).toMatchObject({ events: 3, patient_accesses: 3, explained: 2, explained_by: { attending: 1, clerk_workflow: 1 } });
    expect(r.alerts.map((a) => [a.rule, a.userId, a.patientId])).toEqual([['self_access', 'NUR', 'NURSE']]);
    expect(r.alerts[0]?.reason).toContain('本人');
  });

  it('a controlled prescription created then deleted is an alert; rules without their input say they did not run', () => {
    const order = { orderId: 'O1', patientId: 'P1', userId: 'DOC', encounterId: 'N1', kind: 'prescription', item: 'エチゾラム', controlled: true, createdAt: T('12:00'), deletedAt: T('12:40') };
    const r = runAudit(dataset([ev(T('12:00'), 'DOC', 'P1', { action: 'create', screen: 'prescription', objectId: 'O1' }), ev(T('12:40'), 'DOC', 'P1', { action: 'delete', screen: 'prescription', objectId: 'O1' })], { orders: [order] }));
    expect(r.alerts.map((a) => a.rule)).toContain('controlled_rx_deleted');
    expect(r.summary.skipped_rules).toEqual(expect.arrayContaining([{ rule: 'off_shift_activity', missing: ['shifts.csv'] }, { rule: 'concurrent_sessions', missing: ['terminals.csv'] }]));
  });

  it('the audit window limits alerts but keeps earlier history as context', () => {
    const events = [ev(T('10:05'), 'NUR', 'NURSE')];
    expect(runAudit(dataset(events), { from: T('11:00') }).alerts).toEqual([]);
    expect(runAudit(dataset(events), { from: T('10:00'), to: T('11:00') }).alerts).toHaveLength(1);
  });
});

describe('case level', () => {
  it('several alerts about different patients for one user become one case to review first', () => {
    const base = dataset([]);
    const vip = patient('VIP', { name: '著名 人', birthDate: '1960-01-01', restricted: true });
    const r = runAudit(dataset([ev(T('10:05'), 'NUR', 'NURSE'), ev(T('11:00'), 'NUR', 'VIP', { via: 'name_search' })], { patients: [...base.patients, vip] }));
    const rules = r.alerts.map((a) => a.rule);
    expect(rules).toEqual(expect.arrayContaining(['self_access', 'vip_restricted', 'unexplained_name_search', 'multi_incident_user']));
    const caseAlert = r.alerts.find((a) => a.rule === 'multi_incident_user');
    expect(caseAlert).toMatchObject({ userId: 'NUR', patientId: null });
    expect(caseAlert?.score).toBe(Math.max(...r.alerts.filter((a) => a.rule !== 'multi_incident_user').map((a) => a.score)) + 5);
  });
});

describe('row validation', () => {
  it('rejects bad rows with file, line and a reason naming the column, and keeps the rest', () => {
    const header = ['event_id', 'at', 'user_id', 'patient_id', 'action', 'screen'];
    const { rows, rejected } = parseRows('access_log', header, [
      { line: 2, record: { event_id: 'E1', at: '2026-10-05T10:00:00+09:00', user_id: 'U1', patient_id: 'P1', action: 'view', screen: 'chart' } },
      { line: 3, record: { event_id: 'E2', at: '2026/10/05 10:00', user_id: 'U1', patient_id: 'P1', action: 'view', screen: 'chart' } },
      { line: 4, record: { event_id: 'E3', at: '2026-10-05T10:00:00+09:00', user_id: 'U1', patient_id: '見本 一郎', action: 'peek', screen: 'chart' } },
      { line: 5, record: { event_id: 'E4', at: '2026-10-05T10:00:00+09:00', user_id: 'U1', patient_id: '', action: 'view', screen: 'chart' } },
    ]);
    expect(rows.map((r) => r.eventId)).toEqual(['E1']);
    expect(rejected).toEqual([
      { file: 'access_log.csv', line: 3, reason: 'at はISO 8601（時差付き）の日時ではありません' },
      { file: 'access_log.csv', line: 4, reason: 'action の値が不明です' },
      { file: 'access_log.csv', line: 5, reason: 'patient_id が空です' },
    ]);
    expect(parseRows('staff', ['user_id', 'name'], []).rejected).toEqual([{ file: 'staff.csv', line: 1, reason: '必須の列がありません: job' }]);
  });
});
