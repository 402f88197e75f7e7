/**
 * Tables are read as tables: a header row says which column holds which kind, so a 3,463-row
 * list is 3,463 people without running free-text recognisers over every cell (Macie treats a
 * column header as context for the whole column; so do we).
 */
import type { PiiKind } from './pii-kinds.js';

const HEADER_WORDS: ReadonlyArray<[PiiKind, RegExp]> = [
  ['name_kana', /(フリガナ|ふりがな|カナ|かな氏名|読み|name_?kana)/i],
  ['name', /(氏名|名前|患者名|お名前|姓名|^name$|full_?name|patient_?name)/i],
  ['birth_date', /(生年月日|誕生日|birth|dob)/i],
  ['age', /(年齢|^age$)/i],
  ['sex', /(性別|^sex$|gender)/i],
  ['postal_code', /(郵便番号|〒|zip|postal)/i],
  ['address', /(住所|所在地|address)/i],
  ['phone', /(電話|携帯|tel|phone|連絡先)/i],
  ['email', /(メール|e-?mail)/i],
  ['patient_id', /(患者ID|患者番号|カルテ番号|診察券|patient_?id|^id$)/i],
  ['my_number', /(マイナンバー|個人番号)/i],
  ['insurance_no', /(保険者番号|保険証|被保険者)/i],
  ['diagnosis', /(病名|傷病名|診断|既往|症状|疾患|処方)/i],
  ['test_result', /(検査結果|検査値|結果|判定)/i],
  ['credit_card', /(カード番号|card)/i],
  ['bank_account', /(口座)/i],
];

/** Kind of each column from its header (null: not personal data or unknown). */
export function classifyHeader(header: readonly string[]): Array<PiiKind | null> {
  return header.map((h) => {
    const t = h.normalize('NFKC').trim();
    for (const [kind, re] of HEADER_WORDS) if (re.test(t)) return kind;
    return null;
  });
}

export interface TableSummary {
  columns: Array<PiiKind | null>;
  /** Rows that hold at least one identifying value (name, ID, birth date, phone, e-mail, address). */
  persons: number;
  kinds: Partial<Record<PiiKind, number>>;
  sensitive: boolean;
}

const IDENTIFYING: ReadonlySet<PiiKind> = new Set<PiiKind>(['name', 'name_kana', 'patient_id', 'my_number', 'insurance_no', 'phone', 'email', 'address', 'birth_date']);

/** One person per data row that carries an identifying value; kinds counted per non-empty cell. */
export function summarizeTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): TableSummary {
  const columns = classifyHeader(header);
  const kinds: Partial<Record<PiiKind, number>> = {};
  let persons = 0;
  for (const row of rows) {
    let identifying = false;
    columns.forEach((kind, i) => {
      if (!kind || !(row[i] ?? '').trim()) return;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      if (IDENTIFYING.has(kind)) identifying = true;
    });
    if (identifying) persons += 1;
  }
  return { columns, persons, kinds, sensitive: Boolean(kinds.diagnosis ?? kinds.test_result) };
}
