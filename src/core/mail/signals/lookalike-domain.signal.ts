import { lookalikeOf } from '../domain-similarity.js';
import { domainOf, inDomains } from '../message-facts.js';
import type { Reason, Signal } from '../signal.js';

/** A sender or Reply-To domain made to look like the hospital's or a frequent correspondent's. */
export const lookalikeDomainSignal: Signal = {
  name: 'lookalike_domain',
  run(m, ctx) {
    const out: Reason[] = [];
    const fromDomain = domainOf(m.fromAddress);
    const judge = (domain: string) => (inDomains(domain, ctx.hospitalDomains) || ctx.index.domainMessages(domain) > 0 ? null : lookalikeOf(domain, ctx.lookalikeTargets));
    const like = fromDomain ? judge(fromDomain) : null;
    if (like) {
      const own = ctx.hospitalDomains.includes(like);
      out.push({ code: 'lookalike_domain', text: `差出人ドメイン ${fromDomain} は${own ? '当院' : 'よくやり取りする取引先'}のドメイン ${like} に似せています`, weight: own ? 60 : 50 });
    }
    for (const r of m.replyTo) {
      const d = domainOf(r);
      if (d === fromDomain || inDomains(d, ctx.hospitalDomains)) continue;
      const rl = judge(d);
      out.push(rl ? { code: 'lookalike_reply_to', text: `返信先ドメイン ${d} は ${rl} に似せています`, weight: 40 } : { code: 'reply_to_mismatch', text: `返信先（${r}）が差出人と異なる院外のアドレスです`, weight: 10 });
    }
    return out;
  },
};
