import { alertOf, perUserPatient, type Detector } from '../detector.js';

/** A3: the patient is a coworker (or a coworker's family) and no care relationship explains the access. */
export const coworkerAccess: Detector = {
  rule: 'coworker_access',
  needs: [],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const evs = [...input.unexplained].filter((i) => {
      const u = t.user[i] ?? 0;
      const p = t.patient[i] ?? 0;
      return ctx.staffPatient[p] === 1 && !ctx.link(u, p) && ctx.graph.coworkers(ctx.userId(u), ctx.patientId(p)).length > 0;
    });
    return perUserPatient(ctx, evs, (u, p, list) => {
      const other = ctx.graph.coworkers(ctx.userId(u), ctx.patientId(p))[0];
      const colleague = other ? ctx.staff.get(other.userId) : undefined;
      const sameDept = colleague && colleague.department === ctx.staffOf[u]?.department;
      const who = other?.type === 'self' ? '職員本人' : '職員の家族';
      return alertOf('coworker_access', ctx, u, p, list, 55 + (sameDept ? 10 : 0) + Math.min(20, list.length * 3), `同僚（${who}${sameDept ? '・同じ部署' : ''}）の診療録を業務上の理由なく${list.length}回閲覧`);
    });
  },
};
