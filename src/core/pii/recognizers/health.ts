import { DIAGNOSIS_TERMS, HEALTH_LABELS, TEST_LABELS, TEST_TERMS } from '../health-vocabulary.js';
import type { Finding, PiiKind, Recognizer } from '../pii-kinds.js';
import { fold } from '../text-context.js';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Longest terms first, so 乳がん wins over がん. ASCII terms need word boundaries (CT ≠ CTO). */
function termRegex(terms: readonly string[]): RegExp {
  const sorted = [...terms].sort((a, b) => b.length - a.length).map((t) => (/^[A-Za-z0-9-]+$/.test(t) ? `(?<![A-Za-z0-9])${escape(t)}(?![A-Za-z0-9])` : escape(t)));
  return new RegExp(sorted.join('|'), 'gi');
}

function vocabularyRecognizer(kind: PiiKind, terms: readonly string[]): Recognizer {
  const re = termRegex(terms);
  return {
    kind,
    recognize(text) {
      const t = fold(text);
      const out: Finding[] = [];
      for (const m of t.matchAll(re)) out.push({ kind, start: m.index, end: m.index + m[0].length, value: m[0], confidence: 'medium', reason: 'vocabulary' });
      // A labelled field ("病名: …", "検査結果: …") is health information whatever its wording.
      const labels = kind === 'diagnosis' ? HEALTH_LABELS : TEST_LABELS;
      for (const m of t.matchAll(new RegExp(`(${labels.map(escape).join('|')})\\s*[:：]\\s*([^\\n、。,]{1,40})`, 'g'))) {
        const value = (m[2] ?? '').trim();
        if (!value) continue;
        const start = m.index + m[0].length - (m[2] ?? '').length;
        out.push({ kind, start, end: m.index + m[0].length, value, confidence: 'high', reason: `label:${m[1] ?? ''}` });
      }
      return out;
    },
  };
}

export const diagnosisRecognizer = vocabularyRecognizer('diagnosis', DIAGNOSIS_TERMS);
export const testResultRecognizer = vocabularyRecognizer('test_result', TEST_TERMS);
