import type { Container } from '../bootstrap/container.js';
import type { SessionContext } from '../services/auth.service.js';

/** Hono context variables set by middleware. */
export interface AppEnv {
  Variables: {
    container: Container;
    session: SessionContext | null;
    ip: string | null;
    secureCookies: boolean;
  };
}
