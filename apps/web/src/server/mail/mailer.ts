import type { WebLogger } from '../deps';

/** One message to one address; `link` is the action it carries (a verification link), if any. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  link?: string;
}

/**
 * Where the site's mail goes: an interface so a deployment plugs in its provider (SMTP, SES…). The
 * built-in `log` mailer is for one machine without mail: it prints each message to the server log and
 * remembers the latest link per address, which the instructor's roster view shows.
 */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** The latest link sent to `email`, when this mailer keeps them (the log mailer); else undefined. */
  lastLinkTo(email: string): string | undefined;
}

/** Addresses whose latest link the log mailer remembers (the oldest are forgotten first). */
const REMEMBERED_LINKS = 10_000;

/** The log mailer: prints every message (with its link) as an `info` line and remembers links. */
export function logMailer(logger: WebLogger): Mailer {
  const links = new Map<string, string>();
  return {
    async send(mail) {
      logger.info('mail (log mailer: not sent; the link is here and in the roster view)', {
        to: mail.to,
        subject: mail.subject,
        ...(mail.link === undefined ? {} : { link: mail.link }),
      });
      if (mail.link === undefined) return;
      const key = mail.to.toLowerCase();
      links.delete(key);
      links.set(key, mail.link);
      if (links.size > REMEMBERED_LINKS) links.delete(links.keys().next().value as string);
    },
    lastLinkTo: (email) => links.get(email.toLowerCase()),
  };
}
