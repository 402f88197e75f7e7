/**
 * Japan Standard Time helpers. Japan has had no daylight saving since 1951, so JST is a fixed
 * UTC+9 offset and needs no time-zone database.
 */
const OFFSET_MS = 9 * 3600 * 1000;

/** Start of a JST calendar day (YYYY-MM-DD) as a UTC instant. */
export function jstDayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000+09:00`);
}

/** Last millisecond of a JST calendar day as a UTC instant. */
export function jstDayEnd(day: string): Date {
  return new Date(jstDayStart(day).getTime() + 24 * 3600 * 1000 - 1);
}

/** "2026-11-22T21:05:03+09:00": an instant written in JST, as CSV/JSON outputs show it. */
export function isoJst(t: number): string {
  return `${new Date(t + OFFSET_MS).toISOString().slice(0, 19)}+09:00`;
}

/** A period of whole JST days as [from, to) instants; either end may be open. */
export function jstDays(from?: string, to?: string): { from?: number; to?: number } {
  return { ...(from ? { from: jstDayStart(from).getTime() } : {}), ...(to ? { to: jstDayEnd(to).getTime() + 1 } : {}) };
}

/** "2026-11-22 21:05:03" in JST. */
export function formatJst(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

const ERAS: ReadonlyArray<{ name: string; start: string }> = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
  { name: '大正', start: '1912-07-30' },
  { name: '明治', start: '1868-10-23' },
];

/** 和暦 of a JST date, e.g. 令和8年11月23日; the first year is written 元年. */
export function formatWareki(date: Date): string {
  const day = new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 10);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const era = ERAS.find((e) => day >= e.start);
  if (!era) return `${y}年${m}月${d}日`;
  const year = y - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${year === 1 ? '元' : year}年${m}月${d}日`;
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/** A JST calendar date (YYYY-MM-DD) as 和暦 with weekday: 令和8年11月20日（金）. */
export function formatWarekiDate(day: string): string {
  const noonJst = new Date(`${day}T12:00:00+09:00`);
  const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '';
  return `${formatWareki(noonJst)}（${weekday}）`;
}
