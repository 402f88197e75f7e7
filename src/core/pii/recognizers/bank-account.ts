import type { Finding, Recognizer } from '../pii-kinds.js';
import { fold } from '../text-context.js';

/** 口座番号: 7 digits after a label (普通/当座/口座番号), the form Japanese banks use. */
export const bankAccountRecognizer: Recognizer = {
  kind: 'bank_account',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    for (const m of t.matchAll(/(?:口座番号|普通預金|当座預金|普通|当座)\s*[:：]?\s*(?:No\.?\s*)?(\d{7})(?!\d)/g)) {
      const value = m[1] ?? '';
      const start = m.index + m[0].length - value.length;
      out.push({ kind: 'bank_account', start, end: start + value.length, value, confidence: 'high', reason: 'label' });
    }
    return out;
  },
};
