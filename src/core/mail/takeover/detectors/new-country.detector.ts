/**
 * Logins (and SMTP submissions) from a country this account has not used before. The first
 * learningDays of the log only teach; a country outside the hospital's home countries seen first
 * after that is strong evidence, one seen with nothing to compare against is weaker.
 */
import { countryLabel } from '../countries.js';
import { DAY_MS, MAX_EVIDENCE, type Finding, type TakeoverDetector } from '../finding.js';
import { isoJst } from '../../../jst.js';

export const newCountryDetector: TakeoverDetector = {
  name: 'new-country',
  run(t, ctx) {
    const learnedUntil = ctx.dataStart + ctx.learningDays * DAY_MS;
    const activity = [...t.logins.filter((l) => l.success), ...t.sends].sort((a, b) => a.at - b.at);
    const seen = new Set<string>();
    const byCountry = new Map<string, Finding>();
    for (const e of activity) {
      const c = e.place;
      if (c === null || c === 'internal' || ctx.homeCountries.has(c)) continue;
      const f = byCountry.get(c);
      if (f) {
        f.last = e.at;
        if (e.ip && !f.suspectIps.includes(e.ip)) f.suspectIps.push(e.ip);
        if (f.evidence.length < MAX_EVIDENCE) f.evidence.push({ at: e.at, ref: e.ref, text: describe(e.kind, e.ip, c) });
        continue;
      }
      if (seen.has(c)) continue;
      if (e.at < learnedUntil) {
        // A country in use while the baseline is learnt is the account's normal — unless nothing
        // before it can say so: the first days are reported weakly rather than trusted blindly.
        seen.add(c);
        if (e.at - ctx.dataStart < DAY_MS) {
          byCountry.set(c, { code: 'foreign_login_unbaselined', kind: 'access', text: `${countryLabel(c)}からのアクセス（ログ開始直後のため過去と比較できません） ${isoJst(e.at)}`, weight: 20, first: e.at, last: e.at, evidence: [{ at: e.at, ref: e.ref, text: describe(e.kind, e.ip, c) }], suspectIps: e.ip ? [e.ip] : [] });
        }
        continue;
      }
      byCountry.set(c, { code: 'new_country', kind: 'access', text: `これまで使われていない国 ${countryLabel(c)} からのアクセス（初回 ${isoJst(e.at)}）`, weight: 40, first: e.at, last: e.at, evidence: [{ at: e.at, ref: e.ref, text: describe(e.kind, e.ip, c) }], suspectIps: e.ip ? [e.ip] : [] });
    }
    return [...byCountry.values()];
  },
};

function describe(kind: 'login' | 'send', ip: string | null, country: string): string {
  return `${kind === 'login' ? 'ログイン成功' : '送信'} ${ip ?? '(IP不明)'} ${countryLabel(country)}`;
}
