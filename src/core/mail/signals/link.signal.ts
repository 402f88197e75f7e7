import { lookalikeOf } from '../domain-similarity.js';
import { inDomains } from '../message-facts.js';
import type { Reason, Signal } from '../signal.js';

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Links whose text shows another host than they go to, raw IP hosts, look-alike hosts. */
export const linkSignal: Signal = {
  name: 'link',
  run(m, ctx) {
    const out: Reason[] = [];
    const seen = new Set<string>();
    const once = (r: Reason) => {
      if (seen.has(r.code)) return;
      seen.add(r.code);
      out.push(r);
    };
    for (const l of m.links) {
      const host = hostOf(l.href);
      if (!host) continue;
      const shownText = l.text.trim();
      const shown = /^(https?:\/\/)?[\w-]+(\.[\w-]+)+(\/\S*)?$/i.test(shownText) ? hostOf(/^https?:/i.test(shownText) ? shownText : `http://${shownText}`) : null;
      if (shown && shown !== host && !host.endsWith(`.${shown}`)) {
        // Showing the hospital's own (or a partner's) address over a link elsewhere is the credential-phishing look.
        const trusted = inDomains(shown, ctx.hospitalDomains) || ctx.index.domainMessages(shown) > 0;
        once({ code: 'link_mismatch', text: `表示されたURL（${shown}）と実際のリンク先（${host}）が異なります${trusted ? '。表示は当院・取引先のアドレスです' : ''}`, weight: trusted ? 60 : 35 });
      }
      if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')) once({ code: 'ip_link', text: `IPアドレスへのリンク（${host}）`, weight: 25 });
      if (!inDomains(host, ctx.hospitalDomains) && ctx.index.domainMessages(host) === 0) {
        const like = lookalikeOf(host, ctx.lookalikeTargets);
        if (like) once({ code: 'lookalike_link', text: `${like} に似せたリンク先（${host}）`, weight: 40 });
      }
    }
    return out;
  },
};
