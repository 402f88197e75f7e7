import type { Finding, Recognizer } from '../pii-kinds.js';
import { fold, near } from '../text-context.js';

/** 〒NNN-NNNN. Without 〒 or a label the pattern is too common (part numbers) → medium only with an address after it. */
export const postalCodeRecognizer: Recognizer = {
  kind: 'postal_code',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    for (const m of t.matchAll(/(〒\s?)?(?<![\d-])(\d{3})-(\d{4})(?![\d-])/g)) {
      const start = m.index;
      const end = start + m[0].length;
      const mark = Boolean(m[1]);
      const label = near(t, start, end, ['郵便番号', '〒', '住所', 'zip'], 10, 0);
      const addressAfter = /^\s*(北海道|東京都|大阪府|京都府|.{2,3}県)/.test(t.slice(end, end + 8));
      if (!mark && !label && !addressAfter) continue;
      out.push({ kind: 'postal_code', start, end, value: `${m[2]}-${m[3]}`, confidence: mark || label ? 'high' : 'medium', reason: mark ? '〒' : label ? `label:${label}` : 'address-follows' });
    }
    return out;
  },
};
