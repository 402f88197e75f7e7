import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export interface ScryptCost {
  /** log2 of N. 16 → 64 MiB per hash with r = 8. */
  log2N: number;
  r: number;
  p: number;
}

/** Production cost: N = 2^16, r = 8, p = 1 (≈ 64 MiB, ≈ 0.1–0.2 s on a small server). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { log2N: 16, r: 8, p: 1 };

const KEY_LENGTH = 32;

/**
 * scrypt password hashing (node:crypto, no native add-on). The encoded form carries its own
 * parameters so the cost can be raised later without invalidating stored hashes.
 * Format: `scrypt$<log2N>$<r>$<p>$<salt b64>$<hash b64>`.
 */
export class PasswordHasher {
  readonly #cost: ScryptCost;

  constructor(cost: ScryptCost = DEFAULT_SCRYPT_COST) {
    this.#cost = cost;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const { log2N, r, p } = this.#cost;
    const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, this.#options(log2N, r, p));
    return ['scrypt', log2N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const parts = encoded.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [log2N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    const salt = Buffer.from(parts[4] ?? '', 'base64');
    const expected = Buffer.from(parts[5] ?? '', 'base64');
    if (!Number.isInteger(log2N) || log2N < 10 || log2N > 22 || expected.length !== KEY_LENGTH) return false;
    const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, this.#options(log2N, r, p));
    return timingSafeEqual(key, expected);
  }

  /** Spend the same time as a real verification, so unknown user names are not distinguishable. */
  async dummyVerify(password: string): Promise<void> {
    const { log2N, r, p } = this.#cost;
    await scrypt(password, Buffer.alloc(16), KEY_LENGTH, this.#options(log2N, r, p));
  }

  #options(log2N: number, r: number, p: number): ScryptOptions {
    const N = 2 ** log2N;
    return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  }
}
