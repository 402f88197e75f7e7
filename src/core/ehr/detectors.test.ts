/**
 * One positive and one negative case per detector, on a small hand-built hospital: each case
 * changes one fact (an explanation, a threshold, a time) so the test fails if the rule stops
 * looking at that fact.
 */
import { describe, expect, it } from 'vitest';
import { runAudit } from './audit.js';
import type { AccessEvent, Appointment, EhrDataset, Patient, Shift, Staff, Terminal } from './model.js';
import { DAY, datasetOf, encounter, ev, patient, rx, staff, T, team } from './test-fixtures.js';

const STAFF: Staff[] = [
  staff('DOC', 'doctor'),
  staff('NUR', 'nurse', { name: '架空 花子', birthDate: '1985-03-03', department: '5西', insuranceNo: '06130011-12-345', address: '東京都架空区見本町2丁目3番4号' }),
  staff('COL', 'nurse', { name: '同僚 次郎', birthDate: '1990-07-07', department: '5西' }),
  staff('CLK', 'clerk', { department: '医事課' }),
  ...Array.from({ length: 8 }, (_, i) => staff(`S${i + 1}`, 'nurse', { department: '外来' })),
];
const PATIENTS: Patient[] = [
  patient('P1'),
  patient('P2'),
  patient('NURSE', { name: '架空 花子', birthDate: '1985-03-03' }),
  patient('FAM', { name: '架空 太郎', birthDate: '1983-01-01', insuranceNo: '06130011-12-345' }),
  patient('NEI', { address: '東京都架空区見本町二丁目10番1号' }),
  patient('COLP', { name: '同僚 次郎', birthDate: '1990-07-07' }),
  patient('VIP', { restricted: true }),
  patient('OLD'),
  patient('DEAD', { deceasedOn: '2026-10-01' }),
  patient('STAR'),
];

function hospital(events: AccessEvent[], over: Partial<Omit<EhrDataset, 'events'>> = {}): EhrDataset {
  return datasetOf(events, {
    staff: STAFF,
    encounters: [encounter('P1'), encounter('OLD', { endAt: T('10:00') - 60 * DAY, startAt: T('10:00') - 65 * DAY })],
    ...over,
    patients: [...PATIENTS, ...(over.patients ?? [])],
  });
}

type Triple = [string, string, string | null];
const fired = (data: EhrDataset, rule: string): Triple[] =>
  runAudit(data)
    .alerts.filter((a) => a.rule === rule)
    .map((a): Triple => [a.rule, a.userId, a.patientId]);

describe('detectors: a positive and a negative case each', () => {
  it('self_access: own record, even when explained; not another record', () => {
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'NURSE')]), 'self_access')).toEqual([['self_access', 'NUR', 'NURSE']]);
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'NURSE')], { careTeam: [team('NURSE', 'NUR')] }), 'self_access')).toHaveLength(1);
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'P2')]), 'self_access')).toEqual([]);
  });

  it('family_access: same insurance number, unexplained; cleared by a care-team role', () => {
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'FAM')]), 'family_access')).toEqual([['family_access', 'NUR', 'FAM']]);
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'FAM')], { careTeam: [team('FAM', 'NUR')] }), 'family_access')).toEqual([]);
  });

  it('coworker_access: a colleague’s own record; not when the colleague is the attending doctor’s patient', () => {
    expect(fired(hospital([ev(T('10:00'), 'DOC', 'COLP')]), 'coworker_access')).toEqual([['coworker_access', 'DOC', 'COLP']]);
    expect(fired(hospital([ev(T('10:00'), 'DOC', 'COLP')], { encounters: [encounter('COLP')] }), 'coworker_access')).toEqual([]);
  });

  it('neighbour_access: same 町丁目 written differently (二丁目 / 2丁目); cleared by care', () => {
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'NEI')]), 'neighbour_access')).toEqual([['neighbour_access', 'NUR', 'NEI']]);
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'NEI')], { careTeam: [team('NEI', 'NUR')] }), 'neighbour_access')).toEqual([]);
  });

  it('vip_restricted: unexplained opening of a restricted chart; not by the attending doctor', () => {
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'VIP')]), 'vip_restricted')).toEqual([['vip_restricted', 'NUR', 'VIP']]);
    expect(fired(hospital([ev(T('10:00'), 'DOC', 'VIP')], { encounters: [encounter('VIP')] }), 'vip_restricted')).toEqual([]);
  });

  it('curiosity_storm: eight unexplained viewers within 72 h; seven are not a storm, nor eight spread over a week', () => {
    const viewers = (n: number, gapH: number) => Array.from({ length: n }, (_, i) => ev(T('10:00') + i * gapH * 3_600_000, `S${i + 1}`, 'STAR'));
    expect(fired(hospital(viewers(8, 2)), 'curiosity_storm')).toHaveLength(8);
    expect(fired(hospital(viewers(7, 2)), 'curiosity_storm')).toEqual([]);
    expect(fired(hospital(viewers(8, 24)), 'curiosity_storm')).toEqual([]);
  });

  it('stale_relationship: ex-patient whose last stay ended 60 days ago; not with an upcoming appointment', () => {
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'OLD')]), 'stale_relationship')).toEqual([['stale_relationship', 'NUR', 'OLD']]);
    const appt: Appointment = { appointmentId: 'A1', patientId: 'OLD', department: '眼科', userId: 'DOC', at: T('10:00') + 20 * DAY };
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'OLD')], { appointments: [appt] }), 'stale_relationship')).toEqual([]);
  });

  it('deceased_patient: opened after death by a nurse; clerks handling paperwork are not flagged', () => {
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'DEAD')]), 'deceased_patient')).toEqual([['deceased_patient', 'NUR', 'DEAD']]);
    expect(fired(hospital([ev(T('10:00'), 'CLK', 'DEAD')]), 'deceased_patient')).toEqual([]);
  });

  it('unexplained_name_search: a first access by name search; not when reached from a list', () => {
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'P2', { via: 'name_search' })]), 'unexplained_name_search')).toEqual([['unexplained_name_search', 'NUR', 'P2']]);
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'P2', { via: 'list' })]), 'unexplained_name_search')).toEqual([]);
    // Not the first access any more: the user had opened this patient before (by list).
    expect(fired(hospital([ev(T('09:00'), 'NUR', 'P2', { via: 'list' }), ev(T('10:00'), 'NUR', 'P2', { via: 'name_search' })]), 'unexplained_name_search')).toEqual([]);
  });

  it('demographics_only: address/contact screens only; not when clinical screens were opened too', () => {
    const demo = [ev(T('10:00'), 'NUR', 'P2', { screen: 'demographics' }), ev(T('10:01'), 'NUR', 'P2', { screen: 'contact' })];
    expect(fired(hospital(demo), 'demographics_only')).toEqual([['demographics_only', 'NUR', 'P2']]);
    expect(fired(hospital([...demo, ev(T('10:02'), 'NUR', 'P2', { screen: 'results' })]), 'demographics_only')).toEqual([]);
  });

  it('concurrent_sessions: one ID on terminals in two places within 5 minutes; not 10 minutes apart; skipped without terminals.csv', () => {
    const terminals: Terminal[] = [
      { terminalId: 'T1', location: '外来1', ward: '' },
      { terminalId: 'T2', location: '5西ナース', ward: '5西' },
    ];
    const pair = (gapMin: number) => [ev(T('10:00'), 'DOC', 'P1', { terminalId: 'T1' }), ev(T('10:00') + gapMin * 60_000, 'DOC', 'P1', { terminalId: 'T2' })];
    expect(fired(hospital(pair(2), { terminals }), 'concurrent_sessions')).toEqual([['concurrent_sessions', 'DOC', null]]);
    expect(fired(hospital(pair(10), { terminals }), 'concurrent_sessions')).toEqual([]);
    expect(runAudit(hospital(pair(2))).summary.skipped_rules).toContainEqual({ rule: 'concurrent_sessions', missing: ['terminals.csv'] });
  });

  it('off_shift_activity: patient records opened at night by a day-shift nurse; not during the shift or its grace hour', () => {
    const shifts: Shift[] = [{ userId: 'NUR', startAt: T('08:00'), endAt: T('17:00'), ward: '3東' }];
    expect(fired(hospital([ev(T('22:00'), 'NUR', 'P1')], { shifts }), 'off_shift_activity')).toEqual([['off_shift_activity', 'NUR', 'P1']]);
    expect(fired(hospital([ev(T('10:00'), 'NUR', 'P1'), ev(T('17:30'), 'NUR', 'P1')], { shifts }), 'off_shift_activity')).toEqual([]);
  });

  it('idle_session_resume: a prescription for a coworker after 60 idle minutes; not in a busy session', () => {
    const session = (gapMin: number) => [ev(T('10:00'), 'DOC', 'P1', { sessionId: 'S1' }), ev(T('10:00') + gapMin * 60_000, 'DOC', 'COLP', { sessionId: 'S1', action: 'create', screen: 'prescription', objectId: 'O1' })];
    expect(fired(hospital(session(60)), 'idle_session_resume')).toEqual([['idle_session_resume', 'DOC', 'COLP']]);
    expect(fired(hospital(session(10)), 'idle_session_resume')).toEqual([]);
  });

  it('terminated_account: activity after left_on or by an unknown ID; not before leaving', () => {
    const left = (leftOn: string) => hospital([ev(T('10:00'), 'OUT', 'P1'), ev(T('10:05'), 'GHOST', 'P1')], { staff: [...STAFF, staff('OUT', 'nurse', { leftOn })] });
    expect(fired(left('2026-09-30'), 'terminated_account').sort()).toEqual([
      ['terminated_account', 'GHOST', null],
      ['terminated_account', 'OUT', null],
    ]);
    expect(fired(left('2026-10-31'), 'terminated_account')).toEqual([['terminated_account', 'GHOST', null]]);
  });

  it('self_family_prescription: entered by the patient herself in a doctor’s name; not for an unrelated patient', () => {
    const events = [ev(T('12:00'), 'NUR', 'NURSE', { action: 'create', screen: 'prescription', objectId: 'O1' })];
    expect(fired(hospital(events, { orders: [rx('O1', 'NURSE', 'DOC')] }), 'self_family_prescription')).toEqual([['self_family_prescription', 'NUR', 'NURSE']]);
    expect(fired(hospital([ev(T('12:00'), 'NUR', 'P1', { action: 'create', screen: 'prescription', objectId: 'O1' })], { orders: [rx('O1', 'P1', 'DOC')] }), 'self_family_prescription')).toEqual([]);
  });

  it('prescription_without_encounter: no stay, team or appointment around it; not for an inpatient', () => {
    expect(fired(hospital([], { orders: [rx('O1', 'P2', 'DOC')] }), 'prescription_without_encounter')).toEqual([['prescription_without_encounter', 'DOC', 'P2']]);
    expect(fired(hospital([], { orders: [rx('O1', 'P1', 'DOC')] }), 'prescription_without_encounter')).toEqual([]);
  });

  it('controlled_rx_deleted: controlled drug deleted within a day, by the deleter; not after two days, nor an ordinary drug', () => {
    const events = [ev(T('12:00'), 'DOC', 'P1', { action: 'create', screen: 'prescription', objectId: 'O1' }), ev(T('12:40'), 'NUR', 'P1', { action: 'delete', screen: 'prescription', objectId: 'O1' })];
    expect(fired(hospital(events, { orders: [rx('O1', 'P1', 'DOC', { controlled: true, deletedAt: T('12:40') })] }), 'controlled_rx_deleted')).toEqual([['controlled_rx_deleted', 'NUR', 'P1']]);
    expect(fired(hospital(events, { orders: [rx('O1', 'P1', 'DOC', { controlled: true, deletedAt: T('12:00') + 2 * DAY })] }), 'controlled_rx_deleted')).toEqual([]);
    expect(fired(hospital(events, { orders: [rx('O1', 'P1', 'DOC', { deletedAt: T('12:40') })] }), 'controlled_rx_deleted')).toEqual([]);
  });

  it('bulk_access: 30 unexplained patients in an hour, ten consecutive IDs, or list exports; not 20, nor a ward round of explained ones', () => {
    const many = Array.from({ length: 80 }, (_, i) => patient(String(100_000 + i * 7)));
    const open = (n: number, ids: (i: number) => string) => Array.from({ length: n }, (_, i) => ev(T('10:00') + i * 50_000, 'DOC', ids(i)));
    expect(fired(hospital(open(30, (i) => String(100_000 + i * 7)), { patients: many }), 'bulk_access')).toEqual([['bulk_access', 'DOC', null]]);
    expect(fired(hospital(open(20, (i) => String(100_000 + i * 7)), { patients: many }), 'bulk_access')).toEqual([]);
    // 70 inpatients under this doctor, all opened within the hour: care, not a trawl.
    const round = Array.from({ length: 70 }, (_, i) => String(100_000 + i * 7));
    expect(fired(hospital(open(70, (i) => round[i] ?? ''), { patients: many, encounters: round.map((id) => encounter(id)) }), 'bulk_access')).toEqual([]);
    expect(fired(hospital(open(10, (i) => String(200_000 + i))), 'bulk_access')).toEqual([['bulk_access', 'DOC', null]]);
    const exports = [0, 1, 2].map((i) => ev(T('15:00') + i * 60_000, 'CLK', '', { action: 'export', screen: 'list' }));
    expect(fired(hospital(exports), 'bulk_access')).toEqual([['bulk_access', 'CLK', null]]);
    expect(fired(hospital(exports.slice(0, 2)), 'bulk_access')).toEqual([]);
  });

  it('explanations: attending, ward on shift, pharmacist verification and clerk work each explain; a stranger does not', () => {
    const shifts: Shift[] = [{ userId: 'COL', startAt: T('08:00'), endAt: T('17:00'), ward: '3東' }];
    const data = hospital(
      [ev(T('10:00'), 'DOC', 'P1'), ev(T('10:01'), 'COL', 'P1'), ev(T('10:02'), 'CLK', 'P1', { screen: 'demographics' }), ev(T('10:03'), 'S1', 'P2'), ev(T('13:00'), 'PHA', 'P2'), ev(T('10:04'), 'CLK', 'P1', { screen: 'notes' })],
      { shifts, orders: [rx('O1', 'P2', 'DOC')], staff: [...STAFF, staff('PHA', 'pharmacist', { department: '薬剤部' })] },
    );
    const s = runAudit(data).summary;
    expect(s.explained_by).toEqual({ attending: 1, ward_on_shift: 1, clerk_workflow: 1, pharmacist_verification: 1 });
    // A clerk reading clinical notes is not reception work.
    expect(s).toMatchObject({ patient_accesses: 6, explained: 4 });
  });

  it('an order explains the record around it, but not its own creation, its own deletion, nor after it was cancelled', () => {
    const create = ev(T('12:00'), 'DOC', 'P2', { action: 'create', screen: 'prescription', objectId: 'O1' });
    const remove = ev(T('12:30'), 'DOC', 'P2', { action: 'delete', screen: 'prescription', objectId: 'O1' });
    const view = ev(T('15:00'), 'DOC', 'P2');
    const kept = runAudit(hospital([create, view], { orders: [rx('O1', 'P2', 'DOC')] })).summary;
    expect(kept).toMatchObject({ patient_accesses: 2, explained: 1, explained_by: { own_order_or_note: 1 } });
    const cancelled = runAudit(hospital([create, remove, view], { orders: [rx('O1', 'P2', 'DOC', { deletedAt: T('12:30') })] })).summary;
    expect(cancelled).toMatchObject({ patient_accesses: 3, explained: 0 });
  });
});
