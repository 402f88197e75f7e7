import { alertOf, inWindow, perUserPatient, type Detector } from '../detector.js';

/** A2: the patient is the user's family or household member and no care relationship explains it. */
export const familyAccess: Detector = {
  rule: 'family_access',
  needs: [],
  run(input) {
    const evs = inWindow(input).filter(({ e, explained }) => !explained && input.ctx.graph.link(e.userId, e.patientId)?.type === 'family').map(({ e }) => e);
    return perUserPatient(evs, (u, p, list) => {
      const link = input.ctx.graph.link(u, p);
      return alertOf('family_access', u, p, list, 65 + Math.min(25, (link?.evidence.length ?? 1) * 8 + list.length), `家族・同居者の可能性がある患者を業務上の理由なく${list.length}回閲覧（${link?.evidence.join('、') ?? ''}）`);
    });
  },
};
