import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';

/** `__Host-` pins the cookie to this origin and path; browsers only accept it with Secure. */
export function cookieName(secure: boolean): string {
  return secure ? '__Host-mamori_session' : 'mamori_session';
}

/** Resolve the session cookie (if any) into `c.var.session`. Authorisation happens per route. */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, cookieName(c.var.secureCookies));
    c.set('session', token ? await c.var.container.auth.resolve(token, c.var.ip) : null);
    await next();
  };
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, cookieName(c.var.secureCookies), token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: c.var.secureCookies,
    path: '/',
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, cookieName(c.var.secureCookies), { path: '/', secure: c.var.secureCookies });
}
