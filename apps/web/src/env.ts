// The web app's configuration: read from the environment and validated here, once.
import { z } from 'zod';

const boolFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  /** Public origin of the site (scheme://host[:port]); unsafe requests must come from it (CSRF). */
  CRITIC_WEB_ORIGIN: z.url().default('http://localhost:3000'),
  /** Lifetime of a sign-in session, in days. */
  CRITIC_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Mark cookies `Secure`; default: when the origin is https. */
  CRITIC_COOKIE_SECURE: boolFlag.optional(),
  /** Sign-in attempts allowed per email and per client address in one window. */
  CRITIC_SIGNIN_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Sign-ups allowed per client address in one sign-in window (each costs a slow password hash). */
  CRITIC_SIGNUP_LIMIT: z.coerce.number().int().min(1).default(50),
  /** Length of the sign-in window, in seconds. */
  CRITIC_SIGNIN_WINDOW_S: z.coerce.number().int().min(1).default(900),
  /** Uploads allowed per user in one window (on top of each assignment's daily limit). */
  CRITIC_UPLOAD_LIMIT: z.coerce.number().int().min(1).default(30),
  /** Length of the upload window, in seconds. */
  CRITIC_UPLOAD_WINDOW_S: z.coerce.number().int().min(1).default(3600),
  /** scrypt cost of new password hashes as log2(N) (OWASP: 17); tests lower it to stay fast. */
  CRITIC_PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(17),
  /** Largest request body the API reads at all, in bytes (assignments set smaller limits). */
  CRITIC_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(100_000_000),
  /** How long a board (and its assignment) may be served from memory, in ms; 0 turns caching off. */
  CRITIC_BOARD_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** How long a session, API token, course role or team membership may be served from memory, in ms. */
  CRITIC_AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** How often the web process sends due LMS grades (LTI AGS outbox), in seconds; 0 turns the sender off. */
  CRITIC_LTI_GRADE_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(30),
  /**
   * Proxies in front of the site that append the client's address to `X-Forwarded-For` (the AWS load
   * balancer: 1). The client address is the one the outermost trusted proxy saw; 0: the socket's.
   */
  CRITIC_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Live status streams (server-sent events) one user may hold open at once, per web instance. */
  CRITIC_STATUS_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * A status stream re-reads its submission this often even without a notification, in ms (a safety
   * net: changes arrive by LISTEN/NOTIFY).
   */
  CRITIC_STATUS_RESYNC_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /** How long an email verification link stays valid, in hours. */
  CRITIC_EMAIL_VERIFY_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(48),
});

/** The validated web configuration. */
export interface WebConfig {
  origin: string;
  sessionDays: number;
  cookieSecure: boolean;
  signinLimit: { limit: number; windowMs: number };
  /** Sign-ups per client address per window. */
  signupLimit: { limit: number; windowMs: number };
  uploadLimit: { limit: number; windowMs: number };
  maxUploadBytes: number;
  /** log2 of scrypt's N for new password hashes (verification reads the cost from the stored hash). */
  passwordScryptLogN: number;
  /** In-memory cache lifetimes, ms (0 = off): boards and assignments; sessions, tokens, roles, teams. */
  cacheMs: { board: number; auth: number };
  /** Period of the LMS grade sender (AGS outbox), ms; 0 = off. */
  ltiGradeIntervalMs: number;
  /** Proxies in front of the site whose `X-Forwarded-For` entries are trusted (0: the socket address). */
  trustedProxyHops: number;
  /** Live status streams: open at once per user; re-read without a notification every `resyncMs`. */
  statusStreams: { perUser: number; resyncMs: number };
  /** Lifetime of an email verification link, ms. */
  emailVerifyMs: number;
}

/** Reads and validates the environment; throws one error listing every bad variable. */
export function readWebConfig(source: Record<string, string | undefined> = process.env): WebConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid web configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const origin = new URL(e.CRITIC_WEB_ORIGIN).origin;
  return {
    origin,
    sessionDays: e.CRITIC_SESSION_DAYS,
    cookieSecure: e.CRITIC_COOKIE_SECURE ?? origin.startsWith('https:'),
    signinLimit: { limit: e.CRITIC_SIGNIN_LIMIT, windowMs: e.CRITIC_SIGNIN_WINDOW_S * 1000 },
    signupLimit: { limit: e.CRITIC_SIGNUP_LIMIT, windowMs: e.CRITIC_SIGNIN_WINDOW_S * 1000 },
    uploadLimit: { limit: e.CRITIC_UPLOAD_LIMIT, windowMs: e.CRITIC_UPLOAD_WINDOW_S * 1000 },
    maxUploadBytes: e.CRITIC_MAX_UPLOAD_BYTES,
    passwordScryptLogN: e.CRITIC_PASSWORD_SCRYPT_LOG_N,
    cacheMs: { board: e.CRITIC_BOARD_CACHE_MS, auth: e.CRITIC_AUTH_CACHE_MS },
    ltiGradeIntervalMs: e.CRITIC_LTI_GRADE_INTERVAL_S * 1000,
    trustedProxyHops: e.CRITIC_TRUSTED_PROXY_HOPS,
    statusStreams: { perUser: e.CRITIC_STATUS_STREAMS_PER_USER, resyncMs: e.CRITIC_STATUS_RESYNC_MS },
    emailVerifyMs: e.CRITIC_EMAIL_VERIFY_HOURS * 3_600_000,
  };
}
