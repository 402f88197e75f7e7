/**
 * Deadline arithmetic for breach reporting, in JST calendar days.
 *
 * Rule implemented (configurable, see DeadlineRules): the day the organisation first knew
 * (`knownAt`, in JST) is day 1; days are calendar days including weekends and holidays; a
 * deadline "within N days" ends at 23:59:59.999 JST on day N. Hence 確報 (30 days) for a case known
 * on 2026-02-09 is due at the end of 2026-03-10, and 60 days at the end of 2026-04-09.
 * 速報 is "速やかに … 概ね3～5日以内": a warning on day 3 and overdue after day 5.
 * References: 規則8条; 通則編 3-5-3-3/3-5-3-4 (△ day counting to be confirmed by counsel).
 */
export interface DeadlineRules {
  sokuhoWarnDay: number;
  sokuhoDueDay: number;
  kakuhoDays: number;
  kakuhoDaysMalicious: number;
  /** "速やかに" obligations (本人通知, 厚労省, 警察 …) are targeted at the end of this day. */
  asapDueDay: number;
  /** true: knownAt's date is day 1. false: day 1 is the following day (民法140条 初日不算入). */
  knownDayIsDayOne: boolean;
}

export const DEFAULT_DEADLINE_RULES: Readonly<DeadlineRules> = Object.freeze({
  sokuhoWarnDay: 3,
  sokuhoDueDay: 5,
  kakuhoDays: 30,
  kakuhoDaysMalicious: 60,
  asapDueDay: 2,
  knownDayIsDayOne: true,
});

const JST_MS = 9 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** JST calendar date (YYYY-MM-DD) of an instant. */
export function jstDate(instant: Date): string {
  return new Date(instant.getTime() + JST_MS).toISOString().slice(0, 10);
}

/** The JST calendar date of day `n` counted from `knownAt`. */
export function dayN(knownAt: Date, n: number, rules: DeadlineRules): string {
  const start = Date.parse(`${jstDate(knownAt)}T00:00:00Z`);
  const offset = rules.knownDayIsDayOne ? n - 1 : n;
  return new Date(start + offset * DAY_MS).toISOString().slice(0, 10);
}

/** Last instant of a JST calendar date. */
export function endOfJstDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+09:00`));
}

export interface Deadline {
  /** JST calendar date of the deadline. */
  date: string;
  /** Last instant (UTC) before it is overdue. */
  dueAt: Date;
  /** When to start warning, if the rule has one. */
  warnAt: Date | null;
}

export function deadlineOnDay(knownAt: Date, day: number, rules: DeadlineRules, warnDay?: number): Deadline {
  const date = dayN(knownAt, day, rules);
  return {
    date,
    dueAt: endOfJstDay(date),
    warnAt: warnDay === undefined ? null : new Date(Date.parse(`${dayN(knownAt, warnDay, rules)}T00:00:00+09:00`)),
  };
}

export type DueState = 'done' | 'ok' | 'due_soon' | 'overdue';

/** Traffic light for an obligation at `now`. */
export function dueState(deadline: { dueAt: Date; warnAt: Date | null }, now: Date, done: boolean): DueState {
  if (done) return 'done';
  if (now.getTime() > deadline.dueAt.getTime()) return 'overdue';
  const warnAt = deadline.warnAt ?? new Date(deadline.dueAt.getTime() - 2 * DAY_MS);
  return now.getTime() >= warnAt.getTime() ? 'due_soon' : 'ok';
}
