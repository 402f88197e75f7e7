/**
 * Facts of one raw message for the threat analysis: sender, recipients, thread headers, text,
 * links (HTML anchors and bare URLs), and attachment findings from looking inside the bytes
 * (macros in OOXML and OLE documents, encrypted or padded archives, archives in archives,
 * dangerous files inside zips). Bounded: zips are read with the scanner's limits.
 */
import { createHash } from 'node:crypto';
import PostalMime from 'postal-mime';
import { parseAuthenticationResults } from '../../core/mail/authentication-results.js';
import type { AttachmentFacts, MessageFacts } from '../../core/mail/message-facts.js';
import { readZip } from '../documents/zip-reader.js';
import { htmlToText } from '../scan/text-extract.js';
import { addressList, contentBuffer, type MimeAddress } from './postal-mime-parts.js';

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ARCHIVE = /\.(zip|7z|rar|lzh|gz|tar|cab)$/i;

function oleHasMacros(b: Buffer): boolean {
  return b.includes(Buffer.from('_VBA_PROJECT', 'utf16le')) || b.includes(Buffer.from('Macros', 'utf16le'));
}

const MAX_DEPTH = 3;

/** The attachment and, for archives, every file inside (archives inside archives to a bounded depth). */
async function inspect(filename: string, bytes: Buffer, depth = 0): Promise<AttachmentFacts[]> {
  const facts: AttachmentFacts = { filename, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, flags: [] };
  const out: AttachmentFacts[] = [facts];
  const flag = (f: AttachmentFacts['flags'][number]) => {
    if (!facts.flags.includes(f)) facts.flags.push(f);
  };
  if (bytes.subarray(0, 8).equals(CFB) && oleHasMacros(bytes)) flag('macro');
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') return out;
  const entries = await readZip(bytes);
  if (!entries) flag('unreadable');
  for (const e of entries ?? []) {
    if (e.name.endsWith('vbaProject.bin')) flag('macro');
    if (e.status === 'encrypted') flag('encrypted_archive');
    if (e.status === 'too_large') flag('huge_declared_size');
    if (e.status === 'unreadable') flag('unreadable');
    if (/\/$/.test(e.name) || e.name.endsWith('vbaProject.bin') || !/\.[a-z0-9]{2,5}$/i.test(e.name) || /\.(xml|rels|bin|png|jpg|jpeg|gif|emf|wmf)$/i.test(e.name)) continue;
    const inner = `${filename}/${e.name}`;
    if (ARCHIVE.test(e.name)) flag('nested_archive');
    // A file inside the zip is judged like an attachment of its own (an .lnk in a zip, a zip in a zip).
    if (e.data && depth + 1 < MAX_DEPTH && (e.data.subarray(0, 2).toString('latin1') === 'PK' || e.data.subarray(0, 8).equals(CFB))) out.push(...(await inspect(inner, e.data, depth + 1)));
    else out.push({ filename: inner, sha256: e.data ? createHash('sha256').update(e.data).digest('hex') : '', size: e.data?.length ?? 0, flags: [] });
  }
  return out;
}

function links(html: string | undefined, text: string): Array<{ text: string; href: string }> {
  const out: Array<{ text: string; href: string }> = [];
  for (const m of (html ?? '').matchAll(/<a\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi)) out.push({ href: (m[1] ?? '').trim(), text: htmlToText(m[2] ?? '').trim() });
  for (const m of text.matchAll(/https?:\/\/[^\s<>"')）]+/g)) if (!out.some((l) => l.href === m[0])) out.push({ href: m[0], text: m[0] });
  return out;
}

function addresses(list: ReadonlyArray<MimeAddress | undefined>): string[] {
  return addressList(list).map((a) => a.address.toLowerCase());
}

export interface ParsedMessage {
  facts: MessageFacts;
  /** Every address on the message with its display name (for the thread index). */
  addresses: Array<{ address: string; name: string }>;
  /** Header lines as postal-mime gives them (lower-case keys), for the detail view. */
  headers: Array<{ key: string; value: string }>;
}

export interface FactsOptions {
  /** authserv-ids of the hospital's MTA whose Authentication-Results are trusted. */
  trustedAuthservIds?: readonly string[];
}

export async function parseMessage(raw: Buffer, opts: FactsOptions = {}): Promise<ParsedMessage | null> {
  let email;
  try {
    email = await PostalMime.parse(raw);
  } catch {
    return null;
  }
  const e = email as unknown as { from?: MimeAddress; to?: MimeAddress[]; cc?: MimeAddress[]; replyTo?: MimeAddress[]; inReplyTo?: string; references?: string };
  const header = (key: string) => email.headers.filter((h) => h.key === key).map((h) => h.value);
  const text = email.text ?? (email.html ? htmlToText(email.html) : '');
  const attachments: AttachmentFacts[] = [];
  for (const a of email.attachments) attachments.push(...(await inspect(a.filename ?? (a.mimeType === 'message/rfc822' ? 'message.eml' : 'attachment'), contentBuffer(a.content))));
  const ids = `${e.inReplyTo ?? ''} ${e.references ?? ''}`.match(/<[^>]+>/g) ?? [];
  const at = email.date ? Date.parse(email.date) : Number.NaN;
  const facts: MessageFacts = {
    messageId: email.messageId ?? null,
    at: Number.isNaN(at) ? null : at,
    fromName: e.from?.name ?? '',
    fromAddress: (e.from?.address ?? '').toLowerCase(),
    replyTo: addresses(e.replyTo ?? []),
    recipients: addresses([...(e.to ?? []), ...(e.cc ?? [])]),
    subject: email.subject ?? '',
    inReplyTo: [...new Set(ids)],
    text,
    links: links(email.html, text),
    attachments,
    auth: parseAuthenticationResults(header('authentication-results'), (opts.trustedAuthservIds ?? []).map((d) => d.toLowerCase())),
  };
  const all = addressList([e.from, ...(e.to ?? []), ...(e.cc ?? []), ...(e.replyTo ?? [])]).map((a) => ({ address: a.address.toLowerCase(), name: a.name }));
  return { facts, addresses: all, headers: email.headers.map((h) => ({ key: h.key, value: h.value })) };
}
