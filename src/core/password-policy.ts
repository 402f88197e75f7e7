import { DomainError } from './errors.js';

/**
 * Password rules of the MHLW guideline 第6.0版 (システム運用編 13章): at least 13 characters, or at
 * least 8 when the account also uses a second factor. We additionally refuse passwords that
 * contain the login name and a short list of well-known weak passwords.
 */
export const MIN_LENGTH_WITHOUT_MFA = 13;
export const MIN_LENGTH_WITH_MFA = 8;
export const MAX_LENGTH = 256;

export type PasswordRule = 'too_short' | 'too_long' | 'contains_username' | 'common_password';

export interface PasswordCheck {
  ok: boolean;
  /** Failed rules, in a stable order. */
  failures: PasswordRule[];
  /** True when the password is acceptable only because the account uses (or must use) TOTP. */
  requiresMfa: boolean;
}

const COMMON = new Set([
  'password',
  'password1',
  'passw0rd',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'iloveyou',
  'admin123',
  'administrator',
  'letmein123',
  'hospital',
  'byouin123',
]);

/** Length counted in code points, so 13 Japanese characters count as 13. */
function length(value: string): number {
  return [...value].length;
}

/**
 * Check a candidate password. `mfaAvailable` is true when the account has (or will be forced to
 * enrol) TOTP; then the 8-character minimum applies.
 */
export function checkPassword(password: string, username: string, mfaAvailable: boolean): PasswordCheck {
  const failures: PasswordRule[] = [];
  const len = length(password);
  const min = mfaAvailable ? MIN_LENGTH_WITH_MFA : MIN_LENGTH_WITHOUT_MFA;
  if (len < min) failures.push('too_short');
  if (len > MAX_LENGTH) failures.push('too_long');
  const lower = password.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase())) failures.push('contains_username');
  if (COMMON.has(lower)) failures.push('common_password');
  return {
    ok: failures.length === 0,
    failures,
    requiresMfa: failures.length === 0 && len < MIN_LENGTH_WITHOUT_MFA,
  };
}

/** The error every entry point raises for a refused password; `failures` drive the UI message. */
export function passwordPolicyError(failures: readonly string[]): DomainError {
  return new DomainError('password_policy', 'パスワードがポリシーを満たしていません / Password does not meet the policy', {
    failures: [...failures],
  });
}
