/**
 * The access log as columns (ADR 0010, amendment 2): one typed array per field, ids interned into
 * dictionaries, event ids as bytes. A month of a 1,000-staff hospital is 12 million events; as
 * objects they took ≈ 240 bytes each and most of an audit's time went to allocating and
 * collecting them, as columns they take ≈ 45. Rows are in time order (ties by event id), so
 * event i is the i-th access in time.
 */
import { flatCopy } from '../string-pool.js';
import { EventIdStore, grow } from './event-id-store.js';
import { ACTIONS, SCREENS, VIAS, type AccessEvent, type Action, type Screen, type Via } from './model.js';

/** "No value" in an id column (patient, terminal, session, object). */
export const NONE = -1;

/** Strings ↔ dense integers. */
export class Dict {
  readonly values: string[] = [];
  readonly #index = new Map<string, number>();

  /** The id of `s`, added if new; '' is NONE. */
  id(s: string): number {
    if (s === '') return NONE;
    const known = this.#index.get(s);
    if (known !== undefined) return known;
    const copy = flatCopy(s);
    this.values.push(copy);
    this.#index.set(copy, this.values.length - 1);
    return this.values.length - 1;
  }

  /** The id of `s` if known; NONE otherwise. */
  find(s: string): number {
    return this.#index.get(s) ?? NONE;
  }

  value(id: number): string {
    return id === NONE ? '' : (this.values[id] ?? '');
  }

  get size(): number {
    return this.values.length;
  }
}

export const ACTION = Object.fromEntries(ACTIONS.map((a, i) => [a, i])) as Record<Action, number>;
export const SCREEN = Object.fromEntries(SCREENS.map((a, i) => [a, i])) as Record<Screen, number>;
export const VIA = Object.fromEntries(VIAS.map((a, i) => [a, i])) as Record<Via, number>;

export interface EventColumns {
  at: Float64Array;
  user: Int32Array;
  patient: Int32Array;
  action: Uint8Array;
  screen: Uint8Array;
  via: Uint8Array;
  terminal: Int32Array;
  session: Int32Array;
  object: Int32Array;
}

export class EventTable implements EventColumns {
  readonly at: Float64Array;
  readonly user: Int32Array;
  readonly patient: Int32Array;
  readonly action: Uint8Array;
  readonly screen: Uint8Array;
  readonly via: Uint8Array;
  readonly terminal: Int32Array;
  readonly session: Int32Array;
  readonly object: Int32Array;

  constructor(
    readonly length: number,
    cols: EventColumns,
    readonly ids: EventIdStore,
    readonly users: Dict,
    readonly patients: Dict,
    readonly terminals: Dict,
    readonly sessions: Dict,
    readonly objects: Dict,
  ) {
    this.at = cols.at;
    this.user = cols.user;
    this.patient = cols.patient;
    this.action = cols.action;
    this.screen = cols.screen;
    this.via = cols.via;
    this.terminal = cols.terminal;
    this.session = cols.session;
    this.object = cols.object;
  }

  /** A table of a few events (tests, the database path). */
  static of(events: Iterable<AccessEvent>): EventTable {
    const b = new EventTableBuilder();
    for (const e of events) b.add(e);
    return b.build();
  }

  eventId(i: number): string {
    return this.ids.get(i);
  }

  event(i: number): AccessEvent {
    return {
      eventId: this.eventId(i),
      at: this.at[i] ?? 0,
      userId: this.users.value(this.user[i] ?? NONE),
      patientId: this.patients.value(this.patient[i] ?? NONE),
      action: ACTIONS[this.action[i] ?? 0] ?? 'view',
      screen: SCREENS[this.screen[i] ?? 0] ?? 'other',
      terminalId: this.terminals.value(this.terminal[i] ?? NONE),
      sessionId: this.sessions.value(this.session[i] ?? NONE),
      objectId: this.objects.value(this.object[i] ?? NONE),
      via: VIAS[this.via[i] ?? 0] ?? '',
    };
  }
}

const INITIAL = 1 << 16;

/** Appends events (first of each event_id wins: a re-read row is not a second event), then sorts them by time. */
export class EventTableBuilder {
  #n = 0;
  #cols: EventColumns = {
    at: new Float64Array(INITIAL),
    user: new Int32Array(INITIAL),
    patient: new Int32Array(INITIAL),
    action: new Uint8Array(INITIAL),
    screen: new Uint8Array(INITIAL),
    via: new Uint8Array(INITIAL),
    terminal: new Int32Array(INITIAL),
    session: new Int32Array(INITIAL),
    object: new Int32Array(INITIAL),
  };
  readonly #ids = new EventIdStore();
  readonly #users = new Dict();
  readonly #patients = new Dict();
  readonly #terminals = new Dict();
  readonly #sessions = new Dict();
  readonly #objects = new Dict();

  get length(): number {
    return this.#n;
  }

  /** Adds the event unless its id was seen; returns whether it was added. */
  add(e: AccessEvent): boolean {
    return this.addRow(e.eventId, e.at, e.userId, e.patientId, ACTION[e.action], SCREEN[e.screen], e.terminalId, e.sessionId, e.objectId, VIA[e.via]);
  }

  /** The same from a row's values (codes as in ACTION / SCREEN / VIA): no event object per row. */
  addRow(eventId: string, at: number, userId: string, patientId: string, action: number, screen: number, terminalId: string, sessionId: string, objectId: string, via: number): boolean {
    if (!this.#ids.add(eventId)) return false;
    const i = this.#n;
    if (i === this.#cols.at.length) this.#grow();
    const c = this.#cols;
    c.at[i] = at;
    c.user[i] = this.#users.id(userId);
    c.patient[i] = this.#patients.id(patientId);
    c.action[i] = action;
    c.screen[i] = screen;
    c.via[i] = via;
    c.terminal[i] = this.#terminals.id(terminalId);
    c.session[i] = this.#sessions.id(sessionId);
    c.object[i] = this.#objects.id(objectId);
    this.#n += 1;
    return true;
  }

  build(): EventTable {
    const n = this.#n;
    const c = this.#cols;
    const ids = this.#ids;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) {
      const d = (c.at[i] ?? 0) - (c.at[i - 1] ?? 0);
      if (d < 0 || (d === 0 && ids.compare(i - 1, i) > 0)) sorted = false;
    }
    if (sorted) {
      ids.freeze();
      return new EventTable(n, trim(c, n), ids, this.#users, this.#patients, this.#terminals, this.#sessions, this.#objects);
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const at = c.at;
    order.sort((a, b) => (at[a] ?? 0) - (at[b] ?? 0) || ids.compare(a, b));
    const cols: EventColumns = {
      at: gather(c.at, order),
      user: gather(c.user, order),
      patient: gather(c.patient, order),
      action: gather(c.action, order),
      screen: gather(c.screen, order),
      via: gather(c.via, order),
      terminal: gather(c.terminal, order),
      session: gather(c.session, order),
      object: gather(c.object, order),
    };
    return new EventTable(n, cols, ids.permuted(order), this.#users, this.#patients, this.#terminals, this.#sessions, this.#objects);
  }

  #grow(): void {
    const size = this.#cols.at.length * 2;
    const c = this.#cols;
    this.#cols = {
      at: grow(c.at, size),
      user: grow(c.user, size),
      patient: grow(c.patient, size),
      action: grow(c.action, size),
      screen: grow(c.screen, size),
      via: grow(c.via, size),
      terminal: grow(c.terminal, size),
      session: grow(c.session, size),
      object: grow(c.object, size),
    };
  }
}

function gather<T extends Float64Array | Int32Array | Uint8Array>(a: T, order: Uint32Array): T {
  const out = new (a.constructor as new (n: number) => T)(order.length);
  for (let k = 0; k < order.length; k++) out[k] = a[order[k] ?? 0] ?? 0;
  return out;
}

function trim(c: EventColumns, n: number): EventColumns {
  return {
    at: c.at.slice(0, n),
    user: c.user.slice(0, n),
    patient: c.patient.slice(0, n),
    action: c.action.slice(0, n),
    screen: c.screen.slice(0, n),
    via: c.via.slice(0, n),
    terminal: c.terminal.slice(0, n),
    session: c.session.slice(0, n),
    object: c.object.slice(0, n),
  };
}
