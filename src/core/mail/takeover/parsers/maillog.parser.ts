/**
 * A mail server's syslog (Debian /var/log/mail.log): Postfix and Dovecot lines, often in one file.
 *
 * Postfix writes one message across several lines joined by the queue ID: smtpd (client, SASL
 * user) → qmgr (from=) → smtp/lmtp/local (to=, status=, orig_to=) → qmgr "removed". A message
 * counts as sent by an account when the client authenticated (sasl_username=) or, without SASL,
 * when it came from an internal address with a hospital sender (a PC relaying through mynetworks).
 * Inbound mail from outside is not an account's sending. `to=<outside>, orig_to=<staff>` is a
 * forward. Dovecot: `*-login: Login:` (success) and `auth failed` disconnects (failure); Sieve
 * `forwarded to <…>` (a rule is forwarding).
 */
import { domainOf, inDomains } from '../../message-facts.js';
import { isInternalIp } from '../ip-scope.js';
import { normaliseAccount, type AccountEvent, type LoginProtocol, type LogReject, type Recipient } from '../log-events.js';
import { SyslogClock } from '../syslog-line.js';

export interface MaillogOptions {
  /** The hospital's mail domains (lower case); the first completes bare SASL user names. */
  domains: readonly string[];
  /** Year of the first line when stamps have none ("Nov 23 02:46:33"). */
  year: number;
  /** Local offset of the server's clock from UTC in minutes (JST = 540). */
  offsetMinutes: number;
}

interface Pending {
  at: number;
  ip: string | null;
  sasl: string | null;
  from: string | null;
  recipients: Map<string, Recipient['status']>;
  file: string;
  line: number;
}

const QID = /^([0-9A-F]{6,}|[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,}): (.*)$/;
const KV = /(\w+)=(<[^>]*>|[^,\s]*(?:\[[^\]]*\])?)/g;
const MAX_PENDING = 200_000;

function fields(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const kv of text.matchAll(KV)) if (kv[1] && !m.has(kv[1])) m.set(kv[1], kv[2] ?? '');
  return m;
}

function angle(v: string | undefined): string | null {
  if (v === undefined) return null;
  const a = v.replace(/^<|>$/g, '').trim().toLowerCase();
  return a === '' ? null : a;
}

/** "unknown[10.99.3.51]" / "mail.example.jp[2001:db8::1]" → the address in brackets. */
function bracketIp(v: string | undefined): string | null {
  const m = /\[([0-9a-fA-F.:]+)\]/.exec(v ?? '');
  return m?.[1] ?? null;
}

function status(v: string | undefined): Recipient['status'] {
  return v === 'sent' || v === 'deferred' || v === 'bounced' ? v : 'other';
}

const LOGIN_SERVICE: Record<string, LoginProtocol> = { imap: 'imap', pop3: 'pop3', submission: 'submission', managesieve: 'other' };

export class MaillogParser {
  private readonly clock: SyslogClock;
  private readonly pending = new Map<string, Pending>();
  readonly rejects: LogReject[] = [];
  lines = 0;
  recognised = 0;

  constructor(
    private readonly file: string,
    private readonly opts: MaillogOptions,
  ) {
    this.clock = new SyslogClock(opts.year, opts.offsetMinutes);
  }

  private account(raw: string): string {
    return normaliseAccount(raw, this.opts.domains[0] ?? null);
  }

  /** Events completed by this line (a Postfix message completes when its queue entry is removed). */
  push(text: string, lineNo: number): AccountEvent[] {
    this.lines += 1;
    if (text.trim() === '') return [];
    const line = this.clock.parse(text);
    if (!line) {
      this.rejects.push({ ref: { file: this.file, line: lineNo }, reason: '時刻を読めない行 / unreadable time stamp' });
      return [];
    }
    const ref = { file: this.file, line: lineNo };
    if (line.program.startsWith('postfix')) return this.postfix(line.program, line.message, line.at, lineNo);
    const dovecot = /(imap|pop3|submission|managesieve)-login: (?:Info: )?(.*)$/.exec(line.rest);
    if (dovecot) return this.dovecotLogin(dovecot[1] ?? '', dovecot[2] ?? '', line.at, ref);
    const sieve = /(?:lmtp|lda)\(([^)]+)\).*?: sieve: .*?forwarded to <([^>]+)>/.exec(line.rest);
    if (sieve?.[1] && sieve[2]) {
      this.recognised += 1;
      return [{ kind: 'forward', at: line.at, account: this.account(sieve[1]), target: sieve[2].toLowerCase(), how: 'delivered', ref }];
    }
    return [];
  }

  private dovecotLogin(service: string, message: string, at: number, ref: { file: string; line: number }): AccountEvent[] {
    const f = fields(message);
    const user = angle(f.get('user'));
    if (!user) return [];
    const protocol = LOGIN_SERVICE[service] ?? 'other';
    const ip = f.get('rip') ?? null;
    if (/^Login: /.test(message)) {
      this.recognised += 1;
      return [{ kind: 'login', at, account: this.account(user), ip, success: true, protocol, country: null, detail: `dovecot ${service}`, ref }];
    }
    if (/auth failed/.test(message)) {
      this.recognised += 1;
      const attempts = Number(/auth failed, (\d+) attempts?/.exec(message)?.[1] ?? '1');
      const one = { kind: 'login' as const, at, account: this.account(user), ip, success: false, protocol, country: null, detail: `dovecot ${service} auth failed`, ref };
      return Array.from({ length: Math.min(Math.max(attempts, 1), 20) }, () => ({ ...one }));
    }
    return [];
  }

  private postfix(program: string, message: string, at: number, lineNo: number): AccountEvent[] {
    const ref = { file: this.file, line: lineNo };
    // smtpd SASL failures carry no queue ID; Postfix ≥ 3.x appends sasl_username.
    const saslFail = /^warning: [^[]*\[([^\]]+)\]: SASL \S+ authentication failed:.*?(?:sasl_username=(\S+))?$/.exec(message);
    if (saslFail) {
      if (!saslFail[2]) return [];
      this.recognised += 1;
      return [{ kind: 'login', at, account: this.account(saslFail[2]), ip: saslFail[1] ?? null, success: false, protocol: program.includes('submission') ? 'submission' : 'smtp', country: null, detail: 'SMTP AUTH failed', ref }];
    }
    const q = QID.exec(message);
    if (!q) return [];
    const qid = q[1] ?? '';
    const body = q[2] ?? '';
    if (/\/smtpd$/.test(program) && body.startsWith('client=')) {
      this.recognised += 1;
      const f = fields(body);
      const sasl = f.get('sasl_username') ?? null;
      const out: AccountEvent[] = [];
      const ip = bracketIp(f.get('client'));
      if (sasl) out.push({ kind: 'login', at, account: this.account(sasl), ip, success: true, protocol: program.includes('submission') ? 'submission' : 'smtp', country: null, detail: 'SMTP AUTH', ref });
      if (this.pending.size >= MAX_PENDING) out.push(...this.evictOldest());
      this.pending.set(qid, { at, ip, sasl, from: null, recipients: new Map(), file: this.file, line: lineNo });
      return out;
    }
    const p = this.pending.get(qid);
    if (!p) return [];
    if (body === 'removed') {
      this.pending.delete(qid);
      return this.finish(p);
    }
    const f = fields(body);
    if (body.startsWith('from=')) {
      p.from = angle(f.get('from'));
      return [];
    }
    if (body.startsWith('to=')) {
      this.recognised += 1;
      const to = angle(f.get('to'));
      if (!to) return [];
      p.recipients.set(to, status(f.get('status')));
      const origTo = angle(f.get('orig_to'));
      if (origTo && origTo !== to && inDomains(domainOf(origTo), this.opts.domains) && !inDomains(domainOf(to), this.opts.domains) && f.get('status') === 'sent') {
        return [{ kind: 'forward', at, account: this.account(origTo), target: to, how: 'delivered', ref }];
      }
    }
    return [];
  }

  private finish(p: Pending): AccountEvent[] {
    const recipients = [...p.recipients].map(([address, s]) => ({ address, status: s }));
    if (recipients.length === 0) return [];
    let account: string | null = null;
    if (p.sasl) account = this.account(p.sasl);
    else if (p.from && inDomains(domainOf(p.from), this.opts.domains) && p.ip !== null && isInternalIp(p.ip)) account = p.from;
    if (!account) return [];
    return [{ kind: 'send', at: p.at, account, ip: p.ip, recipients, ref: { file: p.file, line: p.line } }];
  }

  private evictOldest(): AccountEvent[] {
    const first = this.pending.keys().next();
    if (first.done) return [];
    const p = this.pending.get(first.value);
    this.pending.delete(first.value);
    return p ? this.finish(p) : [];
  }

  /** Messages still queued when the log ends count with the recipients seen so far. */
  end(): AccountEvent[] {
    const out: AccountEvent[] = [];
    for (const p of this.pending.values()) out.push(...this.finish(p));
    this.pending.clear();
    return out;
  }
}
