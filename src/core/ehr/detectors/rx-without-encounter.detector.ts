import { DAY } from '../audit-context.js';
import { alertAt, alertOfEvents, type Alert, type Detector } from '../detector.js';

/** C2: a prescription with no visit, admission, care-team role or appointment of that patient around it. */
export const rxWithoutEncounter: Detector = {
  rule: 'prescription_without_encounter',
  needs: ['orders', 'encounters'],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const out: Alert[] = [];
    for (const o of ctx.ordersByTime) {
      if (o.kind !== 'prescription' || o.createdAt < input.from || o.createdAt >= input.to) continue;
      const at = o.createdAt;
      const p = t.patients.find(o.patientId);
      const enc = (ctx.encountersOf[p] ?? []).some((e) => at >= e.startAt - DAY && at <= (e.endAt ?? Number.POSITIVE_INFINITY) + DAY);
      const team = (ctx.careTeamOf[p] ?? []).some((c) => c.userId === o.userId && at >= c.startAt - DAY && at <= (c.endAt ?? Number.POSITIVE_INFINITY) + DAY);
      const appt = (ctx.appointmentsOf[p] ?? []).some((a) => Math.abs(a.at - at) <= DAY);
      if (enc || team || appt) continue;
      const evs = [...ctx.eventsOfObject(t.objects.find(o.orderId))];
      const score = 55 + (o.controlled ? 30 : 0);
      const reason = `受診・入院・予約のない患者への処方${o.controlled ? '（向精神薬・麻薬等）' : ''}`;
      if (evs.length === 0) out.push(alertAt('prescription_without_encounter', o.userId, o.patientId, at, at, [o.orderId], score, reason));
      else out.push(alertOfEvents('prescription_without_encounter', ctx, o.userId, o.patientId, evs, score, reason));
    }
    return out;
  },
};
