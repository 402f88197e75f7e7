/**
 * From findings to what the breach table needs per item: kinds, distinct persons, 要配慮, category.
 * Prose rule: every distinct name is a person; an identifier (patient ID, My Number, insurer number)
 * farther than PERSON_WINDOW characters from any name is a further person. Tables: one person per
 * identifying row (table-columns.ts).
 */
import type { Finding, PiiKind } from './pii-kinds.js';
import type { TableSummary } from './table-columns.js';

export const PERSON_WINDOW = 120;

const IDS: ReadonlySet<PiiKind> = new Set<PiiKind>(['patient_id', 'my_number', 'insurance_no']);

export function personsInProse(findings: readonly Finding[]): number {
  const names = findings.filter((f) => f.kind === 'name');
  const distinctNames = new Set(names.map((n) => n.value)).size;
  const loneIds = new Set(
    findings.filter((f) => IDS.has(f.kind) && !names.some((n) => Math.abs(n.start - f.start) <= PERSON_WINDOW)).map((f) => `${f.kind}:${f.value}`),
  ).size;
  return distinctNames + loneIds;
}

export type ItemCategory = '患者リスト（検査結果）' | '患者リスト（疾病）' | '個人情報のリスト' | '個人の患者資料' | '個人情報を含む文書' | '個人情報なし';

export function categorize(input: { table: TableSummary | null; kinds: Partial<Record<PiiKind, number>>; persons: number }): ItemCategory {
  const { table, kinds, persons } = input;
  if (persons === 0) return '個人情報なし';
  if (table && table.persons > 1) {
    if (table.kinds.test_result) return '患者リスト（検査結果）';
    if (table.kinds.diagnosis) return '患者リスト（疾病）';
    return '個人情報のリスト';
  }
  if (kinds.diagnosis ?? kinds.test_result) return '個人の患者資料';
  return '個人情報を含む文書';
}
