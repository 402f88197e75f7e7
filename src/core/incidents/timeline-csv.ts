/**
 * Validation of 経緯 rows imported from CSV. Dates are JST calendar dates; 和暦 (令和8年2月9日,
 * R8.2.9) and slashes are accepted; impossible dates (2月30日) and times (25:00) are rejected.
 */
import { parseJapaneseDate } from '../japanese-date.js';

export { parseJapaneseDate };

export interface TimelineDraft {
  date: string;
  time: string | null;
  approximate: boolean;
  source: string;
  category: string;
  body: string;
  inPublicNotice: boolean;
  inAuthorityReport: boolean;
}

export interface RowError {
  line: number;
  reason: string;
}

/** "9:05", "09:05", "9時5分" → "09:05"; "" → null; impossible → undefined. */
export function parseTime(text: string): string | null | undefined {
  const t = text.trim().normalize('NFKC').replace(/頃$/, '');
  if (t === '') return null;
  const m = /^(\d{1,2})[:時](\d{1,2})?分?$/.exec(t);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', '○', '〇', 'はい', '有', 'x', '✓']);

function flag(value: string | undefined): boolean {
  return TRUE_WORDS.has((value ?? '').trim().toLowerCase());
}

/** Header names accepted for each field (Japanese first). */
export const TIMELINE_HEADERS: Readonly<Record<keyof TimelineDraft, readonly string[]>> = {
  date: ['日付', 'date'],
  time: ['時刻', 'time'],
  approximate: ['頃', 'approximate'],
  source: ['出典', '情報源', 'source'],
  category: ['区分', 'category'],
  body: ['内容', '事象', 'body'],
  inPublicNotice: ['公表別表', '別表', 'public_notice'],
  inAuthorityReport: ['報告', '報告書', 'authority_report'],
};

/**
 * Turn parsed CSV records (header → value) into drafts, or errors with line numbers. `lines[i]`
 * is the file line of record i; without it records are assumed to start at line 2.
 */
export function validateTimelineRows(records: ReadonlyArray<Record<string, string>>, lines?: readonly number[]): { drafts: TimelineDraft[]; errors: RowError[] } {
  const drafts: TimelineDraft[] = [];
  const errors: RowError[] = [];
  const pick = (rec: Record<string, string>, field: keyof TimelineDraft): string | undefined => {
    for (const h of TIMELINE_HEADERS[field]) if (rec[h] !== undefined) return rec[h];
    return undefined;
  };
  records.forEach((rec, i) => {
    const line = lines?.[i] ?? i + 2;
    const reasons: string[] = [];
    const rawDate = pick(rec, 'date') ?? '';
    const date = parseJapaneseDate(rawDate);
    if (!date) reasons.push(rawDate.trim() === '' ? '日付がありません' : `日付「${rawDate}」は存在しない日付か形式が不正です`);
    const rawTime = pick(rec, 'time') ?? '';
    const time = parseTime(rawTime);
    if (time === undefined) reasons.push(`時刻「${rawTime}」が不正です`);
    const body = (pick(rec, 'body') ?? '').trim();
    if (body === '') reasons.push('内容がありません');
    if (body.length > 4000) reasons.push('内容が長すぎます（4,000文字まで）');
    if (reasons.length > 0 || !date || time === undefined) {
      errors.push({ line, reason: reasons.join('; ') });
      return;
    }
    drafts.push({
      date,
      time,
      approximate: flag(pick(rec, 'approximate')) || /頃\s*$/.test(rawTime),
      source: (pick(rec, 'source') ?? '').trim(),
      category: (pick(rec, 'category') ?? '').trim(),
      body,
      inPublicNotice: flag(pick(rec, 'inPublicNotice')),
      inAuthorityReport: flag(pick(rec, 'inAuthorityReport')),
    });
  });
  return { drafts, errors };
}
