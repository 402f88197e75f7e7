/**
 * Microsoft Purview audit log search export (CreationDate, UserIds/UserId, Operations/Operation,
 * AuditData = JSON). Read: New-InboxRule / Set-InboxRule with ForwardTo, ForwardAsAttachmentTo or
 * RedirectTo, and Set-Mailbox with ForwardingSmtpAddress / ForwardingAddress — the forwarding
 * rules an intruder leaves behind. Other operations are skipped. (UpdateInboxRules from Outlook
 * clients carries the rule in a binary-ish form and is not read.)
 */
import { normaliseAccount, type ForwardEvent, type LogRef } from '../log-events.js';
import { Columns, parseUtcTime, type Row } from './csv-columns.js';

const ALIASES = {
  time: ['CreationDate', 'CreationTime'],
  user: ['UserIds', 'UserId'],
  operation: ['Operations', 'Operation'],
  data: ['AuditData'],
} as const;
type Field = keyof typeof ALIASES;

const RULE_TARGETS = ['ForwardTo', 'ForwardAsAttachmentTo', 'RedirectTo'];
const MAILBOX_TARGETS = ['ForwardingSmtpAddress', 'ForwardingAddress'];

function parameters(data: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof data !== 'object' || data === null) return out;
  const params = (data as { Parameters?: unknown }).Parameters;
  if (!Array.isArray(params)) return out;
  for (const p of params as unknown[]) {
    if (typeof p !== 'object' || p === null) continue;
    const { Name, Value } = p as { Name?: unknown; Value?: unknown };
    if (typeof Name === 'string' && typeof Value === 'string') out.set(Name, Value);
  }
  return out;
}

/** "smtp:x@y.com", "x@y.com;z@w.jp", "\"Name\" [SMTP:x@y.com]" → addresses. */
function addresses(value: string): string[] {
  return [...value.matchAll(/[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g)].map((m) => m[0].toLowerCase());
}

export class M365AuditParser {
  private readonly cols: Columns<Field>;

  constructor(header: readonly string[]) {
    this.cols = new Columns(header, ALIASES);
  }

  static accepts(header: readonly string[]): boolean {
    return new Columns(header, ALIASES).missing(['time', 'operation', 'data']).length === 0;
  }

  row(row: Row, ref: LogRef, defaultDomain: string | null): ForwardEvent[] | string {
    const op = this.cols.get(row, 'operation');
    const isRule = op === 'New-InboxRule' || op === 'Set-InboxRule';
    if (!isRule && op !== 'Set-Mailbox') return [];
    const at = parseUtcTime(this.cols.get(row, 'time'));
    if (at === null) return '日時を読めません / unreadable CreationDate';
    let data: unknown;
    try {
      data = JSON.parse(this.cols.get(row, 'data'));
    } catch {
      return 'AuditData が JSON ではありません / AuditData is not JSON';
    }
    const params = parameters(data);
    const keys = isRule ? RULE_TARGETS : MAILBOX_TARGETS;
    // Set-Mailbox names the changed mailbox in Identity (or ObjectId); a rule belongs to the user who made it.
    const objectId = typeof data === 'object' && data !== null ? (data as { ObjectId?: unknown }).ObjectId : undefined;
    const owner = isRule ? this.cols.get(row, 'user') : (params.get('Identity') ?? (typeof objectId === 'string' ? objectId : '') ?? this.cols.get(row, 'user'));
    const account = normaliseAccount(addresses(owner)[0] ?? owner, defaultDomain);
    const out: ForwardEvent[] = [];
    for (const k of keys) for (const target of addresses(params.get(k) ?? '')) out.push({ kind: 'forward', at, account, target, how: isRule ? 'rule' : 'mailbox', ref });
    return out;
  }
}
