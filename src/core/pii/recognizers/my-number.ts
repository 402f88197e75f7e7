import type { Finding, Recognizer } from '../pii-kinds.js';
import { digitsOnly, fold, near } from '../text-context.js';

const KEYWORDS = ['マイナンバー', '個人番号', '共通番号', '通知カード', 'my number', 'mynumber'];

/** 総務省令第85号 §5: weights 6,5,4,3,2,7,6,5,4,3,2 on the first 11 digits; check = 11 − r (0 when r ≤ 1). */
export function myNumberCheckDigit(first11: string): number {
  const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 11; i += 1) sum += Number(first11[i]) * (weights[i] ?? 0);
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidMyNumber(digits: string): boolean {
  return /^\d{12}$/.test(digits) && myNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]);
}

/**
 * 個人番号. About 10 % of random 12-digit numbers pass the checksum, so a keyword is required
 * (order numbers and receipt numbers must not be reported).
 */
export const myNumberRecognizer: Recognizer = {
  kind: 'my_number',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    for (const m of t.matchAll(/(?<![\d-])(\d{4})[ .-]?(\d{4})[ .-]?(\d{4})(?![\d-])/g)) {
      const digits = digitsOnly(m[0]);
      if (!isValidMyNumber(digits)) continue;
      const start = m.index;
      const end = start + m[0].length;
      const k = near(t, start, end, KEYWORDS, 40, 5);
      if (!k) continue;
      out.push({ kind: 'my_number', start, end, value: digits, confidence: 'high', reason: `checksum+keyword:${k}` });
    }
    return out;
  },
};
