/**
 * The explanation engine (explanation-based auditing, Fabbri & LeFevre): an access to a patient's
 * record is explained when a care relationship or a workflow accounts for it. The first matching
 * reason is stored; what remains unexplained is what detectors and reviewers look at. Windows are
 * deliberately tight — an explanation that is too generous hides misuse ("explain-away").
 */
import { DAY, type AuditContext } from './audit-context.js';
import { NONE, SCREEN } from './event-table.js';
import type { Order, Shift } from './model.js';

export type Explanation =
  | 'care_team'
  | 'attending'
  | 'department_encounter'
  | 'ward_on_shift'
  | 'own_order_or_note'
  | 'appointment'
  | 'pharmacist_verification'
  | 'test_order'
  | 'clerk_workflow';

export const EXPLANATION_LABELS: Readonly<Record<Explanation, string>> = {
  care_team: '担当チーム（主治医・担当看護師・コンサルト）',
  attending: '受診・入院の担当医',
  department_encounter: '所属診療科の受診・入院中',
  ward_on_shift: '勤務中の病棟に入院中',
  own_order_or_note: '本人がオーダー・記録を作成',
  appointment: '予約（本人または所属科）',
  pharmacist_verification: '薬剤師による処方監査',
  test_order: '検査・画像オーダーへの対応',
  clerk_workflow: '受付・会計など事務手続',
};

/** Explanation codes stored per event: 0 is none, k is EXPLANATIONS[k - 1]. */
export const EXPLANATIONS = Object.keys(EXPLANATION_LABELS) as Explanation[];
const CODE = Object.fromEntries(EXPLANATIONS.map((x, k) => [x, k + 1])) as Record<Explanation, number>;

export function explanationOf(code: number): Explanation | null {
  return code === 0 ? null : (EXPLANATIONS[code - 1] ?? null);
}

function activeAt(start: number, end: number | null, t: number, before = 0, after = 0): boolean {
  return t >= start - before && t <= (end ?? Number.POSITIVE_INFINITY) + after;
}

const CLINICAL = new Set([SCREEN.chart, SCREEN.notes, SCREEN.results, SCREEN.orders, SCREEN.prescription]);

function cancelled(o: Order): boolean {
  return o.deletedAt !== null && o.deletedAt - o.createdAt <= DAY;
}

/** A write (at `w`, on `written`) that may explain an event at `t` on `object`: not itself, not the same order, not a cancelled one. */
function ownWrite(ctx: AuditContext, written: number, object: number, w: number, t: number): boolean {
  if (object === NONE ? w === t : written === object) return false;
  const order = written === NONE ? undefined : ctx.orderOfObject[written];
  return !order || !cancelled(order);
}

/** The explanation of event i (an index into ctx.events), or null. `shiftAt`: the user's shift lookup (a cursor when walking a user's events). */
export function explainEvent(ctx: AuditContext, i: number, shiftAt?: (t: number) => Shift | null | undefined): Explanation | null {
  const ev = ctx.events;
  const user = ev.user[i] ?? NONE;
  const patient = ev.patient[i] ?? NONE;
  const staff = ctx.staffOf[user];
  if (!staff || patient === NONE) return null;
  const t = ev.at[i] ?? 0;
  for (const c of ctx.careTeamOf[patient] ?? []) if (c.u === user && activeAt(c.startAt, c.endAt, t, DAY, DAY)) return 'care_team';
  const encounters = ctx.encountersOf[patient] ?? [];
  for (const enc of encounters) if (enc.u === user && activeAt(enc.startAt, enc.endAt, t, DAY, 7 * DAY)) return 'attending';
  const shift = shiftAt ? shiftAt(t) : ctx.shiftAt(user, t);
  for (const enc of encounters) {
    // Two hours before arrival; a day after discharge (summaries and handover are written then).
    if (!activeAt(enc.startAt, enc.endAt, t, 2 * 3_600_000, DAY)) continue;
    if ((staff.job === 'doctor' || staff.job === 'dentist') && enc.department && enc.department === staff.department) return 'department_encounter';
    if (staff.job === 'nurse' && enc.ward && shift && shift.ward === enc.ward) return 'ward_on_shift';
    if (staff.job === 'nurse' && shift === undefined && enc.ward && enc.ward === staff.department) return 'ward_on_shift';
  }
  const orders = ctx.ordersOf[patient] ?? [];
  // The user's own order or note explains the patient's record around it — but not the event that
  // writes it (a forged prescription would explain itself), not another step on the same order
  // (its deletion), and not an order cancelled within a day (no care came of it).
  const object = ev.object[i] ?? NONE;
  if (orders.some((o) => o.u === user && (o.obj === NONE || o.obj !== object) && !cancelled(o) && Math.abs(o.createdAt - t) <= 7 * DAY)) return 'own_order_or_note';
  const writes = ctx.writesOf[user]?.get(patient);
  if (writes && writes.at.some((w, k) => Math.abs(w - t) <= 7 * DAY && ownWrite(ctx, writes.obj[k] ?? NONE, object, w, t))) return 'own_order_or_note';
  const appointments = ctx.appointmentsOf[patient] ?? [];
  for (const a of appointments) {
    if (t < a.at - 7 * DAY || t > a.at + DAY) continue;
    if (a.u === user || (a.department && a.department === staff.department)) return 'appointment';
  }
  if (staff.job === 'pharmacist' && orders.some((o) => o.kind === 'prescription' && t >= o.createdAt - DAY && t <= o.createdAt + 3 * DAY)) return 'pharmacist_verification';
  if ((staff.job === 'technician' || staff.job === 'therapist') && orders.some((o) => (o.kind === 'lab' || o.kind === 'imaging' || o.kind === 'other') && t >= o.createdAt - DAY && t <= o.createdAt + 3 * DAY)) return 'test_order';
  // Reception and billing work is on registration screens; a clerk reading clinical content needs another reason.
  if (staff.job === 'clerk' && !CLINICAL.has(ev.screen[i] ?? 0)) {
    if (encounters.some((enc) => activeAt(enc.startAt, enc.endAt, t, DAY, DAY))) return 'clerk_workflow';
    if (appointments.some((a) => Math.abs(a.at - t) <= DAY)) return 'clerk_workflow';
  }
  return null;
}

/** Explanation codes of the patient events in [from, to) (0 elsewhere): one byte per event. */
export function explainEvents(ctx: AuditContext, from: number, to: number): Uint8Array {
  const codes = new Uint8Array(ctx.events.length);
  const { at, patient } = ctx.events;
  // User by user, in time order, so the shift lookup walks forward instead of searching.
  for (let u = 0; u < ctx.byUser.size; u++) {
    const shiftAt = ctx.shiftCursor(u);
    for (const i of ctx.byUser.of(u)) {
      const t = at[i] ?? 0;
      if (t < from || t >= to || patient[i] === NONE) continue;
      const x = explainEvent(ctx, i, shiftAt);
      if (x) codes[i] = CODE[x];
    }
  }
  return codes;
}
