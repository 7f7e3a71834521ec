/** Name of the httpOnly cookie that holds the session token. */
export const SESSION_COOKIE = 'critic_session';
