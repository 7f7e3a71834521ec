// Whether the `postgres` account can reach the embedded server's binaries and data: Postgres refuses to
// run as root, so a root `npm start` runs it as that account, which must be able to enter every folder
// on the way (a checkout under /root or in a mode-0700 `mktemp -d` folder is out of its reach).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The account a process runs as. */
export interface Account {
  uid: number;
  gid: number;
}

/** A folder `who` may not enter, with what makes it so. */
export interface ClosedFolder {
  dir: string;
  /** Permission bits, e.g. 0o700. */
  mode: number;
  ownerUid: number;
}

/** The `postgres` account from /etc/passwd; undefined when it does not exist yet (it will be created). */
export function postgresAccount(passwd = '/etc/passwd'): Account | undefined {
  let text: string;
  try {
    text = readFileSync(passwd, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name === 'postgres' && uid !== undefined && gid !== undefined)
      return { uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}

/** True when `who` may search (enter) a folder with these owner, group and permission bits. */
function canEnter(st: { uid: number; gid: number; mode: number }, who: Account | undefined): boolean {
  if (who !== undefined && st.uid === who.uid) return (st.mode & 0o100) !== 0;
  if (who !== undefined && st.gid === who.gid) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/**
 * The first existing folder on the way from `/` to `target` (inclusive when it is a folder) that `who`
 * cannot enter; undefined when every one is open. `who` undefined: an account not yet created (neither
 * owner nor group of anything).
 */
export function firstClosedFolder(target: string, who: Account | undefined): ClosedFolder | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let dir: string = path.sep;
  for (let i = 0; i <= parts.length; i++) {
    const st = statSync(dir, { throwIfNoEntry: false });
    if (st === undefined || !st.isDirectory()) return undefined;
    if (!canEnter(st, who)) return { dir, mode: st.mode & 0o777, ownerUid: st.uid };
    if (i < parts.length) dir = path.join(dir, parts[i]!);
  }
  return undefined;
}

/**
 * Why a root process cannot run the embedded server from these folders (binaries and data), as a message
 * that says what to do; undefined when it can.
 */
export function embeddedAccessProblem(
  folders: { binaries: string; dataDir: string },
  who: Account | undefined,
): string | undefined {
  for (const [what, target] of [
    ['binaries', folders.binaries],
    ['data folder', folders.dataDir],
  ] as const) {
    const closed = firstClosedFolder(target, who);
    if (closed === undefined) continue;
    return (
      `embedded PostgreSQL cannot start: run as root, it runs as the "postgres" account, which cannot enter ` +
      `${closed.dir} (mode ${closed.mode.toString(8).padStart(4, '0')}, owner uid ${closed.ownerUid}) on the way to its ${what} ${target}. ` +
      'Run npm start as an ordinary user, or move the checkout under a folder others can enter (e.g. /opt or /srv), ' +
      'or set CRITIC_DATA_DIR to such a folder when only the data is affected, or set DATABASE_URL to a PostgreSQL server you run.'
    );
  }
  return undefined;
}
