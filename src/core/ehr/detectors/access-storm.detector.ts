import { DAY } from '../audit-context.js';
import { alertOf, inWindow, type Alert, type Detector } from '../detector.js';
import type { AccessEvent } from '../model.js';

const MIN_VIEWERS = 8;

/**
 * A6: many different users open one patient's record without explanation within 72 hours (the
 * 島根 case: 312 people after a newsworthy death). One alert per viewer, so each can be reviewed.
 */
export const accessStorm: Detector = {
  rule: 'curiosity_storm',
  needs: [],
  run(input) {
    const byPatient = new Map<string, AccessEvent[]>();
    for (const { e, explained } of inWindow(input)) {
      if (explained) continue;
      const list = byPatient.get(e.patientId) ?? [];
      list.push(e);
      byPatient.set(e.patientId, list);
    }
    const out: Alert[] = [];
    for (const [patientId, evs] of byPatient) {
      // Sliding 72 h window: the largest set of distinct unexplained viewers.
      let best = new Set<string>();
      let lo = 0;
      for (let hi = 0; hi < evs.length; hi += 1) {
        while ((evs[hi]?.at ?? 0) - (evs[lo]?.at ?? 0) > 3 * DAY) lo += 1;
        const users = new Set(evs.slice(lo, hi + 1).map((e) => e.userId));
        if (users.size > best.size) best = users;
      }
      if (best.size < MIN_VIEWERS) continue;
      for (const userId of best) {
        const mine = evs.filter((e) => e.userId === userId);
        out.push(alertOf('curiosity_storm', userId, patientId, mine, 55 + Math.min(35, best.size), `72時間以内に${best.size}人の職員が業務上の理由なく同じ患者の診療録を閲覧（アクセス集中）`));
      }
    }
    return out;
  },
};
