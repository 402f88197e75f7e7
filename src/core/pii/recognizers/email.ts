import type { Finding, Recognizer } from '../pii-kinds.js';
import { fold } from '../text-context.js';

/** E-mail addresses (RFC 5322 dot-atom subset), lower-cased for de-duplication. */
export const emailRecognizer: Recognizer = {
  kind: 'email',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    for (const m of t.matchAll(/(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w-])/g)) {
      if (m[0].startsWith('.') || m[0].includes('..')) continue;
      out.push({ kind: 'email', start: m.index, end: m.index + m[0].length, value: m[0].toLowerCase(), confidence: 'high', reason: 'pattern' });
    }
    return out;
  },
};
