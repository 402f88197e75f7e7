/**
 * Within one hour, mail to 20 or more outside domains the account had never written to — the
 * pattern of a relay working through a harvested address list, or malware replying to every
 * thread in the mailbox. From networks the account never used it weighs 35, from its usual
 * places 20 (a newsletter to new partners looks the same in a log).
 */
import { isoJst } from '../../../jst.js';
import { domainOf } from '../../message-facts.js';
import { HOUR_MS, MAX_EVIDENCE, externalRecipients, isUnusual, usualNetworks, type Finding, type TakeoverDetector } from '../finding.js';

const NEW_DOMAINS = 20;

export const domainBurstDetector: TakeoverDetector = {
  name: 'domain-burst',
  run(t, ctx) {
    const known = new Set<string>();
    // Each send's never-seen domains, in time order; a sliding hour counts them.
    const fresh: { at: number; send: (typeof t.sends)[number]; domains: string[] }[] = [];
    for (const s of t.sends) {
      const domains: string[] = [];
      for (const r of externalRecipients(s, ctx.domains)) {
        const d = domainOf(r.address);
        if (!known.has(d)) {
          known.add(d);
          domains.push(d);
        }
      }
      if (domains.length > 0) fresh.push({ at: s.at, send: s, domains });
    }
    let finding: Finding | null = null;
    let lo = 0;
    let inWindow = 0;
    for (let hi = 0; hi < fresh.length; hi++) {
      const h = fresh[hi];
      if (!h) continue;
      inWindow += h.domains.length;
      while (lo < hi && (fresh[lo]?.at ?? 0) < h.at - HOUR_MS) inWindow -= fresh[lo++]?.domains.length ?? 0;
      if (inWindow < NEW_DOMAINS) continue;
      const start = fresh[lo] ?? h;
      if (!finding) {
        finding = { code: 'domain_burst', kind: 'abuse', text: `1 時間以内に初めての院外ドメイン ${inWindow} 件へ送信（${isoJst(start.at)} から）`, weight: 35, first: start.at, last: h.at, evidence: [], suspectIps: [] };
      }
      finding.last = h.at;
      for (const e of fresh.slice(lo, hi + 1)) {
        if (finding.evidence.length >= MAX_EVIDENCE || finding.evidence.some((x) => x.ref.line === e.send.ref.line && x.ref.file === e.send.ref.file)) continue;
        finding.evidence.push({ at: e.at, ref: e.send.ref, text: `送信 ${e.send.ip ?? ''} → ${e.domains.join(', ')}` });
      }
    }
    if (!finding) return [];
    const usual = usualNetworks(t, ctx);
    const burstSends = fresh.filter((e) => e.at >= (finding?.first ?? 0) && e.at <= (finding?.last ?? 0));
    const unusual = burstSends.filter((e) => isUnusual(e.send.ip, usual));
    if (unusual.length * 2 < burstSends.length) {
      finding.weight = 20;
      finding.text = `（通常の接続元から）${finding.text}`;
    } else finding.suspectIps = [...new Set(unusual.map((e) => e.send.ip).filter((ip): ip is string => ip !== null))];
    return [finding];
  },
};
