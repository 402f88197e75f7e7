import { latinShare, splitQuoted } from '../message-facts.js';
import type { Signal } from '../signal.js';
import { REPLY_SUBJECT } from './reply-hijack.signal.js';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** English (or other Latin-script) new text replying to a Japanese thread. */
export const languageSwitchSignal: Signal = {
  name: 'language_switch',
  run(m, ctx) {
    const { fresh, quoted } = splitQuoted(m.text);
    const cited = ctx.index.thread(m.inReplyTo) ?? (quoted ? ctx.index.quotedThread(quoted) : null);
    const isReply = REPLY_SUBJECT.test(m.subject) || m.inReplyTo.length > 0;
    const japaneseThread = cited?.japanese === true || (quoted.length > 0 && latinShare(quoted) < 0.5) || (isReply && JAPANESE.test(m.subject));
    // A copied Japanese signature under English text is the Emotet look, not a Japanese reply.
    const own = fresh.split(/\n(?:-- ?|[-_=━─＝]{2,}.*)\n/)[0] ?? fresh;
    const body = own.replace(/\s/g, '');
    if (!isReply || !japaneseThread || body.length < 20 || latinShare(own) < 0.8) return [];
    return [{ code: 'language_switch', text: '日本語のやり取りへの返信なのに、本文が英語など外国語です', weight: 20 }];
  },
};
