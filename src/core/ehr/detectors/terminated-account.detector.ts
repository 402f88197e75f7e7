import { alertOf, userWindows, type Alert, type Detector } from '../detector.js';

/** B7: activity by an account after the person left (left_on), or by an account not in the staff list. */
export const terminatedAccount: Detector = {
  rule: 'terminated_account',
  needs: [],
  run(input) {
    const { ctx } = input;
    const out: Alert[] = [];
    for (const { user, evs } of userWindows(input)) {
      const s = ctx.staffOf[user];
      if (s && !s.leftOn) continue;
      const leftAt = s?.leftOn ? Date.parse(`${s.leftOn}T23:59:59+09:00`) : Number.POSITIVE_INFINITY;
      const after = s ? [...evs].filter((i) => (ctx.events.at[i] ?? 0) > leftAt) : [...evs];
      if (after.length === 0) continue;
      out.push(alertOf('terminated_account', ctx, user, null, after, 80 + Math.min(15, after.length), s ? `退職日（${s.leftOn}）より後にこのIDで${after.length}件の操作` : `職員名簿にないIDで${after.length}件の操作`));
    }
    return out;
  },
};
