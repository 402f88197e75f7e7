/**
 * Two successful logins from countries too far apart for the time between them (over 1,000 km/h
 * after allowing each country's size; neighbours never count). The hospital's own (private)
 * addresses are placed in its home country — a colleague at a ward PC is in Japan; a VPN pool
 * address would be too, so a VPN user abroad who also logs in directly is reported (ADR 0012).
 */
import { countryLabel, minDistanceKm } from '../countries.js';
import { HOUR_MS, MAX_EVIDENCE, type Finding, type TakeoverDetector } from '../finding.js';

const MAX_KMH = 1000;

export const impossibleTravelDetector: TakeoverDetector = {
  name: 'impossible-travel',
  run(t, ctx) {
    const home = [...ctx.homeCountries][0] ?? null;
    let prev: { at: number; ip: string | null; place: string; ref: (typeof t.logins)[number]['ref'] } | null = null;
    let finding: Finding | null = null;
    for (const raw of t.logins) {
      if (!raw.success || raw.place === null) continue;
      const place = raw.place === 'internal' ? home : raw.place;
      if (place === null) continue;
      const l = { at: raw.at, ip: raw.ip, place, ref: raw.ref };
      if (prev && prev.place !== l.place) {
        const km = minDistanceKm(prev.place, l.place);
        const hours = Math.max((l.at - prev.at) / HOUR_MS, 1 / 60);
        if (km > 0 && km / hours > MAX_KMH) {
          const text = `${countryLabel(prev.place)} → ${countryLabel(l.place)}：${Math.round(hours * 60)} 分で最低 ${Math.round(km).toLocaleString('ja-JP')} km（移動不可能）`;
          if (!finding) finding = { code: 'impossible_travel', kind: 'access', text, weight: 45, first: prev.at, last: l.at, evidence: [], suspectIps: [] };
          finding.last = l.at;
          if (finding.evidence.length < MAX_EVIDENCE) finding.evidence.push({ at: prev.at, ref: prev.ref, text: `ログイン ${prev.ip ?? ''} ${countryLabel(prev.place)}` }, { at: l.at, ref: l.ref, text: `ログイン ${l.ip ?? ''} ${countryLabel(l.place)}（${text}）` });
          // The side abroad is the intruder's; the hospital's own country is the owner's.
          for (const side of [prev, l]) {
            if (ctx.homeCountries.has(side.place)) continue;
            if (finding.compromisedAt === undefined || side.at < finding.compromisedAt) finding.compromisedAt = side.at;
            if (side.ip && !finding.suspectIps.includes(side.ip)) finding.suspectIps.push(side.ip);
          }
        }
      }
      prev = l;
    }
    return finding ? [finding] : [];
  },
};
