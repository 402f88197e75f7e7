/**
 * Runs every structured recogniser over a text and resolves overlaps (a longer, more confident
 * finding wins: a My Number is not also reported as a phone number).
 */
import type { Finding, PiiKind, Recognizer } from './pii-kinds.js';
import { addressRecognizer } from './recognizers/address.js';
import { ageRecognizer, sexRecognizer } from './recognizers/age-sex.js';
import { bankAccountRecognizer } from './recognizers/bank-account.js';
import { birthDateRecognizer } from './recognizers/birth-date.js';
import { creditCardRecognizer } from './recognizers/credit-card.js';
import { emailRecognizer } from './recognizers/email.js';
import { diagnosisRecognizer, testResultRecognizer } from './recognizers/health.js';
import { insuranceNumberRecognizer } from './recognizers/insurance-number.js';
import { myNumberRecognizer } from './recognizers/my-number.js';
import { nameKanaRecognizer, nameRecognizer } from './recognizers/name.js';
import { patientIdRecognizer, type PatientIdOptions } from './recognizers/patient-id.js';
import { phoneRecognizer } from './recognizers/phone.js';
import { postalCodeRecognizer } from './recognizers/postal-code.js';

export function defaultRecognizers(patientId: PatientIdOptions = {}): Recognizer[] {
  return [
    myNumberRecognizer,
    creditCardRecognizer,
    insuranceNumberRecognizer,
    patientIdRecognizer(patientId),
    birthDateRecognizer,
    emailRecognizer,
    phoneRecognizer,
    postalCodeRecognizer,
    ageRecognizer,
    sexRecognizer,
    diagnosisRecognizer,
    testResultRecognizer,
    nameRecognizer,
    nameKanaRecognizer,
    addressRecognizer,
    bankAccountRecognizer,
  ];
}

const RANK: Readonly<Record<string, number>> = { high: 3, medium: 2, low: 1 };

export function scanText(text: string, recognizers: readonly Recognizer[] = defaultRecognizers()): Finding[] {
  const all = recognizers.flatMap((r) => r.recognize(text));
  all.sort((a, b) => (RANK[b.confidence] ?? 0) - (RANK[a.confidence] ?? 0) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of all) {
    if (kept.some((k) => f.start < k.end && k.start < f.end)) continue;
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Count of findings per kind (the `kinds` object of the scan output). */
export function countKinds(findings: readonly Finding[]): Partial<Record<PiiKind, number>> {
  const out: Partial<Record<PiiKind, number>> = {};
  for (const f of findings) out[f.kind] = (out[f.kind] ?? 0) + 1;
  return out;
}
