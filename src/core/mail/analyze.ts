/**
 * Mail threat analysis of one message: every signal runs over the facts, the weights add up to a
 * score (capped at 100) and the verdict is 危険 (≥ 60), 注意 (≥ 25) or 安全. Indicators are what a
 * case needs to block and search: sender, domains, URLs, attachment hashes.
 */
import { StaffDirectory, type StaffEntry } from './display-name.js';
import { domainOf, type MessageFacts } from './message-facts.js';
import type { Reason, Signal, SignalContext } from './signal.js';
import { attachmentSignal } from './signals/attachment.signal.js';
import { authenticationSignal } from './signals/authentication.signal.js';
import { displayNameSignal } from './signals/display-name.signal.js';
import { firstContactSignal } from './signals/first-contact.signal.js';
import { languageSwitchSignal } from './signals/language-switch.signal.js';
import { hostOf, linkSignal } from './signals/link.signal.js';
import { lookalikeDomainSignal } from './signals/lookalike-domain.signal.js';
import { replyHijackSignal } from './signals/reply-hijack.signal.js';
import { ThreadIndex } from './thread-index.js';

export type Verdict = '安全' | '注意' | '危険';

export interface Indicators {
  sender: string;
  domains: string[];
  urls: string[];
  attachments: Array<{ filename: string; sha256: string }>;
}

export interface Analysis {
  verdict: Verdict;
  score: number;
  reasons: Reason[];
  indicators: Indicators;
}

export const SIGNALS: readonly Signal[] = [displayNameSignal, lookalikeDomainSignal, replyHijackSignal, languageSwitchSignal, attachmentSignal, firstContactSignal, linkSignal, authenticationSignal];

export const DANGER = 60;
export const CAUTION = 25;

export function verdictOf(score: number): Verdict {
  return score >= DANGER ? '危険' : score >= CAUTION ? '注意' : '安全';
}

/** The context of one analysis run: staff directory, own domains, the thread index. */
export function signalContext(staff: StaffDirectory | readonly StaffEntry[], hospitalDomains: readonly string[], index: ThreadIndex = new ThreadIndex()): SignalContext {
  const own = hospitalDomains.map((d) => d.trim().toLowerCase()).filter(Boolean);
  const frequent = index.frequentDomains(3).filter((d) => !own.some((o) => d === o || d.endsWith(`.${o}`)));
  return { staff: staff instanceof StaffDirectory ? staff : new StaffDirectory(staff), hospitalDomains: own, index, lookalikeTargets: [...own, ...frequent] };
}

export function analyzeMessage(m: MessageFacts, ctx: SignalContext): Analysis {
  const reasons = SIGNALS.flatMap((s) => s.run(m, ctx));
  const score = Math.min(100, reasons.reduce((n, r) => n + r.weight, 0));
  const urls = [...new Set(m.links.map((l) => l.href))];
  return {
    verdict: verdictOf(score),
    score,
    reasons,
    indicators: {
      sender: m.fromAddress,
      domains: [...new Set([domainOf(m.fromAddress), ...m.replyTo.map(domainOf), ...urls.map(hostOf).filter((h): h is string => h !== null)])].filter(Boolean),
      urls,
      attachments: m.attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 })),
    },
  };
}
