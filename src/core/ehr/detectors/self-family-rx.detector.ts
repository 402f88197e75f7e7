import { alertOf, type Alert, type Detector } from '../detector.js';
import type { AccessEvent } from '../model.js';

/** C1: a prescription for the prescriber, the person who actually entered it, or their family. */
export const selfFamilyRx: Detector = {
  rule: 'self_family_prescription',
  needs: ['orders'],
  run(input) {
    const { ctx } = input;
    const operator = new Map<string, AccessEvent>();
    for (const e of ctx.patientEvents) if (e.action === 'create' && e.objectId) operator.set(e.objectId, e);
    const out: Alert[] = [];
    for (const o of ctx.data.orders) {
      if (o.kind !== 'prescription' || o.createdAt < input.from || o.createdAt >= input.to) continue;
      const op = operator.get(o.orderId);
      for (const userId of new Set([o.userId, op?.userId ?? o.userId])) {
        const link = ctx.graph.link(userId, o.patientId);
        if (!link || link.type === 'neighbour') continue;
        const who = link.type === 'self' ? '本人' : '家族';
        const evs: AccessEvent[] = op ? [op] : [{ eventId: o.orderId, at: o.createdAt, userId, patientId: o.patientId, action: 'create', screen: 'prescription', terminalId: '', sessionId: '', objectId: o.orderId, via: '' }];
        out.push(alertOf('self_family_prescription', userId, o.patientId, evs, 75 + (o.controlled ? 20 : 0) + (link.type === 'self' ? 5 : 0), `${who}に対する処方${o.controlled ? '（向精神薬・麻薬等）' : ''}を${userId === o.userId ? '処方医として' : '他の医師のIDで'}作成`));
      }
    }
    return out;
  },
};
