import { alertOf, type Alert, type Detector } from '../detector.js';

/** B7: activity by an account after the person left (left_on), or by an account not in the staff list. */
export const terminatedAccount: Detector = {
  rule: 'terminated_account',
  needs: [],
  run(input) {
    const { ctx } = input;
    const out: Alert[] = [];
    for (const [userId, evs] of ctx.eventsByUser) {
      const s = ctx.staff.get(userId);
      const after = evs.filter((e) => e.at >= input.from && e.at < input.to && (!s || (s.leftOn && e.at > Date.parse(`${s.leftOn}T23:59:59+09:00`))));
      if (after.length === 0) continue;
      out.push(alertOf('terminated_account', userId, null, after, 80 + Math.min(15, after.length), s ? `退職日（${s.leftOn}）より後にこのIDで${after.length}件の操作` : `職員名簿にないIDで${after.length}件の操作`));
    }
    return out;
  },
};
