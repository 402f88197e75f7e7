import { domainOf, inDomains } from '../message-facts.js';
import type { Reason, Signal } from '../signal.js';

/**
 * The pattern widespread filters miss: a staff member's plain name (kanji, kana or romaji) in front
 * of an outside address, or a correspondent's name in front of an address they never used. An
 * address already known under that name (a doctor's own private address) only earns a note.
 */
export const displayNameSignal: Signal = {
  name: 'display_name',
  run(m, ctx) {
    const out: Reason[] = [];
    const fromDomain = domainOf(m.fromAddress);
    if (!m.fromName || inDomains(fromDomain, ctx.hospitalDomains)) return out;
    const staff = ctx.staff.byEmail(m.fromAddress) ? null : ctx.staff.match(m.fromName);
    const known = ctx.index.knownUnder(m.fromAddress, m.fromName);
    if (staff) {
      if (known) out.push({ code: 'display_name_staff_known', text: `差出人名は職員「${staff.name}」ですが院外アドレス（${m.fromAddress}）です。このアドレスは過去のやり取りで同じ名前で使われています`, weight: 5 });
      else out.push({ code: 'display_name_staff', text: `差出人名が職員「${staff.name}」（${staff.department}）と一致しますが、アドレスは院外（${fromDomain}）で、この名前で使われたことがありません`, weight: 60 });
      return out;
    }
    const addressInName = m.fromName.match(/[\w.+-]+@[\w.-]+\.[a-z]{2,}/i)?.[0]?.toLowerCase();
    if (addressInName && addressInName !== m.fromAddress) {
      out.push({ code: 'display_name_address', text: `差出人名に別のアドレス（${addressInName}）が書かれています`, weight: ctx.staff.byEmail(addressInName) || inDomains(domainOf(addressInName), ctx.hospitalDomains) ? 60 : 30 });
      return out;
    }
    if (known) return out;
    const others = [...ctx.index.addressesForName(m.fromName)].filter((a) => a !== m.fromAddress);
    if (others.length > 0) {
      const sameOrg = others.some((a) => domainOf(a) === fromDomain);
      out.push({ code: 'display_name_correspondent', text: `差出人名「${m.fromName.trim()}」は過去のやり取りでは別のアドレス（${others.slice(0, 2).join('、')}）で使われています`, weight: sameOrg ? 10 : 40 });
    }
    return out;
  },
};
