import type { Finding, Recognizer } from '../pii-kinds.js';
import { fold, near } from '../text-context.js';

/** 年齢: "56歳", "年齢: 56"; 0–120 only. */
export const ageRecognizer: Recognizer = {
  kind: 'age',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    for (const m of t.matchAll(/(?<![\d.])(\d{1,3})\s?(歳|才)(?!以上|以下|未満|から|～|~)/g)) {
      const age = Number(m[1]);
      if (age > 120) continue;
      out.push({ kind: 'age', start: m.index, end: m.index + m[0].length, value: String(age), confidence: 'medium', reason: 'suffix' });
    }
    for (const m of t.matchAll(/年齢\s*[:：]?\s*(\d{1,3})(?!\d)/g)) {
      const age = Number(m[1]);
      if (age <= 120) out.push({ kind: 'age', start: m.index, end: m.index + m[0].length, value: String(age), confidence: 'high', reason: 'label:年齢' });
    }
    return out;
  },
};

/** 性別: labelled (性別: 女性) or in a "(56歳・男)" demographic bracket. Bare 男/女 in prose is ignored. */
export const sexRecognizer: Recognizer = {
  kind: 'sex',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    for (const m of t.matchAll(/性別\s*[:：]?\s*(男性|女性|男|女|M|F)(?![a-zA-Z])/g)) {
      out.push({ kind: 'sex', start: m.index, end: m.index + m[0].length, value: (m[1] ?? '').startsWith('男') || m[1] === 'M' ? 'M' : 'F', confidence: 'high', reason: 'label:性別' });
    }
    for (const m of t.matchAll(/\d{1,3}\s?歳\s?[）)]?\s?[・、,/ ]\s?(男性|女性|男|女)/g)) {
      const start = m.index + m[0].length - (m[1] ?? '').length;
      if (near(t, start, start + 2, ['性別'], 8, 0)) continue;
      out.push({ kind: 'sex', start, end: m.index + m[0].length, value: (m[1] ?? '').startsWith('男') ? 'M' : 'F', confidence: 'high', reason: 'age-bracket' });
    }
    return out;
  },
};
