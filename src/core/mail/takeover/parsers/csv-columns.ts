/**
 * Microsoft 365 exports name the same column differently by tool and version (portal download,
 * Export-Csv of a PowerShell cmdlet, Purview search). Each parser lists the names it accepts per
 * field; matching ignores case, spaces, dots, underscores and brackets.
 */
export type Row = Record<string, string | undefined>;

function key(name: string): string {
  return name.toLowerCase().replace(/[\s._()\-[\]]/g, '');
}

export class Columns<F extends string> {
  private readonly map = new Map<F, string>();

  constructor(header: readonly string[], aliases: Record<F, readonly string[]>) {
    const byKey = new Map(header.map((h) => [key(h.replace(/^\uFEFF/, '')), h]));
    for (const field of Object.keys(aliases) as F[]) {
      for (const alias of aliases[field]) {
        const h = byKey.get(key(alias));
        if (h !== undefined) {
          this.map.set(field, h);
          break;
        }
      }
    }
  }

  has(field: F): boolean {
    return this.map.has(field);
  }

  missing(required: readonly F[]): F[] {
    return required.filter((f) => !this.map.has(f));
  }

  get(row: Row, field: F): string {
    const h = this.map.get(field);
    return h === undefined ? '' : (row[h] ?? '').trim();
  }
}

/**
 * Time stamps as M365 writes them: ISO 8601 (assumed UTC without a zone, as the exports are) or
 * the en-US "11/23/2026 2:46:33 AM" of PowerShell's Export-Csv, also in UTC.
 */
export function parseUtcTime(text: string): number | null {
  const t = text.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?$/i.exec(t);
  if (us) {
    let hour = Number(us[4]);
    const pm = us[7]?.toUpperCase() === 'PM';
    if (us[7]) hour = (hour % 12) + (pm ? 12 : 0);
    return Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]), hour, Number(us[5]), Number(us[6] ?? 0));
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t)) return null;
  const iso = t.replace(' ', 'T');
  const v = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(v) ? null : v;
}
