/**
 * The result of scanning one item (a message or a file): the CLI's JSON line (issue 4 §6) plus
 * the person records, which stay in memory or in the database and are never printed.
 */
import { categorize, type ItemCategory } from './item-result.js';
import { PersonIndex, type PersonRecord } from './person-records.js';
import type { PiiKind } from './pii-kinds.js';

export type PartStatus = 'ok' | 'encrypted' | 'unreadable' | 'too_large' | 'unsupported';
export type KindCounts = Partial<Record<PiiKind, number>>;

export interface ScanPart {
  part: 'body' | 'attachment' | 'file';
  name: string;
  kinds: KindCounts;
  persons: number;
  status: PartStatus;
  category: ItemCategory;
  /** Why a part was not read (Japanese), e.g. パスワード付きZIPのため未検査. */
  reason?: string;
}

export interface ScanItem {
  item: string;
  message_id: string | null;
  kinds: KindCounts;
  persons: number;
  sensitive: boolean;
  category: ItemCategory;
  parts: ScanPart[];
}

export interface ScannedItem extends ScanItem {
  people: PersonRecord[];
}

export const STATUS_REASON: Readonly<Record<PartStatus, string>> = {
  ok: '',
  encrypted: '暗号化（パスワード付き）のため未検査',
  unreadable: '読み取れない形式または破損のため未検査',
  too_large: 'サイズ・展開率・入れ子の上限を超えたため未検査',
  unsupported: '未対応の形式のため未検査',
};

export function mergeKinds(into: KindCounts, add: KindCounts): void {
  for (const [k, v] of Object.entries(add) as Array<[PiiKind, number]>) into[k] = (into[k] ?? 0) + v;
}

export function isSensitive(kinds: KindCounts): boolean {
  return Boolean(kinds.diagnosis ?? kinds.test_result);
}

/** A part that could not be read: a status and its reason, never silence. */
export function unreadPart(part: ScanPart['part'], name: string, status: Exclude<PartStatus, 'ok'>, reason?: string): ScanPart {
  return { part, name, kinds: {}, persons: 0, status, category: '個人情報なし', reason: reason ?? STATUS_REASON[status] };
}

/** An item from its parts: kinds and people add up; the category follows the richest list. */
export function itemFromParts(item: string, messageId: string | null, parts: ScanPart[], people: PersonRecord[], listPart?: { persons: number; kinds: KindCounts; staff: boolean }): ScannedItem {
  const kinds: KindCounts = {};
  for (const p of parts) mergeKinds(kinds, p.kinds);
  // The same patient in the body and in an attached letter is one person of this item.
  const index = new PersonIndex();
  for (const p of people) index.add(p);
  const persons = index.persons;
  return {
    item,
    message_id: messageId,
    kinds,
    persons,
    sensitive: isSensitive(kinds),
    category: categorize({ table: listPart ?? null, kinds, persons }),
    parts,
    people,
  };
}

/** The JSON line of the CLI: the item without its person records. */
export function presentItem(i: ScannedItem): ScanItem {
  return { item: i.item, message_id: i.message_id, kinds: i.kinds, persons: i.persons, sensitive: i.sensitive, category: i.category, parts: i.parts };
}
