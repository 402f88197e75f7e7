/**
 * The EHR audit input (Mamori EHR audit CSV, edition 1; ../shared/formats/ehr-audit-csv.md) as typed
 * records. Times are epoch milliseconds (parsed from ISO 8601 with offset); dates stay YYYY-MM-DD.
 */
import type { EventTable } from './event-table.js';

export const JOBS = ['doctor', 'dentist', 'nurse', 'pharmacist', 'technician', 'therapist', 'clerk', 'vendor', 'other'] as const;
export type Job = (typeof JOBS)[number];

export const ACTIONS = ['login', 'logout', 'search', 'view', 'create', 'update', 'delete', 'print', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

export const SCREENS = ['chart', 'demographics', 'contact', 'notes', 'results', 'orders', 'prescription', 'appointment', 'list', 'other'] as const;
export type Screen = (typeof SCREENS)[number];

export const VIAS = ['name_search', 'id_search', 'list', 'link', ''] as const;
export type Via = (typeof VIAS)[number];

export interface Staff {
  userId: string;
  name: string;
  nameKana: string;
  birthDate: string;
  sex: string;
  department: string;
  job: Job;
  address: string;
  phone: string;
  insuranceNo: string;
  hiredOn: string;
  leftOn: string;
}

export interface Patient {
  patientId: string;
  name: string;
  nameKana: string;
  birthDate: string;
  sex: string;
  address: string;
  phone: string;
  insuranceNo: string;
  insuranceBranch: string;
  deceasedOn: string;
  restricted: boolean;
}

export interface Contact {
  patientId: string;
  contactName: string;
  contactKana: string;
  relation: string;
  phone: string;
  address: string;
}

export interface Encounter {
  encounterId: string;
  patientId: string;
  kind: string;
  department: string;
  ward: string;
  startAt: number;
  endAt: number | null;
  attendingUserId: string;
}

export interface CareTeam {
  patientId: string;
  userId: string;
  role: string;
  startAt: number;
  endAt: number | null;
}

export interface Appointment {
  appointmentId: string;
  patientId: string;
  department: string;
  userId: string;
  at: number;
}

export interface Order {
  orderId: string;
  patientId: string;
  userId: string;
  encounterId: string;
  kind: string;
  item: string;
  controlled: boolean;
  createdAt: number;
  deletedAt: number | null;
}

export interface Shift {
  userId: string;
  startAt: number;
  endAt: number;
  ward: string;
}

export interface Terminal {
  terminalId: string;
  location: string;
  ward: string;
}

export interface AccessEvent {
  eventId: string;
  at: number;
  userId: string;
  patientId: string;
  action: Action;
  screen: Screen;
  terminalId: string;
  sessionId: string;
  objectId: string;
  via: Via;
}

/** Everything an audit reads. Optional files are null when absent (rules that need them say so). */
export interface EhrDataset {
  staff: Staff[];
  patients: Patient[];
  contacts: Contact[] | null;
  encounters: Encounter[];
  careTeam: CareTeam[];
  appointments: Appointment[] | null;
  orders: Order[];
  shifts: Shift[] | null;
  terminals: Terminal[] | null;
  /** The access log as columns (event-table.ts). */
  events: EventTable;
}

export const EHR_FILES = ['staff', 'patients', 'contacts', 'encounters', 'care_team', 'appointments', 'orders', 'shifts', 'terminals', 'access_log'] as const;
export type EhrFile = (typeof EHR_FILES)[number];

export const OPTIONAL_FILES: ReadonlySet<EhrFile> = new Set<EhrFile>(['contacts', 'appointments', 'shifts', 'terminals']);

export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
}
