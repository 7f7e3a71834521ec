import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { launchChild } from './child';

/** A process's state letter from /proc (Z: exited, awaiting its reaper), or `gone`. */
function processState(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.charAt(0);
  } catch {
    return 'gone';
  }
}

/** `sh -c script` launched as a child in this process's folder and environment. */
function shellChild(name: string, script: string, onLine: (line: string) => void = () => {}) {
  return launchChild({
    name,
    command: 'sh',
    args: ['-c', script],
    cwd: process.cwd(),
    env: process.env,
    onLine,
  });
}

describe('launchChild', () => {
  it('forwards output line by line and stops the whole process group (grandchildren too)', async () => {
    const lines: string[] = [];
    // A shell that starts a grandchild and ignores nothing: SIGTERM to the group ends both.
    const child = shellChild('sleepy', 'echo one; echo two >&2; sleep 30 & echo "grandchild $!"; wait', (l) =>
      lines.push(l),
    );
    const until = Date.now() + 5_000;
    while (!lines.some((l) => l.startsWith('grandchild')) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const grandchild = Number(lines.find((l) => l.startsWith('grandchild'))!.split(' ')[1]);
    expect(lines).toEqual(expect.arrayContaining(['one', 'two']));
    const end = await child.stop(2_000);
    expect(end.signal).toBe('SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    expect(processState(grandchild)).toMatch(/^(gone|Z)$/);
  });

  it('kills a child that ignores SIGTERM after the grace period', async () => {
    const child = shellChild('stubborn', "trap '' TERM; echo ready; while :; do sleep 0.05; done");
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    const end = await child.stop(300);
    expect(end.signal).toBe('SIGKILL');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });
});
