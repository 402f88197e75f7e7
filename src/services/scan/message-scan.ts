/**
 * Scanning one mail message: the body (signature removed; the correspondents' own names are not
 * third-party data) and every attachment as a file, including forwarded messages (.eml or
 * message/rfc822 inside the message, to a bounded depth). Malformed MIME is a status, never a crash.
 */
import path from 'node:path';
import PostalMime from 'postal-mime';
import { normalizeName } from '../../core/incidents/person-matching.js';
import { categorize } from '../../core/pii/item-result.js';
import { scanProse } from '../../core/pii/prose-scan.js';
import { itemFromParts, unreadPart, type PartStatus, type ScannedItem } from '../../core/pii/scan-item.js';
import { DEFAULT_SCAN_OPTIONS, proseFilter, type ScanOptions } from '../../core/pii/scan-options.js';
import type { Finding } from '../../core/pii/pii-kinds.js';
import { stripSignature } from '../../core/pii/signature.js';
import { scanFile, scanFileParts, type FileScan } from './file-scan.js';
import { contentBuffer } from '../mail/postal-mime-parts.js';
import { htmlToText } from './text-extract.js';

export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

async function messageParts(raw: Buffer, depth: number, prefix: string, opts: ScanOptions): Promise<(FileScan & { messageId: string | null }) | null> {
  let email;
  try {
    email = await PostalMime.parse(raw, { forceRfc822Attachments: true });
  } catch {
    return null;
  }
  const correspondents = new Set(
    [email.from, email.sender, ...(email.to ?? []), ...(email.cc ?? []), ...(email.replyTo ?? [])]
      .flatMap((a) => (a ? ('group' in a && a.group ? a.group : [a]) : []))
      .map((a) => normalizeName(a.name ?? ''))
      .filter(Boolean),
  );
  const body = stripSignature(email.text ?? (email.html ? htmlToText(email.html) : ''));
  const keep = proseFilter(opts);
  const { kinds, people, table } = scanProse(body, (f: Finding) => keep(f) && !(f.kind === 'name' && correspondents.has(normalizeName(f.value))));
  const list = table ? { persons: table.persons, kinds: table.kinds, staff: table.staff } : null;
  const out: FileScan & { messageId: string | null } = {
    messageId: email.messageId ?? null,
    parts: [{ part: prefix ? 'attachment' : 'body', name: prefix, kinds, persons: people.length, status: 'ok', category: categorize({ table: list, kinds, persons: people.length }) }],
    people,
    list,
  };
  for (const a of email.attachments) {
    const rfc822 = a.mimeType === 'message/rfc822';
    const name = a.filename ?? (rfc822 ? 'message.eml' : 'attachment');
    const file = rfc822 && path.extname(name).toLowerCase() !== '.eml' ? `${name}.eml` : name;
    const bytes = contentBuffer(a.content);
    const big = bytes.length > MAX_ATTACHMENT_BYTES;
    const status: PartStatus = big ? 'too_large' : 'ok';
    const sub = await scanFileParts(file, big ? null : bytes, status, { depth, part: 'attachment', keep, message: (n, d, dep) => embedded(n, d, dep, opts) });
    for (const p of sub.parts) out.parts.push({ ...p, part: 'attachment', name: `${prefix ? `${prefix}/` : ''}${p.name}` });
    out.people.push(...sub.people);
    if (sub.list && (!out.list || sub.list.persons > out.list.persons)) out.list = sub.list;
  }
  return out;
}

/** A forwarded message inside a message or a zip: its body and attachments become attachment parts. */
async function embedded(name: string, data: Buffer, depth: number, opts: ScanOptions): Promise<FileScan> {
  const m = await messageParts(data, depth, name, opts);
  return m ?? { parts: [unreadPart('attachment', name, 'unreadable')], people: [], list: null };
}

export async function scanMessage(item: string, raw: Buffer, opts: ScanOptions = DEFAULT_SCAN_OPTIONS): Promise<ScannedItem> {
  const m = await messageParts(raw, 0, '', opts);
  if (!m) return itemFromParts(item, null, [unreadPart('body', '', 'unreadable')], []);
  const scanned = itemFromParts(item, m.messageId, m.parts, m.people, m.list ?? undefined);
  const attachmentPersons = m.parts.some((p) => p.part === 'attachment' && p.persons > 0);
  return scanned.persons > 0 && !attachmentPersons && !m.list ? { ...scanned, category: '本文のみ' } : scanned;
}

/** Any file from a folder walk: messages (.eml) as messages, the rest as files (a zip may hold .eml). */
export async function scanSourceFile(item: string, data: Buffer | null, status: PartStatus, opts: ScanOptions = DEFAULT_SCAN_OPTIONS): Promise<ScannedItem> {
  if (data && status === 'ok' && path.extname(item).toLowerCase() === '.eml') return scanMessage(item, data, opts);
  return scanFile(item, data, status, (n, d, dep) => embedded(n, d, dep, opts), opts);
}
