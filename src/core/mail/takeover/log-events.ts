/**
 * What the account-takeover detectors read, whatever log it came from: logins, sent messages and
 * forwarding. Each event keeps where it was read (file and line) so an alert can show its evidence
 * and a case can cite the exact log line.
 */
export interface LogRef {
  file: string;
  line: number;
}

export type LoginProtocol = 'imap' | 'pop3' | 'smtp' | 'submission' | 'm365' | 'other';

export interface LoginEvent {
  kind: 'login';
  at: number;
  /** Lower-case account (an address; a bare user name when the log has no domain). */
  account: string;
  ip: string | null;
  success: boolean;
  protocol: LoginProtocol;
  /** ISO 3166 alpha-2 when the log itself states it (M365 sign-in Location); otherwise looked up. */
  country: string | null;
  /** Failure reason or application, as the log words it. */
  detail: string;
  ref: LogRef;
}

export interface Recipient {
  address: string;
  status: 'sent' | 'deferred' | 'bounced' | 'other';
}

export interface SendEvent {
  kind: 'send';
  at: number;
  account: string;
  /** The client that submitted the message (Postfix smtpd client=, M365 FromIP). */
  ip: string | null;
  recipients: Recipient[];
  ref: LogRef;
}

export interface ForwardEvent {
  kind: 'forward';
  at: number;
  account: string;
  target: string;
  /** rule: an inbox/sieve rule was created or changed; mailbox: mailbox forwarding set; delivered: the log shows a message forwarded. */
  how: 'rule' | 'mailbox' | 'delivered';
  ref: LogRef;
}

export type AccountEvent = LoginEvent | SendEvent | ForwardEvent;

/** A line or row the parser recognised as its format but could not read (reason names the field, never its value). */
export interface LogReject {
  ref: LogRef;
  reason: string;
}

/** Accounts are compared case-insensitively; a bare user name gets the hospital's first domain. */
export function normaliseAccount(raw: string, defaultDomain: string | null): string {
  const a = raw.trim().replace(/^<|>$/g, '').toLowerCase();
  if (a.includes('@') || !defaultDomain) return a;
  return `${a}@${defaultDomain}`;
}
