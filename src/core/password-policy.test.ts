import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

describe('password policy (guideline 第6.0版)', () => {
  it('accepts 13+ characters without two-factor', () => {
    expect(checkPassword('abcdefghijklm', 'user1', false)).toEqual({ ok: true, failures: [], requiresMfa: false });
  });
  it('refuses 12 characters without two-factor', () => {
    expect(checkPassword('abcdefghijkl', 'user1', false).failures).toEqual(['too_short']);
  });
  it('accepts 8–12 characters only with two-factor, and says so', () => {
    expect(checkPassword('abcdefgh', 'user1', true)).toEqual({ ok: true, failures: [], requiresMfa: true });
    expect(checkPassword('abcdefg', 'user1', true).failures).toEqual(['too_short']);
  });
  it('counts Japanese characters as characters, not bytes', () => {
    expect(checkPassword('あいうえおかきくけこさしす', 'user1', false).ok).toBe(true);
    expect(checkPassword('あいうえおかきくけこさし', 'user1', false).ok).toBe(false);
  });
  it('refuses the user name inside the password and common passwords', () => {
    expect(checkPassword('tanaka-hanako-2026', 'tanaka', false).failures).toEqual(['contains_username']);
    expect(checkPassword('password1', 'x', true).failures).toEqual(['common_password']);
  });
});
