import { DAY } from '../audit-context.js';
import { alertAt, alertOfEvents, type Alert, type Detector } from '../detector.js';
import { ACTION } from '../event-table.js';

/** C3: a controlled-drug prescription created and then deleted within 24 hours (printed, taken, erased). */
export const controlledCreateDelete: Detector = {
  rule: 'controlled_rx_deleted',
  needs: ['orders'],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const out: Alert[] = [];
    for (const o of ctx.ordersByTime) {
      if (!o.controlled || o.deletedAt === null || o.createdAt < input.from || o.createdAt >= input.to || o.deletedAt - o.createdAt > DAY) continue;
      const evs = [...ctx.eventsOfObject(t.objects.find(o.orderId))];
      const deletion = evs.find((i) => t.action[i] === ACTION.delete);
      const deleter = deletion === undefined ? o.userId : ctx.userId(t.user[deletion] ?? 0);
      const hours = Math.max(1, Math.round((o.deletedAt - o.createdAt) / 3_600_000));
      const reason = `向精神薬・麻薬等の処方が作成後${hours}時間以内に削除された`;
      if (evs.length === 0) out.push(alertAt('controlled_rx_deleted', deleter, o.patientId, o.createdAt, o.createdAt, [o.orderId], 80, reason));
      else out.push(alertOfEvents('controlled_rx_deleted', ctx, deleter, o.patientId, evs, 80, reason));
    }
    return out;
  },
};
