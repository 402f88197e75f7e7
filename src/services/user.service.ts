import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/actor.js';
import { iso, type Clock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { checkPassword, passwordPolicyError } from '../core/password-policy.js';
import { MFA_MANDATORY_ROLES, type Role } from '../core/roles.js';
import type { SessionRepository } from '../db/repositories/session.repository.js';
import type { UserRepository, UserRow } from '../db/repositories/user.repository.js';
import type { AuditService } from './audit.service.js';
import type { PasswordHasher } from './password-hasher.js';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  /** Accounts created by an administrator must choose their own password at first login. */
  mustChangePassword: boolean;
}

export interface UserChanges {
  role?: Role | undefined;
  disabled?: boolean | undefined;
  displayName?: string | undefined;
}

/** Account administration, shared by the HTTP API, the CLI and the demo loader. */
export class UserService {
  readonly #users: UserRepository;
  readonly #sessions: SessionRepository;
  readonly #audit: AuditService;
  readonly #hasher: PasswordHasher;
  readonly #clock: Clock;

  constructor(deps: { users: UserRepository; sessions: SessionRepository; audit: AuditService; hasher: PasswordHasher; clock: Clock }) {
    this.#users = deps.users;
    this.#sessions = deps.sessions;
    this.#audit = deps.audit;
    this.#hasher = deps.hasher;
    this.#clock = deps.clock;
  }

  async list(): Promise<UserRow[]> {
    return this.#users.list();
  }

  async count(): Promise<number> {
    return this.#users.count();
  }

  async get(id: string): Promise<UserRow> {
    const user = await this.#users.findById(id);
    if (!user) throw new DomainError('not_found', 'ユーザーが見つかりません / User not found');
    return user;
  }

  async findByUsername(username: string): Promise<UserRow> {
    const user = await this.#users.findByUsername(username);
    if (!user) throw new DomainError('not_found', 'ユーザーが見つかりません / User not found');
    return user;
  }

  async create(actor: Actor, input: NewUser): Promise<UserRow> {
    const now = iso(this.#clock.now());
    if (await this.#users.findByUsername(input.username)) {
      throw new DomainError('conflict', 'このユーザー名は使われています / User name already taken');
    }
    const mandatory = MFA_MANDATORY_ROLES.has(input.role);
    // An 8–12 character password is allowed only together with TOTP (guideline 第6.0版).
    const check = checkPassword(input.password, input.username, true);
    if (!check.ok) {
      throw passwordPolicyError(check.failures);
    }
    const id = randomUUID();
    await this.#users.create({
      id,
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: await this.#hasher.hash(input.password),
      mfa_secret: null,
      mfa_pending_secret: null,
      mfa_enabled: 0,
      mfa_required: mandatory || check.requiresMfa ? 1 : 0,
      must_change_password: input.mustChangePassword ? 1 : 0,
      disabled: 0,
      failed_count: 0,
      lockout_count: 0,
      locked_until: null,
      last_totp_step: null,
      last_login_at: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await this.#audit.record(actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      detail: { username: input.username, role: input.role },
    });
    return this.get(id);
  }

  async update(actor: Actor, id: string, changes: UserChanges): Promise<UserRow> {
    const user = await this.get(id);
    const now = iso(this.#clock.now());
    if (actor.id === id && (changes.disabled === true || (changes.role && changes.role !== user.role))) {
      throw new DomainError('conflict', '自分自身の権限変更・無効化はできません / You cannot demote or disable yourself');
    }
    await this.#users.update(id, {
      ...(changes.role ? { role: changes.role, mfa_required: MFA_MANDATORY_ROLES.has(changes.role) ? 1 : user.mfa_required } : {}),
      ...(changes.disabled !== undefined ? { disabled: changes.disabled ? 1 : 0 } : {}),
      ...(changes.displayName ? { display_name: changes.displayName } : {}),
      updated_at: now,
    });
    if (changes.disabled === true || (changes.role && changes.role !== user.role)) {
      await this.#sessions.revokeAllForUser(id, now);
    }
    await this.#audit.record(actor, {
      action: changes.disabled === true ? 'user.disable' : 'user.update',
      targetType: 'user',
      targetId: id,
      detail: {
        before: { role: user.role, disabled: user.disabled === 1 },
        after: { role: changes.role ?? user.role, disabled: changes.disabled ?? user.disabled === 1 },
      },
    });
    return this.get(id);
  }

  /** Forget the TOTP secret (lost phone); the user enrols again at next sign-in. */
  async resetMfa(actor: Actor, id: string): Promise<UserRow> {
    const user = await this.get(id);
    const now = iso(this.#clock.now());
    await this.#users.update(id, {
      mfa_secret: null,
      mfa_pending_secret: null,
      mfa_enabled: 0,
      last_totp_step: null,
      mfa_required: 1,
      updated_at: now,
    });
    await this.#sessions.revokeAllForUser(id, now);
    await this.#audit.record(actor, { action: 'user.mfa_reset', targetType: 'user', targetId: user.id });
    return this.get(id);
  }

  async unlock(actor: Actor, id: string): Promise<UserRow> {
    await this.get(id);
    await this.#users.update(id, { locked_until: null, failed_count: 0, updated_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'user.unlock', targetType: 'user', targetId: id });
    return this.get(id);
  }

  /** Administrator-set password (CLI recovery); the user must change it at next sign-in. */
  async setPassword(actor: Actor, id: string, password: string, mustChange = true): Promise<UserRow> {
    const user = await this.get(id);
    const check = checkPassword(password, user.username, true);
    if (!check.ok) {
      throw passwordPolicyError(check.failures);
    }
    const now = iso(this.#clock.now());
    await this.#users.update(id, {
      password_hash: await this.#hasher.hash(password),
      must_change_password: mustChange ? 1 : 0,
      locked_until: null,
      failed_count: 0,
      mfa_required: check.requiresMfa ? 1 : user.mfa_required,
      password_changed_at: now,
      updated_at: now,
    });
    await this.#sessions.revokeAllForUser(id, now);
    await this.#audit.record(actor, { action: 'user.password_reset', targetType: 'user', targetId: id });
    return this.get(id);
  }
}
