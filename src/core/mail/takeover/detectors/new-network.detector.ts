/**
 * Mail submitted (SMTP AUTH, or a message trace's client address) from a network in the hospital's
 * own country that the account never used during the learning days. Weak alone — people move,
 * phones roam — but it names the intruder's addresses when a sending spike follows.
 */
import { isoJst } from '../../../jst.js';
import { DAY_MS, MAX_EVIDENCE, isUnusual, usualNetworks, type Finding, type TakeoverDetector } from '../finding.js';
import { networkOf } from '../ip-scope.js';

export const newNetworkDetector: TakeoverDetector = {
  name: 'new-network',
  run(t, ctx) {
    const learnedUntil = ctx.dataStart + ctx.learningDays * DAY_MS;
    const usual = usualNetworks(t, ctx);
    const submissions = [...t.sends, ...t.logins.filter((l) => l.success && (l.protocol === 'smtp' || l.protocol === 'submission'))].sort((a, b) => a.at - b.at);
    let finding: Finding | null = null;
    const networks = new Set<string>();
    for (const e of submissions) {
      if (e.at < learnedUntil || !isUnusual(e.ip, usual)) continue;
      // Other countries are the new-country detector's; here only home (or unknown) places.
      if (e.place !== null && !ctx.homeCountries.has(e.place)) continue;
      const ip = e.ip ?? '';
      networks.add(networkOf(ip) ?? ip);
      if (!finding) finding = { code: 'new_network', kind: 'access', text: '', weight: 20, first: e.at, last: e.at, evidence: [], suspectIps: [] };
      finding.last = e.at;
      if (!finding.suspectIps.includes(ip)) finding.suspectIps.push(ip);
      if (finding.evidence.length < MAX_EVIDENCE && !finding.evidence.some((x) => x.text.includes(ip))) finding.evidence.push({ at: e.at, ref: e.ref, text: `${e.kind === 'send' ? '送信' : 'SMTP 認証'} ${ip}（これまで使われていないネットワーク）` });
    }
    if (!finding) return [];
    finding.text = `これまで使われていないネットワーク（${[...networks].slice(0, 3).join(', ')}${networks.size > 3 ? ' ほか' : ''}）からの送信（初回 ${isoJst(finding.first)}）`;
    return [finding];
  },
};
