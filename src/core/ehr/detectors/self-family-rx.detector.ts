import { alertAt, alertOfEvents, type Alert, type Detector } from '../detector.js';
import { ACTION } from '../event-table.js';

/** C1: a prescription for the prescriber, the person who actually entered it, or their family. */
export const selfFamilyRx: Detector = {
  rule: 'self_family_prescription',
  needs: ['orders'],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const out: Alert[] = [];
    for (const o of ctx.ordersByTime) {
      if (o.kind !== 'prescription' || o.createdAt < input.from || o.createdAt >= input.to) continue;
      // The operator: the (last) create event of this order in the log.
      let op = -1;
      for (const i of ctx.eventsOfObject(t.objects.find(o.orderId))) if (t.action[i] === ACTION.create) op = i;
      const opUser = op < 0 ? o.userId : ctx.userId(t.user[op] ?? 0);
      for (const userId of new Set([o.userId, opUser])) {
        const link = ctx.link(t.users.find(userId), t.patients.find(o.patientId));
        if (!link || link.type === 'neighbour') continue;
        const who = link.type === 'self' ? '本人' : '家族';
        const score = 75 + (o.controlled ? 20 : 0) + (link.type === 'self' ? 5 : 0);
        const reason = `${who}に対する処方${o.controlled ? '（向精神薬・麻薬等）' : ''}を${userId === o.userId ? '処方医として' : '他の医師のIDで'}作成`;
        if (op < 0) out.push(alertAt('self_family_prescription', userId, o.patientId, o.createdAt, o.createdAt, [o.orderId], score, reason));
        else out.push(alertOfEvents('self_family_prescription', ctx, userId, o.patientId, [op], score, reason));
      }
    }
    return out;
  },
};
