import type { SessionStage, TotpEnrolment } from '../contracts/api.js';
import type { Actor } from '../core/actor.js';
import { addMs, iso, type Clock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { registerFailure, type LockoutPolicy } from '../core/lockout.js';
import { checkPassword, passwordPolicyError } from '../core/password-policy.js';
import { isRole, MFA_MANDATORY_ROLES, type Role } from '../core/roles.js';
import type { SessionRepository, SessionRow } from '../db/repositories/session.repository.js';
import type { UserRepository, UserRow } from '../db/repositories/user.repository.js';
import type { AuditService } from './audit.service.js';
import type { PasswordHasher } from './password-hasher.js';
import { newSessionToken, randomToken, sessionIdOf } from './session-token.js';
import { totp } from './totp.js';

export interface AuthSettings {
  idleLockSeconds: number;
  sessionMaxHours: number;
  lockout: LockoutPolicy;
}

/** A resolved session, as the HTTP layer sees it. */
export interface SessionContext {
  sessionId: string;
  stage: SessionStage;
  locked: boolean;
  csrfToken: string;
  user: UserRow;
  role: Role;
}

export interface IssuedSession {
  token: string;
  stage: SessionStage;
  csrfToken: string;
}

/** A session that has passed only the password step lives this long. */
const PENDING_SESSION_MS = 10 * 60 * 1000;
/** last_seen_at is written at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 5_000;

function lockedNow(policy: LockoutPolicy): DomainError {
  return new DomainError('account_locked', 'アカウントがロックされました / Account is now locked', {
    minimumSeconds: policy.baseSeconds,
  });
}

/**
 * Authentication: password + TOTP, lockout with back-off, server-side sessions, idle lock.
 * Error messages never say whether a user name exists.
 */
export class AuthService {
  readonly #users: UserRepository;
  readonly #sessions: SessionRepository;
  readonly #audit: AuditService;
  readonly #hasher: PasswordHasher;
  readonly #clock: Clock;
  readonly #settings: AuthSettings;

  constructor(deps: {
    users: UserRepository;
    sessions: SessionRepository;
    audit: AuditService;
    hasher: PasswordHasher;
    clock: Clock;
    settings: AuthSettings;
  }) {
    this.#users = deps.users;
    this.#sessions = deps.sessions;
    this.#audit = deps.audit;
    this.#hasher = deps.hasher;
    this.#clock = deps.clock;
    this.#settings = deps.settings;
  }

  get idleLockSeconds(): number {
    return this.#settings.idleLockSeconds;
  }

  /** Step 1: user name + password. Returns a session whose stage says what comes next. */
  async login(username: string, password: string, ip: string | null): Promise<IssuedSession> {
    const now = this.#clock.now();
    const user = await this.#users.findByUsername(username.trim());
    const anonymous: Actor = { id: null, name: username.trim().slice(0, 64) || 'anonymous', ip };
    if (!user) {
      await this.#hasher.dummyVerify(password);
      await this.#audit.record(anonymous, { action: 'auth.login', outcome: 'failure', detail: { reason: 'unknown_user' } });
      throw new DomainError('invalid_credentials', 'ユーザー名またはパスワードが違います / Wrong user name or password');
    }
    const actor: Actor = { id: user.id, name: user.username, ip };
    this.#assertNotLocked(user, now);
    const passwordOk = await this.#hasher.verify(password, user.password_hash);
    if (!passwordOk) {
      if (await this.#fail(user, actor, 'auth.login', 'bad_password')) throw lockedNow(this.#settings.lockout);
      throw new DomainError('invalid_credentials', 'ユーザー名またはパスワードが違います / Wrong user name or password');
    }
    if (user.disabled === 1) {
      await this.#audit.record(actor, { action: 'auth.login', outcome: 'denied', detail: { reason: 'disabled' } });
      throw new DomainError('account_disabled', 'このアカウントは無効です / This account is disabled');
    }
    const stage: SessionStage = user.mfa_enabled === 1 ? 'mfa' : user.mfa_required === 1 ? 'enrol' : 'active';
    if (stage === 'active') {
      await this.#users.update(user.id, { failed_count: 0, lockout_count: 0, last_login_at: iso(now), updated_at: iso(now) });
      await this.#audit.record(actor, { action: 'auth.login', detail: { factors: ['password'] } });
    } else {
      await this.#users.update(user.id, { failed_count: 0, updated_at: iso(now) });
      await this.#audit.record(actor, { action: 'auth.password_verified', detail: { next: stage } });
    }
    return this.#createSession(user, stage, ip, now);
  }

  /** Step 2 for enrolled users: the six-digit code. Rotates the session id. */
  async verifyTotp(ctx: SessionContext, code: string, ip: string | null): Promise<IssuedSession> {
    const now = this.#clock.now();
    const user = ctx.user;
    const actor: Actor = { id: user.id, name: user.username, ip };
    this.#assertNotLocked(user, now);
    const step = user.mfa_secret ? totp.verify(user.mfa_secret, code, now) : null;
    if (step === null || (user.last_totp_step !== null && step <= Number(user.last_totp_step))) {
      const locked = await this.#fail(user, actor, 'auth.totp', step === null ? 'bad_code' : 'replayed_code');
      if (locked) {
        await this.#sessions.revokeAllForUser(user.id, iso(now));
        throw lockedNow(this.#settings.lockout);
      }
      throw new DomainError('invalid_totp', '確認コードが違います / Wrong verification code');
    }
    await this.#users.update(user.id, {
      failed_count: 0,
      lockout_count: 0,
      last_totp_step: step,
      last_login_at: iso(now),
      updated_at: iso(now),
    });
    await this.#audit.record(actor, { action: 'auth.login', detail: { factors: ['password', 'totp'] } });
    return this.#promote(ctx, now);
  }

  /** Start (or restart) TOTP enrolment; the secret is kept pending until a code confirms it. */
  async beginEnrolment(ctx: SessionContext): Promise<TotpEnrolment> {
    const now = this.#clock.now();
    const secret = totp.newSecret();
    await this.#users.update(ctx.user.id, { mfa_pending_secret: secret, updated_at: iso(now) });
    const uri = totp.uri(secret, ctx.user.username);
    return { uri, secret, qrDataUrl: await totp.qrDataUrl(uri) };
  }

  async confirmEnrolment(ctx: SessionContext, code: string, ip: string | null): Promise<IssuedSession> {
    const now = this.#clock.now();
    const user = (await this.#users.findById(ctx.user.id)) ?? ctx.user;
    const actor: Actor = { id: user.id, name: user.username, ip };
    const step = user.mfa_pending_secret ? totp.verify(user.mfa_pending_secret, code, now) : null;
    if (step === null || !user.mfa_pending_secret) {
      await this.#audit.record(actor, { action: 'auth.mfa_enrol', outcome: 'failure', detail: { reason: 'bad_code' } });
      throw new DomainError('invalid_totp', '確認コードが違います / Wrong verification code');
    }
    await this.#users.update(user.id, {
      mfa_secret: user.mfa_pending_secret,
      mfa_pending_secret: null,
      mfa_enabled: 1,
      last_totp_step: step,
      last_login_at: iso(now),
      updated_at: iso(now),
    });
    await this.#audit.record(actor, { action: 'auth.mfa_enrol', targetType: 'user', targetId: user.id });
    if (ctx.stage === 'active') return { token: '', stage: 'active', csrfToken: ctx.csrfToken };
    await this.#audit.record(actor, { action: 'auth.login', detail: { factors: ['password', 'totp'] } });
    return this.#promote(ctx, now);
  }

  /**
   * Resolve a cookie value. Applies the absolute lifetime and the idle lock (the guideline's
   * clear-screen rule): an idle session is locked, not ended, so work in progress survives.
   */
  async resolve(token: string, ip: string | null): Promise<SessionContext | null> {
    const now = this.#clock.now();
    const session = await this.#sessions.findLive(sessionIdOf(token), iso(now));
    if (!session) return null;
    const user = await this.#users.findById(session.user_id);
    if (!user || user.disabled === 1 || !isRole(user.role)) return null;
    let locked = session.locked === 1;
    const idleMs = now.getTime() - Date.parse(session.last_seen_at);
    if (!locked && session.stage === 'active' && idleMs > this.#settings.idleLockSeconds * 1000) {
      locked = true;
      await this.#sessions.update(session.id, { locked: 1 });
      await this.#audit.record(
        { id: user.id, name: user.username, ip },
        { action: 'session.lock', detail: { reason: 'idle', idleSeconds: Math.round(idleMs / 1000) } },
      );
    } else if (!locked && idleMs > TOUCH_EVERY_MS) {
      await this.#sessions.update(session.id, { last_seen_at: iso(now) });
    }
    return this.#context(session, user, locked);
  }

  /** Delete sessions that ended more than a day ago. */
  async purgeSessions(): Promise<number> {
    return this.#sessions.purge(iso(addMs(this.#clock.now(), -24 * 3600 * 1000)));
  }

  /** Lock on request (the UI's own idle timer, or the user pressing 画面ロック). */
  async lock(ctx: SessionContext, ip: string | null, reason: 'user' | 'idle'): Promise<void> {
    if (ctx.locked) return;
    await this.#sessions.update(ctx.sessionId, { locked: 1 });
    await this.#audit.record({ id: ctx.user.id, name: ctx.user.username, ip }, { action: 'session.lock', detail: { reason } });
  }

  async unlock(ctx: SessionContext, password: string, ip: string | null): Promise<void> {
    const now = this.#clock.now();
    const actor: Actor = { id: ctx.user.id, name: ctx.user.username, ip };
    this.#assertNotLocked(ctx.user, now);
    if (!(await this.#hasher.verify(password, ctx.user.password_hash))) {
      const locked = await this.#fail(ctx.user, actor, 'session.unlock', 'bad_password');
      if (locked) {
        await this.#sessions.revokeAllForUser(ctx.user.id, iso(now));
        throw lockedNow(this.#settings.lockout);
      }
      throw new DomainError('invalid_credentials', 'パスワードが違います / Wrong password');
    }
    await this.#users.update(ctx.user.id, { failed_count: 0, updated_at: iso(now) });
    await this.#sessions.update(ctx.sessionId, { locked: 0, last_seen_at: iso(now) });
    await this.#audit.record(actor, { action: 'session.unlock' });
  }

  async logout(ctx: SessionContext, ip: string | null): Promise<void> {
    await this.#sessions.update(ctx.sessionId, { revoked_at: iso(this.#clock.now()) });
    await this.#audit.record({ id: ctx.user.id, name: ctx.user.username, ip }, { action: 'auth.logout' });
  }

  async changePassword(ctx: SessionContext, current: string, next: string, ip: string | null): Promise<void> {
    const now = this.#clock.now();
    const user = ctx.user;
    const actor: Actor = { id: user.id, name: user.username, ip };
    if (!(await this.#hasher.verify(current, user.password_hash))) {
      if (await this.#fail(user, actor, 'auth.password_change', 'bad_password')) throw lockedNow(this.#settings.lockout);
      throw new DomainError('invalid_credentials', '現在のパスワードが違います / Current password is wrong');
    }
    const mfaAvailable = user.mfa_enabled === 1 || MFA_MANDATORY_ROLES.has(ctx.role);
    const check = checkPassword(next, user.username, mfaAvailable || user.mfa_required === 1);
    if (!check.ok) {
      throw passwordPolicyError(check.failures);
    }
    if (await this.#hasher.verify(next, user.password_hash)) {
      throw new DomainError('password_policy', '以前と同じパスワードは使えません / Choose a different password', {
        failures: ['same_as_current'],
      });
    }
    await this.#users.update(user.id, {
      password_hash: await this.#hasher.hash(next),
      must_change_password: 0,
      mfa_required: check.requiresMfa || MFA_MANDATORY_ROLES.has(ctx.role) ? 1 : user.mfa_required,
      password_changed_at: iso(now),
      updated_at: iso(now),
    });
    // Other sessions of this user end; this one stays.
    await this.#sessions.revokeAllForUser(user.id, iso(now));
    await this.#sessions.update(ctx.sessionId, { revoked_at: null });
    await this.#audit.record(actor, { action: 'auth.password_change', targetType: 'user', targetId: user.id });
  }

  #assertNotLocked(user: UserRow, now: Date): void {
    if (user.locked_until && Date.parse(user.locked_until) > now.getTime()) {
      const retryAfterSeconds = Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 1000);
      throw new DomainError('account_locked', 'アカウントがロックされています / Account is locked', { retryAfterSeconds });
    }
  }

  /** Count a failure; returns true when it locked the account. */
  async #fail(user: UserRow, actor: Actor, action: string, reason: string): Promise<boolean> {
    const now = this.#clock.now();
    const outcome = registerFailure({ failedCount: user.failed_count, lockoutCount: user.lockout_count }, this.#settings.lockout);
    await this.#users.update(user.id, {
      failed_count: outcome.failedCount,
      lockout_count: outcome.lockoutCount,
      locked_until: outcome.lockMs > 0 ? iso(addMs(now, outcome.lockMs)) : user.locked_until,
      updated_at: iso(now),
    });
    await this.#audit.record(actor, { action, outcome: 'failure', detail: { reason } });
    if (outcome.lockMs > 0) {
      await this.#audit.record(actor, {
        action: 'auth.lockout',
        outcome: 'denied',
        targetType: 'user',
        targetId: user.id,
        detail: { seconds: outcome.lockMs / 1000, lockouts: outcome.lockoutCount },
      });
      return true;
    }
    return false;
  }

  async #createSession(user: UserRow, stage: SessionStage, ip: string | null, now: Date): Promise<IssuedSession> {
    const { token, id } = newSessionToken();
    const csrfToken = randomToken();
    const lifetime = stage === 'active' ? this.#settings.sessionMaxHours * 3600 * 1000 : PENDING_SESSION_MS;
    await this.#sessions.create({
      id,
      user_id: user.id,
      stage,
      csrf_token: csrfToken,
      created_at: iso(now),
      last_seen_at: iso(now),
      expires_at: iso(addMs(now, lifetime)),
      locked: 0,
      ip,
      revoked_at: null,
    });
    return { token, stage, csrfToken };
  }

  /** Finish a pending login: the old session id dies and a fresh one is issued (no fixation). */
  async #promote(ctx: SessionContext, now: Date): Promise<IssuedSession> {
    await this.#sessions.update(ctx.sessionId, { revoked_at: iso(now) });
    const user = (await this.#users.findById(ctx.user.id)) ?? ctx.user;
    return this.#createSession(user, 'active', null, now);
  }

  #context(session: SessionRow, user: UserRow, locked: boolean): SessionContext {
    const stage = session.stage === 'mfa' || session.stage === 'enrol' ? session.stage : 'active';
    return {
      sessionId: session.id,
      stage,
      locked,
      csrfToken: session.csrf_token,
      user,
      role: isRole(user.role) ? user.role : 'viewer',
    };
  }
}
