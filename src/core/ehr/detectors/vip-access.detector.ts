import { alertOf, perUserPatient, type Detector } from '../detector.js';

/** A5: restricted / VIP chart opened without an explanation. */
export const vipAccess: Detector = {
  rule: 'vip_restricted',
  needs: [],
  run(input) {
    const { ctx } = input;
    const evs = [...input.unexplained].filter((i) => ctx.patientOf[ctx.events.patient[i] ?? 0]?.restricted);
    return perUserPatient(ctx, evs, (u, p, list) => alertOf('vip_restricted', ctx, u, p, list, 60 + Math.min(25, list.length * 3), `閲覧制限（VIP等）の患者の診療録を業務上の理由なく${list.length}回閲覧`));
  },
};
