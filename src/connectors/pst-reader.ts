/**
 * Outlook data files (.pst / .ost) read with pst-extractor (MIT, a port of java-libpst; maintained):
 * every message becomes an RFC 822 message so the scanner, the correspondent list and the mail
 * analysis read it like any .eml. Internet mail keeps its original transport headers; mail that
 * never crossed the internet (Exchange-internal) gets headers built from its MAPI properties, with
 * SMTP addresses where the store has them. Body (text, or HTML when there is no text) and
 * attachments follow as MIME parts. A message larger than `maxBytes` is reported, not built.
 * pst-extractor reads synchronously; the generator yields between messages.
 */
import { PSTFile, type PSTFolder, type PSTMessage } from 'pst-extractor';

export interface PstEntry {
  /** Folder path and position: "受信トレイ/12". */
  item: string;
  eml: Buffer | null;
}

/** "!BDN": the first bytes of a PST or OST file. */
export function isPst(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32BE(0) === 0x2142444e;
}

// PidTagSenderSmtpAddress / PidTagSentRepresentingSmtpAddress: the SMTP form of an Exchange sender.
const SENDER_SMTP = 0x5d01;
const SENT_REPRESENTING_SMTP = 0x5d02;
const CONTENT_HEADERS = /^(content-type|content-transfer-encoding|mime-version|content-disposition)$/i;

function stringItem(m: PSTMessage, id: number): string {
  // getStringItem is protected in the typings but is the library's own accessor for a property.
  const read = (m as unknown as { getStringItem(identifier: number): string }).getStringItem.bind(m);
  try {
    return read(id) || '';
  } catch {
    return '';
  }
}

/** When the store says the message was sent or received; its creation time as a last resort. */
function storeTime(m: PSTMessage): Date | null {
  return m.clientSubmitTime ?? m.messageDeliveryTime ?? m.creationTime ?? m.modificationTime;
}

function smtp(address: string, fallback = ''): string {
  if (address.includes('@')) return address;
  return fallback.includes('@') ? fallback : '';
}

function word(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text.replace(/["\\]/g, '') : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function mailbox(name: string, address: string): string {
  if (!address) return word(name || 'unknown');
  return name && name !== address ? `"${word(name)}" <${address}>` : `<${address}>`;
}

function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

function attachmentData(m: PSTMessage, i: number, budget: number): { name: string; type: string; data: Buffer } | null | 'too_large' {
  const a = m.getAttachment(i);
  const size = a.filesize;
  if (size > budget) return 'too_large';
  const stream = a.fileInputStream;
  if (!stream) return null;
  const data = Buffer.alloc(Number(stream.length.toString()));
  if (data.length > budget) return 'too_large';
  stream.readCompletely(data);
  return { name: a.longFilename || a.filename || `attachment-${i + 1}`, type: a.mimeTag || 'application/octet-stream', data };
}

/** One message as an RFC 822 message, or null when it exceeds maxBytes. */
export function pstMessageToEml(m: PSTMessage, maxBytes: number): Buffer | null {
  const headers: string[] = [];
  const transport = (m.transportMessageHeaders || '').replace(/\r?\n\r?\n[\s\S]*$/, '');
  if (transport.trim()) {
    // Keep the original headers (unfolded lines stay folded), dropping those about the old body.
    let dated = false;
    for (const h of transport.split(/\r?\n(?=[^ \t])/)) {
      const name = /^([^:\s]+):/.exec(h)?.[1] ?? '';
      if (!name || CONTENT_HEADERS.test(name)) continue;
      // A Date header that cannot be read is replaced by the store's own submit time below.
      if (/^date$/i.test(name)) {
        if (dated || Number.isNaN(Date.parse(h.slice(name.length + 1).trim()))) continue;
        dated = true;
      }
      headers.push(h.replace(/\s+$/, '').replace(/\r?\n/g, '\r\n'));
    }
    const at = storeTime(m);
    if (!dated && at) headers.push(`Date: ${at.toUTCString().replace('GMT', '+0000')}`);
  } else {
    const from = smtp(m.senderEmailAddress, stringItem(m, SENDER_SMTP)) || smtp(m.sentRepresentingEmailAddress, stringItem(m, SENT_REPRESENTING_SMTP));
    headers.push(`From: ${mailbox(m.senderName || m.sentRepresentingName, from)}`);
    const to: string[] = [];
    const cc: string[] = [];
    const bcc: string[] = [];
    for (let i = 0; i < m.numberOfRecipients; i++) {
      const r = m.getRecipient(i);
      if (!r) continue;
      const box = mailbox(r.displayName, smtp(r.smtpAddress, r.emailAddress) || smtp(r.emailAddress));
      (r.recipientType === 2 ? cc : r.recipientType === 3 ? bcc : to).push(box);
    }
    if (to.length) headers.push(`To: ${to.join(', ')}`);
    if (cc.length) headers.push(`Cc: ${cc.join(', ')}`);
    if (bcc.length) headers.push(`Bcc: ${bcc.join(', ')}`);
    const at = storeTime(m);
    if (at) headers.push(`Date: ${at.toUTCString().replace('GMT', '+0000')}`);
    if (m.subject) headers.push(`Subject: ${word(m.subject)}`);
    if (m.internetMessageId) headers.push(`Message-ID: ${m.internetMessageId}`);
    if (m.inReplyToId) headers.push(`In-Reply-To: ${m.inReplyToId}`);
  }
  const text = m.body || '';
  const html = text ? '' : m.bodyHTML || '';
  const boundary = `mamori-pst-${Math.random().toString(36).slice(2)}`;
  const parts: string[] = [`Content-Type: ${html ? 'text/html' : 'text/plain'}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(Buffer.from(html || text, 'utf8'))}`];
  let size = headers.join('\r\n').length + (parts[0]?.length ?? 0);
  if (size > maxBytes) return null;
  for (let i = 0; i < m.numberOfAttachments; i++) {
    let a: ReturnType<typeof attachmentData>;
    try {
      a = attachmentData(m, i, Math.floor(((maxBytes - size) * 3) / 4));
    } catch {
      a = null;
    }
    if (a === 'too_large') return null;
    if (!a) continue;
    const part = `Content-Type: ${a.type}; name="${word(a.name)}"\r\nContent-Disposition: attachment; filename="${word(a.name)}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(a.data)}`;
    size += part.length;
    if (size > maxBytes) return null;
    parts.push(part);
  }
  const body = `MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;
  return Buffer.from(`${headers.join('\r\n')}\r\n${body}`, 'utf8');
}

function* walk(folder: PSTFolder, path: string, maxBytes: number): Generator<PstEntry> {
  if (folder.contentCount > 0) {
    let n = 0;
    for (let child: unknown = folder.getNextChild(); child; child = folder.getNextChild()) {
      n += 1;
      const m = child as PSTMessage;
      // Mail, meeting requests and reports carry addresses; contacts, tasks and appointments are skipped.
      if (!/^(IPM\.Note|IPM\.Schedule\.Meeting|REPORT\.IPM\.Note)/i.test(m.messageClass || 'IPM.Note')) continue;
      let eml: Buffer | null;
      try {
        eml = pstMessageToEml(m, maxBytes);
      } catch {
        eml = null;
      }
      yield { item: `${path}/${n}`, eml };
    }
  }
  if (folder.hasSubfolders) for (const sub of folder.getSubFolders()) yield* walk(sub, path ? `${path}/${sub.displayName}` : sub.displayName, maxBytes);
}

/** Every mail message of a PST/OST file; unreadable stores throw (the caller reports the file). */
export async function* readPst(file: string, maxBytes: number): AsyncGenerator<PstEntry> {
  const pst = new PSTFile(file);
  try {
    let n = 0;
    for (const entry of walk(pst.getRootFolder(), '', maxBytes)) {
      yield entry;
      // Let the event loop breathe (progress writes, HTTP) on a large store.
      if (++n % 200 === 0) await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    pst.close();
  }
}
