import { alertOf, userWindows, type Alert, type Detector } from '../detector.js';
import { NONE } from '../event-table.js';

const GRACE_MS = 60 * 60_000;

/** B2: patient records opened while the user is not on shift (shift staff only: those with rows in shifts.csv). */
export const offShift: Detector = {
  rule: 'off_shift_activity',
  needs: ['shifts'],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const out: Alert[] = [];
    for (const { user, evs } of userWindows(input)) {
      if (!ctx.shiftsOf?.[user]) continue;
      const off: number[] = [];
      // Three cursors: each walks forward at its own offset.
      const now = ctx.shiftCursor(user);
      const before = ctx.shiftCursor(user);
      const after = ctx.shiftCursor(user);
      for (const i of evs) {
        if ((t.patient[i] ?? NONE) === NONE) continue;
        const at = t.at[i] ?? 0;
        if (now(at) ?? before(at - GRACE_MS) ?? after(at + GRACE_MS)) continue;
        off.push(i);
      }
      if (off.length === 0) continue;
      const patients = new Set(off.map((i) => t.patient[i])).size;
      out.push(alertOf('off_shift_activity', ctx, user, patients === 1 ? (t.patient[off[0] ?? 0] ?? null) : null, off, 45 + Math.min(40, off.length), `勤務時間外に患者${patients}人の診療録を${off.length}回操作`));
    }
    return out;
  },
};
