/**
 * Display names as people are written in mail: 「山田 太郎」, 「山田太郎（内科）」, 「ヤマダ タロウ」,
 * "Taro Yamada", "YAMADA Taro", "Yamada, Tarou". Keys compare them regardless of spaces, width,
 * kana script, word order and Hepburn long-vowel spellings (Satou / Sato / Satoh).
 */
import { toRomaji } from 'wanakana';
import { normName } from '../ehr/identity.js';

export interface StaffEntry {
  name: string;
  nameKana: string;
  nameRomaji: string;
  email: string;
  department: string;
}

/** Drop what surrounds the name: quotes, 先生/様, (所属), "/ 架空病院", an address in the name. */
export function bareDisplayName(display: string): string {
  return display
    .normalize('NFKC')
    .replace(/["'<>]/g, ' ')
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, ' ')
    .replace(/\s*[/|｜@].*$/, '')
    .replace(/(先生|様|さま|殿|dr\.?|md)\s*$/i, '')
    .trim();
}

function collapseVowels(token: string): string {
  return token.replace(/oh(?=$|[^aeiou])/g, 'o').replace(/ou/g, 'o').replace(/oo/g, 'o').replace(/uu/g, 'u').replace(/ei(?=$)/g, 'e');
}

/** Order-free key of a Latin-script name; '' when it is not one (or a single word). */
export function romajiKey(s: string): string {
  const tokens = s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z\s,.-]/g, ' ')
    .split(/[\s,.-]+/)
    .filter((t) => t.length > 0)
    .map(collapseVowels);
  if (tokens.length < 2 || tokens.length > 3) return '';
  return tokens.sort().join(' ');
}

/** Key of a kanji/kana name: no spaces, NFKC, katakana as hiragana; '' when too short to trust. */
export function nameKey(s: string): string {
  const k = normName(s).toLowerCase();
  return k.length >= 3 && !/[a-z0-9@]/.test(k) ? k : '';
}

/** Staff looked up by any form of their display name. */
export class StaffDirectory {
  readonly #byKey = new Map<string, StaffEntry>();
  readonly #byEmail = new Map<string, StaffEntry>();

  constructor(readonly entries: readonly StaffEntry[]) {
    for (const s of entries) {
      for (const k of [nameKey(s.name), nameKey(s.nameKana)]) if (k) this.#byKey.set(k, s);
      // Without a romaji column the kana reading gives it (ヤマダ タロウ → yamada tarou).
      const romaji = s.nameRomaji || (s.nameKana ? toRomaji(s.nameKana.normalize('NFKC').replace(/\u3000/g, ' ')) : '');
      const rk = romajiKey(romaji);
      if (rk) this.#byKey.set(`r:${rk}`, s);
      if (s.email) this.#byEmail.set(s.email.toLowerCase(), s);
    }
  }

  /** The staff member a display name stands for, if any. */
  match(display: string): StaffEntry | null {
    const bare = bareDisplayName(display);
    if (!bare) return null;
    const k = nameKey(bare);
    if (k) {
      const hit = this.#byKey.get(k);
      if (hit) return hit;
    }
    const rk = romajiKey(bare);
    return rk ? (this.#byKey.get(`r:${rk}`) ?? null) : null;
  }

  byEmail(address: string): StaffEntry | null {
    return this.#byEmail.get(address.toLowerCase()) ?? null;
  }
}
