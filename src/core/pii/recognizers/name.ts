import type { Finding, Recognizer } from '../pii-kinds.js';
import { GIVEN_KANA, GIVEN_NAMES, surnamePrefix } from '../surnames.js';
import { fold } from '../text-context.js';

const KANJI = '[\\u4e00-\\u9fff々〆ヶ]';
const LABEL = '(?:氏名|患者名|お名前|名前|患者氏名|受診者|担当医|主治医|宛名|被保険者氏名)';
const HONORIFIC = '(?:様|さま|さん|殿|先生|氏|君|ちゃん)';
/** Kana that read as a given name but are honorifics or particles after a surname. */
const HONORIFIC_KANA = /^(さん|さま|ちゃん|くん|さんの|さまの)$/;
const CLINICAL = '受診|入院|外来|紹介|加療|診察|検査|処方|退院|来院|手術|通院|治療|投与|服薬|発症|診断';
/** Kanji runs before さん/様 that are roles or organisations, not people. */
const NOT_NAME = /(患者|家族|担当|先生|病院|医院|会社|御中|職員|皆|各位|者|科|部|課|室|院)$/;

/**
 * Person names by dictionary and structure, the cues the domain note recommends: a label (氏名: …);
 * a surname from the dictionary with an optional given name and an honorific (山田 太郎 様); an
 * honorific followed by clinical context for surnames the dictionary lacks; and, with no cue, a
 * kanji run that is exactly dictionary surname + dictionary given name. Part-of-speech tagging
 * alone finds only about half of given names, so it is not used.
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
    const honorific = new RegExp(`(${KANJI}{1,4})[ ]?(${KANJI}{1,3}|[ぁ-んァ-ヶ]{2,5})?[ ]?${HONORIFIC}`, 'g');
    for (const m of t.matchAll(honorific)) {
      const run = m[1] ?? '';
      // Longest known surname at the start of the run (佐々木 before 佐々).
      const family = surnamePrefix(run);
      if (!family) continue;
      const given = run.slice(family.length) + (m[2] ?? '');
      const value = `${family}${given}`;
      if (given && NOT_NAME.test(given)) continue;
      const start = m.index + (m[0].indexOf(family) >= 0 ? m[0].indexOf(family) : 0);
      out.push({ kind: 'name', start, end: start + m[0].replace(new RegExp(`${HONORIFIC}$`), '').trimEnd().length, value, confidence: given ? 'high' : 'medium', reason: given ? 'surname+given+honorific' : 'surname+honorific' });
    }
    // No cue at all: a whole kanji run (or two runs split by one space) that is exactly a known
    // surname followed by a known given name (山田太郎の件、高橋 健 より). Short runs are too often
    // ordinary words, so at least three characters and a two-character surname or given name.
    const bare = new RegExp(`(?<!${KANJI})(${KANJI}{1,4})(?: (?=${KANJI}))?(${KANJI}{1,4})?(?!${KANJI})`, 'g');
    for (const m of t.matchAll(bare)) {
      const a = m[1] ?? '';
      const b = m[2] ?? '';
      const spaced = m[0].includes(' ');
      let family = '';
      let given = '';
      if (spaced) {
        if (surnamePrefix(a) === a && GIVEN_NAMES.has(b)) [family, given] = [a, b];
      } else {
        const run = a + b;
        for (let n = Math.min(4, run.length - 1); n >= 1; n -= 1) {
          const f = run.slice(0, n);
          if (surnamePrefix(f) === f && GIVEN_NAMES.has(run.slice(n))) {
            [family, given] = [f, run.slice(n)];
            break;
          }
        }
      }
      let reason = 'dictionary:surname+given';
      // A surname the dictionary lacks (小鳥遊, 薬袋) before a given name it knows: a run of four
      // or more kanji ending in a two-character given name (直子, 結衣).
      if (!family && !spaced) {
        const run = a + b;
        const tail = run.slice(-2);
        if (run.length >= 4 && run.length <= 6 && GIVEN_NAMES.has(tail)) [family, given, reason] = [run.slice(0, -2), tail, 'dictionary:given+unknown-surname'];
      }
      if (!family || family.length + given.length < 3 || (family.length < 2 && given.length < 2)) continue;
      if (out.some((f) => m.index < f.end && f.start < m.index + m[0].length)) continue;
      out.push({ kind: 'name', start: m.index, end: m.index + m[0].length, value: `${family}${given}`, confidence: 'low', reason });
    }
    // Surname + given name in kana (坂本さくら): the kana run starts with a dictionary given name.
    const kana = new RegExp(`(?<!${KANJI})(${KANJI}{2,4})([ぁ-ゖァ-ヺー]{2,8})`, 'g');
    for (const m of t.matchAll(kana)) {
      const family = m[1] ?? '';
      if (surnamePrefix(family) !== family) continue;
      const run = m[2] ?? '';
      let given = '';
      for (let n = Math.min(5, run.length); n >= 2; n -= 1) {
        if (GIVEN_KANA.has(run.slice(0, n))) {
          given = run.slice(0, n);
          break;
        }
      }
      if (!given || HONORIFIC_KANA.test(given)) continue;
      const end = m.index + family.length + given.length;
      if (out.some((f) => m.index < f.end && f.start < end)) continue;
      out.push({ kind: 'name', start: m.index, end, value: `${family}${given}`, confidence: 'low', reason: 'dictionary:surname+kana-given' });
    }
    // A name outside the surname list is still a name when clinical context follows it
    // (「四月一日健太さんは本日受診され」): the structure carries what the dictionary lacks.
    const clinical = new RegExp(`(${KANJI}{2,6})(?:さん|様|氏)(?:は|が|の|を|に|、)?[^。\\n]{0,16}?(?:${CLINICAL})`, 'g');
    for (const m of t.matchAll(clinical)) {
      const value = m[1] ?? '';
      if (NOT_NAME.test(value) || out.some((f) => m.index < f.end && f.start < m.index + value.length)) continue;
      out.push({ kind: 'name', start: m.index, end: m.index + value.length, value, confidence: 'medium', reason: 'honorific+clinical-context' });
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
