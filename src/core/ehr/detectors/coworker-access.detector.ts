import { alertOf, inWindow, perUserPatient, type Detector } from '../detector.js';

/** A3: the patient is a coworker (or a coworker's family) and no care relationship explains the access. */
export const coworkerAccess: Detector = {
  rule: 'coworker_access',
  needs: [],
  run(input) {
    const { ctx } = input;
    const evs = inWindow(input).filter(({ e, explained }) => !explained && !ctx.graph.link(e.userId, e.patientId) && ctx.graph.coworkers(e.userId, e.patientId).length > 0).map(({ e }) => e);
    return perUserPatient(evs, (u, p, list) => {
      const other = ctx.graph.coworkers(u, p)[0];
      const colleague = other ? ctx.staff.get(other.userId) : undefined;
      const sameDept = colleague && colleague.department === ctx.staff.get(u)?.department;
      const who = other?.type === 'self' ? '職員本人' : '職員の家族';
      return alertOf('coworker_access', u, p, list, 55 + (sameDept ? 10 : 0) + Math.min(20, list.length * 3), `同僚（${who}${sameDept ? '・同じ部署' : ''}）の診療録を業務上の理由なく${list.length}回閲覧`);
    });
  },
};
