/**
 * Synthetic mail-server and Microsoft 365 logs of a hospital, with labelled account takeovers and
 * look-alike innocent behaviour, for tests and bench/mail-takeover-eval. Staff log in from the
 * hospital network and from home, send a few messages a day to colleagues and their usual outside
 * correspondents, mistype passwords now and then. Injected takeovers follow the public cases: a
 * password guessed and the account used as a spam relay, a slower relay from a domestic cloud, a
 * phished mailbox that quietly forwards mail out, an intruder reading mail from abroad while the
 * owner works. Decoys that a naive rule would flag: a monthly newsletter, a trip abroad, a
 * long-standing forward, a phone retrying an old password, a move to a new home provider, a mail
 * app that polls the mailbox from its servers abroad (the classic impossible-travel false alarm).
 * Same seed, same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { csvLine } from '../../core/csv.js';
import { intIn, mulberry32, pickFrom, type Rng } from '../../core/seeded-random.js';
import { SYSLOG_MONTHS } from '../../core/mail/takeover/syslog-line.js';
import { HOSPITAL_DOMAIN } from './mail-generator.js';

export const TAKEOVER_SCENARIOS = ['spam_relay', 'low_slow_relay', 'bec_forward', 'impossible_travel'] as const;
export type TakeoverScenario = (typeof TAKEOVER_SCENARIOS)[number];
export const TAKEOVER_DECOYS = ['newsletter', 'traveller', 'standing_forward', 'password_typos', 'new_home_network', 'cloud_mail_app'] as const;
export type TakeoverDecoy = (typeof TAKEOVER_DECOYS)[number];

export interface TakeoverLabel {
  account: string;
  scenario: TakeoverScenario | TakeoverDecoy;
  compromised: boolean;
  /** For takeovers: the intruder's first and last activity (ISO, UTC). For decoys: the decoy's period. */
  start: string;
  end: string;
}

export type LogFlavour = 'onprem' | 'm365';

export interface TakeoverLogOptions {
  seed: number;
  accounts: number;
  days: number;
  /** First JST day of the log (default 2026-10-01). */
  start?: string;
  flavour: LogFlavour;
  /** Accounts per takeover scenario and per decoy (default max(2, accounts / 60)). */
  perScenario?: number;
}

type Sim =
  | { at: number; kind: 'login'; account: string; ip: string; ok: boolean; proto: 'imap' | 'submission' }
  | { at: number; kind: 'send'; account: string; ip: string; recipients: { address: string; status: 'sent' | 'deferred' | 'bounced' }[] }
  | { at: number; kind: 'rule'; account: string; ip: string; target: string }
  | { at: number; kind: 'forwarded'; account: string; target: string; via: 'sieve' | 'alias' };

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

/** /24 prefixes that the bundled geo-whois-asn-country database places in each country (checked by a test). */
export const COUNTRY_PREFIXES: Record<string, readonly string[]> = {
  JP: ['133.242.10', '126.10.20', '126.200.5', '180.12.30', '219.100.37', '122.210.9', '36.2.100', '60.100.20'],
  JP_CLOUD: ['153.120.40'],
  US: ['8.8.4', '34.120.50', '23.45.67', '45.33.20'],
  DE: ['185.220.101', '88.198.20', '46.4.100'],
  NG: ['41.58.10', '105.112.30', '197.210.50'],
  RU: ['95.165.10', '178.176.30'],
  BR: ['177.10.20', '179.100.30', '189.40.50'],
  CN: ['1.180.10', '36.110.20'],
  VN: ['113.160.10', '14.160.20', '171.244.30'],
  NL: ['145.100.10'],
  SG: ['103.6.150'],
  KR: ['211.234.10', '121.134.20', '175.223.30'],
};
const LOCATIONS: Record<string, string> = { JP: 'Tokyo, Tokyo, JP', US: 'Ashburn, Virginia, US', DE: 'Frankfurt am Main, Hessen, DE', NG: 'Lagos, Lagos, NG', RU: 'Moscow, Moscow, RU', BR: 'Sao Paulo, Sao Paulo, BR', CN: 'Beijing, Beijing, CN', VN: 'Hanoi, Ha Noi, VN', NL: 'Amsterdam, Noord-Holland, NL', SG: 'Singapore, Singapore, SG', KR: 'Seoul, Seoul, KR' };
const HOSPITAL_NAT = '133.242.10.5';
const FREEMAIL = ['freemail.example', 'webmail.example.net'];

function ipIn(r: Rng, pool: string): string {
  return `${pickFrom(r, COUNTRY_PREFIXES[pool] ?? COUNTRY_PREFIXES.JP ?? [])}.${intIn(r, 2, 250)}`;
}

function countryOfPool(ip: string): string {
  for (const [c, ps] of Object.entries(COUNTRY_PREFIXES)) if (ps.some((p) => ip.startsWith(`${p}.`))) return c === 'JP_CLOUD' ? 'JP' : c;
  return 'JP';
}

interface Account {
  address: string;
  officeIp: string;
  homeIp: string | null;
  contacts: string[];
  colleagues: string[];
  activeWeekend: number;
}

export class TakeoverLogGenerator {
  private readonly r: Rng;
  private readonly startMs: number;
  private readonly sims: Sim[] = [];
  readonly labels: TakeoverLabel[] = [];
  private readonly accounts: Account[] = [];
  private readonly partnerDomains: string[];

  constructor(private readonly opts: TakeoverLogOptions) {
    this.r = mulberry32(opts.seed);
    this.startMs = Date.parse(`${opts.start ?? '2026-10-01'}T00:00:00+09:00`);
    this.partnerDomains = Array.from({ length: Math.max(40, Math.round(opts.accounts / 3)) }, (_, i) => `partner${i + 1}.example.jp`);
    for (let i = 0; i < opts.accounts; i++) {
      const contacts = Array.from({ length: intIn(this.r, 4, 20) }, () => `user${intIn(this.r, 1, 40)}@${pickFrom(this.r, this.partnerDomains)}`);
      this.accounts.push({
        address: `staff${String(i + 1).padStart(4, '0')}@${HOSPITAL_DOMAIN}`,
        officeIp: `10.20.${intIn(this.r, 1, 60)}.${intIn(this.r, 2, 250)}`,
        homeIp: this.r() < 0.35 ? ipIn(this.r, 'JP') : null,
        contacts: [...new Set(contacts)],
        colleagues: [],
        activeWeekend: this.r() * 0.3,
      });
    }
    for (const a of this.accounts) a.colleagues = Array.from({ length: 6 }, () => pickFrom(this.r, this.accounts).address).filter((x) => x !== a.address);
  }

  private get perScenario(): number {
    return this.opts.perScenario ?? Math.max(2, Math.round(this.opts.accounts / 60));
  }

  generate(): { sims: number; labels: TakeoverLabel[] } {
    const special = [...this.accounts];
    // Fisher–Yates with the seeded generator: which accounts get a scenario.
    for (let i = special.length - 1; i > 0; i--) {
      const j = Math.floor(this.r() * (i + 1));
      const a = special[i];
      const b = special[j];
      if (a && b) {
        special[i] = b;
        special[j] = a;
      }
    }
    const assigned = new Map<string, TakeoverScenario | TakeoverDecoy>();
    let k = 0;
    for (const s of [...TAKEOVER_SCENARIOS, ...TAKEOVER_DECOYS]) for (let i = 0; i < this.perScenario && k < special.length; i++) assigned.set(special[k++]?.address ?? '', s);
    for (const a of this.accounts) {
      const scenario = assigned.get(a.address);
      if (scenario === 'new_home_network') a.homeIp = ipIn(this.r, 'JP');
      if (scenario === 'password_typos' || scenario === 'traveller') a.homeIp ??= ipIn(this.r, 'JP');
      this.normal(a, scenario);
      if (scenario) this.inject(a, scenario);
    }
    return { sims: this.sims.length, labels: this.labels };
  }

  private label(a: Account, scenario: TakeoverScenario | TakeoverDecoy, start: number, end: number): void {
    this.labels.push({ account: a.address, scenario, compromised: (TAKEOVER_SCENARIOS as readonly string[]).includes(scenario), start: new Date(start).toISOString(), end: new Date(end).toISOString() });
  }

  private send(at: number, account: string, ip: string, to: string[], failShare = 0.015): void {
    const recipients = to.map((address) => {
      const x = this.r();
      return { address, status: x < failShare / 2 ? ('bounced' as const) : x < failShare ? ('deferred' as const) : ('sent' as const) };
    });
    this.sims.push({ at, kind: 'send', account, ip, recipients });
  }

  /** Days (from the start) on which the owner is away: no office or home activity (a trip abroad). */
  private readonly away = new Map<string, { from: number; to: number }>();

  /** The owner's own working days. */
  private normal(a: Account, scenario: TakeoverScenario | TakeoverDecoy | undefined): void {
    const r = this.r;
    if (scenario === 'traveller') {
      const from = intIn(r, 10, Math.max(10, this.opts.days - 6));
      this.away.set(a.address, { from, to: from + intIn(r, 3, 5) });
    }
    const away = this.away.get(a.address);
    const newHomeDay = scenario === 'new_home_network' ? intIn(r, 10, this.opts.days - 5) : Infinity;
    const oldHome = a.homeIp;
    const movedHome = scenario === 'new_home_network' ? ipIn(r, 'JP') : null;
    for (let d = 0; d < this.opts.days; d++) {
      const day = this.startMs + d * DAY;
      if (away && d >= away.from - 1 && d <= away.to) continue;
      const weekday = new Date(day + 9 * HOUR).getUTCDay();
      const working = weekday >= 1 && weekday <= 5 ? r() < 0.93 : r() < a.activeWeekend;
      if (working) {
        let t = day + 8 * HOUR + intIn(r, 0, 90) * MIN;
        const logins = intIn(r, 2, 6);
        for (let i = 0; i < logins; i++) {
          if (r() < 0.02) this.sims.push({ at: t - 20_000, kind: 'login', account: a.address, ip: a.officeIp, ok: false, proto: 'imap' });
          this.sims.push({ at: t, kind: 'login', account: a.address, ip: a.officeIp, ok: true, proto: 'imap' });
          t += intIn(r, 40, 150) * MIN;
        }
        const sends = intIn(r, 0, 9);
        for (let i = 0; i < sends; i++) {
          const at = day + 8 * HOUR + intIn(r, 30, 600) * MIN;
          const to: string[] = [];
          const n = intIn(r, 1, 3);
          for (let j = 0; j < n; j++) {
            const x = r();
            to.push(x < 0.6 ? pickFrom(r, a.colleagues.length ? a.colleagues : [a.address]) : x < 0.97 ? pickFrom(r, a.contacts) : `info@${pickFrom(r, this.partnerDomains)}`);
          }
          this.sims.push({ at: at - 5_000, kind: 'login', account: a.address, ip: a.officeIp, ok: true, proto: 'submission' });
          this.send(at, a.address, a.officeIp, [...new Set(to)]);
        }
      }
      const home = d >= newHomeDay ? movedHome : oldHome;
      if (home && r() < 0.6) {
        const at = day + 20 * HOUR + intIn(r, 0, 150) * MIN;
        this.sims.push({ at, kind: 'login', account: a.address, ip: r() < 0.1 ? ipIn(r, 'JP') : home, ok: true, proto: 'imap' });
        if (r() < 0.3) {
          this.sims.push({ at: at + 60_000, kind: 'login', account: a.address, ip: home, ok: true, proto: 'submission' });
          this.send(at + 65_000, a.address, home, [pickFrom(r, a.contacts)]);
        }
      }
    }
  }

  private randomTargets(n: number): string[] {
    return Array.from({ length: n }, () => `u${intIn(this.r, 1, 99999)}@mx${intIn(this.r, 1, 50000)}.example.${pickFrom(this.r, ['com', 'net', 'org', 'br', 'ru', 'in'])}`);
  }

  private inject(a: Account, scenario: TakeoverScenario | TakeoverDecoy): void {
    const r = this.r;
    const lastDay = this.opts.days - 3;
    const t0 = this.startMs + intIn(r, 9, Math.max(9, lastDay)) * DAY + intIn(r, 0, 23) * HOUR + intIn(r, 0, 59) * MIN;
    const dataEnd = this.startMs + this.opts.days * DAY - 1;
    switch (scenario) {
      case 'spam_relay': {
        const country = pickFrom(r, ['NG', 'RU', 'BR', 'VN', 'CN']);
        const ips = [ipIn(r, country), ipIn(r, country), ipIn(r, country)];
        const first = ips[0] ?? '';
        let t = t0;
        // Half guess the password; half arrive with one phished or bought, and never fail.
        const fails = r() < 0.5 ? intIn(r, 30, 80) : 0;
        for (let i = 0; i < fails; i++) {
          this.sims.push({ at: t, kind: 'login', account: a.address, ip: first, ok: false, proto: 'submission' });
          t += intIn(r, 5, 40) * 1000;
        }
        this.sims.push({ at: t, kind: 'login', account: a.address, ip: first, ok: true, proto: 'submission' });
        const start = t;
        const days = intIn(r, 2, 6);
        let end = t;
        for (let d = 0; d < days; d++) {
          const perDay = intIn(r, 150, 600);
          for (let i = 0; i < perDay; i++) {
            const at = start + d * DAY + intIn(r, 60, DAY / 1000 - 60) * 1000;
            if (at > dataEnd) continue;
            const ip = pickFrom(r, ips);
            this.sims.push({ at: at - 2_000, kind: 'login', account: a.address, ip, ok: true, proto: 'submission' });
            this.send(at, a.address, ip, this.randomTargets(intIn(r, 1, 4)), 0.4);
            end = Math.max(end, at);
          }
        }
        this.label(a, scenario, start, end);
        return;
      }
      case 'low_slow_relay': {
        const ip = ipIn(r, 'JP_CLOUD');
        const days = intIn(r, 5, 10);
        let first = Infinity;
        let end = t0;
        for (let d = 0; d < days; d++) {
          const perDay = intIn(r, 20, 40);
          for (let i = 0; i < perDay; i++) {
            const at = t0 + d * DAY + intIn(r, 0, DAY / 1000) * 1000;
            if (at > dataEnd) continue;
            this.sims.push({ at: at - 2_000, kind: 'login', account: a.address, ip, ok: true, proto: 'submission' });
            this.send(at, a.address, ip, this.randomTargets(intIn(r, 2, 4)), 0.2);
            first = Math.min(first, at - 2_000);
            end = Math.max(end, at);
          }
        }
        this.label(a, scenario, first, end);
        return;
      }
      case 'bec_forward': {
        const country = pickFrom(r, ['US', 'NL', 'DE', 'NG']);
        const ip = ipIn(r, country);
        const target = `${a.address.split('@')[0] ?? 'x'}.inbox${intIn(r, 10, 99)}@${pickFrom(r, FREEMAIL)}`;
        this.sims.push({ at: t0, kind: 'login', account: a.address, ip, ok: true, proto: 'imap' });
        this.sims.push({ at: t0 + 3 * MIN, kind: 'rule', account: a.address, ip, target });
        let end = t0 + 3 * MIN;
        for (let t = t0 + 20 * MIN; t < dataEnd; t += intIn(r, 30, 300) * MIN) {
          this.sims.push({ at: t, kind: 'forwarded', account: a.address, target, via: 'sieve' });
          end = t;
        }
        // The intruder comes back now and then to read.
        for (let i = 0; i < intIn(r, 1, 4); i++) this.sims.push({ at: Math.min(dataEnd, t0 + intIn(r, 1, 72) * HOUR), kind: 'login', account: a.address, ip, ok: true, proto: 'imap' });
        this.label(a, scenario, t0, end);
        return;
      }
      case 'impossible_travel': {
        // Korea is close enough that a login from Seoul half an hour after one in Japan is possible.
        const country = pickFrom(r, ['US', 'BR', 'NG', 'DE', 'KR']);
        const ip = ipIn(r, country);
        const hours = intIn(r, 18, 60);
        let end = t0;
        for (let t = t0; t < Math.min(dataEnd, t0 + hours * HOUR); t += intIn(r, 40, 180) * MIN) {
          this.sims.push({ at: t, kind: 'login', account: a.address, ip, ok: true, proto: 'imap' });
          end = t;
        }
        // The owner keeps working from the hospital meanwhile.
        for (let t = t0 + 30 * MIN; t < end; t += intIn(r, 90, 240) * MIN) this.sims.push({ at: t, kind: 'login', account: a.address, ip: a.officeIp, ok: true, proto: 'imap' });
        this.label(a, scenario, t0, end);
        return;
      }
      case 'newsletter': {
        const at = this.startMs + intIn(r, 10, lastDay) * DAY + 10 * HOUR;
        const list = Array.from({ length: intIn(r, 60, 140) }, (_, i) => `renkei${i}@clinic${intIn(r, 1, 3000)}.example.jp`);
        for (let i = 0; i < list.length; i += 20) this.send(at + i * 1000, a.address, a.officeIp, list.slice(i, i + 20));
        this.label(a, scenario, at, at + list.length * 1000);
        return;
      }
      case 'traveller': {
        const country = pickFrom(r, ['US', 'DE', 'SG']);
        const hotel = ipIn(r, country);
        const trip = this.away.get(a.address) ?? { from: 10, to: 13 };
        // A day in the air after the last day at work; back on the day after the trip.
        const start = this.startMs + trip.from * DAY;
        const days = trip.to - trip.from;
        for (let d = 0; d < days; d++) {
          for (let i = 0; i < intIn(r, 1, 4); i++) {
            const at = start + d * DAY + intIn(r, 0, 23) * HOUR;
            this.sims.push({ at, kind: 'login', account: a.address, ip: hotel, ok: true, proto: 'imap' });
            if (r() < 0.5) {
              this.sims.push({ at: at + MIN, kind: 'login', account: a.address, ip: hotel, ok: true, proto: 'submission' });
              this.send(at + MIN + 5000, a.address, hotel, [pickFrom(r, a.colleagues.length ? a.colleagues : a.contacts)]);
            }
          }
        }
        this.label(a, scenario, start, start + days * DAY);
        return;
      }
      case 'standing_forward': {
        const target = `${a.address.split('@')[0] ?? 'x'}@${pickFrom(r, FREEMAIL)}`;
        for (let t = this.startMs + intIn(r, 1, 300) * MIN; t < dataEnd; t += intIn(r, 60, 600) * MIN) this.sims.push({ at: t, kind: 'forwarded', account: a.address, target, via: 'alias' });
        this.label(a, scenario, this.startMs, dataEnd);
        return;
      }
      case 'password_typos': {
        const home = a.homeIp ?? ipIn(r, 'JP');
        const at = this.startMs + intIn(r, 10, lastDay) * DAY + 21 * HOUR;
        const n = intIn(r, 12, 25);
        for (let i = 0; i < n; i++) this.sims.push({ at: at + i * 90_000, kind: 'login', account: a.address, ip: home, ok: false, proto: 'imap' });
        this.sims.push({ at: at + n * 90_000 + MIN, kind: 'login', account: a.address, ip: home, ok: true, proto: 'imap' });
        this.label(a, scenario, at, at + n * 90_000 + MIN);
        return;
      }
      case 'new_home_network':
        this.label(a, scenario, this.startMs, dataEnd);
        return;
      case 'cloud_mail_app': {
        // Set up on some day (before or after the learning days), then polling every few hours from the app's US servers.
        const server = ipIn(r, 'US');
        const start = this.startMs + intIn(r, 2, lastDay) * DAY + intIn(r, 8, 22) * HOUR;
        for (let t = start; t < dataEnd; t += intIn(r, 60, 240) * MIN) this.sims.push({ at: t, kind: 'login', account: a.address, ip: server, ok: true, proto: 'imap' });
        this.label(a, scenario, start, dataEnd);
        return;
      }
    }
  }

  /** Writes the logs in the flavour asked for, plus labels.json; returns the files written. */
  async write(dir: string): Promise<string[]> {
    if (this.sims.length === 0) this.generate();
    await mkdir(dir, { recursive: true });
    const sims = [...this.sims].sort((x, y) => x.at - y.at);
    const files = this.opts.flavour === 'onprem' ? await this.writeOnprem(dir, sims) : await this.writeM365(dir, sims);
    await writeFile(path.join(dir, 'labels.json'), `${JSON.stringify({ flavour: this.opts.flavour, seed: this.opts.seed, accounts: this.opts.accounts, days: this.opts.days, start: new Date(this.startMs).toISOString(), labels: this.labels }, null, 2)}\n`);
    return [...files, path.join(dir, 'labels.json')];
  }

  private async writeOnprem(dir: string, sims: readonly Sim[]): Promise<string[]> {
    const r = mulberry32(this.opts.seed + 1);
    const lines: { at: number; text: string }[] = [];
    let q = 0x1a2b3c0000;
    const pid = (): number => intIn(r, 1000, 65000);
    for (const s of sims) {
      switch (s.kind) {
        case 'login':
          if (s.proto === 'imap') {
            const session = Math.floor(r() * 2 ** 40).toString(36);
            lines.push({ at: s.at, text: s.ok ? `dovecot: imap-login: Login: user=<${s.account}>, method=PLAIN, rip=${s.ip}, lip=10.0.0.25, mpid=${pid()}, TLS, session=<${session}>` : `dovecot: imap-login: Disconnected (auth failed, 1 attempts in ${intIn(r, 2, 9)} secs): user=<${s.account}>, method=PLAIN, rip=${s.ip}, lip=10.0.0.25, TLS, session=<${session}>` });
          } else if (!s.ok) lines.push({ at: s.at, text: `postfix/submission/smtpd[${pid()}]: warning: unknown[${s.ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=${s.account}` });
          break;
        case 'send': {
          const qid = (q++).toString(16).toUpperCase();
          const p = pid();
          lines.push({ at: s.at, text: `postfix/submission/smtpd[${p}]: ${qid}: client=unknown[${s.ip}], sasl_method=PLAIN, sasl_username=${s.account}` });
          lines.push({ at: s.at + 100, text: `postfix/cleanup[${pid()}]: ${qid}: message-id=<${qid.toLowerCase()}.${s.at}@${HOSPITAL_DOMAIN}>` });
          lines.push({ at: s.at + 200, text: `postfix/qmgr[812]: ${qid}: from=<${s.account}>, size=${intIn(r, 2000, 90000)}, nrcpt=${s.recipients.length} (queue active)` });
          for (const rc of s.recipients) {
            const internal = rc.address.endsWith(`@${HOSPITAL_DOMAIN}`);
            const host = rc.address.split('@')[1] ?? '';
            const tail = rc.status === 'sent' ? 'dsn=2.0.0, status=sent (250 2.0.0 Ok)' : rc.status === 'deferred' ? `dsn=4.4.1, status=deferred (connect to mx.${host}[${ipIn(r, 'US')}]:25: Connection timed out)` : `dsn=5.1.1, status=bounced (host mx.${host} said: 550 5.1.1 User unknown)`;
            lines.push({ at: s.at + 900, text: internal ? `postfix/lmtp[${pid()}]: ${qid}: to=<${rc.address}>, relay=mail.${HOSPITAL_DOMAIN}[private/dovecot-lmtp], delay=0.12, delays=0.05/0/0/0.07, dsn=2.0.0, status=sent (250 2.0.0 <${rc.address}> Saved)` : `postfix/smtp[${pid()}]: ${qid}: to=<${rc.address}>, relay=mx.${host}[${ipIn(r, 'US')}]:25, delay=1.1, delays=0.1/0/0.4/0.6, ${tail}` });
          }
          lines.push({ at: s.at + 1000, text: `postfix/qmgr[812]: ${qid}: removed` });
          break;
        }
        case 'forwarded':
          if (s.via === 'sieve') lines.push({ at: s.at, text: `dovecot: lmtp(${s.account})<${pid()}><${Math.floor(r() * 2 ** 40).toString(36)}>: sieve: msgid=<${s.at}@partner.example.jp>: forwarded to <${s.target}>` });
          else {
            const qid = (q++).toString(16).toUpperCase();
            lines.push({ at: s.at, text: `postfix/smtpd[${pid()}]: ${qid}: client=mx.partner1.example.jp[${ipIn(r, 'JP')}]` });
            lines.push({ at: s.at + 200, text: `postfix/qmgr[812]: ${qid}: from=<news@partner1.example.jp>, size=${intIn(r, 2000, 30000)}, nrcpt=1 (queue active)` });
            lines.push({ at: s.at + 900, text: `postfix/smtp[${pid()}]: ${qid}: to=<${s.target}>, orig_to=<${s.account}>, relay=mx.${s.target.split('@')[1] ?? ''}[${ipIn(r, 'US')}]:25, delay=0.9, delays=0.1/0/0.3/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)` });
            lines.push({ at: s.at + 1000, text: `postfix/qmgr[812]: ${qid}: removed` });
          }
          break;
        case 'rule':
          // On a mail server the rule itself is not logged; the forwards it causes are.
          break;
      }
    }
    lines.sort((x, y) => x.at - y.at);
    const file = path.join(dir, 'maillog');
    const out: string[] = [];
    for (const l of lines) out.push(`${syslogStamp(l.at)} mail ${l.text}`);
    await writeFile(file, `${out.join('\n')}\n`);
    return [file];
  }

  private async writeM365(dir: string, sims: readonly Sim[]): Promise<string[]> {
    const r = mulberry32(this.opts.seed + 2);
    const signIns = [csvLine(['Date (UTC)', 'Request ID', 'User', 'Username', 'User type', 'Application', 'IP address', 'Location', 'Status', 'Sign-in error code', 'Failure reason', 'Client app', 'Multifactor authentication result'])];
    const trace = [csvLine(['Received', 'SenderAddress', 'RecipientAddress', 'Subject', 'Status', 'ToIP', 'FromIP', 'Size', 'MessageId', 'MessageTraceId'])];
    const audit = [csvLine(['CreationDate', 'UserIds', 'Operations', 'AuditData'])];
    const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
    const id = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    for (const s of sims) {
      switch (s.kind) {
        case 'login': {
          if (s.proto === 'submission' && s.ok) break; // SMTP AUTH successes show up as the message trace's FromIP
          const ip = s.ip.startsWith('10.') ? HOSPITAL_NAT : s.ip;
          const country = countryOfPool(ip);
          signIns.push(csvLine([new Date(s.at).toISOString().slice(0, 19) + 'Z', id(), s.account.split('@')[0], s.account, 'Member', s.proto === 'imap' ? 'Office 365 Exchange Online' : 'Authenticated SMTP', ip, LOCATIONS[country] ?? `, , ${country}`, s.ok ? 'Success' : 'Failure', s.ok ? '0' : '50126', s.ok ? '' : 'Error validating credentials due to invalid username or password.', s.proto === 'imap' ? 'IMAP4' : 'Authenticated SMTP', s.ok ? 'MFA requirement satisfied by claim in the token' : '']));
          break;
        }
        case 'send': {
          const mid = `<${id()}@${HOSPITAL_DOMAIN}>`;
          const ip = s.ip.startsWith('10.') ? HOSPITAL_NAT : s.ip;
          for (const rc of s.recipients) trace.push(csvLine([usStamp(s.at), s.account, rc.address, '', rc.status === 'sent' ? 'Delivered' : rc.status === 'deferred' ? 'Pending' : 'Failed', '', ip, String(intIn(r, 2000, 90000)), mid, id()]));
          break;
        }
        case 'rule': {
          const data = { CreationTime: new Date(s.at).toISOString().slice(0, 19), Id: id(), Operation: 'New-InboxRule', OrganizationId: id(), RecordType: 1, ResultStatus: 'True', UserKey: id(), UserType: 0, Workload: 'Exchange', ClientIP: `${s.ip}:${intIn(r, 1024, 65000)}`, UserId: s.account, ObjectId: `${s.account}\\.`, Parameters: [{ Name: 'AlwaysDeleteOutputFormat', Value: 'True' }, { Name: 'Name', Value: '.' }, { Name: 'ForwardTo', Value: s.target }, { Name: 'MarkAsRead', Value: 'True' }, { Name: 'StopProcessingRules', Value: 'True' }] };
          audit.push(csvLine([new Date(s.at).toISOString().slice(0, 19), s.account, 'New-InboxRule', JSON.stringify(data)]));
          break;
        }
        case 'forwarded':
          // Forwarded copies appear in the message trace as mail from the account to the target.
          trace.push(csvLine([usStamp(s.at), s.account, s.target, '', 'Delivered', '', '', String(intIn(r, 2000, 30000)), `<${id()}@${HOSPITAL_DOMAIN}>`, id()]));
          break;
      }
    }
    const files = [path.join(dir, 'SignIns.csv'), path.join(dir, 'MessageTrace.csv'), path.join(dir, 'AuditLog.csv')];
    // csvLine ends each row with CRLF, as Excel and Export-Csv do.
    await writeFile(files[0] ?? '', `\uFEFF${signIns.join('')}`);
    await writeFile(files[1] ?? '', trace.join(''));
    await writeFile(files[2] ?? '', audit.join(''));
    return files;
  }
}


/** "Oct  1 08:12:03" in JST, as a Debian mail server writes it. */
function syslogStamp(at: number): string {
  const d = new Date(at + 9 * HOUR);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${SYSLOG_MONTHS[d.getUTCMonth()] ?? 'Jan'} ${String(d.getUTCDate()).padStart(2, ' ')} ${hh}:${mm}:${ss}`;
}

/** "10/1/2026 8:12:03 AM" in UTC, as Export-Csv writes Get-MessageTrace's Received. */
function usStamp(at: number): string {
  const d = new Date(at);
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}
