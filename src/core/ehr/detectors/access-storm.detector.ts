import { DAY } from '../audit-context.js';
import { alertOf, patientEventsInWindow, type Alert, type Detector } from '../detector.js';
import { VIA } from '../event-table.js';
import { EXPLANATIONS, type Explanation } from '../explain.js';

const MIN_VIEWERS = 8;
const WEAK: ReadonlySet<Explanation> = new Set<Explanation>(['department_encounter', 'appointment', 'clerk_workflow']);
const WEAK_CODES = new Set(EXPLANATIONS.flatMap((x, k) => (WEAK.has(x) ? [k + 1] : [])));

/**
 * A6: many different users open one patient's record within 72 hours without a care relationship
 * (the 島根 case: 312 people after a newsworthy death). One alert per viewer, so each can be reviewed.
 */
export const accessStorm: Detector = {
  rule: 'curiosity_storm',
  needs: [],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const byPatient = new Map<number, number[]>();
    for (const i of patientEventsInWindow(input)) {
      const x = input.explanation[i] ?? 0;
      // A weak explanation (same department, an appointment, clerical work) does not clear a
      // viewer who searched the patient by name: the curious colleague down the corridor.
      if (x !== 0 && !(WEAK_CODES.has(x) && t.via[i] === VIA.name_search)) continue;
      const p = t.patient[i] ?? 0;
      const list = byPatient.get(p);
      if (list) list.push(i);
      else byPatient.set(p, [i]);
    }
    const out: Alert[] = [];
    for (const [patient, evs] of byPatient) {
      // Sliding 72 h window: the largest set of distinct unexplained viewers.
      const inWindow = new Map<number, number>();
      let bestSize = 0;
      let bestLo = 0;
      let bestHi = -1;
      let lo = 0;
      for (let hi = 0; hi < evs.length; hi += 1) {
        const hiAt = t.at[evs[hi] ?? 0] ?? 0;
        while (hiAt - (t.at[evs[lo] ?? 0] ?? 0) > 3 * DAY) {
          const u = t.user[evs[lo] ?? 0] ?? 0;
          const c = (inWindow.get(u) ?? 0) - 1;
          if (c === 0) inWindow.delete(u);
          else inWindow.set(u, c);
          lo += 1;
        }
        const u = t.user[evs[hi] ?? 0] ?? 0;
        inWindow.set(u, (inWindow.get(u) ?? 0) + 1);
        if (inWindow.size > bestSize) {
          bestSize = inWindow.size;
          bestLo = lo;
          bestHi = hi;
        }
      }
      if (bestSize < MIN_VIEWERS) continue;
      const best = new Set<number>();
      for (let k = bestLo; k <= bestHi; k++) best.add(t.user[evs[k] ?? 0] ?? 0);
      for (const user of best) {
        const mine = evs.filter((i) => t.user[i] === user);
        out.push(alertOf('curiosity_storm', ctx, user, patient, mine, 55 + Math.min(35, best.size), `72時間以内に${best.size}人の職員が担当外で同じ患者の診療録を閲覧（アクセス集中）`));
      }
    }
    return out;
  },
};
