/**
 * Masking of person values for the scoping register: enough to recognise a row ("山＊＊＊,
 * 1970-＊＊-＊＊, ＊＊＊-＊＊＊＊-5678") without disclosing it. Health information is masked
 * entirely. Revealing the full values is a separate, privileged and audited read.
 */
import type { PiiKind } from './pii-kinds.js';

const STAR = '＊';

function keepTail(value: string, keep: number): string {
  let seen = 0;
  const chars = [...value];
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    if (/[0-9A-Za-z]/.test(chars[i] ?? '')) {
      seen += 1;
      if (seen > keep) chars[i] = STAR;
    }
  }
  return chars.join('');
}

export function maskValue(kind: PiiKind, value: string): string {
  switch (kind) {
    case 'name':
    case 'name_kana': {
      const chars = [...value.replace(/\s+/g, '')];
      return chars.length <= 1 ? STAR : `${chars[0] ?? ''}${STAR.repeat(chars.length - 1)}`;
    }
    case 'birth_date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(0, 4)}-${STAR}${STAR}-${STAR}${STAR}` : STAR.repeat(4);
    case 'address': {
      const m = /^(.{2,3}?[都道府県])?(.{1,6}?[市区町村郡])?/.exec(value);
      const head = m?.[0] ?? '';
      return `${head}${STAR.repeat(4)}`;
    }
    case 'email': {
      const at = value.indexOf('@');
      return at > 0 ? `${value[0] ?? ''}${STAR.repeat(3)}${value.slice(at)}` : STAR.repeat(4);
    }
    case 'postal_code':
      return `${value.slice(0, 3)}-${STAR.repeat(4)}`;
    case 'phone':
    case 'my_number':
    case 'credit_card':
      return keepTail(value, 4);
    case 'patient_id':
    case 'insurance_no':
    case 'bank_account':
      return keepTail(value, 3);
    case 'sex':
    case 'age':
      return value;
    case 'diagnosis':
    case 'test_result':
      return STAR.repeat(3);
  }
}

export function maskValues(values: Partial<Record<PiiKind, string>>): Partial<Record<PiiKind, string>> {
  const out: Partial<Record<PiiKind, string>> = {};
  for (const [k, v] of Object.entries(values) as Array<[PiiKind, string]>) out[k] = maskValue(k, v);
  return out;
}
