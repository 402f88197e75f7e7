import { alertOf, inWindow, perUserPatient, type Detector } from '../detector.js';

/** A4: the patient lives in the user's 町丁目 and no care relationship explains the access. */
export const neighbourAccess: Detector = {
  rule: 'neighbour_access',
  needs: [],
  run(input) {
    const evs = inWindow(input).filter(({ e, explained }) => !explained && input.ctx.graph.link(e.userId, e.patientId)?.type === 'neighbour').map(({ e }) => e);
    return perUserPatient(evs, (u, p, list) => alertOf('neighbour_access', u, p, list, 40 + Math.min(20, list.length * 3), `近隣（同じ町丁目）に住む患者を業務上の理由なく${list.length}回閲覧`));
  },
};
