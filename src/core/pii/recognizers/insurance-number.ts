import type { Finding, Recognizer } from '../pii-kinds.js';
import { fold, near } from '../text-context.js';

/**
 * 保険者番号 check digit (厚労省「保険者番号設定要領」): from the last base digit leftwards multiply
 * by 2,1,2,1…, add the digits of each product, check = 10 − (sum mod 10), 0 when that is 10.
 */
export function insurerCheckDigit(base: string): number {
  let sum = 0;
  for (let i = 0; i < base.length; i += 1) {
    const d = Number(base[base.length - 1 - i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(d / 10) + (d % 10);
  }
  const c = 10 - (sum % 10);
  return c === 10 ? 0 : c;
}

export function isValidInsurerNumber(digits: string): boolean {
  return /^(\d{6}|\d{8})$/.test(digits) && insurerCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

const KEYWORDS = ['保険者番号', '保険証', '被保険者', '記号', '健康保険', '国保', '後期高齢'];

/** 保険者番号 (6 or 8 digits with check digit) near an insurance keyword. */
export const insuranceNumberRecognizer: Recognizer = {
  kind: 'insurance_no',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    for (const m of t.matchAll(/(?<![\d-])(\d{8}|\d{6})(?![\d-])/g)) {
      if (!isValidInsurerNumber(m[0])) continue;
      const k = near(t, m.index, m.index + m[0].length, KEYWORDS, 20, 5);
      if (!k) continue;
      out.push({ kind: 'insurance_no', start: m.index, end: m.index + m[0].length, value: m[0], confidence: 'high', reason: `checksum+keyword:${k}` });
    }
    return out;
  },
};
