/**
 * The identity graph: who each patient is to each member of staff. Japanese normalisation first
 * (full/half width, katakana/hiragana, spaces, 丁目/番地/号 → hyphens, kanji numerals), then joins on
 * exact keys. Every link carries its evidence, in Japanese, so an alert can say why.
 *
 * - self: same birth date and (same kana, same name or same insurance number) — dependants share the
 *   insured person's 記号・番号, so the insurance number alone is family, not self;
 * - family: same insurance 保険者番号-記号-番号, same address, same phone, or named as the patient's
 *   contact (name or kana);
 * - coworker: the patient is another member of staff or their family (computed per access);
 * - neighbour: same 町丁目 block (address without 番/号) but not the same address.
 */
import type { Contact, Patient, Staff } from './model.js';

export type LinkType = 'self' | 'family' | 'neighbour';

export interface Link {
  type: LinkType;
  evidence: string[];
}

const KANJI_DIGITS: Readonly<Record<string, string>> = { 〇: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** Old, variant and IBM-extension forms that the same family writes both ways (matching only). */
const VARIANTS: Readonly<Record<string, string>> = { 髙: '高', 﨑: '崎', 嵜: '崎', 邊: '辺', 邉: '辺', 齋: '斎', 齊: '斎', 澤: '沢', 濱: '浜', 濵: '浜', 廣: '広', 國: '国', 櫻: '桜', 瀨: '瀬', 德: '徳', 眞: '真', 槇: '槙', 冨: '富', 藪: '薮', 籠: '篭', 螢: '蛍', 曻: '昇' };
const VARIANT_RE = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'gu');

export function normName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(VARIANT_RE, (c) => VARIANTS[c] ?? c)
    .replace(/[\s\u3000・]+/g, '')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** The 番地: the address up to its second number (見本町1-2-3 → 見本町1-2); '' without one. */
export function addressLot(norm: string): string {
  const m = /^(.*?\D)(\d+)-(\d+)(?:-|$)/.exec(norm);
  return m ? `${m[1] ?? ''}${m[2] ?? ''}-${m[3] ?? ''}` : '';
}

/** The surname in kanji and in kana (the part before the first space), normalised; empty when a name has no space. */
export function surnamesOf(name: string, kana: string): Set<string> {
  const out = new Set<string>();
  for (const n of [name, kana]) {
    const parts = n.normalize('NFKC').trim().split(/[\s\u3000]+/);
    if (parts.length >= 2 && parts[0]) out.add(normName(parts[0]));
  }
  return out;
}

/** 東京都架空市見本町1丁目2番3号 → 東京都架空市見本町1-2-3 (kanji numerals too: 三丁目 → 3). */
export function normAddress(s: string): string {
  let t = s.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  t = t.replace(/([〇一二三四五六七八九十]+)(?=丁目)/g, (m) => kanjiNumber(m));
  t = t.replace(/丁目|番地|番|号|の(?=\d)/g, '-').replace(/[‐‑‒–—―−ー-]+/g, '-');
  return t.replace(/-+$/g, '').replace(/-+/g, '-');
}

function kanjiNumber(s: string): string {
  if (!s.includes('十')) return [...s].map((c) => KANJI_DIGITS[c] ?? c).join('');
  const [tens, ones] = s.split('十');
  return String((tens ? Number(KANJI_DIGITS[tens] ?? 1) : 1) * 10 + (ones ? Number(KANJI_DIGITS[ones] ?? 0) : 0));
}

/** The 町丁目 block: the address up to its first number (見本町1-2-3 → 見本町1). */
export function addressBlock(norm: string): string {
  const m = /^(.*?\D)(\d+)(?:-|$)/.exec(norm);
  return m ? `${m[1] ?? ''}${m[2] ?? ''}` : norm;
}

export function normPhone(s: string): string {
  return s.normalize('NFKC').replace(/\D/g, '');
}

export function normInsurance(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').replace(/[‐‑‒–—―−ー]/g, '-');
}

export class IdentityGraph {
  /** userId → patientId → link. */
  readonly links = new Map<string, Map<string, Link>>();
  /** patientId → staff for whom the patient is self or family (for coworker checks). */
  readonly staffOfPatient = new Map<string, Array<{ userId: string; type: 'self' | 'family' }>>();

  static build(staff: readonly Staff[], patients: readonly Patient[], contacts: readonly Contact[] | null): IdentityGraph {
    const g = new IdentityGraph();
    const index = (key: (p: Patient) => string, keep: (k: string) => boolean = (k) => k.length > 0) => {
      const m = new Map<string, Patient[]>();
      for (const p of patients) {
        const k = key(p);
        if (!keep(k)) continue;
        const list = m.get(k) ?? [];
        list.push(p);
        m.set(k, list);
      }
      return m;
    };
    const byIns = index((p) => normInsurance(p.insuranceNo));
    // Normalised once: a block of a large town holds hundreds of patients, compared per member of staff.
    const addressOf = new Map(patients.map((p) => [p, normAddress(p.address)]));
    const byAddr = index((p) => addressOf.get(p) ?? '', (k) => /\d/.test(k));
    const byBlock = index((p) => addressBlock(addressOf.get(p) ?? ''), (k) => /\d/.test(k));
    const byPhone = index((p) => normPhone(p.phone), (k) => k.length >= 10);
    const byKanaDob = index((p) => (p.nameKana && p.birthDate ? `${normName(p.nameKana)}|${p.birthDate}` : ''));
    const byNameDob = index((p) => (p.birthDate ? `${normName(p.name)}|${p.birthDate}` : ''));
    const contactsByName = new Map<string, Contact[]>();
    for (const c of contacts ?? []) {
      for (const k of [c.contactName ? normName(c.contactName) : '', c.contactKana ? normName(c.contactKana) : '']) {
        if (!k) continue;
        const list = contactsByName.get(k) ?? [];
        list.push(c);
        contactsByName.set(k, list);
      }
    }
    for (const s of staff) {
      const add = (patientId: string, type: LinkType, evidence: string) => {
        let m = g.links.get(s.userId);
        if (!m) {
          m = new Map();
          g.links.set(s.userId, m);
        }
        const cur = m.get(patientId);
        const rank = { self: 3, family: 2, neighbour: 1 } as const;
        if (!cur) m.set(patientId, { type, evidence: [evidence] });
        else {
          if (rank[type] > rank[cur.type]) cur.type = type;
          if (!cur.evidence.includes(evidence)) cur.evidence.push(evidence);
        }
      };
      const selfIds = new Set<string>();
      for (const p of byKanaDob.get(s.nameKana && s.birthDate ? `${normName(s.nameKana)}|${s.birthDate}` : '') ?? []) selfIds.add(p.patientId);
      for (const p of byNameDob.get(s.birthDate ? `${normName(s.name)}|${s.birthDate}` : '') ?? []) selfIds.add(p.patientId);
      const ins = normInsurance(s.insuranceNo);
      for (const p of ins ? (byIns.get(ins) ?? []) : []) {
        if (p.birthDate && p.birthDate === s.birthDate) selfIds.add(p.patientId);
        else add(p.patientId, 'family', '同じ保険者番号・記号・番号（被扶養者）');
      }
      for (const id of selfIds) add(id, 'self', '本人（氏名・カナ・生年月日・保険証が一致）');
      const addr = normAddress(s.address);
      if (/\d/.test(addr)) {
        for (const p of byAddr.get(addr) ?? []) if (!selfIds.has(p.patientId)) add(p.patientId, 'family', '同じ住所（同居の可能性）');
        const surnames = surnamesOf(s.name, s.nameKana);
        const lot = addressLot(addr);
        for (const p of byBlock.get(addressBlock(addr)) ?? []) {
          if (selfIds.has(p.patientId) || addressOf.get(p) === addr) continue;
          // Same surname and the same 番地 (the building or lot, another 号): relatives living next
          // door — two signals together; the same 町丁目 alone is too wide for a surname match.
          if (lot && addressLot(addressOf.get(p) ?? '') === lot && surnames.size && [...surnamesOf(p.name, p.nameKana)].some((x) => surnames.has(x))) add(p.patientId, 'family', '同じ姓で同じ番地に住む（親族の可能性）');
          else add(p.patientId, 'neighbour', '同じ町丁目（近隣）');
        }
      }
      const phone = normPhone(s.phone);
      if (phone.length >= 10) for (const p of byPhone.get(phone) ?? []) if (!selfIds.has(p.patientId)) add(p.patientId, 'family', '同じ電話番号');
      for (const k of [normName(s.name), s.nameKana ? normName(s.nameKana) : '']) {
        for (const c of k ? (contactsByName.get(k) ?? []) : []) if (!selfIds.has(c.patientId)) add(c.patientId, 'family', `患者の連絡先（${c.relation || '続柄不明'}）として登録`);
      }
    }
    for (const [userId, m] of g.links) {
      for (const [patientId, link] of m) {
        if (link.type === 'neighbour') continue;
        const list = g.staffOfPatient.get(patientId) ?? [];
        list.push({ userId, type: link.type });
        g.staffOfPatient.set(patientId, list);
      }
    }
    return g;
  }

  link(userId: string, patientId: string): Link | undefined {
    return this.links.get(userId)?.get(patientId);
  }

  /** Other staff for whom this patient is self or family (the patient is a coworker or their family). */
  coworkers(userId: string, patientId: string): Array<{ userId: string; type: 'self' | 'family' }> {
    return (this.staffOfPatient.get(patientId) ?? []).filter((x) => x.userId !== userId);
  }
}
