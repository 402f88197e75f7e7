import { createHash, timingSafeEqual } from 'node:crypto';
import { SYSTEM_ACTOR, type Actor } from '../core/actor.js';
import { addMs, iso, type Clock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import type { SettingRepository } from '../db/repositories/setting.repository.js';
import type { AuditService } from './audit.service.js';
import { randomToken } from './session-token.js';
import type { UserService } from './user.service.js';

const TOKEN_KEY = 'setup.token_sha256';
const EXPIRES_KEY = 'setup.token_expires_at';

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * First-run: no default passwords. While no account exists, start-up creates a one-time token
 * (only its hash is stored) and prints a link; whoever holds the console creates the first
 * administrator, who must then enrol TOTP.
 */
export class SetupService {
  readonly #settings: SettingRepository;
  readonly #users: UserService;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #tokenHours: number;

  constructor(deps: { settings: SettingRepository; users: UserService; audit: AuditService; clock: Clock; tokenHours: number }) {
    this.#settings = deps.settings;
    this.#users = deps.users;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#tokenHours = deps.tokenHours;
  }

  async isRequired(): Promise<boolean> {
    return (await this.#users.count()) === 0;
  }

  /** A fresh token when setup is still required (each start invalidates the previous one). */
  async issueToken(): Promise<string | null> {
    if (!(await this.isRequired())) return null;
    const token = randomToken(24);
    const now = this.#clock.now();
    await this.#settings.set(TOKEN_KEY, sha256(token).toString('hex'), iso(now));
    await this.#settings.set(EXPIRES_KEY, iso(addMs(now, this.#tokenHours * 3600 * 1000)), iso(now));
    await this.#audit.record(SYSTEM_ACTOR, { action: 'setup.token_issued' });
    return token;
  }

  async complete(
    token: string,
    admin: { username: string; displayName: string; password: string },
    ip: string | null,
  ): Promise<void> {
    const actor: Actor = { id: null, name: 'setup', ip };
    if (!(await this.isRequired()) || !(await this.#tokenValid(token))) {
      await this.#audit.record(actor, { action: 'setup.complete', outcome: 'denied' });
      throw new DomainError('setup_unavailable', 'セットアップリンクが無効です / The setup link is invalid or used');
    }
    const user = await this.#users.create(actor, { ...admin, role: 'admin', mustChangePassword: false });
    await this.#settings.delete(TOKEN_KEY);
    await this.#settings.delete(EXPIRES_KEY);
    await this.#audit.record({ ...actor, id: user.id }, { action: 'setup.complete', targetType: 'user', targetId: user.id });
  }

  async #tokenValid(token: string): Promise<boolean> {
    const stored = await this.#settings.get(TOKEN_KEY);
    const expires = await this.#settings.get(EXPIRES_KEY);
    if (!stored || !expires || Date.parse(expires) < this.#clock.now().getTime()) return false;
    const expected = Buffer.from(stored, 'hex');
    const given = sha256(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
