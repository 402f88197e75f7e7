import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryOfIp } from '../../src/connectors/ip-country.js';
import { detectLogFormat, readAccountLog } from '../../src/services/mail/account-logs.js';
import { COUNTRY_PREFIXES, TAKEOVER_SCENARIOS, type TakeoverLabel } from '../../src/services/mail/takeover-log-generator.js';
import { cli } from '../support/cli.js';

const DOMAIN = 'mihon-hospital.example.jp';

interface AlertJson {
  account: string;
  severity: string;
  score: number;
  window_start: string;
  window_end: string;
  reasons: { code: string; text: string }[];
  evidence: { file: string; line: number; raw: string }[];
}

describe('offline IP → country', () => {
  it('places the generator’s address blocks in their countries with the bundled database (no network)', () => {
    for (const [country, prefixes] of Object.entries(COUNTRY_PREFIXES)) {
      for (const p of prefixes) for (const last of [1, 128, 254]) expect(countryOfIp(`${p}.${last}`), `${p}.${last}`).toBe(country === 'JP_CLOUD' ? 'JP' : country);
    }
    expect(countryOfIp('10.0.0.1')).toBeNull();
    expect(countryOfIp('not-an-ip')).toBeNull();
  });
});

describe('mamori mail takeover', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-takeover-'));
    for (const flavour of ['onprem', 'm365']) {
      const r = await cli(['mail', 'generate-logs', path.join(dir, flavour), '--flavour', flavour, '--accounts', '80', '--days', '21', '--per-scenario', '2', '--seed', '9'], {});
      expect(r.code).toBe(0);
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const flavour of ['onprem', 'm365'] as const) {
    it(`finds every injected takeover in the ${flavour} logs as 危険, with its window and the cited log lines`, async () => {
      const logs = readdirSync(path.join(dir, flavour)).filter((f) => f !== 'labels.json').map((f) => path.join(dir, flavour, f));
      const r = await cli(['mail', 'takeover', '--json', '--domain', DOMAIN, '--year', '2026', ...logs], {});
      expect(r.code).toBe(0);
      const lines = r.out.trim().split('\n');
      const summary = JSON.parse(lines.pop() ?? '{}') as { summary: { accounts: number; alerts: number; files: { format: string; rejected: number }[] } };
      expect(summary.summary.accounts).toBe(80);
      expect(summary.summary.files.every((f) => f.format !== 'unknown' && f.rejected === 0)).toBe(true);
      const alerts = lines.map((l) => JSON.parse(l) as AlertJson);
      const labels = (JSON.parse(readFileSync(path.join(dir, flavour, 'labels.json'), 'utf8')) as { labels: TakeoverLabel[] }).labels;
      for (const l of labels.filter((x) => x.compromised)) {
        const hit = alerts.find((a) => a.account === l.account && a.severity === '危険');
        expect(hit, `${l.scenario} ${l.account}`).toBeDefined();
        // The estimated window opens within two hours of the intruder's first activity.
        expect(Math.abs(Date.parse(hit?.window_start ?? '') - Date.parse(l.start)), l.scenario).toBeLessThan(2 * 3_600_000);
        expect(hit?.evidence.every((e) => e.raw.length > 0 && e.line > 0)).toBe(true);
      }
      expect(new Set(labels.filter((x) => x.compromised).map((x) => x.scenario))).toEqual(new Set(TAKEOVER_SCENARIOS));
      // No account without a label is 危険.
      const labelled = new Set(labels.map((l) => l.account));
      expect(alerts.filter((a) => a.severity === '危険' && !labelled.has(a.account))).toEqual([]);
    }, 60_000);
  }

  it('writes the outside addresses each 危険 account mailed in its window', async () => {
    const out = path.join(dir, 'recipients.csv');
    const r = await cli(['mail', 'takeover', '--domain', DOMAIN, '--year', '2026', '--recipients', out, path.join(dir, 'onprem', 'maillog')], {});
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('アカウント,区分,氏名,メールアドレス,項目,院内外,通数,最初,最後');
    const relay = (JSON.parse(readFileSync(path.join(dir, 'onprem', 'labels.json'), 'utf8')) as { labels: TakeoverLabel[] }).labels.find((l) => l.scenario === 'spam_relay');
    // The relay's burst to harvested addresses is all there.
    expect(lines.filter((l) => l.startsWith(`${relay?.account ?? 'x'},取引先,`)).length).toBeGreaterThan(100);
  });

  it('prints a readable report without --json, and insists on the hospital domain', async () => {
    const r = await cli(['mail', 'takeover', '--domain', DOMAIN, '--year', '2026', path.join(dir, 'onprem', 'maillog')], {});
    expect(r.out).toMatch(/危険\t\d+\tstaff\d+@/);
    expect(r.out).toContain('推定期間');
    const none = await cli(['mail', 'takeover', path.join(dir, 'onprem', 'maillog')], {});
    expect(none.code).not.toBe(0);
    expect(none.err).toContain('MAMORI_MAIL_DOMAINS');
  });
});

describe('log files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-logs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('recognises formats by content, not by name', () => {
    expect(detectLogFormat('\uFEFFDate (UTC),Request ID,Username,IP address,Location,Status\n')).toBe('m365-sign-in');
    expect(detectLogFormat('"Received","SenderAddress","RecipientAddress","Subject","Status","FromIP","MessageId"\n')).toBe('m365-message-trace');
    expect(detectLogFormat('CreationDate,UserIds,Operations,AuditData\n')).toBe('m365-audit');
    expect(detectLogFormat('Nov 23 09:15:02 mail postfix/smtpd[1]: connect from x[1.2.3.4]\n')).toBe('maillog');
    expect(detectLogFormat('2026-11-23T09:15:02.1+09:00 mail dovecot: imap-login: Login: user=<a>\n')).toBe('maillog');
    expect(detectLogFormat('name,email\nfoo,bar\n')).toBe('unknown');
  });

  it('rejects unreadable rows with file, line and reason — never their content — and keeps the rest', async () => {
    const file = path.join(dir, 'signins.csv');
    writeFileSync(file, '\uFEFFDate (UTC),Username,IP address,Location,Status\r\n2026-11-23T01:00:00Z,secret.person@mihon-hospital.example.jp,8.8.4.4,"Ashburn, Virginia, US",Success\r\nnot a date,secret.person@mihon-hospital.example.jp,8.8.4.4,,Success\r\n2026-11-23T02:00:00Z,,8.8.4.4,,Success\r\n');
    const events: unknown[] = [];
    const s = await readAccountLog(file, 'signins.csv', { domains: [DOMAIN] }, (e) => events.push(e));
    expect(s).toMatchObject({ format: 'm365-sign-in', events: 1, rejected: 2 });
    expect(s.rejects.map((x) => x.ref.line)).toEqual([3, 4]);
    expect(JSON.stringify(s.rejects)).not.toContain('secret.person');
  });

  it('takes the year of a classic syslog from the file date, a month still to come meaning last year', async () => {
    const file = path.join(dir, 'mail.log');
    writeFileSync(file, 'Dec 30 10:00:00 mail dovecot: imap-login: Login: user=<a@mihon-hospital.example.jp>, method=PLAIN, rip=8.8.4.4, lip=10.0.0.1, session=<1>\n');
    const jan = new Date('2027-01-05T00:00:00Z');
    utimesSync(file, jan, jan);
    const events: { at: number }[] = [];
    await readAccountLog(file, 'mail.log', { domains: [DOMAIN] }, (e) => events.push(e));
    expect(new Date(events[0]?.at ?? 0).toISOString()).toBe('2026-12-30T01:00:00.000Z');
  });
});
