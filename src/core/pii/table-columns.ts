/**
 * Tables are read as tables: a header row says which column holds which kind, so a 3,463-row
 * list is 3,463 people without running free-text recognisers over every cell (Macie treats a
 * column header as context for the whole column; so do we).
 */
import { parseJapaneseDate } from '../incidents/timeline-csv.js';
import { isIdentifying, recordFromRow, type PersonRecord } from './person-records.js';
import type { PiiKind } from './pii-kinds.js';

const HEADER_WORDS: ReadonlyArray<[PiiKind, RegExp]> = [
  ['name_kana', /(フリガナ|ふりがな|カナ|かな氏名|読み|kana)/i],
  ['name', /(氏名|名前|患者名|お名前|姓名|^name$|full_?name|patient_?name|^(last|first|family|given)_?name$|^shimei$)/i],
  ['birth_date', /(生年月日|誕生日|birth|dob)/i],
  ['age', /(年齢|^age$)/i],
  ['sex', /(性別|^sex$|gender)/i],
  ['postal_code', /(郵便番号|〒|zip|postal|post_?code)/i],
  ['address', /(住所|所在地|address|^addr)/i],
  ['phone', /(電話|携帯|tel|phone|mobile|連絡先)/i],
  ['email', /(メール|e-?mail|^mail(_?addr(ess)?)?$)/i],
  ['patient_id', /(患者ID|患者番号|カルテ番号|カルテNo|診察券|patient_?(id|no)|^pt_?id$|karte_?no|chart_?no|^id$)/i],
  ['my_number', /(マイナンバー|個人番号|my_?number)/i],
  ['insurance_no', /(保険者番号|保険証|被保険者|insurer_?(no|number)|insurance_?(no|number))/i],
  ['diagnosis', /(病名|傷病名|診断|既往|症状|疾患|処方|diagnosis|disease)/i],
  ['test_result', /(検査結果|検査値|結果|判定|test_?result|lab_?result)/i],
  ['credit_card', /(カード番号|card)/i],
  ['bank_account', /(口座|bank_?account)/i],
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
  /** One record per identifying row, values normalised for de-duplication. */
  people: PersonRecord[];
  /** Columns say the rows are staff or business contacts (所属, 職種, 勤務先 …). */
  staff: boolean;
}

const STAFF_HEADER = /(所属|部署|職種|役職|勤務先|施設名|医療機関|免許|資格|職員番号|社員番号|department|^dept|^title$|job_?type|position|staff_?(id|no)|employee)/i;

/** Cell value in the canonical form recognisers use (ISO birth date, digits-only numbers). */
export function normalizeCell(kind: PiiKind, raw: string): string {
  switch (kind) {
    case 'birth_date':
      return parseJapaneseDate(raw) ?? raw;
    case 'my_number':
    case 'insurance_no':
    case 'phone':
    case 'postal_code':
    case 'credit_card':
    case 'bank_account':
      return raw.normalize('NFKC').replace(/\D/g, '') || raw;
    case 'name':
    case 'name_kana':
      return raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
    case 'patient_id':
    case 'age':
    case 'sex':
    case 'address':
    case 'email':
    case 'diagnosis':
    case 'test_result':
      return raw.normalize('NFKC').trim();
  }
}

/** One person per data row that carries an identifying value; kinds counted per non-empty cell. */
export function summarizeTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): TableSummary {
  const columns = classifyHeader(header);
  const kinds: Partial<Record<PiiKind, number>> = {};
  const people: PersonRecord[] = [];
  const staff = header.some((h) => STAFF_HEADER.test(h.normalize('NFKC')));
  if (!columns.some((k) => k !== null && isIdentifying(k))) return { columns, persons: 0, kinds, sensitive: false, people, staff };
  for (const row of rows) {
    columns.forEach((kind, i) => {
      if (kind && (row[i] ?? '').trim()) kinds[kind] = (kinds[kind] ?? 0) + 1;
    });
    const r = recordFromRow(columns, row, normalizeCell);
    if (r) people.push(r);
  }
  return { columns, persons: people.length, kinds, sensitive: Boolean(kinds.diagnosis ?? kinds.test_result), people, staff };
}
