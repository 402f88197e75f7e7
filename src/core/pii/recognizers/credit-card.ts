import type { Finding, Recognizer } from '../pii-kinds.js';
import { digitsOnly, fold, near } from '../text-context.js';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const BRANDS = /^(4\d{15}|5[1-5]\d{14}|2(2[2-9]|[3-6]\d|7[01])\d{12}|3[47]\d{13}|35(2[89]|[3-8]\d)\d{12}|3(0[0-5]|[68]\d)\d{11})$/;

const NOT_CARD = ['注文番号', '請求番号', '伝票番号', '管理番号', '受付番号', '問合せ番号', '問い合わせ番号', '資料番号', '契約番号', '口座番号', 'お客様番号', '追跡番号'];

/** Card numbers: brand prefix + length + Luhn; a card keyword raises confidence, another number's label rules it out. */
export const creditCardRecognizer: Recognizer = {
  kind: 'credit_card',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    for (const m of t.matchAll(/(?<![\d-])\d{4}(?:[ -]?\d{2,6}){2,3}(?:[ -]?\d{1,4})?(?![\d-])/g)) {
      const digits = digitsOnly(m[0]);
      if (!BRANDS.test(digits) || !luhnValid(digits)) continue;
      const k = near(t, m.index, m.index + m[0].length, ['カード', 'card', 'visa', 'master', 'jcb', 'amex'], 30, 10);
      // One random 16-digit number in ten passes Luhn: an order or invoice number is not a card.
      if (!k && near(t, m.index, m.index, NOT_CARD, 12, 0)) continue;
      out.push({ kind: 'credit_card', start: m.index, end: m.index + m[0].length, value: digits, confidence: k ? 'high' : 'medium', reason: k ? `luhn+keyword:${k}` : 'luhn+brand' });
    }
    return out;
  },
};
