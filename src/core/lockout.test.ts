import { describe, expect, it } from 'vitest';
import { registerFailure } from './lockout.js';

describe('lockout back-off', () => {
  const policy = { threshold: 3, baseSeconds: 60 };
  it('locks at the threshold and doubles each time, capped at 24 h', () => {
    let state = { failedCount: 0, lockoutCount: 0 };
    const locks: number[] = [];
    for (let i = 0; i < 3 * 12; i += 1) {
      const r = registerFailure(state, policy);
      state = { failedCount: r.failedCount, lockoutCount: r.lockoutCount };
      if (r.lockMs > 0) locks.push(r.lockMs / 1000);
    }
    expect(locks.slice(0, 5)).toEqual([60, 120, 240, 480, 960]);
    expect(Math.max(...locks)).toBe(86_400);
  });
});
