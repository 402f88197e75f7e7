/**
 * Account takeover from mail and sign-in logs: events are grouped per account, every detector
 * looks at the account's timeline, and findings close in time (72 h) become one alert whose score
 * is the sum of its kinds' weights (+15 when a break-in and an abuse appear together). 危険 ≥ 60,
 * 注意 ≥ 25; below that nothing is reported. The compromise window is estimated from the first to
 * the last activity of the intruder's addresses and the anomalous sending (ADR 0012).
 */
import { bounceSpikeDetector } from './detectors/bounce-spike.detector.js';
import { domainBurstDetector } from './detectors/domain-burst.detector.js';
import { forwardingDetector } from './detectors/forwarding.detector.js';
import { impossibleTravelDetector } from './detectors/impossible-travel.detector.js';
import { newCountryDetector } from './detectors/new-country.detector.js';
import { newNetworkDetector } from './detectors/new-network.detector.js';
import { outboundSpikeDetector } from './detectors/outbound-spike.detector.js';
import { passwordAttackDetector } from './detectors/password-attack.detector.js';
import { countryLabel } from './countries.js';
import { externalRecipients, HOUR_MS, type AccountTimeline, type EvidenceItem, type Finding, type TakeoverContext, type TakeoverDetector } from './finding.js';
import { isInternalIp, isReservedIp } from './ip-scope.js';
import type { AccountEvent } from './log-events.js';

export const TAKEOVER_DETECTORS: readonly TakeoverDetector[] = [newCountryDetector, newNetworkDetector, impossibleTravelDetector, passwordAttackDetector, outboundSpikeDetector, domainBurstDetector, bounceSpikeDetector, forwardingDetector];

export const DANGER = 60;
export const CAUTION = 25;
const CLUSTER_GAP_MS = 72 * HOUR_MS;
const COMBINATION_BONUS = 15;

export type Severity = '危険' | '注意';

export interface TakeoverAlert {
  account: string;
  severity: Severity;
  score: number;
  /** Estimated compromise window (first and last activity attributed to the intruder). */
  windowStart: number;
  windowEnd: number;
  findings: Omit<Finding, 'evidence' | 'suspectIps'>[];
  evidence: EvidenceItem[];
  suspectIps: { ip: string; country: string | null }[];
  /** Messages the account sent inside the window, and the distinct outside addresses they went to. */
  sentInWindow: number;
  externalRecipientsInWindow: number;
}

export type CountryOf = (ip: string) => string | null;

export function placeOf(ip: string | null, stated: string | null, countryOf: CountryOf): string | null {
  if (ip && isInternalIp(ip)) return 'internal';
  if (stated) return stated;
  if (ip && isReservedIp(ip)) return null;
  return ip ? countryOf(ip) : null;
}

/** Events of all accounts (any order) → timelines sorted by time. */
export function buildTimelines(events: Iterable<AccountEvent>, countryOf: CountryOf): Map<string, AccountTimeline> {
  const out = new Map<string, AccountTimeline>();
  const memo = new Map<string, string | null>();
  const lookup: CountryOf = (ip) => {
    if (!memo.has(ip)) memo.set(ip, countryOf(ip));
    return memo.get(ip) ?? null;
  };
  for (const e of events) {
    let t = out.get(e.account);
    if (!t) {
      t = { account: e.account, logins: [], sends: [], forwards: [] };
      out.set(e.account, t);
    }
    if (e.kind === 'login') t.logins.push({ ...e, place: placeOf(e.ip, e.country, lookup) });
    else if (e.kind === 'send') t.sends.push({ ...e, place: placeOf(e.ip, null, lookup) });
    else t.forwards.push(e);
  }
  for (const t of out.values()) {
    t.logins.sort((a, b) => a.at - b.at);
    t.sends.sort((a, b) => a.at - b.at);
    t.forwards.sort((a, b) => a.at - b.at);
  }
  return out;
}

function cluster(findings: Finding[]): Finding[][] {
  const groups: Finding[][] = [];
  let end = -Infinity;
  for (const f of [...findings].sort((a, b) => a.first - b.first)) {
    const g = groups[groups.length - 1];
    if (g && f.first <= end + CLUSTER_GAP_MS) {
      g.push(f);
      end = Math.max(end, f.last);
    } else {
      groups.push([f]);
      end = f.last;
    }
  }
  return groups;
}

function score(group: readonly Finding[]): number {
  const best = new Map<string, number>();
  for (const f of group) best.set(f.code, Math.max(best.get(f.code) ?? 0, f.weight));
  let s = [...best.values()].reduce((a, b) => a + b, 0);
  if (group.some((f) => f.kind === 'access' && f.weight >= 40) && group.some((f) => f.kind === 'abuse' && f.weight >= 20)) s += COMBINATION_BONUS;
  return Math.min(100, s);
}

export function detectAccountTakeover(t: AccountTimeline, ctx: TakeoverContext, detectors: readonly TakeoverDetector[] = TAKEOVER_DETECTORS): TakeoverAlert[] {
  const findings = detectors.flatMap((d) => d.run(t, ctx));
  const alerts: TakeoverAlert[] = [];
  for (const group of cluster(findings)) {
    const s = score(group);
    if (s < CAUTION) continue;
    const ips = new Set(group.flatMap((f) => f.suspectIps));
    // Day-level abuse findings (a spike day, a bounce day) also hold the owner's own mail of that
    // day; when a break-in or an intruder's send is pinned down, the window opens there.
    const pinned = group.flatMap((f) => (f.compromisedAt !== undefined ? [f.compromisedAt] : f.kind === 'access' ? [f.first] : []));
    let start = pinned.length > 0 ? Math.min(...pinned) : Math.min(...group.map((f) => f.first));
    let end = Math.max(...group.map((f) => f.last));
    // Everything the intruder's addresses did belongs to the window, even before the first anomaly was noticed.
    for (const e of [...t.logins.filter((l) => l.success), ...t.sends]) {
      if (e.ip === null || !ips.has(e.ip)) continue;
      if (e.at < start) start = e.at;
      if (e.at > end) end = e.at;
    }
    const inWindow = t.sends.filter((x) => x.at >= start && x.at <= end);
    const external = new Set(inWindow.flatMap((x) => externalRecipients(x, ctx.domains).map((r) => r.address)));
    const places = new Map<string, string | null>();
    for (const e of [...t.logins, ...t.sends]) if (e.ip && ips.has(e.ip) && !places.has(e.ip)) places.set(e.ip, e.place);
    alerts.push({
      account: t.account,
      severity: s >= DANGER ? '危険' : '注意',
      score: s,
      windowStart: start,
      windowEnd: end,
      findings: group.map(({ evidence: _e, suspectIps: _s, compromisedAt: _c, ...f }) => f),
      evidence: group.flatMap((f) => f.evidence).sort((a, b) => a.at - b.at),
      suspectIps: [...ips].map((ip) => ({ ip, country: places.get(ip) ?? null })),
      sentInWindow: inWindow.length,
      externalRecipientsInWindow: external.size,
    });
  }
  return alerts;
}

export function detectTakeovers(timelines: Iterable<AccountTimeline>, ctx: TakeoverContext): TakeoverAlert[] {
  const out: TakeoverAlert[] = [];
  for (const t of timelines) out.push(...detectAccountTakeover(t, ctx));
  return out.sort((a, b) => b.score - a.score || a.windowStart - b.windowStart);
}

export function suspectIpLabel(ip: { ip: string; country: string | null }): string {
  return ip.country && ip.country !== 'internal' ? `${ip.ip} (${countryLabel(ip.country)})` : ip.ip;
}
