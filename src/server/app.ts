import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Container } from '../bootstrap/container.js';
import { DomainError } from '../core/errors.js';
import type { AppEnv } from './app-env.js';
import { clientIp } from './middleware/client-ip.js';
import { securityHeaders } from './middleware/security-headers.js';
import { sessionMiddleware } from './middleware/session.js';
import { errorResponse, onError } from './on-error.js';
import { mount, type RouteDef } from './route-table.js';
import { auditRoutes } from './routes/audit.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { dashboardRoutes } from './routes/dashboard.routes.js';
import { incidentRoutes } from './routes/incidents.routes.js';
import { hotlineRoutes } from './routes/hotline.routes.js';
import { jobRoutes } from './routes/jobs.routes.js';
import { noticeRoutes } from './routes/notices.routes.js';
import { peopleRoutes } from './routes/people.routes.js';
import { responseRoutes } from './routes/response.routes.js';
import { scanRoutes } from './routes/scans.routes.js';
import { ehrRoutes, isEhrUpload } from './routes/ehr.routes.js';
import { isMailUpload, mailRoutes } from './routes/mail.routes.js';
import { setupRoutes } from './routes/setup.routes.js';
import { userRoutes } from './routes/users.routes.js';
import { staticFiles } from './static-files.js';

/** Every API route, each with its access policy. */
export const ROUTES: readonly RouteDef[] = [
  ...setupRoutes,
  ...authRoutes,
  ...dashboardRoutes,
  ...userRoutes,
  ...auditRoutes,
  ...jobRoutes,
  ...incidentRoutes,
  ...peopleRoutes,
  ...noticeRoutes,
  ...scanRoutes,
  ...ehrRoutes,
  ...mailRoutes,
  ...responseRoutes,
  ...hotlineRoutes,
];

export interface AppOptions {
  /** Directory of the built web UI; omitted in API-only tests. */
  webRoot?: string;
  /** Mark cookies Secure (TLS). */
  secureCookies?: boolean;
}

/** The HTTP application; tests drive it in-process with `app.request()`. */
export function createApp(container: Container, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(onError(container.log));
  app.notFound((c) => errorResponse(c, new DomainError('not_found', '見つかりません / Not found')));
  app.use('*', ...securityHeaders());
  app.use('*', async (c, next) => {
    c.set('container', container);
    c.set('secureCookies', options.secureCookies ?? false);
    await next();
  });
  app.use('/api/*', clientIp());
  // Evidence uploads stream to disk with their own limit (checked while hashing); every other API
  // body is small JSON.
  // Mail uploads (a message, an mbox, the hospital's history) stream to the evidence store the same way.
  const isEvidenceUpload = (c: { req: { method: string; path: string } }) => c.req.method === 'POST' && (/^\/api\/cases\/[^/]+\/evidence$/.test(c.req.path) || isMailUpload(c.req.path) || isEhrUpload(c.req.path));
  const isCsvUpload = (c: { req: { method: string; path: string } }) => c.req.method === 'POST' && c.req.path === '/api/mail/staff';
  const isXlsxUpload = (c: { req: { method: string; path: string } }) => c.req.method === 'POST' && /^\/api\/cases\/[^/]+\/people\/import\.xlsx$/.test(c.req.path);
  const uploadLimit: MiddlewareHandler<AppEnv> = bodyLimit({
    maxSize: 50 * 1024 * 1024,
    onError: (c) => errorResponse(c, new DomainError('payload_too_large', 'ファイルが大きすぎます / File too large', { limitBytes: 50 * 1024 * 1024 })),
  });
  const jsonLimit: MiddlewareHandler<AppEnv> = bodyLimit({
      maxSize: container.config.bodyLimitBytes,
      onError: (c) =>
        errorResponse(c, new DomainError('payload_too_large', 'リクエストが大きすぎます / Request body too large', {
          limitBytes: container.config.bodyLimitBytes,
        })),
    });
  const limitUnlessEvidence: MiddlewareHandler<AppEnv> = async (c, next) => (isEvidenceUpload(c) ? next() : isXlsxUpload(c) || isCsvUpload(c) ? uploadLimit(c, next) : jsonLimit(c, next));
  app.use('/api/*', limitUnlessEvidence);
  app.use('/api/*', sessionMiddleware());
  mount(app, ROUTES);
  if (options.webRoot) app.use('*', staticFiles(options.webRoot));
  return app;
}
