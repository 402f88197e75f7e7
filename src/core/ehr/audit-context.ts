/**
 * Indexes over an EHR dataset shared by the explanation engine and the detectors, built once per
 * audit. Users and patients are the event table's dictionary ids (every file's ids are interned
 * into the same dictionaries), so per-event lookups are array reads, not string hashing. Lists
 * are sorted by time so lookups can stop early.
 */
import { Buckets } from './buckets.js';
import { ACTION, NONE, type EventTable } from './event-table.js';
import { IdentityGraph, type Link } from './identity.js';
import type { Appointment, CareTeam, EhrDataset, Encounter, Order, Patient, Shift, Staff, Terminal } from './model.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A record with its user as a dictionary id. */
export type WithUser<T> = T & { u: number };

function byIndex<T>(size: number, items: Iterable<T>, key: (t: T) => number): Array<T[] | undefined> {
  const out = new Array<T[] | undefined>(size);
  for (const it of items) {
    const k = key(it);
    if (k === NONE) continue;
    const list = out[k];
    if (list) list.push(it);
    else out[k] = [it];
  }
  return out;
}

export class AuditContext {
  readonly data: EhrDataset;
  readonly events: EventTable;
  readonly graph: IdentityGraph;
  readonly staff: Map<string, Staff>;
  readonly patients: Map<string, Patient>;
  readonly ordersById: Map<string, Order>;
  /** Orders by creation time (then id): rules that walk orders give the same alerts in the same order whatever order the file or database listed them. */
  readonly ordersByTime: Order[];
  /** By user id. */
  readonly staffOf: Array<Staff | undefined>;
  readonly shiftsOf: Array<Shift[] | undefined> | null;
  /** By patient id. */
  readonly patientOf: Array<Patient | undefined>;
  readonly careTeamOf: Array<Array<WithUser<CareTeam>> | undefined>;
  readonly encountersOf: Array<Array<WithUser<Encounter>> | undefined>;
  /** With `obj`: the order's id in the event table's object dictionary (NONE if never logged). */
  readonly ordersOf: Array<Array<WithUser<Order> & { obj: number }> | undefined>;
  readonly appointmentsOf: Array<Array<WithUser<Appointment>> | undefined>;
  /** Patients who are staff or staff family (for coworker checks). */
  readonly staffPatient: Uint8Array;
  /** By terminal id; by object id (when the object is an order). */
  readonly terminalOf: Array<Terminal | undefined>;
  readonly orderOfObject: Array<Order | undefined>;
  /** Indexes of events with a patient, in time order. */
  readonly patientEvents: Int32Array;
  /** Each user's events in time order. */
  readonly byUser: Buckets;
  /** Chart writes (create/update) per user, by patient: times and objects, for "order or note by the user". */
  readonly writesOf: Array<Map<number, { at: number[]; obj: number[] }> | undefined>;
  /** Identity links per user, by patient (keys stay small integers: a pair key would be a heap number). */
  readonly #linksOf: Array<Map<number, Link> | undefined>;
  #byObject: Buckets | null = null;

  constructor(data: EhrDataset) {
    this.data = data;
    const t = data.events;
    this.events = t;
    const U = t.users;
    const P = t.patients;
    this.graph = IdentityGraph.build(data.staff, data.patients, data.contacts);
    this.staff = new Map(data.staff.map((s) => [s.userId, s]));
    this.patients = new Map(data.patients.map((p) => [p.patientId, p]));
    this.ordersById = new Map(data.orders.map((o) => [o.orderId, o]));
    this.ordersByTime = [...data.orders].sort((a, b) => a.createdAt - b.createdAt || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
    // Intern every file's ids first: the per-id arrays below are sized by the dictionaries.
    const u = (id: string): number => U.id(id);
    const p = (id: string): number => P.id(id);
    for (const s of data.staff) u(s.userId);
    for (const x of data.patients) p(x.patientId);
    const careTeam = data.careTeam.map((c) => ({ ...c, u: u(c.userId) }));
    const encounters = data.encounters.map((e) => ({ ...e, u: u(e.attendingUserId) }));
    const orders = data.orders.map((o) => ({ ...o, u: u(o.userId), obj: t.objects.find(o.orderId) }));
    const appointments = (data.appointments ?? []).map((a) => ({ ...a, u: u(a.userId) }));
    const shifts = data.shifts?.map((s) => ({ ...s, u: u(s.userId) })) ?? null;
    for (const x of [...careTeam, ...encounters, ...orders, ...appointments]) p(x.patientId);
    for (const [userId, m] of this.graph.links) {
      u(userId);
      for (const patientId of m.keys()) p(patientId);
    }
    const nUsers = U.size;
    const nPatients = P.size;

    this.staffOf = new Array<Staff | undefined>(nUsers);
    // A repeated id: the last row wins, as in the `staff` and `patients` maps.
    for (const s of data.staff) this.staffOf[U.find(s.userId)] = s;
    this.shiftsOf = shifts ? byIndex(nUsers, shifts, (s) => s.u) : null;
    for (const list of this.shiftsOf ?? []) list?.sort((a, b) => a.startAt - b.startAt);
    this.patientOf = new Array<Patient | undefined>(nPatients);
    for (const x of data.patients) this.patientOf[P.find(x.patientId)] = x;
    this.careTeamOf = byIndex(nPatients, careTeam, (c) => P.find(c.patientId));
    this.encountersOf = byIndex(nPatients, encounters, (e) => P.find(e.patientId));
    this.ordersOf = byIndex(nPatients, orders, (o) => P.find(o.patientId));
    this.appointmentsOf = byIndex(nPatients, appointments, (a) => P.find(a.patientId));
    this.staffPatient = new Uint8Array(nPatients);
    for (const patientId of this.graph.staffOfPatient.keys()) this.staffPatient[P.find(patientId)] = 1;
    this.#linksOf = new Array<Map<number, Link> | undefined>(nUsers);
    for (const [userId, m] of this.graph.links) this.#linksOf[U.find(userId)] = new Map([...m].map(([patientId, link]) => [P.find(patientId), link]));
    const terminalIds = t.terminals;
    this.terminalOf = new Array<Terminal | undefined>(terminalIds.size);
    for (const x of data.terminals ?? []) {
      const id = terminalIds.find(x.terminalId);
      if (id !== NONE) this.terminalOf[id] ??= x;
    }
    this.orderOfObject = new Array<Order | undefined>(t.objects.size);
    for (const o of data.orders) {
      const id = t.objects.find(o.orderId);
      if (id !== NONE) this.orderOfObject[id] = o;
    }

    this.byUser = Buckets.by(t.user, nUsers);
    const n = t.length;
    let withPatient = 0;
    for (let i = 0; i < n; i++) if ((t.patient[i] ?? NONE) !== NONE) withPatient += 1;
    this.patientEvents = new Int32Array(withPatient);
    this.writesOf = new Array<Map<number, { at: number[]; obj: number[] }> | undefined>(nUsers);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const pat = t.patient[i] ?? NONE;
      if (pat === NONE) continue;
      this.patientEvents[k++] = i;
      const action = t.action[i];
      if (action !== ACTION.create && action !== ACTION.update) continue;
      const user = t.user[i] ?? 0;
      let mine = this.writesOf[user];
      if (!mine) this.writesOf[user] = mine = new Map();
      let list = mine.get(pat);
      if (!list) mine.set(pat, (list = { at: [], obj: [] }));
      list.at.push(t.at[i] ?? 0);
      list.obj.push(t.object[i] ?? NONE);
    }
  }

  /** One number per user+patient pair (both are dictionary ids). */
  pairKey(user: number, patient: number): number {
    return user * 0x1_0000_0000 + patient;
  }

  /** The identity link between a user and a patient (self, family, neighbour), if any. */
  link(user: number, patient: number): Link | undefined {
    return this.#linksOf[user]?.get(patient);
  }

  /** The shift the user is on at `t`, or null; undefined when there is no shift data. */
  shiftAt(user: number, t: number): Shift | null | undefined {
    return this.shiftsOf ? shiftIn(this.shiftsOf[user] ?? [], 0, t) : undefined;
  }

  /**
   * shiftAt for one user at non-decreasing times (a walk through their events): shifts that ended
   * before the last time asked can never match again and are skipped for good.
   */
  shiftCursor(user: number): (t: number) => Shift | null | undefined {
    if (!this.shiftsOf) return () => undefined;
    const shifts = this.shiftsOf[user] ?? [];
    let lo = 0;
    return (t) => {
      while (lo < shifts.length && (shifts[lo]?.endAt ?? 0) < t) lo++;
      return shiftIn(shifts, lo, t);
    };
  }

  /** Patient events that refer to an object (an order), in time order; the index is built on first use. */
  eventsOfObject(object: number): Int32Array {
    this.#byObject ??= Buckets.by(this.events.object, this.events.objects.size, this.patientEvents);
    return this.#byObject.of(object);
  }

  userId(user: number): string {
    return this.events.users.value(user);
  }

  patientId(patient: number): string {
    return this.events.patients.value(patient);
  }
}

/** The first shift (in start order, from index `lo`) that covers `t`. */
function shiftIn(shifts: readonly Shift[], lo: number, t: number): Shift | null {
  for (let k = lo; k < shifts.length; k++) {
    const s = shifts[k];
    if (!s || s.startAt > t) break;
    if (t <= s.endAt) return s;
  }
  return null;
}
