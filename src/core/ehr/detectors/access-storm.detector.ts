import { DAY } from '../audit-context.js';
import { alertOf, inWindow, type Alert, type Detector } from '../detector.js';
import type { Explanation } from '../explain.js';
import type { AccessEvent } from '../model.js';

const MIN_VIEWERS = 8;
const WEAK: ReadonlySet<Explanation> = new Set<Explanation>(['department_encounter', 'appointment', 'clerk_workflow']);

/**
 * A6: many different users open one patient's record within 72 hours without a care relationship
 * (the 島根 case: 312 people after a newsworthy death). One alert per viewer, so each can be reviewed.
 */
export const accessStorm: Detector = {
  rule: 'curiosity_storm',
  needs: [],
  run(input) {
    const byPatient = new Map<string, AccessEvent[]>();
    for (const { e, explained } of inWindow(input)) {
      // A weak explanation (same department, an appointment, clerical work) does not clear a
      // viewer who searched the patient by name: the curious colleague down the corridor.
      if (explained && !(WEAK.has(explained) && e.via === 'name_search')) continue;
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
        out.push(alertOf('curiosity_storm', userId, patientId, mine, 55 + Math.min(35, best.size), `72時間以内に${best.size}人の職員が担当外で同じ患者の診療録を閲覧（アクセス集中）`));
      }
    }
    return out;
  },
};
