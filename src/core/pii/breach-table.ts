/**
 * The breach table a hospital publishes (内容 / 件数 / 対象人数), built from scan results in the
 * shape of the real notice: mails with personal data only in the body, mails with it in
 * attachments (one sub-row per kind of document), files, and what could not be inspected.
 * Row person counts add up the items' own counts, as the published tables do; the de-duplicated
 * total over the whole source is a separate figure (`persons`).
 */
import { LIST_CATEGORIES, type ItemCategory } from './item-result.js';
import { KIND_LABELS, PII_KINDS, type PiiKind } from './pii-kinds.js';
import type { KindCounts, PartStatus, ScanItem } from './scan-item.js';

export interface BreachRow {
  /** 0: a group, 1: a sub-row of the group above. */
  level: 0 | 1;
  label: string;
  category: ItemCategory | null;
  items: number;
  persons: number;
  kinds: PiiKind[];
  /** Set on rows of items that hold a part which could not be inspected. */
  status?: Exclude<PartStatus, 'ok'>;
}

const UNINSPECTED: ReadonlyArray<[Exclude<PartStatus, 'ok'>, string]> = [
  ['encrypted', '未検査：パスワード付きファイルを含むメール・ファイル（パスワードを確認して要確認）'],
  ['too_large', '未検査：サイズ・展開率・入れ子の上限を超えた添付・ファイル'],
  ['unreadable', '未検査：破損・読み取り不能な添付・ファイル'],
  ['unsupported', '未検査：画像など文字を読み取れない形式の添付・ファイル'],
];

const DESCRIPTION: Readonly<Record<ItemCategory, string>> = {
  '患者リスト（検査結果）': '検査結果のリスト',
  '患者リスト（疾病）': '疾病の患者のリスト',
  '職員・関係者リスト': '職員・関係者のリスト',
  個人情報のリスト: '個人情報のリスト',
  個人の患者資料: '個別の患者の病名、症状等を記載した資料',
  個人情報を含む文書: '個人情報を含む文書',
  本文のみ: '本文に個人情報を含むメール',
  個人情報なし: '個人情報なし',
};

const ORDER: readonly ItemCategory[] = ['患者リスト（検査結果）', '患者リスト（疾病）', '職員・関係者リスト', '個人情報のリスト', '個人の患者資料', '個人情報を含む文書'];

/** 「氏名、生年月日、検査結果等」: the kinds found, most frequent identifying ones first. */
export function kindsPhrase(kinds: readonly PiiKind[], max = 4): string {
  const shown = kinds.slice(0, max).map((k) => KIND_LABELS[k]);
  return shown.length ? `（${shown.join('、')}${kinds.length > max || shown.length > 1 ? '等' : ''}）` : '';
}

function orderedKinds(counts: KindCounts): PiiKind[] {
  return PII_KINDS.filter((k) => (counts[k] ?? 0) > 0);
}

function isMail(i: ScanItem): boolean {
  return i.message_id !== null || i.parts.some((p) => p.part === 'body');
}

interface Acc {
  items: number;
  persons: number;
  kinds: KindCounts;
}

function accumulate(acc: Acc, kinds: KindCounts, persons: number): void {
  acc.items += 1;
  acc.persons += persons;
  for (const [k, v] of Object.entries(kinds) as Array<[PiiKind, number]>) acc.kinds[k] = (acc.kinds[k] ?? 0) + v;
}

const empty = (): Acc => ({ items: 0, persons: 0, kinds: {} });

export function breachTable(items: Iterable<ScanItem>): BreachRow[] {
  const bodyOnly = empty();
  const withAttachment = empty();
  const files = empty();
  const uninspected = new Map<Exclude<PartStatus, 'ok'>, number>();
  const byCategory = { mail: new Map<ItemCategory, Acc>(), file: new Map<ItemCategory, Acc>() };
  for (const i of items) {
    for (const status of new Set(i.parts.map((p) => p.status))) if (status !== 'ok') uninspected.set(status, (uninspected.get(status) ?? 0) + 1);
    if (i.persons === 0) continue;
    const mail = isMail(i);
    const attachmentParts = i.parts.filter((p) => p.part !== 'body' && p.persons > 0);
    if (mail && attachmentParts.length === 0) {
      accumulate(bodyOnly, i.kinds, i.persons);
      continue;
    }
    const group = mail ? withAttachment : files;
    accumulate(group, i.kinds, i.persons);
    // The item's document kind: its richest list if it carries one, else its own category.
    const listCategory = attachmentParts.map((p) => p.category).find((c) => LIST_CATEGORIES.has(c));
    const category = listCategory ?? (i.category === '本文のみ' ? '個人情報を含む文書' : i.category);
    const map = mail ? byCategory.mail : byCategory.file;
    const acc = map.get(category) ?? empty();
    accumulate(acc, i.kinds, i.persons);
    map.set(category, acc);
  }
  const rows: BreachRow[] = [];
  const group = (label: string, acc: Acc, sub: Map<ItemCategory, Acc> | null) => {
    if (acc.items === 0) return;
    const kinds = orderedKinds(acc.kinds);
    rows.push({ level: 0, label: `${label}${sub ? '' : kindsPhrase(kinds)}`, category: null, items: acc.items, persons: acc.persons, kinds });
    for (const c of ORDER) {
      const a = sub?.get(c);
      if (!a) continue;
      const k = orderedKinds(a.kinds);
      rows.push({ level: 1, label: `${DESCRIPTION[c]}${kindsPhrase(k)}`, category: c, items: a.items, persons: a.persons, kinds: k });
    }
  };
  group('本文にのみ個人情報が含まれるメール', bodyOnly, null);
  group('添付ファイルに個人情報が含まれるメール', withAttachment, byCategory.mail);
  group('個人情報が含まれるファイル', files, byCategory.file);
  // Not inspected is not "no personal data": each reason is its own row for a person to follow up.
  for (const [status, label] of UNINSPECTED) {
    const n = uninspected.get(status);
    if (n) rows.push({ level: 0, label, category: null, items: n, persons: 0, kinds: [], status });
  }
  return rows;
}
