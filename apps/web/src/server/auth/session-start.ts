import { createSession } from '@critic/db';
import type { Context } from 'hono';
import type { ApiEnv } from '../context';
import { setSessionCookie } from './session-cookie';

const DAY_MS = 86_400_000;

/** Starts a session for `userId` (config.sessionDays long) and sets its cookie. */
export async function startSession(c: Context<ApiEnv>, userId: string): Promise<void> {
  const { db, config } = c.get('deps');
  const { token, expiresAt } = await createSession(db, { userId, ttlMs: config.sessionDays * DAY_MS });
  setSessionCookie(c, token, expiresAt);
}
