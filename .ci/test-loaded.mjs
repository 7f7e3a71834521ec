#!/usr/bin/env node
// The loaded run: a CPU hog on every core, then the suites whose verdicts must not depend on the
// machine's speed (the grader's, with its 40-submission honest batch, the runner's and the envs').
// Time limits are CPU time and test timeouts only catch hangs, so every suite must pass as on an idle
// machine. Usage: `npm run test:loaded [-- <workspace>…]` (default: grader, runner, envs).
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';

const suites =
  process.argv.length > 2 ? process.argv.slice(2) : ['@critic/grader', '@critic/runner', '@critic/envs'];
const cores = os.availableParallelism();

async function localPostgres() {
  return new Promise((resolve) => {
    const s = net.connect(5432, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

if (!process.env.DATABASE_URL && (await localPostgres())) {
  process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
}

const hogs = Array.from({ length: cores }, () =>
  spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
);
const stopHogs = () => {
  for (const h of hogs) if (h.exitCode === null && h.signalCode === null) h.kill('SIGKILL');
};
process.on('exit', stopHogs);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
console.log(
  `test:loaded: ${hogs.length} CPU hogs started (one per core); load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

let failed = 0;
for (const ws of suites) {
  const t0 = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn('npm', ['test', '-w', ws], { stdio: 'inherit', env: process.env });
    child.once('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
  });
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `test:loaded: ${ws} ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(0)} s under load ${load}`,
  );
  if (code !== 0) failed++;
}
stopHogs();
process.exit(failed === 0 ? 0 : 1);
