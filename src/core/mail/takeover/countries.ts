/**
 * Country facts for login locations, from the world-countries data set (ODbL; bundled with the
 * npm package, no network): the Japanese name shown in alerts, a centroid and a rough radius for
 * impossible-travel distances, and neighbours (a border crossing is not impossible travel).
 */
import data from 'world-countries/countries.json' with { type: 'json' };

interface CountryFacts {
  nameJa: string;
  lat: number;
  lon: number;
  /** Radius of a circle with the country's area, capped: the slack a centroid-to-centroid distance must allow. */
  radiusKm: number;
  borders: ReadonlySet<string>;
}

interface RawCountry {
  cca2: string;
  cca3: string;
  latlng: number[];
  area: number;
  borders: string[];
  translations: Record<string, { common: string } | undefined>;
  name: { common: string };
}

const raw = data as unknown as RawCountry[];
const cca3to2 = new Map(raw.map((c) => [c.cca3, c.cca2]));
const FACTS = new Map<string, CountryFacts>(
  raw.map((c) => [
    c.cca2,
    {
      nameJa: c.translations.jpn?.common ?? c.name.common,
      lat: c.latlng[0] ?? 0,
      lon: c.latlng[1] ?? 0,
      radiusKm: Math.min(Math.sqrt(Math.max(c.area, 1) / Math.PI), 1500),
      borders: new Set(c.borders.map((b) => cca3to2.get(b) ?? b)),
    },
  ]),
);

/** "米国 (US)"; the code alone when unknown. */
export function countryLabel(code: string): string {
  const f = FACTS.get(code);
  return f ? `${f.nameJa} (${code})` : code;
}

/**
 * The least distance (km) between two countries that a traveller must have covered: centroid to
 * centroid less both radii; 0 for neighbours or unknown codes.
 */
export function minDistanceKm(a: string, b: string): number {
  const x = FACTS.get(a);
  const y = FACTS.get(b);
  if (!x || !y || a === b || x.borders.has(b)) return 0;
  const rad = Math.PI / 180;
  const dLat = (y.lat - x.lat) * rad;
  const dLon = (y.lon - x.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(x.lat * rad) * Math.cos(y.lat * rad) * Math.sin(dLon / 2) ** 2;
  const d = 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
  return Math.max(0, d - x.radiusKm - y.radiusKm);
}
