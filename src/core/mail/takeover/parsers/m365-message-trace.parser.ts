/**
 * Exchange Online message trace CSV. Accepted: Export-Csv of Get-MessageTrace / Get-MessageTraceV2
 * (Received, SenderAddress, RecipientAddress, Status, FromIP, MessageId — one row per recipient)
 * and the historical search report (origin_timestamp_utc, sender_address, recipient_status =
 * "a@x##Receive, Deliver;b@y##Receive, Fail", original_client_ip, message_id). Rows of one message
 * become one send; only mail from the hospital's own domains is an account's sending.
 */
import { domainOf, inDomains } from '../../message-facts.js';
import { normaliseAccount, type LogRef, type Recipient, type SendEvent } from '../log-events.js';
import { Columns, parseUtcTime, type Row } from './csv-columns.js';

const ALIASES = {
  time: ['Received', 'origin_timestamp_utc', 'Date', 'Date (UTC)'],
  sender: ['SenderAddress', 'sender_address', 'Sender'],
  recipient: ['RecipientAddress', 'Recipient'],
  recipientStatus: ['recipient_status'],
  status: ['Status', 'Delivery status'],
  ip: ['FromIP', 'original_client_ip', 'From IP', 'ClientIP'],
  messageId: ['MessageId', 'message_id', 'Message ID', 'network_message_id'],
} as const;
type Field = keyof typeof ALIASES;

function mapStatus(s: string): Recipient['status'] {
  const t = s.toLowerCase();
  if (/deliver|expanded|resolved/.test(t)) return 'sent';
  if (/pending|defer|getting/.test(t)) return 'deferred';
  if (/fail|spam|quarantin|drop|reject/.test(t)) return 'bounced';
  return 'other';
}

export class M365MessageTraceParser {
  private readonly cols: Columns<Field>;
  private readonly open = new Map<string, SendEvent>();

  constructor(
    header: readonly string[],
    private readonly domains: readonly string[],
  ) {
    this.cols = new Columns(header, ALIASES);
  }

  static accepts(header: readonly string[]): boolean {
    const c = new Columns(header, ALIASES);
    return c.missing(['time', 'sender']).length === 0 && (c.has('recipient') || c.has('recipientStatus'));
  }

  /** Null when the row is inbound mail (not an account's sending); a string is a reject reason. */
  row(row: Row, ref: LogRef): null | string {
    const at = parseUtcTime(this.cols.get(row, 'time'));
    if (at === null) return '日時を読めません / unreadable Received';
    const sender = this.cols.get(row, 'sender').toLowerCase();
    if (!sender.includes('@')) return '送信者を読めません / unreadable SenderAddress';
    if (!inDomains(domainOf(sender), this.domains)) return null;
    const recipients: Recipient[] = [];
    if (this.cols.has('recipient')) {
      const r = this.cols.get(row, 'recipient').toLowerCase();
      if (r) recipients.push({ address: r, status: mapStatus(this.cols.get(row, 'status')) });
    } else {
      for (const part of this.cols.get(row, 'recipientStatus').split(';')) {
        const [address = '', events = ''] = part.split('##');
        if (address.includes('@')) recipients.push({ address: address.trim().toLowerCase(), status: mapStatus(events.split(',').pop() ?? '') });
      }
    }
    if (recipients.length === 0) return '宛先がありません / no recipient';
    const id = `${this.cols.get(row, 'messageId') || `${at}`}\u0000${sender}`;
    const existing = this.open.get(id);
    if (existing) {
      existing.recipients.push(...recipients);
      return null;
    }
    const ip = this.cols.get(row, 'ip');
    this.open.set(id, { kind: 'send', at, account: normaliseAccount(sender, null), ip: ip || null, recipients, ref });
    return null;
  }

  end(): SendEvent[] {
    const out = [...this.open.values()];
    this.open.clear();
    return out;
  }
}
