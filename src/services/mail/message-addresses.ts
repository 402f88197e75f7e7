/** The addresses and date of one raw message (postal-mime; groups expanded). Null when unparseable. */
import PostalMime from 'postal-mime';
import type { MessageAddresses } from '../../core/mail/correspondents.js';
import { addressList, type MimeAddress } from './postal-mime-parts.js';


/** Only the header block is parsed: a 30 MB attachment does not slow the listing of addresses. */
export async function messageAddresses(raw: Buffer): Promise<MessageAddresses | null> {
  try {
    let end = raw.indexOf('\r\n\r\n');
    const lf = raw.indexOf('\n\n');
    if (end === -1 || (lf !== -1 && lf < end)) end = lf;
    const head = end === -1 ? raw : raw.subarray(0, end);
    const email = await PostalMime.parse(Buffer.concat([head, Buffer.from('\r\n\r\n')]));
    const at = email.date ? Date.parse(email.date) : Number.NaN;
    const e = email as unknown as { from?: MimeAddress; sender?: MimeAddress; to?: MimeAddress[]; cc?: MimeAddress[]; bcc?: MimeAddress[]; replyTo?: MimeAddress[] };
    return { at: Number.isNaN(at) ? null : at, messageId: email.messageId ?? null, addresses: addressList([e.from, e.sender, ...(e.to ?? []), ...(e.cc ?? []), ...(e.bcc ?? []), ...(e.replyTo ?? [])]) };
  } catch {
    return null;
  }
}
