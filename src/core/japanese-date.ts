/**
 * Dates as Japanese documents write them: 西暦 (2026-02-09, 2026/2/9, 2026年2月9日) and 和暦
 * (令和8年2月9日, R8.2.9, 昭45.3.2, 元年), full-width digits allowed. Era dates are checked
 * against the era's real span (昭和65年 or 平成31年5月1日 do not exist).
 */
const ERAS: ReadonlyArray<{ names: readonly string[]; offset: number; start: string; end: string }> = [
  { names: ['令和', '令', 'R'], offset: 2018, start: '2019-05-01', end: '9999-12-31' },
  { names: ['平成', '平', 'H'], offset: 1988, start: '1989-01-08', end: '2019-04-30' },
  { names: ['昭和', '昭', 'S'], offset: 1925, start: '1926-12-25', end: '1989-01-07' },
  { names: ['大正', '大', 'T'], offset: 1911, start: '1912-07-30', end: '1926-12-24' },
  { names: ['明治', '明', 'M'], offset: 1867, start: '1868-01-25', end: '1912-07-29' },
];

function validDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1868 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso ? iso : null;
}

/** ISO date for a 和暦 triple, or null when the era did not have that day. */
export function warekiToIso(era: string, year: number, month: number, day: number): string | null {
  const e = ERAS.find((x) => x.names.some((n) => n.toLowerCase() === era.toLowerCase()));
  if (!e || year < 1) return null;
  const iso = validDate(e.offset + year, month, day);
  return iso && iso >= e.start && iso <= e.end ? iso : null;
}

export const ERA_PATTERN = '令和|平成|昭和|大正|明治|[令平昭大明]|[RHSTMrhstm]';

/** Parse a whole string as a date; null when impossible. */
export function parseJapaneseDate(text: string): string | null {
  const t = text.trim().normalize('NFKC');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = new RegExp(`^(${ERA_PATTERN})\\s?(\\d{1,2}|元)[.年/-](\\d{1,2})[.月/-](\\d{1,2})日?$`).exec(t);
  if (m) return warekiToIso(m[1] ?? '', m[2] === '元' ? 1 : Number(m[2]), Number(m[3]), Number(m[4]));
  return null;
}
