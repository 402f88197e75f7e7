import { alertOf, patientEventsInWindow, perUserPatient, type Detector } from '../detector.js';

/** A1: the user opened their own record (staff-as-patient link), whatever explains it. */
export const selfAccess: Detector = {
  rule: 'self_access',
  needs: [],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const evs: number[] = [];
    for (const i of patientEventsInWindow(input)) if (ctx.link(t.user[i] ?? 0, t.patient[i] ?? 0)?.type === 'self') evs.push(i);
    return perUserPatient(ctx, evs, (u, p, list) => alertOf('self_access', ctx, u, p, list, 70 + Math.min(20, list.length * 2), `本人の診療録を${list.length}回閲覧（${ctx.link(u, p)?.evidence.join('、') ?? ''}）`));
  },
};
