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
import { externalRecipients, HOUR_MS, type AccountTimeline, type EvidenceItem, type Finding, type Located, type TakeoverContext, type TakeoverDetector } from './finding.js';
import { StringPool } from '../../string-pool.js';
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
  /**
   * The outside addresses mailed inside the window (first time, count), most mailed first: who may
   * have received mail in the account's name — forged replies, malware — and should be warned.
   * Capped at MAX_RECIPIENTS_LISTED; the count above is exact.
   */
  recipients: WindowRecipient[];
}

export interface WindowRecipient {
  address: string;
  first: number;
  messages: number;
}

export const MAX_RECIPIENTS_LISTED = 50_000;

export type CountryOf = (ip: string) => string | null;

export function placeOf(ip: string | null, stated: string | null, countryOf: CountryOf): string | null {
  if (ip && isInternalIp(ip)) return 'internal';
  if (stated) return stated;
  if (ip && isReservedIp(ip)) return null;
  return ip ? countryOf(ip) : null;
}

/**
 * Collects events of all accounts (any order) into per-account timelines as they are read, so a
 * month of logs is held once: events are located in place (no copies) and repeated strings
 * (accounts, addresses, details) are shared through a StringPool (flattened copies: a value cut
 * from a read chunk would otherwise keep the chunk alive).
 */
export class TimelineBuilder {
  readonly #timelines = new Map<string, AccountTimeline>();
  readonly #places = new Map<string, string | null>();
  readonly #strings = new StringPool();
  readonly #countryOf: CountryOf;

  constructor(countryOf: CountryOf) {
    this.#countryOf = countryOf;
  }

  #place(ip: string | null, stated: string | null): string | null {
    if (stated || ip === null) return placeOf(ip, stated, this.#countryOf);
    if (!this.#places.has(ip)) this.#places.set(ip, placeOf(ip, null, this.#countryOf));
    return this.#places.get(ip) ?? null;
  }

  add(e: AccountEvent): void {
    const account = this.#strings.get(e.account);
    let t = this.#timelines.get(account);
    if (!t) {
      t = { account, logins: [], sends: [], forwards: [] };
      this.#timelines.set(account, t);
    }
    e.account = account;
    if (e.kind === 'forward') {
      e.target = this.#strings.get(e.target);
      t.forwards.push(e);
      return;
    }
    if (e.ip !== null) e.ip = this.#strings.get(e.ip);
    if (e.kind === 'send') for (const r of e.recipients) r.address = this.#strings.get(r.address);
    const located = e as Located<typeof e>;
    located.place = this.#place(e.ip, e.kind === 'login' ? e.country : null);
    if (located.kind === 'login') {
      located.detail = this.#strings.get(located.detail);
      t.logins.push(located);
    } else t.sends.push(located);
  }

  finish(): Map<string, AccountTimeline> {
    for (const t of this.#timelines.values()) {
      t.logins.sort((a, b) => a.at - b.at);
      t.sends.sort((a, b) => a.at - b.at);
      t.forwards.sort((a, b) => a.at - b.at);
    }
    return this.#timelines;
  }
}

/** Events of all accounts (any order) → timelines sorted by time. */
export function buildTimelines(events: Iterable<AccountEvent>, countryOf: CountryOf): Map<string, AccountTimeline> {
  const b = new TimelineBuilder(countryOf);
  for (const e of events) b.add(e);
  return b.finish();
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
    const external = new Map<string, WindowRecipient>();
    for (const x of inWindow) {
      for (const r of externalRecipients(x, ctx.domains)) {
        const seen = external.get(r.address);
        if (seen) seen.messages += 1;
        else external.set(r.address, { address: r.address, first: x.at, messages: 1 });
      }
    }
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
      recipients: [...external.values()].sort((a, b) => b.messages - a.messages || a.first - b.first).slice(0, MAX_RECIPIENTS_LISTED),
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
