/**
 * The wording a notice needs from a scope: 「項目：患者ID、氏名、性別、住所、電話番号、生年月日」 and
 * 「約13万人」. Items are listed in the order notices usually write them.
 */
import type { BreachRow } from './breach-table.js';
import { KIND_LABELS, type PiiKind } from './pii-kinds.js';

const NOTICE_ORDER: readonly PiiKind[] = ['patient_id', 'name', 'name_kana', 'sex', 'address', 'postal_code', 'phone', 'birth_date', 'age', 'email', 'insurance_no', 'my_number', 'diagnosis', 'test_result', 'credit_card', 'bank_account'];

export function noticeItems(rows: readonly BreachRow[]): string {
  const kinds = new Set(rows.flatMap((r) => r.kinds));
  const labels = NOTICE_ORDER.filter((k) => kinds.has(k)).map((k) => KIND_LABELS[k]);
  return labels.length ? `項目：${[...new Set(labels)].join('、')}` : '項目：なし';
}

/** 「約13万人」 for large counts, 「約3,700人」 for thousands, the exact number below 1,000. */
export function approxPeople(n: number): string {
  if (n < 1000) return `${n}人`;
  if (n < 10000) return `約${(Math.round(n / 100) * 100).toLocaleString('ja-JP')}人`;
  return `約${Math.round(n / 10000).toLocaleString('ja-JP')}万人`;
}
