import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ApiEnv } from '../context';
import { SESSION_COOKIE } from './cookies';

/** Sets the session cookie: httpOnly, SameSite=Lax, Path=/, Secure per configuration, until `expiresAt`. */
export function setSessionCookie(c: Context<ApiEnv>, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.get('deps').config.cookieSecure,
    expires: expiresAt,
  });
}

/** The session token the request carries, if any. */
export function sessionToken(c: Context<ApiEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Clears the session cookie (same attributes, expired). */
export function clearSessionCookie(c: Context<ApiEnv>): void {
  deleteCookie(c, SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.get('deps').config.cookieSecure,
  });
}
