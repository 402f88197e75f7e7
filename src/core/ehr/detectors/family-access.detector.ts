import { alertOf, perUserPatient, type Detector } from '../detector.js';

/** A2: the patient is the user's family or household member and no care relationship explains it. */
export const familyAccess: Detector = {
  rule: 'family_access',
  needs: [],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const evs = [...input.unexplained].filter((i) => ctx.link(t.user[i] ?? 0, t.patient[i] ?? 0)?.type === 'family');
    return perUserPatient(ctx, evs, (u, p, list) => {
      const link = ctx.link(u, p);
      return alertOf('family_access', ctx, u, p, list, 65 + Math.min(25, (link?.evidence.length ?? 1) * 8 + list.length), `家族・同居者の可能性がある患者を業務上の理由なく${list.length}回閲覧（${link?.evidence.join('、') ?? ''}）`);
    });
  },
};
