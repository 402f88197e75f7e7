/**
 * CSV records (header → cell) to typed EHR records. A row with a missing required value, a bad
 * time or an unknown code is rejected with file, line and reason (naming the column, never the
 * value: these are patients' data) and the rest of the file is kept.
 */
import { ACTIONS, JOBS, SCREENS, VIAS, type AccessEvent, type Action, type Appointment, type CareTeam, type Contact, type EhrFile, type Encounter, type Job, type Order, type Patient, type RejectedRow, type Screen, type Shift, type Staff, type Terminal, type Via } from './model.js';

type Rec = Readonly<Record<string, string | undefined>>;

/** A row's value that cannot be read; the message names the column, never the value. */
export class RowError extends Error {}

function req(r: Rec, col: string): string {
  const v = (r[col] ?? '').trim();
  if (!v) throw new RowError(`${col} が空です`);
  return v;
}

function opt(r: Rec, col: string): string {
  return (r[col] ?? '').trim();
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function time(r: Rec, col: string): number {
  return isoTime(col, req(r, col));
}

/** Epoch ms of an ISO 8601 time with offset (RowError naming `col` otherwise). */
export function isoTime(col: string, v: string): number {
  if (!ISO_TIME.test(v)) throw new RowError(`${col} はISO 8601（時差付き）の日時ではありません`);
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new RowError(`${col} は存在しない日時です`);
  return t;
}

function optTime(r: Rec, col: string): number | null {
  return opt(r, col) ? time(r, col) : null;
}

function date(r: Rec, col: string, required = false): string {
  const v = required ? req(r, col) : opt(r, col);
  if (v && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) throw new RowError(`${col} はYYYY-MM-DDの日付ではありません`);
  return v;
}

function oneOf<T extends string>(r: Rec, col: string, values: readonly T[], required = true): T {
  const v = required ? req(r, col) : opt(r, col);
  const known = values[(values as readonly string[]).indexOf(v)];
  if (known === undefined) throw new RowError(`${col} の値が不明です`);
  // The code list's own string: millions of events share it instead of each keeping a copy.
  return known;
}

function flag(r: Rec, col: string): boolean {
  const v = opt(r, col);
  if (v && v !== '0' && v !== '1') throw new RowError(`${col} は0か1です`);
  return v === '1';
}

const PARSERS = {
  staff: (r: Rec): Staff => ({
    userId: req(r, 'user_id'),
    name: req(r, 'name'),
    nameKana: opt(r, 'name_kana'),
    birthDate: date(r, 'birth_date'),
    sex: opt(r, 'sex'),
    department: opt(r, 'department'),
    job: oneOf<Job>(r, 'job', JOBS),
    address: opt(r, 'address'),
    phone: opt(r, 'phone'),
    insuranceNo: opt(r, 'insurance_no'),
    hiredOn: date(r, 'hired_on'),
    leftOn: date(r, 'left_on'),
  }),
  patients: (r: Rec): Patient => ({
    patientId: req(r, 'patient_id'),
    name: req(r, 'name'),
    nameKana: opt(r, 'name_kana'),
    birthDate: date(r, 'birth_date'),
    sex: opt(r, 'sex'),
    address: opt(r, 'address'),
    phone: opt(r, 'phone'),
    insuranceNo: opt(r, 'insurance_no'),
    insuranceBranch: opt(r, 'insurance_branch'),
    deceasedOn: date(r, 'deceased_on'),
    restricted: flag(r, 'restricted'),
  }),
  contacts: (r: Rec): Contact => ({
    patientId: req(r, 'patient_id'),
    contactName: opt(r, 'contact_name'),
    contactKana: opt(r, 'contact_kana'),
    relation: opt(r, 'relation'),
    phone: opt(r, 'phone'),
    address: opt(r, 'address'),
  }),
  encounters: (r: Rec): Encounter => ({
    encounterId: req(r, 'encounter_id'),
    patientId: req(r, 'patient_id'),
    kind: req(r, 'kind'),
    department: opt(r, 'department'),
    ward: opt(r, 'ward'),
    startAt: time(r, 'start_at'),
    endAt: optTime(r, 'end_at'),
    attendingUserId: opt(r, 'attending_user_id'),
  }),
  care_team: (r: Rec): CareTeam => ({ patientId: req(r, 'patient_id'), userId: req(r, 'user_id'), role: opt(r, 'role'), startAt: time(r, 'start_at'), endAt: optTime(r, 'end_at') }),
  appointments: (r: Rec): Appointment => ({ appointmentId: req(r, 'appointment_id'), patientId: req(r, 'patient_id'), department: opt(r, 'department'), userId: opt(r, 'user_id'), at: time(r, 'at') }),
  orders: (r: Rec): Order => ({
    orderId: req(r, 'order_id'),
    patientId: req(r, 'patient_id'),
    userId: req(r, 'user_id'),
    encounterId: opt(r, 'encounter_id'),
    kind: req(r, 'kind'),
    item: opt(r, 'item'),
    controlled: flag(r, 'controlled'),
    createdAt: time(r, 'created_at'),
    deletedAt: optTime(r, 'deleted_at'),
  }),
  shifts: (r: Rec): Shift => {
    const s = { userId: req(r, 'user_id'), startAt: time(r, 'start_at'), endAt: time(r, 'end_at'), ward: opt(r, 'ward') };
    if (s.endAt <= s.startAt) throw new RowError('end_at が start_at より前です');
    return s;
  },
  terminals: (r: Rec): Terminal => ({ terminalId: req(r, 'terminal_id'), location: opt(r, 'location'), ward: opt(r, 'ward') }),
  access_log: (r: Rec): AccessEvent => {
    const action = oneOf<Action>(r, 'action', ACTIONS);
    const e: AccessEvent = {
      eventId: req(r, 'event_id'),
      at: time(r, 'at'),
      userId: req(r, 'user_id'),
      patientId: opt(r, 'patient_id'),
      action,
      // An empty screen is 'other' (a vendor that does not log screens); an unknown one is an error.
      screen: opt(r, 'screen') ? oneOf<Screen>(r, 'screen', SCREENS) : 'other',
      terminalId: opt(r, 'terminal_id'),
      sessionId: opt(r, 'session_id'),
      objectId: opt(r, 'object_id'),
      via: oneOf<Via>(r, 'via', VIAS, false),
    };
    if (!e.patientId && !['login', 'logout', 'search', 'export'].includes(action) && e.screen !== 'list') throw new RowError('patient_id が空です');
    return e;
  },
} as const;

export type ParsedOf<F extends EhrFile> = ReturnType<(typeof PARSERS)[F]>;

/** Required columns per file (a file missing one is rejected as a whole). */
export const REQUIRED_COLUMNS: Readonly<Record<EhrFile, readonly string[]>> = {
  staff: ['user_id', 'name', 'job'],
  patients: ['patient_id', 'name'],
  contacts: ['patient_id'],
  encounters: ['encounter_id', 'patient_id', 'kind', 'start_at'],
  care_team: ['patient_id', 'user_id', 'start_at'],
  appointments: ['appointment_id', 'patient_id', 'at'],
  orders: ['order_id', 'patient_id', 'user_id', 'kind', 'created_at'],
  shifts: ['user_id', 'start_at', 'end_at'],
  terminals: ['terminal_id'],
  access_log: ['event_id', 'at', 'user_id', 'action'],
};

/** The file rejected as a whole when its header lacks a required column; null when complete. */
export function missingColumns(file: EhrFile, header: readonly string[]): RejectedRow | null {
  const missing = REQUIRED_COLUMNS[file].filter((c) => !header.includes(c));
  return missing.length ? { file: `${file}.csv`, line: 1, reason: `必須の列がありません: ${missing.join(', ')}` } : null;
}

export function parseRows<F extends EhrFile>(file: F, header: readonly string[], records: Iterable<{ line: number; record: Rec }>): { rows: Array<ParsedOf<F>>; rejected: RejectedRow[] } {
  const rows: Array<ParsedOf<F>> = [];
  const rejected: RejectedRow[] = [];
  const missing = missingColumns(file, header);
  if (missing) {
    rejected.push(missing);
    return { rows, rejected };
  }
  const parse = PARSERS[file] as (r: Rec) => ParsedOf<F>;
  for (const { line, record } of records) {
    try {
      rows.push(parse(record));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rejected.push({ file: `${file}.csv`, line, reason: error.message });
    }
  }
  return { rows, rejected };
}
