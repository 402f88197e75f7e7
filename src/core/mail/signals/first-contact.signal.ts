import { domainOf, inDomains } from '../message-facts.js';
import type { Signal } from '../signal.js';
import { attachmentReasons } from './attachment.signal.js';

/**
 * Active content (programs, macros, archives that cannot be inspected) from an address the
 * hospital has never exchanged mail with. A partner's PPAP zip is routine; the same zip from a
 * stranger is how Emotet arrived. Needs a thread index to know who is a stranger.
 */
export const firstContactSignal: Signal = {
  name: 'first_contact',
  run(m, ctx) {
    if (ctx.index.size === 0 || inDomains(domainOf(m.fromAddress), ctx.hospitalDomains) || ctx.index.isKnownAddress(m.fromAddress)) return [];
    const risky = attachmentReasons(m).filter((r) => r.weight >= 30);
    if (risky.length === 0) return [];
    return [{ code: 'first_contact_active_content', text: `これまでやり取りのない差出人（${m.fromAddress}）から、危険な可能性のある添付が届いています`, weight: 20 }];
  },
};
