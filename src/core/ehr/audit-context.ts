/**
 * Indexes over an EHR dataset shared by the explanation engine and the detectors, built once per
 * audit. Lists are sorted by time so lookups can stop early.
 */
import { IdentityGraph } from './identity.js';
import type { AccessEvent, Appointment, CareTeam, EhrDataset, Encounter, Order, Patient, Shift, Staff } from './model.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

export class AuditContext {
  readonly data: EhrDataset;
  readonly graph: IdentityGraph;
  readonly staff: Map<string, Staff>;
  readonly patients: Map<string, Patient>;
  readonly careTeamByPatient: Map<string, CareTeam[]>;
  readonly encountersByPatient: Map<string, Encounter[]>;
  readonly ordersByPatient: Map<string, Order[]>;
  readonly ordersById: Map<string, Order>;
  readonly appointmentsByPatient: Map<string, Appointment[]>;
  readonly shiftsByUser: Map<string, Shift[]> | null;
  readonly terminalWard: Map<string, string>;
  /** Patient events (patient_id set), in time order, with their index into data.events. */
  readonly patientEvents: AccessEvent[];
  /** Chart writes (create/update) by user+patient: times, for "order or note by the user". */
  readonly writesByUserPatient: Map<string, number[]>;
  readonly eventsByUser: Map<string, AccessEvent[]>;

  constructor(data: EhrDataset) {
    this.data = data;
    this.graph = IdentityGraph.build(data.staff, data.patients, data.contacts);
    this.staff = new Map(data.staff.map((s) => [s.userId, s]));
    this.patients = new Map(data.patients.map((p) => [p.patientId, p]));
    this.careTeamByPatient = group(data.careTeam, (c) => c.patientId);
    this.encountersByPatient = group(data.encounters, (e) => e.patientId);
    this.ordersByPatient = group(data.orders, (o) => o.patientId);
    this.ordersById = new Map(data.orders.map((o) => [o.orderId, o]));
    this.appointmentsByPatient = group(data.appointments ?? [], (a) => a.patientId);
    this.shiftsByUser = data.shifts ? group(data.shifts, (s) => s.userId) : null;
    for (const list of this.shiftsByUser?.values() ?? []) list.sort((a, b) => a.startAt - b.startAt);
    this.terminalWard = new Map((data.terminals ?? []).map((t) => [t.terminalId, t.ward]));
    // Sorted in place (a copy of a month's events is hundreds of MB); ties by event id in code-unit
    // order — localeCompare's collation was a measurable share of a large audit.
    const events = data.events.sort((a, b) => a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
    this.patientEvents = events.filter((e) => e.patientId);
    this.eventsByUser = group(events, (e) => e.userId);
    this.writesByUserPatient = new Map();
    for (const e of this.patientEvents) {
      if (e.action !== 'create' && e.action !== 'update') continue;
      const k = `${e.userId}|${e.patientId}`;
      const list = this.writesByUserPatient.get(k);
      if (list) list.push(e.at);
      else this.writesByUserPatient.set(k, [e.at]);
    }
  }

  /** The shift the user is on at `t`, or null; undefined when there is no shift data. */
  shiftAt(userId: string, t: number): Shift | null | undefined {
    if (!this.shiftsByUser) return undefined;
    for (const s of this.shiftsByUser.get(userId) ?? []) {
      if (s.startAt > t) break;
      if (t <= s.endAt) return s;
    }
    return null;
  }
}
