/**
 * Builders for small hand-made EHR datasets in unit tests (not part of the build: test-*.ts).
 * Every name and number is invented.
 */
import { EventTable } from './event-table.js';
import type { AccessEvent, CareTeam, EhrDataset, Encounter, Order, Patient, Staff } from './model.js';

export const DAY = 86_400_000;
/** A JST time on 2026-10-<day> (the 5th unless given). */
export const T = (s: string, day = 5): number => Date.parse(`2026-10-${String(day).padStart(2, '0')}T${s}:00+09:00`);
export const staff = (userId: string, job: Staff['job'], extra: Partial<Staff> = {}): Staff => ({ userId, name: `職員 ${userId}`, nameKana: '', birthDate: '1980-01-01', sex: '', department: '内科', job, address: '', phone: '', insuranceNo: '', hiredOn: '', leftOn: '', ...extra });
export const patient = (patientId: string, extra: Partial<Patient> = {}): Patient => ({ patientId, name: `患者 ${patientId}`, nameKana: '', birthDate: '1950-01-01', sex: '', address: '', phone: '', insuranceNo: '', insuranceBranch: '', deceasedOn: '', restricted: false, ...extra });
let seq = 0;
export const ev = (at: number, userId: string, patientId: string, over: Partial<AccessEvent> = {}): AccessEvent => ({ eventId: `E${String((seq += 1)).padStart(6, '0')}`, at, userId, patientId, action: 'view', screen: 'chart', terminalId: '', sessionId: '', objectId: '', via: '', ...over });
export const encounter = (patientId: string, over: Partial<Encounter> = {}): Encounter => ({ encounterId: `N-${patientId}`, patientId, kind: 'inpatient', department: '内科', ward: '3東', startAt: T('09:00') - DAY, endAt: null, attendingUserId: 'DOC', ...over });
export const team = (patientId: string, userId: string): CareTeam => ({ patientId, userId, role: 'nurse', startAt: T('00:00') - DAY, endAt: null });
export const rx = (orderId: string, patientId: string, userId: string, over: Partial<Order> = {}): Order => ({ orderId, patientId, userId, encounterId: '', kind: 'prescription', item: 'ロキソプロフェン', controlled: false, createdAt: T('12:00'), deletedAt: null, ...over });

/** A dataset of these events; files not given are empty (required) or absent (optional). */
export function datasetOf(events: AccessEvent[], files: Pick<EhrDataset, 'staff' | 'patients'> & Partial<Omit<EhrDataset, 'events'>>): EhrDataset {
  return { contacts: null, encounters: [], careTeam: [], appointments: null, orders: [], shifts: null, terminals: null, ...files, events: EventTable.of(events) };
}
