import { DAY } from '../audit-context.js';
import { alertOf, type Alert, type Detector } from '../detector.js';

/** C3: a controlled-drug prescription created and then deleted within 24 hours (printed, taken, erased). */
export const controlledCreateDelete: Detector = {
  rule: 'controlled_rx_deleted',
  needs: ['orders'],
  run(input) {
    const { ctx } = input;
    const out: Alert[] = [];
    for (const o of ctx.data.orders) {
      if (!o.controlled || o.deletedAt === null || o.createdAt < input.from || o.createdAt >= input.to || o.deletedAt - o.createdAt > DAY) continue;
      const evs = ctx.patientEvents.filter((e) => e.objectId === o.orderId);
      const deleter = evs.find((e) => e.action === 'delete')?.userId ?? o.userId;
      const hours = Math.max(1, Math.round((o.deletedAt - o.createdAt) / 3_600_000));
      out.push(alertOf('controlled_rx_deleted', deleter, o.patientId, evs.length ? evs : [{ eventId: o.orderId, at: o.createdAt, userId: o.userId, patientId: o.patientId, action: 'create', screen: 'prescription', terminalId: '', sessionId: '', objectId: o.orderId, via: '' }], 80, `向精神薬・麻薬等の処方が作成後${hours}時間以内に削除された`));
    }
    return out;
  },
};
