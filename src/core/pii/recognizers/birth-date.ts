import { ERA_PATTERN, warekiToIso } from '../../japanese-date.js';
import type { Finding, Recognizer } from '../pii-kinds.js';
import { fold, near } from '../text-context.js';

const KEYWORDS = ['生年月日', '誕生日', '生まれ', '生)', '生）', 'dob', 'birth', '年齢'];

function validIso(y: number, m: number, d: number): string | null {
  if (y < 1868 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * Birth dates in 西暦 or 和暦 (S45.3.2, 昭和45年3月2日, 平成元年…). A date is only a birth date when
 * a label (生年月日, 誕生日, DOB …) is near or an age "(56歳)" follows; other dates (受付日, 検査日)
 * are not personal data by themselves.
 */
export const birthDateRecognizer: Recognizer = {
  kind: 'birth_date',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    const wareki = new RegExp(`(?<![A-Za-z\\d])(${ERA_PATTERN})\\s?(\\d{1,2}|元)\\s?[.年/-]\\s?(\\d{1,2})\\s?[.月/-]\\s?(\\d{1,2})日?`, 'g');
    const seireki = /(?<!\d)(19\d{2}|20\d{2})\s?[.年/-]\s?(\d{1,2})\s?[.月/-]\s?(\d{1,2})日?(?!\d)/g;
    const consider = (start: number, end: number, iso: string | null) => {
      if (!iso) return;
      const k = near(t, start, end, KEYWORDS, 20, 4) ?? (/^\s*[（(]\s*\d{1,3}\s*歳/.test(t.slice(end, end + 8)) ? '歳' : null);
      if (!k) return;
      out.push({ kind: 'birth_date', start, end, value: iso, confidence: 'high', reason: `label:${k}` });
    };
    for (const m of t.matchAll(wareki)) {
      consider(m.index, m.index + m[0].length, warekiToIso(m[1] ?? '', m[2] === '元' ? 1 : Number(m[2]), Number(m[3]), Number(m[4])));
    }
    for (const m of t.matchAll(seireki)) consider(m.index, m.index + m[0].length, validIso(Number(m[1]), Number(m[2]), Number(m[3])));
    return out;
  },
};
