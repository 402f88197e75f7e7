/** The addresses and date of one raw message (postal-mime; groups expanded). Null when unparseable. */
import PostalMime from 'postal-mime';
import type { MessageAddresses } from '../../core/mail/correspondents.js';

interface Addr {
  name?: string;
  address?: string;
  group?: Addr[];
}

function flatten(list: ReadonlyArray<Addr | undefined>): Array<{ address: string; name: string }> {
  return list.flatMap((a) => (!a ? [] : a.group ? flatten(a.group) : a.address ? [{ address: a.address, name: a.name ?? '' }] : []));
}

/** Only the header block is parsed: a 30 MB attachment does not slow the listing of addresses. */
export async function messageAddresses(raw: Buffer): Promise<MessageAddresses | null> {
  try {
    let end = raw.indexOf('\r\n\r\n');
    const lf = raw.indexOf('\n\n');
    if (end === -1 || (lf !== -1 && lf < end)) end = lf;
    const head = end === -1 ? raw : raw.subarray(0, end);
    const email = await PostalMime.parse(Buffer.concat([head, Buffer.from('\r\n\r\n')]));
    const at = email.date ? Date.parse(email.date) : Number.NaN;
    const e = email as unknown as { from?: Addr; sender?: Addr; to?: Addr[]; cc?: Addr[]; bcc?: Addr[]; replyTo?: Addr[] };
    return { at: Number.isNaN(at) ? null : at, messageId: email.messageId ?? null, addresses: flatten([e.from, e.sender, ...(e.to ?? []), ...(e.cc ?? []), ...(e.bcc ?? []), ...(e.replyTo ?? [])]) };
  } catch {
    return null;
  }
}
