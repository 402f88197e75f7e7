/**
 * Look-alike domains: hosp1tal.example.jp, hospita1.example.jp, hospital-example.jp,
 * hospital.example.jp.login.example.com, Cyrillic "о" in place of "o" (IDN / punycode).
 */
import { domainToUnicode } from 'node:url';

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const tmp = prev[j] ?? 0;
      prev[j] = Math.min((prev[j] ?? 0) + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] ?? 0;
}

// Latin look-alikes, Cyrillic/Greek letters that render as Latin, and digit swaps.
const CONFUSABLE: ReadonlyArray<[RegExp, string]> = [
  [/[аɑα]/g, 'a'],
  [/[еε]/g, 'e'],
  [/[оο0]/g, 'o'],
  [/[рρ]/g, 'p'],
  [/с/g, 'c'],
  [/[хχ]/g, 'x'],
  [/[іıί1l|]/g, 'l'],
  [/[ѕ5]/g, 's'],
  [/[уγ]/g, 'y'],
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/[-_]/g, ''],
];

export function skeleton(domain: string): string {
  let d = domainToUnicode(domain).normalize('NFKC').toLowerCase();
  for (const [re, to] of CONFUSABLE) d = d.replace(re, to);
  return d.replace(/i/g, 'l');
}

function labels(domain: string): string[] {
  return domain.split('.').filter(Boolean);
}

/**
 * The protected domain `domain` imitates, or null. Identical domains and subdomains are not
 * look-alikes; the caller leaves out domains that are themselves known correspondents.
 */
export function lookalikeOf(domain: string, targets: readonly string[]): string | null {
  const d = domain.toLowerCase();
  for (const t of targets) {
    if (d === t || d.endsWith(`.${t}`)) continue;
    const limit = t.length >= 10 ? 2 : 1;
    if (editDistance(d, t) <= limit) return t;
    if (skeleton(d) === skeleton(t)) return t;
    // The protected name with extra words: hospital-example.jp, hospital.example.jp.evil.example.
    const main = labels(t).slice(0, -1).join('');
    const flat = skeleton(d).replace(/\./g, '');
    if (main.length >= 6 && flat.includes(skeleton(main).replace(/\./g, ''))) return t;
  }
  return null;
}
