import { alertOf, perUserPatient, type Detector } from '../detector.js';

/** A4: the patient lives in the user's 町丁目 and no care relationship explains the access. */
export const neighbourAccess: Detector = {
  rule: 'neighbour_access',
  needs: [],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const evs = [...input.unexplained].filter((i) => ctx.link(t.user[i] ?? 0, t.patient[i] ?? 0)?.type === 'neighbour');
    return perUserPatient(ctx, evs, (u, p, list) => alertOf('neighbour_access', ctx, u, p, list, 40 + Math.min(20, list.length * 3), `近隣（同じ町丁目）に住む患者を業務上の理由なく${list.length}回閲覧`));
  },
};
