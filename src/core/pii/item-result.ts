/**
 * From findings to what the breach table needs per item: distinct persons (person-records.ts) and
 * an automatic category. A list (table with more than one person) is classified by its columns:
 * test results, then diagnoses, then staff columns (所属, 職種 …); a single person's record with
 * health information is 個人の患者資料.
 */
import { recordsFromFindings } from './person-records.js';
import type { Finding, PiiKind } from './pii-kinds.js';
import type { TableSummary } from './table-columns.js';

export function personsInProse(findings: readonly Finding[]): number {
  return recordsFromFindings(findings).length;
}

export const ITEM_CATEGORIES = ['患者リスト（検査結果）', '患者リスト（疾病）', '職員・関係者リスト', '個人情報のリスト', '個人の患者資料', '個人情報を含む文書', '本文のみ', '個人情報なし'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const LIST_CATEGORIES: ReadonlySet<ItemCategory> = new Set<ItemCategory>(['患者リスト（検査結果）', '患者リスト（疾病）', '職員・関係者リスト', '個人情報のリスト']);

export function categorize(input: { table: Pick<TableSummary, 'persons' | 'kinds' | 'staff'> | null; kinds: Partial<Record<PiiKind, number>>; persons: number }): ItemCategory {
  const { table, kinds, persons } = input;
  if (persons === 0) return '個人情報なし';
  if (table && table.persons > 1) {
    if (table.kinds.test_result) return '患者リスト（検査結果）';
    if (table.kinds.diagnosis) return '患者リスト（疾病）';
    if (table.staff) return '職員・関係者リスト';
    return '個人情報のリスト';
  }
  if (kinds.diagnosis ?? kinds.test_result) return '個人の患者資料';
  return '個人情報を含む文書';
}
