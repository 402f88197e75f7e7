import type { Finding, Recognizer } from '../pii-kinds.js';
import { digitsOnly, fold, near } from '../text-context.js';

const PERSONAL_LABELS = ['tel', '電話', '携帯', '連絡先', '自宅', 'phone', '℡'];
const FAX_LABELS = ['fax', 'ファックス', 'ファクス'];

/**
 * Japanese phone numbers: fixed/IP 10 digits (0 + area + exchange + subscriber), mobile
 * 060/070/080/090 and IP 050 (11 digits), toll-free 0120/0800, navi dial 0570, and +81 forms.
 * Separators are required except for mobiles (090XXXXXXXX is common), so product and order
 * numbers that merely start with 0 are not reported.
 */
export const phoneRecognizer: Recognizer = {
  kind: 'phone',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    const re = /(?<![\w-])(?:\+81[ -]?\(?0?\)?|0)(\d{1,4})(?:[ -]|\)|\(|-)?\(?(\d{1,4})\)?[ -]?(\d{3,4})(?![\w-])/g;
    for (const m of t.matchAll(re)) {
      const raw = m[0];
      let digits = digitsOnly(raw);
      if (raw.startsWith('+81')) digits = `0${digits.slice(2).replace(/^0/, '')}`;
      const separated = /[ ()-]/.test(raw.replace(/^\+81/, ''));
      const mobile = /^0[5-9]0\d{8}$/.test(digits);
      const fixed = /^0[1-9]\d{8}$/.test(digits) && !/^0[5-9]0/.test(digits);
      const tollFree = /^0120\d{6}$/.test(digits) || /^0800\d{7}$/.test(digits) || /^0570\d{6}$/.test(digits);
      if (!(mobile || fixed || tollFree)) continue;
      if (!separated && !mobile) continue;
      const start = m.index;
      const end = start + raw.length;
      // A number labelled FAX (or a toll-free line) is an organisation's, not a person's.
      const fax = near(t, start, end, FAX_LABELS, 8, 0);
      const label = near(t, start, end, PERSONAL_LABELS, 12, 0);
      const confidence = fax || tollFree ? 'low' : mobile || label ? 'high' : 'medium';
      out.push({ kind: 'phone', start, end, value: digits, confidence, reason: fax ? 'fax' : tollFree ? 'toll-free' : label ? `label:${label}` : mobile ? 'mobile' : 'pattern' });
    }
    return out;
  },
};
