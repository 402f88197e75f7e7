/**
 * A signal is one kind of evidence against a message (one file each under signals/). It returns
 * reasons with a stable code, a Japanese explanation and a weight; the analysis adds the weights.
 */
import type { StaffDirectory } from './display-name.js';
import type { MessageFacts } from './message-facts.js';
import type { ThreadIndex } from './thread-index.js';

export interface Reason {
  code: string;
  text: string;
  weight: number;
}

export interface SignalContext {
  staff: StaffDirectory;
  /** The hospital's own mail domains (lower case). */
  hospitalDomains: readonly string[];
  index: ThreadIndex;
  /** Domains a look-alike is judged against: the hospital's and its frequent correspondents'. */
  lookalikeTargets: readonly string[];
}

export interface Signal {
  name: string;
  run(m: MessageFacts, ctx: SignalContext): Reason[];
}
