/**
 * Offline IP → country: the CC0 geo-whois-asn-country database shipped in the npm package
 * @ip-location-db/geo-whois-asn-country-mmdb, read with mmdb-lib. No lookup leaves the machine.
 * The file (≈ 8 MB) is read once per process on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Reader, type Response } from 'mmdb-lib';

// The ip-location-db files hold { country_code } rather than MaxMind's shape, so records are read as unknown.
let reader: Reader<Response> | null = null;

function open(): Reader<Response> {
  if (!reader) {
    const dir = path.dirname(createRequire(import.meta.url).resolve('@ip-location-db/geo-whois-asn-country-mmdb/package.json'));
    reader = new Reader<Response>(readFileSync(path.join(dir, 'geo-whois-asn-country.mmdb')));
  }
  return reader;
}

/** ISO 3166 alpha-2, or null when the address is not in the database or not an address. */
export function countryOfIp(ip: string): string | null {
  try {
    const record: unknown = open().get(ip);
    if (typeof record !== 'object' || record === null || !('country_code' in record)) return null;
    return typeof record.country_code === 'string' ? record.country_code : null;
  } catch {
    return null;
  }
}

/** The database's build date (YYYY-MM-DD), shown next to alerts so a reader knows how fresh the mapping is. */
export function ipCountryDataDate(): string {
  return open().metadata.buildEpoch.toISOString().slice(0, 10);
}
