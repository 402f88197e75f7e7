import { describe, expect, it } from 'vitest';
import type { AccountEvent, ForwardEvent, LoginEvent, SendEvent } from '../log-events.js';
import { M365AuditParser } from './m365-audit.parser.js';
import { M365MessageTraceParser } from './m365-message-trace.parser.js';
import { M365SignInParser } from './m365-sign-in.parser.js';
import { MaillogParser } from './maillog.parser.js';
import { parseUtcTime } from './csv-columns.js';

const DOMAINS = ['hospital.example.jp'];

function maillog(text: string, year = 2026): { events: AccountEvent[]; parser: MaillogParser } {
  const parser = new MaillogParser('maillog', { domains: DOMAINS, year, offsetMinutes: 540 });
  const events: AccountEvent[] = [];
  text
    .trim()
    .split('\n')
    .forEach((line, i) => events.push(...parser.push(line, i + 1)));
  events.push(...parser.end());
  return { events, parser };
}

describe('mail log (Postfix + Dovecot)', () => {
  it('joins a Postfix message across its lines by queue ID: SASL user, client, every recipient with its status', () => {
    const { events } = maillog(`
Nov 23 09:15:02 mail postfix/submission/smtpd[2400]: 4F657A0489: client=unknown[203.0.113.51], sasl_method=LOGIN, sasl_username=yamada@hospital.example.jp
Nov 23 09:15:02 mail postfix/cleanup[2401]: 4F657A0489: message-id=<abc@hospital.example.jp>
Nov 23 09:15:02 mail postfix/qmgr[812]: 4F657A0489: from=<yamada@hospital.example.jp>, size=1234, nrcpt=3 (queue active)
Nov 23 09:15:03 mail postfix/smtp[2402]: 4F657A0489: to=<a@clinic.example.com>, relay=mx.clinic.example.com[198.51.100.7]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=2.0.0, status=sent (250 ok)
Nov 23 09:15:03 mail postfix/smtp[2402]: 4F657A0489: to=<b@nowhere.example.net>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.nowhere.example.net[192.0.2.1]:25: Connection timed out)
Nov 23 09:15:04 mail postfix/lmtp[2403]: 4F657A0489: to=<sato@hospital.example.jp>, relay=mail[private/dovecot-lmtp], delay=0.1, dsn=2.0.0, status=sent (250 2.0.0 Saved)
Nov 23 09:15:04 mail postfix/qmgr[812]: 4F657A0489: removed`);
    const login = events.find((e): e is LoginEvent => e.kind === 'login');
    expect(login).toMatchObject({ account: 'yamada@hospital.example.jp', ip: '203.0.113.51', success: true, protocol: 'submission' });
    const send = events.find((e): e is SendEvent => e.kind === 'send');
    expect(send?.account).toBe('yamada@hospital.example.jp');
    expect(send?.at).toBe(Date.parse('2026-11-23T09:15:02+09:00'));
    expect(send?.ref).toEqual({ file: 'maillog', line: 1 });
    expect(send?.recipients).toEqual([
      { address: 'a@clinic.example.com', status: 'sent' },
      { address: 'b@nowhere.example.net', status: 'deferred' },
      { address: 'sato@hospital.example.jp', status: 'sent' },
    ]);
  });

  it('does not count inbound mail from outside as sending, but counts a PC relaying through mynetworks without SASL', () => {
    const { events } = maillog(`
Nov 23 10:00:00 mail postfix/smtpd[1]: AAAAAA0001: client=mx.partner.example.jp[198.51.100.20]
Nov 23 10:00:00 mail postfix/qmgr[2]: AAAAAA0001: from=<yamada@hospital.example.jp>, size=10, nrcpt=1 (queue active)
Nov 23 10:00:01 mail postfix/lmtp[3]: AAAAAA0001: to=<sato@hospital.example.jp>, relay=mail[private/dovecot-lmtp], dsn=2.0.0, status=sent (250 ok)
Nov 23 10:00:01 mail postfix/qmgr[2]: AAAAAA0001: removed
Nov 23 10:01:00 mail postfix/smtpd[1]: AAAAAA0002: client=pc-12.hospital.example.jp[10.20.3.4]
Nov 23 10:01:00 mail postfix/qmgr[2]: AAAAAA0002: from=<sato@hospital.example.jp>, size=10, nrcpt=1 (queue active)
Nov 23 10:01:01 mail postfix/smtp[3]: AAAAAA0002: to=<x@example.org>, relay=mx[198.51.100.9]:25, dsn=2.0.0, status=sent (250 ok)
Nov 23 10:01:01 mail postfix/qmgr[2]: AAAAAA0002: removed`);
    const sends = events.filter((e): e is SendEvent => e.kind === 'send');
    expect(sends.map((s) => s.account)).toEqual(['sato@hospital.example.jp']);
  });

  it('reads a forward from orig_to, a Sieve redirect, Dovecot logins and failures, SASL failures with the user name', () => {
    const { events, parser } = maillog(`
Nov 23 11:00:00 mail postfix/smtpd[1]: BBBBBB0001: client=mx.partner.example.jp[198.51.100.20]
Nov 23 11:00:01 mail postfix/smtp[3]: BBBBBB0001: to=<taro@freemail.example>, orig_to=<yamada@hospital.example.jp>, relay=mx[198.51.100.9]:25, dsn=2.0.0, status=sent (250 ok)
Nov 23 11:00:02 mail dovecot: lmtp(sato@hospital.example.jp)<4321><kQ8aB>: sieve: msgid=<m1@partner.example.jp>: forwarded to <drop@evil.example.net>
Nov 23 11:01:00 mail dovecot: imap-login: Login: user=<yamada@hospital.example.jp>, method=PLAIN, rip=198.51.100.77, lip=10.0.0.25, mpid=1234, TLS, session=<abc>
Nov 23 11:02:00 mail dovecot: imap-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<sato@hospital.example.jp>, method=PLAIN, rip=192.0.2.9, lip=10.0.0.25, TLS, session=<def>
Nov 23 11:02:30 mail dovecot: pop3-login: Login aborted: Connection closed (auth failed, 1 attempts in 2 secs) (auth_failed): user=<kato>, method=PLAIN, rip=192.0.2.9, lip=10.0.0.25, session=<ghi>
Nov 23 11:03:00 mail postfix/submission/smtpd[9]: warning: unknown[192.0.2.10]: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=yamada@hospital.example.jp
Nov 23 11:03:01 mail postfix/smtpd[9]: warning: unknown[192.0.2.10]: SASL LOGIN authentication failed: authentication failure
this line is not syslog`);
    const forwards = events.filter((e): e is ForwardEvent => e.kind === 'forward');
    expect(forwards.map((f) => [f.account, f.target, f.how])).toEqual([
      ['yamada@hospital.example.jp', 'taro@freemail.example', 'delivered'],
      ['sato@hospital.example.jp', 'drop@evil.example.net', 'delivered'],
    ]);
    const logins = events.filter((e): e is LoginEvent => e.kind === 'login');
    expect(logins.filter((l) => l.success).map((l) => [l.account, l.ip, l.protocol])).toEqual([['yamada@hospital.example.jp', '198.51.100.77', 'imap']]);
    const failures = logins.filter((l) => !l.success);
    // "3 attempts" counts three times; a bare user name gets the hospital's domain; a SASL failure without a user name is skipped.
    expect(failures.map((l) => l.account)).toEqual(['sato@hospital.example.jp', 'sato@hospital.example.jp', 'sato@hospital.example.jp', 'kato@hospital.example.jp', 'yamada@hospital.example.jp']);
    expect(failures[3]?.protocol).toBe('pop3');
    expect(parser.rejects.map((r) => r.ref)).toEqual([{ file: 'maillog', line: 9 }]);
    expect(parser.rejects[0]?.reason).toContain('time stamp');
  });

  it('places year-less stamps in JST and moves to the next year when December turns to January; RFC 3339 stamps carry their own zone', () => {
    const { events } = maillog(`
Dec 31 23:59:59 mail dovecot: imap-login: Login: user=<a@hospital.example.jp>, method=PLAIN, rip=198.51.100.1, lip=10.0.0.1, session=<1>
Jan  1 00:00:01 mail dovecot: imap-login: Login: user=<a@hospital.example.jp>, method=PLAIN, rip=198.51.100.1, lip=10.0.0.1, session=<2>
2027-01-01T00:00:02.123456+09:00 mail dovecot: imap-login: Login: user=<a@hospital.example.jp>, method=PLAIN, rip=198.51.100.1, lip=10.0.0.1, session=<3>`, 2026);
    expect(events.map((e) => new Date(e.at).toISOString())).toEqual(['2026-12-31T14:59:59.000Z', '2026-12-31T15:00:01.000Z', '2026-12-31T15:00:02.123Z']);
  });
});

describe('Microsoft 365 CSV', () => {
  it('reads the portal sign-in download (Location "City, State, CC") and a Graph export (countryOrRegion, errorCode)', () => {
    const portal = ['Date (UTC)', 'Request ID', 'Username', 'Application', 'IP address', 'Location', 'Status', 'Sign-in error code', 'Failure reason'];
    expect(M365SignInParser.accepts(portal)).toBe(true);
    const p = new M365SignInParser(portal);
    const ok = p.row({ 'Date (UTC)': '2026-11-23T01:02:03Z', Username: 'Yamada@Hospital.example.jp', Application: 'Office 365 Exchange Online', 'IP address': '198.51.100.4', Location: 'Lagos, Lagos, NG', Status: 'Success' }, { file: 's.csv', line: 2 }, null);
    expect(ok).toMatchObject({ kind: 'login', account: 'yamada@hospital.example.jp', success: true, country: 'NG', at: Date.parse('2026-11-23T01:02:03Z'), protocol: 'm365' });
    const fail = p.row({ 'Date (UTC)': '2026-11-23T01:02:03', Username: 'yamada@hospital.example.jp', 'IP address': '198.51.100.4', Location: '', Status: 'Failure', 'Failure reason': 'Invalid username or password' }, { file: 's.csv', line: 3 }, null);
    expect(fail).toMatchObject({ success: false, country: null, detail: 'Invalid username or password' });
    expect(p.row({ 'Date (UTC)': 'yesterday', Username: 'x', Status: 'Success' }, { file: 's.csv', line: 4 }, null)).toMatch(/Date/);
    const graph = ['createdDateTime', 'userPrincipalName', 'ipAddress', 'location.countryOrRegion', 'status.errorCode'];
    expect(M365SignInParser.accepts(graph)).toBe(true);
    const g = new M365SignInParser(graph).row({ createdDateTime: '2026-11-23T01:02:03Z', userPrincipalName: 'sato@hospital.example.jp', ipAddress: '198.51.100.5', 'location.countryOrRegion': 'us', 'status.errorCode': '50126' }, { file: 'g.csv', line: 2 }, null);
    expect(g).toMatchObject({ success: false, country: 'US' });
  });

  it('groups Get-MessageTrace rows of one message, maps statuses, and ignores inbound mail; reads the historical report format too', () => {
    const header = ['Received', 'SenderAddress', 'RecipientAddress', 'Subject', 'Status', 'ToIP', 'FromIP', 'Size', 'MessageId'];
    expect(M365MessageTraceParser.accepts(header)).toBe(true);
    const p = new M365MessageTraceParser(header, DOMAINS);
    const base = { Received: '11/23/2026 2:46:33 PM', SenderAddress: 'yamada@hospital.example.jp', FromIP: '198.51.100.8', MessageId: '<m1@hospital.example.jp>' };
    expect(p.row({ ...base, RecipientAddress: 'a@example.com', Status: 'Delivered' }, { file: 't.csv', line: 2 })).toBeNull();
    expect(p.row({ ...base, RecipientAddress: 'b@example.com', Status: 'Failed' }, { file: 't.csv', line: 3 })).toBeNull();
    expect(p.row({ ...base, SenderAddress: 'someone@example.com', RecipientAddress: 'yamada@hospital.example.jp', Status: 'Delivered', MessageId: '<in@x>' }, { file: 't.csv', line: 4 })).toBeNull();
    expect(p.row({ ...base, Received: '', RecipientAddress: 'c@example.com' }, { file: 't.csv', line: 5 })).toMatch(/Received/);
    const sends = p.end();
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ account: 'yamada@hospital.example.jp', ip: '198.51.100.8', at: Date.UTC(2026, 10, 23, 14, 46, 33), recipients: [{ address: 'a@example.com', status: 'sent' }, { address: 'b@example.com', status: 'bounced' }] });
    const report = ['origin_timestamp_utc', 'sender_address', 'recipient_status', 'message_subject', 'original_client_ip', 'message_id'];
    expect(M365MessageTraceParser.accepts(report)).toBe(true);
    const q = new M365MessageTraceParser(report, DOMAINS);
    q.row({ origin_timestamp_utc: '2026-11-23T05:00:00.000Z', sender_address: 'sato@hospital.example.jp', recipient_status: 'x@example.com##Receive, Deliver;y@example.org##Receive, Fail', original_client_ip: '198.51.100.9', message_id: '<m2@h>' }, { file: 'r.csv', line: 2 });
    expect(q.end()[0]?.recipients).toEqual([{ address: 'x@example.com', status: 'sent' }, { address: 'y@example.org', status: 'bounced' }]);
  });

  it('finds forwarding in New-InboxRule and Set-Mailbox audit records, skipping other operations and broken JSON', () => {
    const header = ['CreationDate', 'UserIds', 'Operations', 'AuditData'];
    const p = new M365AuditParser(header);
    const rule = { Operation: 'New-InboxRule', UserId: 'yamada@hospital.example.jp', Parameters: [{ Name: 'Name', Value: '.' }, { Name: 'ForwardTo', Value: 'drop@evil.example.net;"Boss" [SMTP:boss@evil.example.net]' }] };
    const r = p.row({ CreationDate: '2026-11-23T01:00:00', UserIds: 'yamada@hospital.example.jp', Operations: 'New-InboxRule', AuditData: JSON.stringify(rule) }, { file: 'a.csv', line: 2 }, null);
    expect(Array.isArray(r) && r.map((f) => [f.account, f.target, f.how])).toEqual([
      ['yamada@hospital.example.jp', 'drop@evil.example.net', 'rule'],
      ['yamada@hospital.example.jp', 'boss@evil.example.net', 'rule'],
    ]);
    const mailbox = { Operation: 'Set-Mailbox', UserId: 'admin@hospital.example.jp', ObjectId: 'sato@hospital.example.jp', Parameters: [{ Name: 'Identity', Value: 'sato@hospital.example.jp' }, { Name: 'ForwardingSmtpAddress', Value: 'smtp:copy@evil.example.net' }] };
    const m = p.row({ CreationDate: '2026-11-23T02:00:00', UserIds: 'admin@hospital.example.jp', Operations: 'Set-Mailbox', AuditData: JSON.stringify(mailbox) }, { file: 'a.csv', line: 3 }, null);
    expect(Array.isArray(m) && m.map((f) => [f.account, f.target, f.how])).toEqual([['sato@hospital.example.jp', 'copy@evil.example.net', 'mailbox']]);
    expect(p.row({ CreationDate: '2026-11-23T02:00:00', UserIds: 'x', Operations: 'MailItemsAccessed', AuditData: '{}' }, { file: 'a.csv', line: 4 }, null)).toEqual([]);
    expect(p.row({ CreationDate: '2026-11-23T02:00:00', UserIds: 'x', Operations: 'New-InboxRule', AuditData: '{not json' }, { file: 'a.csv', line: 5 }, null)).toMatch(/JSON/);
  });

  it('parses the time formats M365 exports use, all as UTC', () => {
    expect(parseUtcTime('11/23/2026 12:05:09 AM')).toBe(Date.UTC(2026, 10, 23, 0, 5, 9));
    expect(parseUtcTime('11/23/2026 12:05:09 PM')).toBe(Date.UTC(2026, 10, 23, 12, 5, 9));
    expect(parseUtcTime('2026-11-23 07:08:09')).toBe(Date.UTC(2026, 10, 23, 7, 8, 9));
    expect(parseUtcTime('2026-11-23T07:08:09+09:00')).toBe(Date.UTC(2026, 10, 22, 22, 8, 9));
    expect(parseUtcTime('23.11.2026')).toBeNull();
  });
});
