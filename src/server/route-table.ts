import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { SessionStage } from '../contracts/api.js';
import type { Actor } from '../core/actor.js';
import { DomainError } from '../core/errors.js';
import { can, type Permission } from '../core/permissions.js';
import type { SessionContext } from '../services/auth.service.js';
import { tokensEqual } from '../services/session-token.js';
import type { AppEnv } from './app-env.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: anyone, any signed-in session (stage permitting), or holders of a
 * permission. There is no way to register a route without one of these.
 */
export type Access = 'public' | 'session' | Permission;

interface Common<B, Q> {
  method: Method;
  path: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
}

interface PublicSpec<B, Q> extends Common<B, Q> {
  handler(c: Context<AppEnv>, input: { body: B; query: Q; actor: Actor; session: SessionContext | null }): Promise<Response>;
}

interface SessionSpec<B, Q> extends Common<B, Q> {
  access: Exclude<Access, 'public'>;
  /** Session stages allowed; default: only fully signed-in sessions. */
  stages?: SessionStage[];
  /** Callable while the screen is locked (unlock, logout, whoami). */
  whenLocked?: boolean;
  /** Callable while the user still has to replace an administrator-set password. */
  beforePasswordChange?: boolean;
  handler(c: Context<AppEnv>, input: { body: B; query: Q; actor: Actor; session: SessionContext }): Promise<Response>;
}

/** A route with its policy, ready to mount. */
export interface RouteDef {
  method: Method;
  path: string;
  access: Access;
  run(c: Context<AppEnv>): Promise<Response>;
}

export function publicRoute<B = undefined, Q = undefined>(spec: PublicSpec<B, Q>): RouteDef {
  return {
    method: spec.method,
    path: spec.path,
    access: 'public',
    async run(c) {
      checkOrigin(c);
      const { body, query } = await parseInput(c, spec);
      const session = c.var.session;
      const actor: Actor = session
        ? { id: session.user.id, name: session.user.username, ip: c.var.ip }
        : { id: null, name: 'anonymous', ip: c.var.ip };
      return spec.handler(c, { body, query, actor, session });
    },
  };
}

export function route<B = undefined, Q = undefined>(spec: SessionSpec<B, Q>): RouteDef {
  const stages = spec.stages ?? ['active'];
  return {
    method: spec.method,
    path: spec.path,
    access: spec.access,
    async run(c) {
      const session = authorize(c, spec, stages);
      const { body, query } = await parseInput(c, spec);
      const actor: Actor = { id: session.user.id, name: session.user.username, ip: c.var.ip };
      return spec.handler(c, { body, query, actor, session });
    },
  };
}

/** The policy layer: stage, lock, password change, permission, CSRF — in that order. */
function authorize(c: Context<AppEnv>, spec: SessionSpec<unknown, unknown>, stages: SessionStage[]): SessionContext {
  const session = c.var.session;
  if (!session) throw new DomainError('unauthenticated', 'ログインしてください / Please sign in');
  if (!stages.includes(session.stage)) {
    if (session.stage === 'mfa') throw new DomainError('mfa_required', '確認コードを入力してください / Enter your verification code');
    if (session.stage === 'enrol') {
      throw new DomainError('mfa_enrolment_required', '二要素認証を設定してください / Set up two-factor authentication');
    }
    throw new DomainError('forbidden', 'この操作はできません / Not allowed');
  }
  if (session.locked && !spec.whenLocked) {
    throw new DomainError('session_locked', '画面がロックされています / The screen is locked');
  }
  if (session.user.must_change_password === 1 && !spec.beforePasswordChange) {
    throw new DomainError('password_change_required', 'パスワードを変更してください / Please change your password');
  }
  if (spec.access !== 'session' && !can(session.role, spec.access)) {
    void c.var.container.audit
      .record(
        { id: session.user.id, name: session.user.username, ip: c.var.ip },
        { action: 'access.denied', outcome: 'denied', detail: { permission: spec.access, path: c.req.path } },
      )
      .catch(() => undefined);
    throw new DomainError('forbidden', '権限がありません / You do not have permission', { permission: spec.access });
  }
  if (c.req.method !== 'GET') {
    checkOrigin(c);
    if (!tokensEqual(c.req.header('x-csrf-token') ?? '', session.csrfToken)) {
      throw new DomainError('csrf_failed', '不正なリクエストです / Request rejected (CSRF)');
    }
  }
  return session;
}

/** Refuse cross-site state changes even before the CSRF token is checked. */
function checkOrigin(c: Context<AppEnv>): void {
  if (c.req.method === 'GET') return;
  const origin = c.req.header('origin');
  if (!origin) return;
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new DomainError('csrf_failed', '不正なリクエストです / Request rejected (origin)');
  }
  if (originHost !== host) throw new DomainError('csrf_failed', '不正なリクエストです / Request rejected (origin)');
}

async function parseInput<B, Q>(c: Context<AppEnv>, spec: Common<B, Q>): Promise<{ body: B; query: Q }> {
  let body: unknown = undefined;
  if (spec.body) {
    const type = c.req.header('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/json')) {
      throw new DomainError('validation_failed', 'JSON で送信してください / Send JSON (application/json)');
    }
    const text = await c.req.text();
    try {
      body = JSON.parse(text);
    } catch {
      throw new DomainError('invalid_json', 'JSON を解釈できません / Malformed JSON body');
    }
    body = validate(spec.body, body);
  }
  let query: unknown = undefined;
  if (spec.query) query = validate(spec.query, c.req.query());
  return { body: body as B, query: query as Q };
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Paths and messages only: the rejected values may be passwords or personal data.
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new DomainError('validation_failed', '入力内容に誤りがあります / Invalid input', { issues });
}

/** Mount a route table; returns the table so tests can check every route's policy. */
export function mount(app: Hono<AppEnv>, routes: readonly RouteDef[]): readonly RouteDef[] {
  for (const r of routes) {
    app.on(r.method, r.path, (c) => r.run(c));
  }
  return routes;
}

/** A path parameter that the route pattern guarantees; a missing one is a 404, not a crash. */
export function pathParam(c: Context<AppEnv>, name: string): string {
  const value = c.req.param(name);
  if (!value) throw new DomainError('not_found', '見つかりません / Not found');
  return value;
}
