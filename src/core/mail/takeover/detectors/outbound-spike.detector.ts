/**
 * Days on which an account mailed far more outside recipients than it usually does. The baseline
 * is the account's own previous days in the log (up to 28, quiet days counted as 0): a spike is
 * above max(30, 3 × the 95th percentile, median + 8 × MAD). Without 7 days of baseline — or when
 * the relay ran from the first day, so the baseline is the abuse itself — the hospital-wide
 * ceiling (default 300 outside recipients a day) still applies. Sent mostly from networks the
 * account did not use while the baseline was learnt, it weighs 40 (55 at ten times the limit);
 * from its usual places (a mass mailing, malware on its own PC) 25.
 */
import { isoJst } from '../../../jst.js';
import { DAY_MS, MAX_EVIDENCE, externalRecipients, isUnusual, jstDayIndex, usualNetworks, type Finding, type TakeoverDetector } from '../finding.js';

const MIN_BASELINE_DAYS = 7;
const MAX_BASELINE_DAYS = 28;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? 0;
}

export function spikeThreshold(baseline: readonly number[]): number {
  const sorted = [...baseline].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const mad = quantile([...sorted.map((v) => Math.abs(v - median))].sort((a, b) => a - b), 0.5);
  return Math.max(30, 3 * quantile(sorted, 0.95), median + 8 * mad);
}

export const outboundSpikeDetector: TakeoverDetector = {
  name: 'outbound-spike',
  run(t, ctx) {
    if (t.sends.length === 0) return [];
    const perDay = new Map<number, number>();
    for (const s of t.sends) {
      const n = externalRecipients(s, ctx.domains).length;
      if (n > 0) perDay.set(jstDayIndex(s.at), (perDay.get(jstDayIndex(s.at)) ?? 0) + n);
    }
    const firstDay = jstDayIndex(ctx.dataStart);
    const spikeDays: { day: number; count: number; threshold: number; baselined: boolean }[] = [];
    for (const [day, count] of [...perDay].sort((a, b) => a[0] - b[0])) {
      const baseline: number[] = [];
      for (let d = Math.max(firstDay, day - MAX_BASELINE_DAYS); d < day; d++) baseline.push(perDay.get(d) ?? 0);
      const baselined = baseline.length >= MIN_BASELINE_DAYS;
      const threshold = baselined ? Math.min(spikeThreshold(baseline), ctx.dailyCeiling) : ctx.dailyCeiling;
      if (count > threshold) spikeDays.push({ day, count, threshold, baselined });
    }
    if (spikeDays.length === 0) return [];
    const days = new Set(spikeDays.map((s) => s.day));
    const sends = t.sends.filter((s) => days.has(jstDayIndex(s.at)) && externalRecipients(s, ctx.domains).length > 0);
    const first = sends[0];
    const last = sends[sends.length - 1];
    if (!first || !last) return [];
    const total = spikeDays.reduce((n, s) => n + s.count, 0);
    // Mostly sent from where this account never worked: an intruder's relay, weighed fully; from its usual places: a mass mailing or malware on its own PC, weighed less.
    const usual = usualNetworks(t, ctx);
    let unusualRecipients = 0;
    const suspectIps = new Set<string>();
    for (const s of sends) {
      if (!isUnusual(s.ip, usual)) continue;
      unusualRecipients += externalRecipients(s, ctx.domains).length;
      if (s.ip) suspectIps.add(s.ip);
    }
    const fromUnusual = unusualRecipients >= 0.5 * total;
    // The owner's own mail earlier that day is not the intruder's: the window opens with the first unusual send.
    const firstUnusual = fromUnusual ? sends.find((s) => isUnusual(s.ip, usual)) : undefined;
    const peak = spikeDays.reduce((a, b) => (b.count / b.threshold > a.count / a.threshold ? b : a));
    const heavy = peak.count >= 10 * peak.threshold;
    const dayText = (d: number): string => isoJst(d * DAY_MS - 9 * 3_600_000).slice(0, 10);
    return [
      {
        code: 'outbound_spike',
        kind: 'abuse',
        text: `${fromUnusual ? '' : '（通常の接続元から）'}院外宛ての送信が急増：${spikeDays.length} 日間で計 ${total.toLocaleString('ja-JP')} 宛先（最大 ${dayText(peak.day)} に ${peak.count.toLocaleString('ja-JP')}、${peak.baselined ? '通常の上限' : '全体の上限'} ${Math.round(peak.threshold)}）`,
        weight: fromUnusual ? (heavy ? 55 : 40) : 25,
        first: first.at,
        last: last.at,
        ...(firstUnusual ? { compromisedAt: firstUnusual.at } : {}),
        evidence: spikeDays.slice(0, MAX_EVIDENCE).map((s) => {
          const e = sends.find((x) => jstDayIndex(x.at) === s.day) ?? first;
          return { at: e.at, ref: e.ref, text: `${dayText(s.day)}：院外 ${s.count} 宛先（上限 ${Math.round(s.threshold)}）` };
        }),
        suspectIps: fromUnusual ? [...suspectIps] : [],
      } satisfies Finding,
    ];
  },
};
