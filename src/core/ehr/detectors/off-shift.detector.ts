import { alertOf, type Alert, type Detector } from '../detector.js';
import type { AccessEvent } from '../model.js';

const GRACE_MS = 60 * 60_000;

/** B2: patient records opened while the user is not on shift (shift staff only: those with rows in shifts.csv). */
export const offShift: Detector = {
  rule: 'off_shift_activity',
  needs: ['shifts'],
  run(input) {
    const { ctx } = input;
    const out: Alert[] = [];
    const byUser = new Map<string, AccessEvent[]>();
    for (const e of ctx.patientEvents) {
      if (e.at < input.from || e.at >= input.to || !ctx.shiftsByUser?.has(e.userId)) continue;
      const shift = ctx.shiftAt(e.userId, e.at) ?? ctx.shiftAt(e.userId, e.at - GRACE_MS) ?? ctx.shiftAt(e.userId, e.at + GRACE_MS);
      if (shift) continue;
      const list = byUser.get(e.userId) ?? [];
      list.push(e);
      byUser.set(e.userId, list);
    }
    for (const [userId, evs] of byUser) {
      const patients = new Set(evs.map((e) => e.patientId)).size;
      out.push(alertOf('off_shift_activity', userId, patients === 1 ? (evs[0]?.patientId ?? null) : null, evs, 45 + Math.min(40, evs.length), `勤務時間外に患者${patients}人の診療録を${evs.length}回操作`));
    }
    return out;
  },
};
