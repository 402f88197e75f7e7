import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';

/**
 * Peer address for the audit trail. Forwarded headers are ignored on purpose: Mamori binds to
 * loopback or a hospital LAN without a trusted proxy, and a spoofable header would falsify audits.
 */
export function clientIp(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let ip: string | null = null;
    try {
      ip = getConnInfo(c).remote.address ?? null;
    } catch {
      ip = null; // in-process requests (tests) have no socket
    }
    c.set('ip', ip);
    await next();
  };
}
