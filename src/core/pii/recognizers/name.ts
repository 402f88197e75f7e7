import type { Finding, Recognizer } from '../pii-kinds.js';
import { COMMON_SURNAMES } from '../surnames.js';
import { fold } from '../text-context.js';

const KANJI = '[\\u4e00-\\u9fff々〆ヶ]';
const LABEL = '(?:氏名|患者名|お名前|名前|患者氏名|受診者|担当医|主治医|宛名|被保険者氏名)';
const HONORIFIC = '(?:様|さま|さん|殿|先生|氏|君|ちゃん)';

/**
 * Person names by structure, the cues the domain note recommends: a label (氏名: …), or a
 * surname from the list followed by an optional given name and an honorific (山田 太郎 様).
 * Part-of-speech tagging alone finds only about half of given names, so it is not used here.
 */
export const nameRecognizer: Recognizer = {
  kind: 'name',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    const labelled = new RegExp(`${LABEL}\\s*[:：]?\\s*(${KANJI}{1,4}[ ]?${KANJI}{1,4}|${KANJI}{2,5})(?=\\s|${HONORIFIC}|[、。,（(]|$)`, 'gm');
    for (const m of t.matchAll(labelled)) {
      const value = m[1] ?? '';
      const start = m.index + m[0].length - value.length;
      out.push({ kind: 'name', start, end: start + value.length, value: value.replace(/ /g, ''), confidence: 'high', reason: 'label' });
    }
    const honorific = new RegExp(`(${KANJI}{1,3})[ ]?(${KANJI}{1,3}|[ぁ-んァ-ヶ]{2,5})?[ ]?${HONORIFIC}`, 'g');
    for (const m of t.matchAll(honorific)) {
      const surname = m[1] ?? '';
      // Try the longest known surname prefix (佐々木 before 佐々).
      let family = '';
      for (let n = Math.min(3, surname.length); n >= 1; n -= 1) {
        if (COMMON_SURNAMES.has(surname.slice(0, n))) {
          family = surname.slice(0, n);
          break;
        }
      }
      if (!family) continue;
      const given = surname.slice(family.length) + (m[2] ?? '');
      const value = `${family}${given}`;
      const start = m.index + (m[0].indexOf(family) >= 0 ? m[0].indexOf(family) : 0);
      out.push({ kind: 'name', start, end: start + m[0].replace(new RegExp(`${HONORIFIC}$`), '').trimEnd().length, value, confidence: given ? 'high' : 'medium', reason: given ? 'surname+given+honorific' : 'surname+honorific' });
    }
    return out;
  },
};

/** フリガナ after a label, or a katakana name followed by an honorific. */
export const nameKanaRecognizer: Recognizer = {
  kind: 'name_kana',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    for (const m of t.matchAll(/(?:フリガナ|ふりがな|カナ氏名)\s*[:：]?\s*([ァ-ヶー]{1,8}[ ]?[ァ-ヶー]{1,8})/g)) {
      const value = m[1] ?? '';
      const start = m.index + m[0].length - value.length;
      out.push({ kind: 'name_kana', start, end: start + value.length, value: value.replace(/ /g, ''), confidence: 'high', reason: 'label' });
    }
    return out;
  },
};
