/**
 * Text helpers shared by recognisers. `fold` maps full-width ASCII and dash variants to their
 * half-width forms one character at a time, so offsets in the folded text equal offsets in the
 * original (NFKC on the whole string would shift them, e.g. ｶﾞ → ガ).
 */
const DASHES = /[‐‑‒–—―−－﹣]/;
/** ー is the katakana long vowel (マイナンバー) except between digits, where people type it as a dash. */
const LONG_VOWEL = /[ーｰ]/;
const DIGIT = /[0-9０-９]/;

// Every recogniser folds the same text; remembering the last result avoids ~15 passes per body.
let lastIn = '';
let lastOut = '';

export function fold(text: string): string {
  if (text === lastIn) return lastOut;
  const out = foldUncached(text);
  lastIn = text;
  lastOut = out;
  return out;
}

function foldUncached(text: string): string {
  const chars = [...text];
  let out = '';
  chars.forEach((ch, i) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (ch === '\u3000') out += ' ';
    else if (DASHES.test(ch)) out += '-';
    else if (LONG_VOWEL.test(ch) && DIGIT.test(chars[i - 1] ?? '') && DIGIT.test(chars[i + 1] ?? '')) out += '-';
    else out += ch;
  });
  return out;
}

/** True when any keyword occurs within `before` chars before the match or `after` chars after it. */
export function near(text: string, start: number, end: number, keywords: readonly string[], before = 30, after = 10): string | null {
  const window = text.slice(Math.max(0, start - before), start) + '\u0000' + text.slice(end, end + after);
  const lower = window.toLowerCase();
  for (const k of keywords) if (lower.includes(k.toLowerCase())) return k;
  return null;
}

export function digitsOnly(s: string): string {
  return s.replace(/\D/g, '');
}
