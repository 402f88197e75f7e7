import { DAY } from '../audit-context.js';
import { alertOf, perUserPatient, type Detector } from '../detector.js';

const STALE_DAYS = 30;

/** A7: an ex-patient — last encounter ended more than 30 days ago, nothing open or upcoming — opened without explanation. */
export const staleRelationship: Detector = {
  rule: 'stale_relationship',
  needs: ['encounters'],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const evs = [...input.unexplained].filter((i) => {
      const p = t.patient[i] ?? 0;
      const at = t.at[i] ?? 0;
      const encs = ctx.encountersOf[p] ?? [];
      if (encs.length === 0) return false;
      if (encs.some((x) => x.endAt === null || x.endAt >= at - STALE_DAYS * DAY)) return false;
      return !(ctx.appointmentsOf[p] ?? []).some((a) => a.at >= at - DAY);
    });
    return perUserPatient(ctx, evs, (u, p, list) => alertOf('stale_relationship', ctx, u, p, list, 45 + Math.min(30, list.length * 5), `最終受診から${STALE_DAYS}日以上経過した元患者の診療録を業務上の理由なく${list.length}回閲覧`));
  },
};
