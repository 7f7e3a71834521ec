// The Debian packages the platform uses beyond Node (installed by `.ci/run` with apt): `npm start` names
// each one that is missing and what that disables, instead of failing later inside a grading job.
import fs from 'node:fs';
import path from 'node:path';

/** A system package the platform uses, how to find it, and what its absence disables. */
export interface SystemPackage {
  /** Debian package name (`apt-get install <name>`). */
  name: string;
  /** Found when one of these is present: a command on PATH (`cmd:bwrap`) or a file (`file:/usr/…`). */
  probes: readonly string[];
  /** What works without it and what does not, in one sentence. */
  disables: string;
}

export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  {
    name: 'bubblewrap',
    probes: ['cmd:bwrap'],
    disables:
      'Python submissions and Python-backed envs (MuJoCo, Atari, groups’ env.py) are refused: the grader runs Python only in its bubblewrap sandbox',
  },
  {
    name: 'libosmesa6',
    probes: [
      'file:/usr/lib/x86_64-linux-gnu/libOSMesa.so.8',
      'file:/usr/lib/aarch64-linux-gnu/libOSMesa.so.8',
      'file:/usr/lib64/libOSMesa.so.8',
    ],
    disables: 'MuJoCo replays cannot be rendered (offscreen rendering uses OSMesa); grading is unaffected',
  },
  {
    name: 'chromium',
    probes: ['file:/usr/bin/chromium'],
    disables: 'nothing in `npm start`; only the browser tests of `npm test` drive it',
  },
];

function onPath(command: string, pathVar: string): boolean {
  return pathVar
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => {
      try {
        fs.accessSync(path.join(dir, command), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** The packages none of whose probes is found (commands looked up on `pathVar`, e.g. process.env.PATH). */
export function missingSystemPackages(
  pathVar: string,
  packages: readonly SystemPackage[] = SYSTEM_PACKAGES,
): SystemPackage[] {
  return packages.filter(
    (p) =>
      !p.probes.some((probe) =>
        probe.startsWith('cmd:') ? onPath(probe.slice(4), pathVar) : fs.existsSync(probe.slice(5)),
      ),
  );
}

/** One line per missing package: what to install and what its absence disables. */
export function systemPackageWarnings(missing: readonly SystemPackage[]): string[] {
  return missing.map((p) => `${p.name} is not installed (apt-get install ${p.name}): ${p.disables}`);
}
