import { describe, expect, it } from 'vitest';
import { bounceSpikeDetector } from './detectors/bounce-spike.detector.js';
import { domainBurstDetector } from './detectors/domain-burst.detector.js';
import { forwardingDetector } from './detectors/forwarding.detector.js';
import { impossibleTravelDetector } from './detectors/impossible-travel.detector.js';
import { newCountryDetector } from './detectors/new-country.detector.js';
import { newNetworkDetector } from './detectors/new-network.detector.js';
import { outboundSpikeDetector } from './detectors/outbound-spike.detector.js';
import { passwordAttackDetector } from './detectors/password-attack.detector.js';
import type { AccountTimeline, TakeoverContext } from './finding.js';
import { isInternalIp, isReservedIp, networkOf } from './ip-scope.js';
import type { AccountEvent, ForwardEvent } from './log-events.js';
import { buildTimelines, detectAccountTakeover } from './takeover.js';

const DOMAIN = 'hospital.example.jp';
const ME = `yamada@${DOMAIN}`;
const START = Date.parse('2026-10-01T00:00:00+09:00');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

/** Test addresses by country (the first two octets decide). */
const COUNTRY: Record<string, string> = { '133.242': 'JP', '126.10': 'JP', '153.120': 'JP', '8.8': 'US', '41.58': 'NG', '211.234': 'KR', '88.198': 'DE', '185.220': 'DE' };
const countryOf = (ip: string): string | null => COUNTRY[ip.split('.').slice(0, 2).join('.')] ?? null;

const ctx: TakeoverContext = { domains: [DOMAIN], homeCountries: new Set(['JP']), dataStart: START, dataEnd: START + 30 * DAY, learningDays: 7, dailyCeiling: 300 };

let line = 0;
const ref = (): { file: string; line: number } => ({ file: 'log', line: ++line });
const login = (at: number, ip: string, success = true, protocol: 'imap' | 'smtp' | 'submission' = 'imap'): AccountEvent => ({ kind: 'login', at, account: ME, ip, success, protocol, country: null, detail: '', ref: ref() });
const send = (at: number, ip: string, to: string[], status: 'sent' | 'bounced' = 'sent'): AccountEvent => ({ kind: 'send', at, account: ME, ip, recipients: to.map((address) => ({ address, status })), ref: ref() });
const forward = (at: number, target: string, how: ForwardEvent['how']): AccountEvent => ({ kind: 'forward', at, account: ME, target, how, ref: ref() });

function timeline(events: AccountEvent[]): AccountTimeline {
  const t = buildTimelines(events, countryOf).get(ME);
  if (!t) throw new Error('no timeline');
  return t;
}

/** Three weeks of an ordinary account: office logins, a few messages a day to colleagues and two partners. */
function ordinary(days = 21, away: readonly number[] = []): AccountEvent[] {
  const out: AccountEvent[] = [];
  for (let d = 0; d < days; d++) {
    if (away.includes(d)) continue;
    const day = START + d * DAY + 9 * HOUR;
    out.push(login(day, '10.20.1.5'), login(day + 4 * HOUR, '10.20.1.5'), login(day + 11 * HOUR, '126.10.3.4'));
    out.push(send(day + HOUR, '10.20.1.5', [`sato@${DOMAIN}`, 'a@clinic.example.com']), send(day + 2 * HOUR, '10.20.1.5', ['b@lab.example.co.jp']));
  }
  return out;
}

const codes = (events: AccountEvent[]): string[] => detectAccountTakeover(timeline(events), ctx).flatMap((a) => a.findings.map((f) => f.code));

describe('ip scope', () => {
  it('tells the hospital network, documentation ranges and public networks apart', () => {
    for (const ip of ['10.1.2.3', '172.20.0.1', '192.168.1.1', '100.64.0.1', '127.0.0.1', 'fd00::1', 'fe80::1', '::1']) expect(isInternalIp(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '133.242.10.5', '2400:4050::1', '203.0.113.5']) expect(isInternalIp(ip), ip).toBe(false);
    expect(isReservedIp('203.0.113.5')).toBe(true);
    expect(isReservedIp('2001:db8::5')).toBe(true);
    expect(isReservedIp('8.8.8.8')).toBe(false);
    expect(networkOf('133.242.10.5')).toBe('133.242.0.0/16');
    expect(networkOf('2400:4050:1:2::9')).toBe('2400:4050::/32');
    expect(networkOf('not an ip')).toBeNull();
  });
});

describe('access detectors', () => {
  it('new country: a login from a country first seen after the learning days', () => {
    const f = newCountryDetector.run(timeline([...ordinary(), login(START + 12 * DAY, '41.58.10.9')]), ctx);
    expect(f.map((x) => [x.code, x.weight, x.suspectIps])).toEqual([['new_country', 40, ['41.58.10.9']]]);
    expect(f[0]?.text).toContain('ナイジェリア');
  });
  it('new country: not for a country used during the learning days, the home country, or the hospital network', () => {
    const t = timeline([...ordinary(), login(START + 2 * DAY, '8.8.4.4'), login(START + 12 * DAY, '8.8.4.5'), login(START + 12 * DAY, '133.242.1.1'), login(START + 13 * DAY, '10.9.9.9')]);
    expect(newCountryDetector.run(t, ctx)).toEqual([]);
  });
  it('new country: within the first day there is nothing to compare with — reported weakly', () => {
    const f = newCountryDetector.run(timeline([login(START + HOUR, '41.58.10.9')]), ctx);
    expect(f.map((x) => [x.code, x.weight])).toEqual([['foreign_login_unbaselined', 20]]);
  });

  it('impossible travel: the hospital network then Germany 40 minutes later; the foreign side is the suspect', () => {
    const at = START + 12 * DAY + 10 * HOUR;
    const f = impossibleTravelDetector.run(timeline([login(at, '10.20.1.5'), login(at + 40 * MIN, '88.198.20.3')]), ctx);
    expect(f.map((x) => [x.code, x.suspectIps, x.compromisedAt])).toEqual([['impossible_travel', ['88.198.20.3'], at + 40 * MIN]]);
  });
  it('impossible travel: not Japan → Korea in 3 hours, not Germany → neighbouring France, not a day apart', () => {
    const at = START + 12 * DAY;
    expect(impossibleTravelDetector.run(timeline([login(at, '133.242.1.1'), login(at + 3 * HOUR, '211.234.10.3')]), ctx)).toEqual([]);
    const fr = (ip: string): string | null => (ip.startsWith('90.') ? 'FR' : countryOf(ip));
    const t = buildTimelines([login(at, '88.198.20.3'), login(at + 10 * MIN, '90.1.2.3')], fr).get(ME);
    expect(t && impossibleTravelDetector.run(t, ctx)).toEqual([]);
    expect(impossibleTravelDetector.run(timeline([login(at, '133.242.1.1'), login(at + 20 * HOUR, '88.198.20.3')]), ctx)).toEqual([]);
  });

  it('password attack: ten failures in an hour, then a success from the failing outside address', () => {
    const at = START + 12 * DAY;
    const fails = Array.from({ length: 12 }, (_, i) => login(at + i * MIN, '41.58.10.9', false, 'submission'));
    const f = passwordAttackDetector.run(timeline([...ordinary(), ...fails, login(at + 30 * MIN, '41.58.10.9', true, 'submission')]), ctx);
    expect(f.map((x) => [x.code, x.weight, x.compromisedAt])).toEqual([['password_attack_success', 50, at + 30 * MIN]]);
  });
  it("password attack: a phone retrying an old password from an address that worked before is only a weak sign; nine failures are nothing", () => {
    const at = START + 12 * DAY + 12 * HOUR;
    const fails = Array.from({ length: 15 }, (_, i) => login(at + i * MIN, '126.10.3.4', false));
    expect(passwordAttackDetector.run(timeline([...ordinary(), ...fails, login(at + 20 * MIN, '126.10.3.4')]), ctx).map((x) => [x.code, x.weight])).toEqual([['password_attack', 15]]);
    const few = Array.from({ length: 9 }, (_, i) => login(at + i * MIN, '41.58.10.9', false));
    expect(passwordAttackDetector.run(timeline([...ordinary(), ...few, login(at + 20 * MIN, '41.58.10.9')]), ctx)).toEqual([]);
  });

  it('new network: mail submitted from a domestic network the account never used; not from one used while learning', () => {
    const at = START + 12 * DAY;
    const f = newNetworkDetector.run(timeline([...ordinary(), send(at, '153.120.40.9', ['x@spam.example.com'])]), ctx);
    expect(f.map((x) => [x.code, x.suspectIps])).toEqual([['new_network', ['153.120.40.9']]]);
    expect(newNetworkDetector.run(timeline([...ordinary(), send(at, '126.10.99.9', ['x@a.example.com'])]), ctx)).toEqual([]);
  });
});

describe('abuse detectors', () => {
  const burst = (at: number, ip: string, n: number, perMessage = 1): AccountEvent[] => Array.from({ length: n }, (_, i) => send(at + i * 20_000, ip, Array.from({ length: perMessage }, (_, j) => `u${i}_${j}@d${i}.example.com`)));

  it('outbound spike: two hundred outside recipients in a day against a baseline of two', () => {
    const f = outboundSpikeDetector.run(timeline([...ordinary(), ...burst(START + 15 * DAY + HOUR, '41.58.10.9', 200)]), ctx);
    expect(f.map((x) => [x.code, x.weight, x.suspectIps])).toEqual([['outbound_spike', 40, ['41.58.10.9']]]);
  });
  it('outbound spike: the same from the account’s own desk weighs less; a busy account’s normal day is no spike', () => {
    const own = outboundSpikeDetector.run(timeline([...ordinary(), ...burst(START + 15 * DAY + HOUR, '10.20.1.5', 200)]), ctx);
    expect(own.map((x) => [x.code, x.weight, x.suspectIps])).toEqual([['outbound_spike', 25, []]]);
    const busy: AccountEvent[] = [];
    for (let d = 0; d < 20; d++) busy.push(...burst(START + d * DAY + 9 * HOUR, '10.20.1.5', 60));
    expect(outboundSpikeDetector.run(timeline([...busy, ...burst(START + 20 * DAY + 9 * HOUR, '10.20.1.5', 70)]), ctx)).toEqual([]);
  });
  it('outbound spike: without a baseline only the ceiling applies', () => {
    const early = { ...ctx, dataStart: START + 14 * DAY };
    expect(outboundSpikeDetector.run(timeline(burst(START + 15 * DAY, '41.58.10.9', 250)), early)).toEqual([]);
    expect(outboundSpikeDetector.run(timeline(burst(START + 15 * DAY, '41.58.10.9', 310)), early).map((x) => x.code)).toEqual(['outbound_spike']);
  });

  it('domain burst: 25 never-seen outside domains within an hour; not when spread over a day', () => {
    expect(domainBurstDetector.run(timeline([...ordinary(), ...burst(START + 15 * DAY, '41.58.10.9', 25)]), ctx).map((x) => [x.code, x.weight])).toEqual([['domain_burst', 35]]);
    const spread = Array.from({ length: 25 }, (_, i) => send(START + 15 * DAY + i * HOUR, '41.58.10.9', [`u@e${i}.example.com`]));
    expect(domainBurstDetector.run(timeline([...ordinary(), ...spread]), ctx)).toEqual([]);
  });

  it('bounce spike: most outside deliveries of a day bounce; a few bounces are nothing', () => {
    const bounced = Array.from({ length: 30 }, (_, i) => send(START + 15 * DAY + i * MIN, '41.58.10.9', [`u${i}@nx${i}.example.com`], 'bounced'));
    expect(bounceSpikeDetector.run(timeline([...ordinary(), ...bounced]), ctx).map((x) => x.code)).toEqual(['bounce_spike']);
    expect(bounceSpikeDetector.run(timeline([...ordinary(), ...bounced.slice(0, 5)]), ctx)).toEqual([]);
  });

  it('forwarding: a rule to an outside address is strong, a forward starting after the learning days is, one running from the start is weak, an inside target is nothing', () => {
    const f = forwardingDetector.run(
      timeline([forward(START + 2 * HOUR, 'me@freemail.example', 'delivered'), forward(START + 10 * DAY, 'drop@evil.example.net', 'delivered'), forward(START + 11 * DAY, 'x@evil.example.org', 'rule'), forward(START + 11 * DAY, `boss@${DOMAIN}`, 'rule')]),
      ctx,
    );
    expect(f.map((x) => [x.code, x.weight])).toEqual([
      ['standing_forwarding', 10],
      ['new_forwarding', 35],
      ['forwarding_rule', 45],
    ]);
  });
});

describe('alerts', () => {
  it('adds the weights, gives a bonus when a break-in and an abuse come together, and bounds the window by the intruder’s activity', () => {
    const at = START + 14 * DAY + 10 * HOUR;
    const fails = Array.from({ length: 12 }, (_, i) => login(at + i * MIN, '41.58.10.9', false, 'submission'));
    const relay = Array.from({ length: 220 }, (_, i) => send(at + 30 * MIN + i * 5 * MIN, '41.58.10.9', [`u${i}@s${i}.example.com`]));
    const alerts = detectAccountTakeover(timeline([...ordinary(), ...fails, login(at + 20 * MIN, '41.58.10.9', true, 'submission'), ...relay]), ctx);
    expect(alerts).toHaveLength(1);
    const a = alerts[0];
    expect(a?.severity).toBe('危険');
    expect(a?.score).toBe(100);
    expect(a?.windowStart).toBe(at + 20 * MIN);
    expect(a?.windowEnd).toBe(at + 30 * MIN + 219 * 5 * MIN);
    expect(a?.suspectIps).toEqual([{ ip: '41.58.10.9', country: 'NG' }]);
    // The owner's own 11:00 message of that day falls inside the window too.
    expect(a?.sentInWindow).toBe(220 + 1);
    expect(a?.externalRecipientsInWindow).toBe(220 + 1);
    expect(a?.evidence.length).toBeGreaterThan(0);
  });

  it('reports nothing below 注意, 注意 for one new country, and separate alerts for events weeks apart', () => {
    expect(detectAccountTakeover(timeline([...ordinary(), forward(START + 2 * HOUR, 'me@freemail.example', 'delivered')]), ctx)).toEqual([]);
    // A trip: away from the hospital for a day either side, so the journey is possible.
    const one = detectAccountTakeover(timeline([...ordinary(21, [11, 12, 13]), login(START + 12 * DAY + 10 * HOUR, '8.8.4.4')]), ctx);
    expect(one.map((a) => [a.severity, a.score])).toEqual([['注意', 40]]);
    const two = detectAccountTakeover(timeline([...ordinary(28, [8, 9, 10]), login(START + 9 * DAY + 10 * HOUR, '8.8.4.4'), forward(START + 25 * DAY, 'x@evil.example.org', 'rule')]), ctx);
    expect(two.map((a) => a.findings.map((f) => f.code))).toEqual([['new_country'], ['forwarding_rule']]);
  });

  it('an ordinary month raises nothing', () => {
    expect(codes(ordinary(30))).toEqual([]);
  });
});
