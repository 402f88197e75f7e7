import { HOUR } from '../audit-context.js';
import { alertOf, userWindows, type Alert, type Detector } from '../detector.js';
import { ACTION, NONE, SCREEN } from '../event-table.js';

/** Distinct patients opened in an hour with no explanation: care-driven work (a ward round over 50 beds) is explained, a trawl is not. */
const PATIENTS_PER_HOUR = 30;
const EXPORTS = 3;

/** D1: many distinct patients opened in an hour without a care reason, exports/prints in bulk, or runs of consecutive patient IDs. */
export const bulkAccess: Detector = {
  rule: 'bulk_access',
  needs: [],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const asNumber = Float64Array.from(t.patients.values, (v) => Number(v));
    // Views per patient inside the sliding hour (reset per user).
    const count = new Int32Array(t.patients.size);
    const out: Alert[] = [];
    for (const { user, evs } of userWindows(input)) {
      const exports: number[] = [];
      const opens: number[] = [];
      const unexplained: number[] = [];
      for (const i of evs) {
        const action = t.action[i];
        if (action === ACTION.export || (action === ACTION.print && t.screen[i] === SCREEN.list)) exports.push(i);
        else if (action === ACTION.view && (t.patient[i] ?? NONE) !== NONE) opens.push(i);
        if (action === ACTION.view && (t.patient[i] ?? NONE) !== NONE && input.explanation[i] === 0) unexplained.push(i);
      }
      const reasons: string[] = [];
      const hits = new Set<number>(exports.length >= EXPORTS ? exports : []);
      if (exports.length >= EXPORTS) reasons.push(`一覧の出力・印刷${exports.length}件`);
      let lo = 0;
      let peak = 0;
      let distinct = 0;
      // Opens up to here are already in `hits` (windows overlap: add each open once).
      let added = -1;
      for (let hi = 0; hi < unexplained.length; hi += 1) {
        const hiAt = t.at[unexplained[hi] ?? 0] ?? 0;
        while (hiAt - (t.at[unexplained[lo] ?? 0] ?? 0) > HOUR) {
          const p = t.patient[unexplained[lo] ?? 0] ?? 0;
          count[p] = (count[p] ?? 0) - 1;
          if (count[p] === 0) distinct -= 1;
          lo += 1;
        }
        const p = t.patient[unexplained[hi] ?? 0] ?? 0;
        count[p] = (count[p] ?? 0) + 1;
        if (count[p] === 1) distinct += 1;
        if (distinct > peak) peak = distinct;
        if (distinct >= PATIENTS_PER_HOUR) {
          for (let k = Math.max(lo, added + 1); k <= hi; k++) hits.add(unexplained[k] ?? 0);
          added = hi;
        }
      }
      for (let k = lo; k < unexplained.length; k++) count[t.patient[unexplained[k] ?? 0] ?? 0] = 0;
      if (peak >= PATIENTS_PER_HOUR) reasons.push(`業務上の理由のない患者${peak}人を1時間に閲覧`);
      let run = 1;
      let bestRun = 1;
      for (let k = 1; k < opens.length; k += 1) {
        const a = asNumber[t.patient[opens[k - 1] ?? 0] ?? 0] ?? Number.NaN;
        const b = asNumber[t.patient[opens[k] ?? 0] ?? 0] ?? Number.NaN;
        run = Number.isFinite(a) && Number.isFinite(b) && b === a + 1 ? run + 1 : 1;
        bestRun = Math.max(bestRun, run);
      }
      if (bestRun >= 10) reasons.push(`連番の患者IDを${bestRun}件連続で閲覧`);
      if (reasons.length === 0) continue;
      out.push(alertOf('bulk_access', ctx, user, null, hits.size ? [...hits] : opens.slice(0, 50), 55 + reasons.length * 15, `大量アクセスの疑い：${reasons.join('、')}`));
    }
    return out;
  },
};
