import { HOUR } from '../audit-context.js';
import { alertOf, type Alert, type Detector } from '../detector.js';
import type { AccessEvent } from '../model.js';

const PATIENTS_PER_HOUR = 60;
const EXPORTS = 3;

/** D1: many distinct patients in an hour beyond normal work, exports/prints in bulk, or runs of consecutive patient IDs. */
export const bulkAccess: Detector = {
  rule: 'bulk_access',
  needs: [],
  run(input) {
    const out: Alert[] = [];
    for (const [userId, all] of input.ctx.eventsByUser) {
      const evs = all.filter((e) => e.at >= input.from && e.at < input.to);
      const exports = evs.filter((e) => e.action === 'export' || (e.action === 'print' && e.screen === 'list'));
      const reasons: string[] = [];
      const hits = new Set<AccessEvent>(exports.length >= EXPORTS ? exports : []);
      if (exports.length >= EXPORTS) reasons.push(`一覧の出力・印刷${exports.length}件`);
      const opens = evs.filter((e) => e.patientId && e.action === 'view');
      let lo = 0;
      let peak = 0;
      for (let hi = 0; hi < opens.length; hi += 1) {
        while ((opens[hi]?.at ?? 0) - (opens[lo]?.at ?? 0) > HOUR) lo += 1;
        const window = opens.slice(lo, hi + 1);
        const distinct = new Set(window.map((e) => e.patientId)).size;
        if (distinct > peak) peak = distinct;
        if (distinct >= PATIENTS_PER_HOUR) for (const e of window) hits.add(e);
      }
      if (peak >= PATIENTS_PER_HOUR) reasons.push(`1時間に${peak}人の患者を閲覧`);
      let run = 1;
      let bestRun = 1;
      for (let i = 1; i < opens.length; i += 1) {
        const a = Number(opens[i - 1]?.patientId);
        const b = Number(opens[i]?.patientId);
        run = Number.isFinite(a) && Number.isFinite(b) && b === a + 1 ? run + 1 : 1;
        bestRun = Math.max(bestRun, run);
      }
      if (bestRun >= 10) reasons.push(`連番の患者IDを${bestRun}件連続で閲覧`);
      if (reasons.length === 0) continue;
      out.push(alertOf('bulk_access', userId, null, hits.size ? [...hits] : opens.slice(0, 50), 55 + reasons.length * 15, `大量アクセスの疑い：${reasons.join('、')}`));
    }
    return out;
  },
};
