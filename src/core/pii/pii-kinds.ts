/** Kinds of personal data the scanner reports (keys are the stable CLI/JSON keys of issue 4). */
export const PII_KINDS = [
  'name',
  'name_kana',
  'birth_date',
  'age',
  'sex',
  'address',
  'postal_code',
  'phone',
  'email',
  'patient_id',
  'my_number',
  'insurance_no',
  'credit_card',
  'bank_account',
  'diagnosis',
  'test_result',
] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** Japanese labels, as a notice's 項目 list writes them. */
export const KIND_LABELS: Readonly<Record<PiiKind, string>> = {
  name: '氏名',
  name_kana: 'フリガナ',
  birth_date: '生年月日',
  age: '年齢',
  sex: '性別',
  address: '住所',
  postal_code: '郵便番号',
  phone: '電話番号',
  email: 'メールアドレス',
  patient_id: '患者ID',
  my_number: 'マイナンバー',
  insurance_no: '保険者番号・記号番号',
  credit_card: 'クレジットカード番号',
  bank_account: '銀行口座',
  diagnosis: '病名・症状',
  test_result: '検査結果',
};

export type Confidence = 'low' | 'medium' | 'high';

/** One recognised value. Offsets index the text as given (recognisers keep offsets 1:1). */
export interface Finding {
  kind: PiiKind;
  start: number;
  end: number;
  /** Canonical form (digits only, ISO date …) used for de-duplication into persons. */
  value: string;
  confidence: Confidence;
  /** Why it was accepted, for the explainable trace (e.g. "checksum+keyword:マイナンバー"). */
  reason: string;
}

export interface Recognizer {
  kind: PiiKind;
  recognize(text: string): Finding[];
}
