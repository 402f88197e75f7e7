/**
 * access_log.csv rows straight into the event table: the same checks and rejection reasons as
 * parse-rows' access_log parser (which stays the reference for the database import), without a
 * record object and an event object per row — at 12 million rows those were a large share of an
 * audit's allocation and garbage collection.
 */
import type { EventTableBuilder } from './event-table.js';
import { ACTIONS, SCREENS, VIAS, type RejectedRow } from './model.js';
import { isoTime, missingColumns, RowError } from './parse-rows.js';

const codes = (values: readonly string[]): Map<string, number> => new Map(values.map((v, i) => [v, i]));
const ACTION_CODES = codes(ACTIONS);
const SCREEN_CODES = codes(SCREENS);
const VIA_CODES = codes(VIAS);
const NO_PATIENT_ACTIONS = new Set(['login', 'logout', 'search', 'export'].map((a) => ACTION_CODES.get(a)));
const SCREEN_OTHER = SCREEN_CODES.get('other') ?? 0;
const SCREEN_LIST = SCREEN_CODES.get('list') ?? 0;
const COLUMNS = ['event_id', 'at', 'user_id', 'patient_id', 'action', 'screen', 'terminal_id', 'session_id', 'object_id', 'via'] as const;
// 2026-10-01T02:12:00+09:00: the hour's epoch is looked up once, minutes and seconds added.
const FIXED = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d[+-]\d{2}:\d{2}$/;

export class AccessLogRows {
  /** The whole file's rejection when the header lacks a required column, else null. */
  readonly missing: RejectedRow | null;
  readonly #at: Record<(typeof COLUMNS)[number], number>;
  readonly #hours = new Map<string, number>();

  constructor(header: readonly string[]) {
    this.missing = missingColumns('access_log', header);
    this.#at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  }

  /** Checks one row and adds it to `to`; a bad row becomes a rejection with its line and reason. */
  add(fields: readonly string[], line: number, to: EventTableBuilder, rejected: RejectedRow[]): void {
    // Plain methods, no closures per row: 12 million rows.
    try {
      const action = ACTION_CODES.get(this.#req(fields, 'action'));
      if (action === undefined) throw new RowError('action の値が不明です');
      const eventId = this.#req(fields, 'event_id');
      const at = this.#time(this.#req(fields, 'at'));
      const userId = this.#req(fields, 'user_id');
      const patientId = this.#opt(fields, 'patient_id');
      const screenValue = this.#opt(fields, 'screen');
      const screen = screenValue ? SCREEN_CODES.get(screenValue) : SCREEN_OTHER;
      if (screen === undefined) throw new RowError('screen の値が不明です');
      const terminalId = this.#opt(fields, 'terminal_id');
      const sessionId = this.#opt(fields, 'session_id');
      const objectId = this.#opt(fields, 'object_id');
      const via = VIA_CODES.get(this.#opt(fields, 'via'));
      if (via === undefined) throw new RowError('via の値が不明です');
      if (!patientId && !NO_PATIENT_ACTIONS.has(action) && screen !== SCREEN_LIST) throw new RowError('patient_id が空です');
      to.addRow(eventId, at, userId, patientId, action, screen, terminalId, sessionId, objectId, via);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rejected.push({ file: 'access_log.csv', line, reason: error.message });
    }
  }

  #opt(fields: readonly string[], col: (typeof COLUMNS)[number]): string {
    return (fields[this.#at[col]] ?? '').trim();
  }

  #req(fields: readonly string[], col: (typeof COLUMNS)[number]): string {
    const x = this.#opt(fields, col);
    if (!x) throw new RowError(`${col} が空です`);
    return x;
  }

  #time(v: string): number {
    if (!FIXED.test(v)) return isoTime('at', v);
    const key = v.slice(0, 13) + v.slice(19);
    let hour = this.#hours.get(key);
    if (hour === undefined) {
      hour = isoTime('at', `${v.slice(0, 13)}:00:00${v.slice(19)}`);
      this.#hours.set(key, hour);
    }
    return hour + ((v.charCodeAt(14) - 48) * 10 + v.charCodeAt(15) - 48) * 60_000 + ((v.charCodeAt(17) - 48) * 10 + v.charCodeAt(18) - 48) * 1000;
  }
}
