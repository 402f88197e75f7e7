import { domainOf, inDomains, splitQuoted } from '../message-facts.js';
import type { Reason, Signal } from '../signal.js';

export const REPLY_SUBJECT = /^\s*(re|fw|fwd|aw|sv|返信|転送)\s*[:：]/i;

/**
 * Reply-chain hijack: the message cites a thread the hospital took part in (by Message-ID, or by
 * quoting its text) but its sender never took part. A colleague of a participant (same domain)
 * joining is common and weighs little; a reply that cites nothing at all is a fake reply.
 */
export const replyHijackSignal: Signal = {
  name: 'reply_hijack',
  run(m, ctx) {
    const out: Reason[] = [];
    const sender = m.fromAddress.toLowerCase();
    const fromDomain = domainOf(sender);
    const external = !inDomains(fromDomain, ctx.hospitalDomains);
    const isReply = REPLY_SUBJECT.test(m.subject);
    const cited = ctx.index.thread(m.inReplyTo);
    const judge = (participants: ReadonlySet<string>, how: string, code: string, weight: number) => {
      if (participants.has(sender)) return;
      if ([...participants].some((p) => domainOf(p) === fromDomain)) {
        out.push({ code: 'reply_new_participant', text: `${how}スレッドに、参加者と同じ組織（${fromDomain}）の新しいアドレスから返信されています`, weight: 5 });
      } else {
        out.push({ code, text: `${how}当院が参加したスレッドへの返信ですが、差出人（${sender}）はそのスレッドの参加者ではありません（返信の乗っ取りの疑い）`, weight });
      }
    };
    if (cited) {
      judge(cited.participants, '', 'reply_hijack', 50);
      return out;
    }
    const { quoted } = splitQuoted(m.text);
    const copied = quoted ? ctx.index.quotedThread(quoted) : null;
    if (copied) {
      judge(copied.participants, '引用された本文から特定した', 'quoted_text_copied', 45);
      return out;
    }
    if (isReply && m.inReplyTo.length === 0 && external) out.push({ code: 'fake_reply', text: '件名は返信ですが、返信元のメッセージIDがありません', weight: 10 });
    return out;
  },
};
