/**
 * One account's events in time order, and what a detector says about them. A finding is one kind
 * of evidence (stable code, Japanese text, weight); the alert adds the weights of its findings as
 * the message analysis does (ADR 0012).
 */
import { domainOf, inDomains } from '../message-facts.js';
import { isInternalIp, networkOf } from './ip-scope.js';
import type { ForwardEvent, LoginEvent, LogRef, SendEvent } from './log-events.js';

/** A login or a submission with where it came from: a country code, 'internal', or null (unknown). */
export type Located<E> = E & { place: string | null };

export interface AccountTimeline {
  account: string;
  logins: Located<LoginEvent>[];
  sends: Located<SendEvent>[];
  forwards: ForwardEvent[];
}

export interface TakeoverContext {
  domains: readonly string[];
  /** Countries the hospital's staff normally log in from (default JP): never "new". */
  homeCountries: ReadonlySet<string>;
  /** Start and end of the whole log (all accounts): the baseline is measured from the start. */
  dataStart: number;
  dataEnd: number;
  /** Days at the start of the log that only teach what is normal (default 7). */
  learningDays: number;
  /** External recipients in one JST day above which any account is flagged, baseline or not. */
  dailyCeiling: number;
}

export interface EvidenceItem {
  at: number;
  ref: LogRef;
  text: string;
}

/** access: someone else got in; abuse: the account was used (sending, forwarding). */
export type FindingKind = 'access' | 'abuse';

export interface Finding {
  code: string;
  kind: FindingKind;
  text: string;
  weight: number;
  first: number;
  last: number;
  /** When the intruder was first in, if later than `first` (failed guesses precede the break-in). */
  compromisedAt?: number;
  evidence: EvidenceItem[];
  /** Addresses an intruder used; activity from them bounds the compromise window. */
  suspectIps: string[];
}

export interface TakeoverDetector {
  name: string;
  run(t: AccountTimeline, ctx: TakeoverContext): Finding[];
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MAX_EVIDENCE = 20;

/** The JST calendar day (days since the epoch) of an instant. */
export function jstDayIndex(t: number): number {
  return Math.floor((t + 9 * HOUR_MS) / DAY_MS);
}

export function externalRecipients(send: SendEvent, domains: readonly string[]): SendEvent['recipients'] {
  return send.recipients.filter((r) => !inDomains(domainOf(r.address), domains));
}

/**
 * Networks the account used during the learning days (successful logins and submissions). The
 * hospital's own and private addresses are always usual: an intruder elsewhere shows up as an
 * unusual network, and an abuse from an unusual network weighs more than the same from a
 * colleague's desk.
 */
export function usualNetworks(t: AccountTimeline, ctx: TakeoverContext): Set<string> {
  const until = ctx.dataStart + ctx.learningDays * DAY_MS;
  const out = new Set<string>();
  for (const e of [...t.logins.filter((l) => l.success), ...t.sends]) {
    if (e.at >= until || e.ip === null) continue;
    const n = networkOf(e.ip);
    if (n) out.add(n);
  }
  return out;
}

export function isUnusual(ip: string | null, usual: ReadonlySet<string>): boolean {
  if (ip === null || isInternalIp(ip)) return false;
  const n = networkOf(ip);
  return n !== null && !usual.has(n);
}
