/**
 * A day on which many outside deliveries bounced or were deferred (20 or more, and 30 % or more of
 * that day's outside recipients): mail to harvested or invented addresses, typical of a relay.
 */
import { isoJst } from '../../../jst.js';
import { MAX_EVIDENCE, externalRecipients, jstDayIndex, type Finding, type TakeoverDetector } from '../finding.js';

export const bounceSpikeDetector: TakeoverDetector = {
  name: 'bounce-spike',
  run(t, ctx) {
    const days = new Map<number, { total: number; failed: number; first: (typeof t.sends)[number]; last: (typeof t.sends)[number] }>();
    for (const s of t.sends) {
      const ext = externalRecipients(s, ctx.domains);
      if (ext.length === 0) continue;
      const d = jstDayIndex(s.at);
      const agg = days.get(d) ?? { total: 0, failed: 0, first: s, last: s };
      agg.total += ext.length;
      agg.failed += ext.filter((r) => r.status === 'bounced' || r.status === 'deferred').length;
      agg.last = s;
      days.set(d, agg);
    }
    const bad = [...days.values()].filter((d) => d.failed >= 20 && d.failed >= 0.3 * d.total);
    const first = bad[0];
    const last = bad[bad.length - 1];
    if (!first || !last) return [];
    const failed = bad.reduce((n, d) => n + d.failed, 0);
    const total = bad.reduce((n, d) => n + d.total, 0);
    return [
      {
        code: 'bounce_spike',
        kind: 'abuse',
        text: `院外宛ての不達・遅延が多発：${bad.length} 日間で ${failed} / ${total} 宛先（${isoJst(first.first.at).slice(0, 10)} から）`,
        weight: 20,
        first: first.first.at,
        last: last.last.at,
        evidence: bad.slice(0, MAX_EVIDENCE).map((d) => ({ at: d.first.at, ref: d.first.ref, text: `${isoJst(d.first.at).slice(0, 10)}：不達・遅延 ${d.failed} / ${d.total}` })),
        suspectIps: [],
      } satisfies Finding,
    ];
  },
};
