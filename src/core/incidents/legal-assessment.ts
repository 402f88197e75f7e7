/**
 * Which 個人情報保護委員会規則7条 triggers apply to a case's data exposures.
 * Source: ../shared/domain/law-and-guidelines.md §2.2 (法26条 / 法68条, 規則7条1–4号).
 */

export const POPULATIONS = ['patient', 'staff', 'trainee', 'business_partner', 'other'] as const;
export type Population = (typeof POPULATIONS)[number];
export const POPULATION_LABELS: Readonly<Record<Population, string>> = {
  patient: '患者',
  staff: '職員',
  trainee: '実習生・学生',
  business_partner: '取引先',
  other: 'その他',
};

/** Items of personal data. `sensitive` ones are 要配慮個人情報 (法2条3項: 病歴, 診療記録 …). */
export const DATA_ITEMS = {
  patient_id: { label: '患者ID', sensitive: false, financial: false },
  name: { label: '氏名', sensitive: false, financial: false },
  sex: { label: '性別', sensitive: false, financial: false },
  address: { label: '住所', sensitive: false, financial: false },
  phone: { label: '電話番号', sensitive: false, financial: false },
  birth_date: { label: '生年月日', sensitive: false, financial: false },
  email: { label: 'メールアドレス', sensitive: false, financial: false },
  insurance_number: { label: '保険者番号・記号番号', sensitive: false, financial: false },
  my_number: { label: 'マイナンバー', sensitive: false, financial: false },
  diagnosis: { label: '病名・病歴', sensitive: true, financial: false },
  test_result: { label: '検査結果', sensitive: true, financial: false },
  medical_record: { label: '診療記録', sensitive: true, financial: false },
  prescription: { label: '処方・服薬', sensitive: true, financial: false },
  credit_card: { label: 'クレジットカード番号', sensitive: false, financial: true },
  bank_account: { label: '銀行口座', sensitive: false, financial: true },
  login_credentials: { label: 'ID・パスワード', sensitive: false, financial: true },
  other: { label: 'その他', sensitive: false, financial: false },
} as const;
export type DataItem = keyof typeof DATA_ITEMS;

export function isDataItem(v: string): v is DataItem {
  return Object.hasOwn(DATA_ITEMS, v);
}

export interface Exposure {
  population: Population;
  count: number;
  countIsEstimate: boolean;
  items: DataItem[];
  /** Flags as decided by a person; items can only add to them, never remove. */
  sensitive: boolean;
  financial: boolean;
  malicious: boolean;
  /** 高度な暗号化その他の必要な措置: this exposure does not count. */
  highEncryption: boolean;
}

export type Regime = 'art26' | 'art68';

export interface TriggerDecision {
  r7_1_sensitive: boolean;
  r7_2_financial: boolean;
  r7_3_malicious: boolean;
  r7_4_over_threshold: boolean;
  /** 1,000 (法26条) or 100 (法68条, 行政機関等). */
  threshold: number;
  /** People counted: all non-exempt exposures (same person in two populations counted twice — an upper bound). */
  people: number;
  peopleIsEstimate: boolean;
  /** Every exposure protected by high-grade encryption → no report, no individual notice. */
  exempt: boolean;
  reportable: boolean;
  /** Human-readable reasons, Japanese, one per applicable trigger or exemption. */
  reasons: string[];
}

export function thresholdFor(regime: Regime): number {
  return regime === 'art68' ? 100 : 1000;
}

/** Decide the 規則7条 triggers for a set of exposures. Pure and deterministic. */
export function assessTriggers(exposures: readonly Exposure[], regime: Regime): TriggerDecision {
  const counted = exposures.filter((e) => !e.highEncryption);
  const threshold = thresholdFor(regime);
  const people = counted.reduce((n, e) => n + e.count, 0);
  const sensitive = counted.some((e) => e.count > 0 && (e.sensitive || e.items.some((i) => DATA_ITEMS[i].sensitive)));
  const financial = counted.some((e) => e.count > 0 && (e.financial || e.items.some((i) => DATA_ITEMS[i].financial)));
  const malicious = counted.some((e) => e.count > 0 && e.malicious);
  // "1,000人を超える" — strictly more than the threshold.
  const over = people > threshold;
  const exempt = exposures.length > 0 && counted.length === 0;
  const reasons: string[] = [];
  if (sensitive) reasons.push('1号: 要配慮個人情報が含まれる');
  if (financial) reasons.push('2号: 財産的被害が生じるおそれがある');
  if (malicious) reasons.push('3号: 不正の目的をもって行われたおそれがある');
  if (over) reasons.push(`4号: 本人の数が${threshold.toLocaleString('ja-JP')}人を超える（${people.toLocaleString('ja-JP')}人）`);
  if (exempt) reasons.push('高度な暗号化等の措置が講じられているため報告対象外');
  const reportable = !exempt && (sensitive || financial || malicious || over);
  return {
    r7_1_sensitive: sensitive,
    r7_2_financial: financial,
    r7_3_malicious: malicious,
    r7_4_over_threshold: over,
    threshold,
    people,
    peopleIsEstimate: counted.some((e) => e.countIsEstimate),
    exempt,
    reportable,
    reasons,
  };
}
