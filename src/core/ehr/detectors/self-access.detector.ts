import { alertOf, inWindow, perUserPatient, type Detector } from '../detector.js';

/** A1: the user opened their own record (staff-as-patient link), whatever explains it. */
export const selfAccess: Detector = {
  rule: 'self_access',
  needs: [],
  run(input) {
    const evs = inWindow(input).filter(({ e }) => input.ctx.graph.link(e.userId, e.patientId)?.type === 'self').map(({ e }) => e);
    return perUserPatient(evs, (u, p, list) => alertOf('self_access', u, p, list, 70 + Math.min(20, list.length * 2), `本人の診療録を${list.length}回閲覧（${input.ctx.graph.link(u, p)?.evidence.join('、') ?? ''}）`));
  },
};
