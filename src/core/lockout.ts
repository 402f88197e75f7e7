/**
 * Lockout after repeated authentication failures. Each lockout doubles the previous one
 * (exponential back-off) so that a slow, patient guesser gains nothing, capped at 24 hours.
 */
export interface LockoutPolicy {
  threshold: number;
  baseSeconds: number;
}

export interface LockoutState {
  failedCount: number;
  lockoutCount: number;
}

export interface FailureOutcome {
  failedCount: number;
  lockoutCount: number;
  /** Milliseconds the account is now locked for, or 0. */
  lockMs: number;
}

const MAX_LOCK_MS = 24 * 3600 * 1000;

/** Apply one failure to the state. */
export function registerFailure(state: LockoutState, policy: LockoutPolicy): FailureOutcome {
  const failedCount = state.failedCount + 1;
  if (failedCount < policy.threshold) {
    return { failedCount, lockoutCount: state.lockoutCount, lockMs: 0 };
  }
  const lockoutCount = state.lockoutCount + 1;
  const lockMs = Math.min(policy.baseSeconds * 1000 * 2 ** (lockoutCount - 1), MAX_LOCK_MS);
  return { failedCount: 0, lockoutCount, lockMs };
}
