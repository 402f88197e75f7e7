import PostalMime from 'postal-mime';
import { normalizeName } from '../core/incidents/person-matching.js';
import { categorize, personsInProse } from '../core/pii/item-result.js';
import type { Finding, PiiKind } from '../core/pii/pii-kinds.js';
import { countKinds, scanText } from '../core/pii/scan-text.js';
import { stripSignature } from '../core/pii/signature.js';
import { scanFile, type ScanItem, type ScanPart } from './scan.service.js';

const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function merge(into: Partial<Record<PiiKind, number>>, add: Partial<Record<PiiKind, number>>): void {
  for (const [k, v] of Object.entries(add) as Array<[PiiKind, number]>) into[k] = (into[k] ?? 0) + v;
}

/**
 * Scan one message: the body (signature removed; the correspondents' own names are not counted)
 * and each attachment as a file. Malformed MIME is a status, never a crash.
 */
export async function scanMessage(item: string, raw: Buffer): Promise<ScanItem> {
  let email;
  try {
    email = await PostalMime.parse(raw);
  } catch {
    return { item, message_id: null, kinds: {}, persons: 0, sensitive: false, category: '個人情報なし', parts: [{ part: 'body', name: '', kinds: {}, persons: 0, status: 'unreadable' }] };
  }
  const correspondents = new Set(
    [email.from, email.sender, ...(email.to ?? []), ...(email.cc ?? []), ...(email.replyTo ?? [])]
      .flatMap((a) => (a ? ('group' in a && a.group ? a.group : [a]) : []))
      .map((a) => normalizeName(a.name ?? ''))
      .filter(Boolean),
  );
  const body = stripSignature(email.text ?? (email.html ? htmlToText(email.html) : ''));
  const findings: Finding[] = scanText(body).filter((f) => !(f.kind === 'name' && correspondents.has(normalizeName(f.value))));
  const bodyKinds = countKinds(findings);
  const bodyPersons = personsInProse(findings);
  const parts: ScanPart[] = [{ part: 'body', name: '', kinds: bodyKinds, persons: bodyPersons, status: 'ok' }];
  const kinds: Partial<Record<PiiKind, number>> = { ...bodyKinds };
  let persons = bodyPersons;
  let table = null;
  for (const a of email.attachments) {
    const name = a.filename ?? 'attachment';
    const c = a.content;
    const bytes = typeof c === 'string' ? Buffer.from(c) : c instanceof ArrayBuffer ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    const sub = await scanFile(name, bytes.length > MAX_ATTACHMENT_BYTES ? null : bytes, bytes.length > MAX_ATTACHMENT_BYTES ? 'too_large' : 'ok');
    for (const p of sub.parts) parts.push({ ...p, part: 'attachment', name: p.name.includes('/') ? p.name : name });
    merge(kinds, sub.kinds);
    persons += sub.persons;
    if (sub.category.startsWith('患者リスト') || sub.category === '個人情報のリスト') table = { persons: sub.persons, kinds: sub.kinds, columns: [], sensitive: sub.sensitive };
  }
  return {
    item,
    message_id: email.messageId ?? null,
    kinds,
    persons,
    sensitive: Boolean(kinds.diagnosis ?? kinds.test_result),
    category: categorize({ table, kinds, persons }),
    parts,
  };
}
