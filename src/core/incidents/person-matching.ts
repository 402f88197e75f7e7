/**
 * Affected-people de-duplication. Rule (documented in docs/adr/0008-affected-people.md):
 * two records are the same person when they share a normalised patient ID, or the same
 * normalised name together with the same birth date. Matching is transitive (A~B by ID and B~C by
 * name + birth date → one person). Name alone, or birth date alone, never merges.
 */
import { parseJapaneseDate } from './timeline-csv.js';

/** NFKC, no spaces of any width, katakana → hiragana (so 山田 タロウ = 山田たろう in kana fields). */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .toLowerCase();
}

/** Patient IDs: NFKC, no spaces or hyphens, leading zeros kept (systems differ; "0012" ≠ "12" is safer). */
export function normalizePatientId(id: string): string {
  return id.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

export interface PersonKeys {
  patientId: string | null;
  nameBirth: string | null;
}

export function personKeys(p: { name: string | null; birthDate: string | null; patientId: string | null }): PersonKeys {
  const pid = p.patientId ? normalizePatientId(p.patientId) : '';
  const name = p.name ? normalizeName(p.name) : '';
  return {
    patientId: pid ? `pid:${pid}` : null,
    nameBirth: name && p.birthDate ? `nb:${name}|${p.birthDate}` : null,
  };
}

export interface PersonDraft {
  line: number;
  population: string;
  name: string;
  nameKana: string;
  birthDate: string | null;
  patientId: string;
  postalCode: string;
  address: string;
  phone: string;
  email: string;
  items: string[];
}

export interface RowError {
  line: number;
  reason: string;
}

const HEADERS: Readonly<Record<keyof Omit<PersonDraft, 'line'>, readonly string[]>> = {
  population: ['区分', 'population'],
  name: ['氏名', '名前', 'name'],
  nameKana: ['フリガナ', 'ふりがな', 'カナ', 'name_kana'],
  birthDate: ['生年月日', 'birth_date'],
  patientId: ['患者ID', '患者番号', 'カルテ番号', 'patient_id'],
  postalCode: ['郵便番号', 'postal_code'],
  address: ['住所', 'address'],
  phone: ['電話番号', 'phone'],
  email: ['メールアドレス', 'メール', 'email'],
  items: ['項目', '漏えい項目', 'items'],
};

const POPULATION_WORDS: Readonly<Record<string, string>> = {
  患者: 'patient', patient: 'patient', 職員: 'staff', staff: 'staff', 実習生: 'trainee', 学生: 'trainee', trainee: 'trainee', 取引先: 'business_partner', その他: 'other',
};

/** Validate parsed CSV records; bad rows are reported (line + reason) and the rest kept. */
/**
 * `lines[i]` is the file line of record i (the CSV parser reports it, so skipped blank lines and
 * multi-line cells keep line numbers right); without it records are assumed to start at line 2.
 */
export function validatePeopleRows(records: ReadonlyArray<Record<string, string>>, itemWords: Readonly<Record<string, string>>, lines?: readonly number[]): { drafts: PersonDraft[]; errors: RowError[] } {
  const drafts: PersonDraft[] = [];
  const errors: RowError[] = [];
  const pick = (rec: Record<string, string>, field: keyof typeof HEADERS): string => {
    for (const h of HEADERS[field]) if (rec[h] !== undefined) return (rec[h] ?? '').trim();
    return '';
  };
  records.forEach((rec, i) => {
    const line = lines?.[i] ?? i + 2;
    const reasons: string[] = [];
    const name = pick(rec, 'name');
    const patientId = pick(rec, 'patientId');
    if (!name && !patientId) reasons.push('氏名も患者IDもありません');
    const rawBirth = pick(rec, 'birthDate');
    const birthDate = rawBirth ? parseJapaneseDate(rawBirth) : null;
    if (rawBirth && !birthDate) reasons.push('生年月日が不正です');
    const email = pick(rec, 'email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) reasons.push('メールアドレスが不正です');
    const rawPop = pick(rec, 'population');
    const population = rawPop ? POPULATION_WORDS[rawPop] : 'patient';
    if (!population) reasons.push('区分が不正です（患者・職員・実習生・取引先・その他）');
    const items: string[] = [];
    for (const word of pick(rec, 'items').split(/[、,・;／/]/).map((w) => w.trim()).filter(Boolean)) {
      const key = itemWords[word];
      if (key) items.push(key);
      else reasons.push(`項目「${word}」が不明です`);
    }
    if (name.length > 100 || pick(rec, 'address').length > 300) reasons.push('値が長すぎます');
    if (reasons.length > 0 || !population) {
      // The reason names the field, never its value: these are patients' data.
      errors.push({ line, reason: reasons.join('; ') });
      return;
    }
    drafts.push({
      line,
      population,
      name,
      nameKana: pick(rec, 'nameKana'),
      birthDate,
      patientId,
      postalCode: pick(rec, 'postalCode'),
      address: pick(rec, 'address'),
      phone: pick(rec, 'phone'),
      email,
      items: [...new Set(items)],
    });
  });
  return { drafts, errors };
}
