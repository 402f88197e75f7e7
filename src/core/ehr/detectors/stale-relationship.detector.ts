import { DAY } from '../audit-context.js';
import { alertOf, inWindow, perUserPatient, type Detector } from '../detector.js';

const STALE_DAYS = 30;

/** A7: an ex-patient — last encounter ended more than 30 days ago, nothing open or upcoming — opened without explanation. */
export const staleRelationship: Detector = {
  rule: 'stale_relationship',
  needs: ['encounters'],
  run(input) {
    const { ctx } = input;
    const evs = inWindow(input)
      .filter(({ e, explained }) => {
        if (explained) return false;
        const encs = ctx.encountersByPatient.get(e.patientId) ?? [];
        if (encs.length === 0) return false;
        if (encs.some((x) => x.endAt === null || x.endAt >= e.at - STALE_DAYS * DAY)) return false;
        return !(ctx.appointmentsByPatient.get(e.patientId) ?? []).some((a) => a.at >= e.at - DAY);
      })
      .map(({ e }) => e);
    return perUserPatient(evs, (u, p, list) => alertOf('stale_relationship', u, p, list, 45 + Math.min(30, list.length * 5), `最終受診から${STALE_DAYS}日以上経過した元患者の診療録を業務上の理由なく${list.length}回閲覧`));
  },
};
