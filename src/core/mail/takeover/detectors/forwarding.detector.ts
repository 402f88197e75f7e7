/**
 * Mail leaving for an outside address by a rule: an inbox rule or mailbox forwarding created in the
 * audit log (always reported), or a forward the mail log shows being delivered for the first time
 * after the learning days. A forward already running when the log starts may be the hospital's own
 * arrangement — or an older intrusion — and is reported weakly.
 */
import { isoJst } from '../../../jst.js';
import { domainOf, inDomains } from '../../message-facts.js';
import { DAY_MS, MAX_EVIDENCE, type Finding, type TakeoverDetector } from '../finding.js';

export const forwardingDetector: TakeoverDetector = {
  name: 'forwarding',
  run(t, ctx) {
    const learnedUntil = ctx.dataStart + ctx.learningDays * DAY_MS;
    const byTarget = new Map<string, Finding>();
    for (const f of t.forwards) {
      if (inDomains(domainOf(f.target), ctx.domains)) continue;
      const existing = byTarget.get(f.target);
      if (existing) {
        existing.last = f.at;
        if (existing.evidence.length < MAX_EVIDENCE) existing.evidence.push({ at: f.at, ref: f.ref, text: `転送 → ${f.target}` });
        continue;
      }
      const created = f.how !== 'delivered';
      const fresh = created || f.at >= learnedUntil;
      byTarget.set(f.target, {
        code: created ? 'forwarding_rule' : fresh ? 'new_forwarding' : 'standing_forwarding',
        kind: 'abuse',
        text: created
          ? `院外アドレス ${f.target} への${f.how === 'rule' ? '受信トレイ転送ルール' : 'メールボックス転送'}が設定された（${isoJst(f.at)}）`
          : fresh
            ? `院外アドレス ${f.target} への自動転送が始まった（初回 ${isoJst(f.at)}）`
            : `院外アドレス ${f.target} への自動転送（ログ開始時から継続）`,
        weight: created ? 45 : fresh ? 35 : 10,
        first: f.at,
        last: f.at,
        evidence: [{ at: f.at, ref: f.ref, text: created ? `転送設定 → ${f.target}` : `転送 → ${f.target}` }],
        suspectIps: [],
      });
    }
    return [...byTarget.values()];
  },
};
