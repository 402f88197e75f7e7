import {
  LoginRequest,
  PasswordChangeRequest,
  TotpRequest,
  UnlockRequest,
  type LoginResponse,
  type MeResponse,
} from '../../contracts/api.js';
import { permissionsOf } from '../../core/permissions.js';
import { presentUser } from '../presenters/user.presenter.js';
import { clearSessionCookie, setSessionCookie } from '../middleware/session.js';
import { publicRoute, route, type RouteDef } from '../route-table.js';

const ANY_STAGE = ['mfa', 'enrol', 'active'] as const;

export const authRoutes: readonly RouteDef[] = [
  publicRoute({
    method: 'POST',
    path: '/api/auth/login',
    body: LoginRequest,
    async handler(c, { body }) {
      const issued = await c.var.container.auth.login(body.username, body.password, c.var.ip);
      setSessionCookie(c, issued.token);
      return c.json<LoginResponse>({ stage: issued.stage, csrfToken: issued.csrfToken });
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/totp',
    access: 'session',
    stages: ['mfa'],
    beforePasswordChange: true,
    body: TotpRequest,
    async handler(c, { body, session }) {
      const issued = await c.var.container.auth.verifyTotp(session, body.code, c.var.ip);
      setSessionCookie(c, issued.token);
      return c.json<LoginResponse>({ stage: issued.stage, csrfToken: issued.csrfToken });
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/enrol/start',
    access: 'session',
    stages: ['enrol', 'active'],
    beforePasswordChange: true,
    async handler(c, { session }) {
      return c.json(await c.var.container.auth.beginEnrolment(session));
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/enrol/confirm',
    access: 'session',
    stages: ['enrol', 'active'],
    beforePasswordChange: true,
    body: TotpRequest,
    async handler(c, { body, session }) {
      const issued = await c.var.container.auth.confirmEnrolment(session, body.code, c.var.ip);
      if (issued.token) setSessionCookie(c, issued.token);
      return c.json<LoginResponse>({ stage: issued.stage, csrfToken: issued.csrfToken });
    },
  }),
  route({
    method: 'GET',
    path: '/api/auth/me',
    access: 'session',
    stages: [...ANY_STAGE],
    whenLocked: true,
    beforePasswordChange: true,
    handler(c, { session }) {
      const { auth, clock } = c.var.container;
      return Promise.resolve(
        c.json<MeResponse>({
          user: presentUser(session.user, clock.now()),
          stage: session.stage,
          locked: session.locked,
          csrfToken: session.csrfToken,
          permissions: session.stage === 'active' ? permissionsOf(session.role) : [],
          idleLockSeconds: auth.idleLockSeconds,
          mustChangePassword: session.user.must_change_password === 1,
        }),
      );
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/logout',
    access: 'session',
    stages: [...ANY_STAGE],
    whenLocked: true,
    beforePasswordChange: true,
    async handler(c, { session }) {
      await c.var.container.auth.logout(session, c.var.ip);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/lock',
    access: 'session',
    whenLocked: true,
    beforePasswordChange: true,
    async handler(c, { session }) {
      await c.var.container.auth.lock(session, c.var.ip, c.req.query('reason') === 'idle' ? 'idle' : 'user');
      return c.body(null, 204);
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/unlock',
    access: 'session',
    whenLocked: true,
    beforePasswordChange: true,
    body: UnlockRequest,
    async handler(c, { body, session }) {
      await c.var.container.auth.unlock(session, body.password, c.var.ip);
      return c.body(null, 204);
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/touch',
    access: 'session',
    beforePasswordChange: true,
    handler(c) {
      // Resolving the session (middleware) already recorded the activity.
      return Promise.resolve(c.body(null, 204));
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/password',
    access: 'session',
    beforePasswordChange: true,
    body: PasswordChangeRequest,
    async handler(c, { body, session }) {
      await c.var.container.auth.changePassword(session, body.currentPassword, body.newPassword, c.var.ip);
      return c.body(null, 204);
    },
  }),
];
