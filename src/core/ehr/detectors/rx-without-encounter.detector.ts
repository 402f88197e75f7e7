import { DAY } from '../audit-context.js';
import { alertOf, type Alert, type Detector } from '../detector.js';

/** C2: a prescription with no visit, admission, care-team role or appointment of that patient around it. */
export const rxWithoutEncounter: Detector = {
  rule: 'prescription_without_encounter',
  needs: ['orders', 'encounters'],
  run(input) {
    const { ctx } = input;
    const out: Alert[] = [];
    for (const o of ctx.data.orders) {
      if (o.kind !== 'prescription' || o.createdAt < input.from || o.createdAt >= input.to) continue;
      const t = o.createdAt;
      const enc = (ctx.encountersByPatient.get(o.patientId) ?? []).some((e) => t >= e.startAt - DAY && t <= (e.endAt ?? Number.POSITIVE_INFINITY) + DAY);
      const team = (ctx.careTeamByPatient.get(o.patientId) ?? []).some((c) => c.userId === o.userId && t >= c.startAt - DAY && t <= (c.endAt ?? Number.POSITIVE_INFINITY) + DAY);
      const appt = (ctx.appointmentsByPatient.get(o.patientId) ?? []).some((a) => Math.abs(a.at - t) <= DAY);
      if (enc || team || appt) continue;
      const evs = ctx.patientEvents.filter((e) => e.objectId === o.orderId);
      out.push(
        alertOf('prescription_without_encounter', o.userId, o.patientId, evs.length ? evs : [{ eventId: o.orderId, at: t, userId: o.userId, patientId: o.patientId, action: 'create', screen: 'prescription', terminalId: '', sessionId: '', objectId: o.orderId, via: '' }], 55 + (o.controlled ? 30 : 0), `受診・入院・予約のない患者への処方${o.controlled ? '（向精神薬・麻薬等）' : ''}`),
      );
    }
    return out;
  },
};
