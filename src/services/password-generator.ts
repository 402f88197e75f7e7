import { randomInt } from 'node:crypto';

/** Unambiguous characters only (no 0/O, 1/l/I), so printed passwords can be typed from paper. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A random initial password: 16 characters ≈ 93 bits, above the 13-character policy minimum. */
export function generatePassword(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHABET[randomInt(ALPHABET.length)] ?? 'x';
  return out;
}
