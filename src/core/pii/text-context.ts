/**
 * Text helpers shared by recognisers. `fold` maps full-width ASCII and dash variants to their
 * half-width forms one character at a time, so offsets in the folded text equal offsets in the
 * original (NFKC on the whole string would shift them, e.g. ｶﾞ → ガ).
 */
// Dashes folded to '-': ‐‑‒–—― (U+2010–2015), − (U+2212), ﹣ (U+FE63); － is full-width ASCII.
// ー/ｰ (U+30FC, U+FF70) is the katakana long vowel (マイナンバー) except between digits, where
// people type it as a dash.

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

function isDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

// Code units, not code points: string offsets are code units, and every folded character is in
// the BMP, so the output has exactly the input's length. No intermediate array (a 100 MB body
// would otherwise become tens of millions of one-character strings).
function foldUncached(text: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    let rep: string | null = null;
    if (code >= 0xff01 && code <= 0xff5e) rep = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) rep = ' ';
    else if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe63) rep = '-';
    else if ((code === 0x30fc || code === 0xff70) && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) rep = '-';
    if (rep !== null) {
      if (from < i) parts.push(text.slice(from, i));
      parts.push(rep);
      from = i + 1;
    }
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
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
