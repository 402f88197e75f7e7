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
