// `npm start`'s own settings, zod-validated like the other apps' env.ts: the port and address the
// site listens on, and its public origin. (Database and blob settings are read by @critic/db.)
import net from 'node:net';
import { z } from 'zod';

const schema = z.object({
  /** Port of `next start` (default 3000). */
  PORT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const port = Number(v ?? 3000);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        ctx.addIssue({
          code: 'custom',
          message: `PORT must be an integer in 1..65535, found ${JSON.stringify(v)}`,
        });
        return z.NEVER;
      }
      return port;
    }),
  /** Address `next start` binds: loopback unless set (e.g. 0.0.0.0 for every interface). */
  CRITIC_WEB_HOST: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const host = v?.trim() || '127.0.0.1';
      if (host !== 'localhost' && net.isIP(host) === 0) {
        ctx.addIssue({
          code: 'custom',
          message: `CRITIC_WEB_HOST must be an IP address to listen on (127.0.0.1, ::1, 0.0.0.0 for every interface) or localhost, found ${JSON.stringify(v)}`,
        });
        return z.NEVER;
      }
      return host;
    }),
  /** The site's public origin (links, CSRF); default http://localhost:<PORT>. */
  CRITIC_WEB_ORIGIN: z.string().url('CRITIC_WEB_ORIGIN must be a URL such as https://rl.example').optional(),
});

/** Where `npm start` serves the site. */
export interface LaunchSettings {
  port: number;
  /** Address `next start` binds: loopback unless CRITIC_WEB_HOST says otherwise (e.g. 0.0.0.0). */
  host: string;
  /** The site's public origin (links, CSRF): CRITIC_WEB_ORIGIN or http://localhost:<port>. */
  origin: string;
  /** Where this machine reaches the site (health check, demo seeding). */
  localBase: string;
}

/** The address this machine dials to reach a server bound to `host`. */
function dialAddress(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === 'localhost') return '127.0.0.1';
  return net.isIPv6(host) ? `[${host}]` : host;
}

/** Reads PORT, CRITIC_WEB_HOST and CRITIC_WEB_ORIGIN; throws naming each bad variable and what was expected. */
export function readLaunchSettings(env: NodeJS.ProcessEnv): LaunchSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('\n'));
  const { PORT: port, CRITIC_WEB_HOST: host, CRITIC_WEB_ORIGIN } = parsed.data;
  return {
    port,
    host,
    origin: CRITIC_WEB_ORIGIN ?? `http://localhost:${port}`,
    localBase: `http://${dialAddress(host)}:${port}`,
  };
}
