/**
 * Options of a scan. `excludeDomains`: the hospital's own mail domains — an address in one of them
 * written in a letter or a mail body (staff, departments, system mailboxes) is not third-party
 * personal data, so it is not counted. Lists are different: a staff list with hospital addresses
 * is staff data that leaked, and its rows are always counted.
 */
import type { Finding } from './pii-kinds.js';

export interface ScanOptions {
  excludeDomains: readonly string[];
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = { excludeDomains: [] };

export function normalizeDomain(d: string): string {
  return d.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
}

/** Filter for prose findings: drops e-mail addresses in (sub-domains of) the excluded domains. */
export function proseFilter(opts: ScanOptions): (f: Finding) => boolean {
  const domains = opts.excludeDomains.map(normalizeDomain).filter(Boolean);
  if (domains.length === 0) return () => true;
  return (f) => {
    if (f.kind !== 'email') return true;
    const domain = f.value.slice(f.value.lastIndexOf('@') + 1).toLowerCase();
    return !domains.some((d) => domain === d || domain.endsWith(`.${d}`));
  };
}
