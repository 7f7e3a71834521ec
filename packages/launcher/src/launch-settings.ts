// `npm start`'s own settings: the port and address the site listens on, and its public origin.
import net from 'node:net';

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

/** Reads PORT, CRITIC_WEB_HOST and CRITIC_WEB_ORIGIN; throws naming the variable and what was expected. */
export function readLaunchSettings(env: NodeJS.ProcessEnv): LaunchSettings {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be an integer in 1..65535, found ${JSON.stringify(env.PORT)}`);
  }
  const host = env.CRITIC_WEB_HOST?.trim() || '127.0.0.1';
  if (host !== 'localhost' && net.isIP(host) === 0) {
    throw new Error(
      `CRITIC_WEB_HOST must be an IP address to listen on (127.0.0.1, ::1, 0.0.0.0 for every interface) or localhost, found ${JSON.stringify(env.CRITIC_WEB_HOST)}`,
    );
  }
  return {
    port,
    host,
    origin: env.CRITIC_WEB_ORIGIN ?? `http://localhost:${port}`,
    localBase: `http://${dialAddress(host)}:${port}`,
  };
}
