import { readFileSync } from 'node:fs';
import {
  type CheckGrade,
  casesFor,
  getCheck,
  getHomework,
  gradeCheck,
  type Homework,
  listHomeworks,
} from '@critic/core';
import { isRunnerError, PythonUnavailableError } from '@critic/runner';
import { parseCommandArgs } from '../command-args';
import { failureText } from '../eval/failure-text';
import { type CliIO, UsageError } from '../io';
import { countProgress } from '../progress-bar';
import { formatHomeworkList } from './homework-list';
import { type HomeworkModule, isPythonModule, openHomeworkModule } from './homework-module';
import { formatCheckGrade } from './report';

const HELP = `Usage: critic check <hw.py | homework.ts> --homework <id> [--seed <n>]
       critic check --list

Runs your homework module's functions on the homework's VISIBLE cases in the grader's sandbox and
grades them with the grader's reference answers, tolerances and mistake diagnosis.

A .py module defines the functions by their Python names (discounted_returns, gae, …; see --list):
arguments arrive as numpy float64 arrays (bool arrays for masks), floats and ints; return a numpy
array, a list, a float, a torch tensor or a jax array. It runs in the Python sandbox (bubblewrap and
the pinned runtime, built by npm start / npm test). A .js/.ts module exports the camelCase names.

The grader generates your cases from your own seed (derived from the assignment and your account)
and adds hidden cases that are graded pass/fail only: passing here is necessary, not sufficient.
Try a few --seed values to see more variants.

Options:
  --homework <id>   homework id (see --list)
  --seed <n>        seed of the generated cases, an integer ≥ 0 (default 0)
  --only <name>     run one check only (its id or function name); the module then needs only that
                    export, but the grader requires every function of the homework
  --list            list the homeworks and the functions each module must define (Python and JS/TS)
  --unsandboxed     run a .py module WITHOUT bubblewrap (rlimits only), where bubblewrap is missing;
                    your own code on your own machine only — the grader always sandboxes
  --json            print the grades as JSON on stdout
  -h, --help        show this help

Exit status: 0 when every visible case passes, 1 otherwise (or when the module cannot be loaded),
2 on a usage error.
`;

const OPTIONS = {
  homework: { type: 'string' },
  seed: { type: 'string', default: '0' },
  only: { type: 'string' },
  list: { type: 'boolean', default: false },
  unsandboxed: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function homeworkById(id: string | undefined): Homework {
  const ids = listHomeworks()
    .map((h) => h.id)
    .join(', ');
  if (id === undefined)
    throw new UsageError(`check: --homework <id> is required; known homework ids: ${ids}`);
  try {
    return getHomework(id);
  } catch (error) {
    if (error instanceof Error && error.name === 'UnknownHomeworkIdError') {
      throw new UsageError(`check: --homework: ${error.message}`);
    }
    throw error;
  }
}

/** The homework's checks to run: all, or the one `--only` names (by check id, JS or Python name). */
function selectedCheckIds(homework: Homework, only: string | undefined): string[] {
  const ids = homework.items.map((i) => i.checkId);
  if (only === undefined) return ids;
  const id = ids.find(
    (c) => c === only || getCheck(c).functionName === only || getCheck(c).python.name === only,
  );
  if (id === undefined) {
    const names = ids.map((c) => `${c} (${getCheck(c).python.name}, ${getCheck(c).functionName})`).join(', ');
    throw new UsageError(
      `check: --only ${JSON.stringify(only)} is not a check of ${homework.id}; its checks: ${names}`,
    );
  }
  return [id];
}

function seedOf(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(`check: --seed must be an integer ≥ 0, got ${JSON.stringify(text)}`);
  }
  return n;
}

function readModule(path: string | undefined): string {
  if (path === undefined)
    throw new UsageError('check: expected the path of your homework module; see critic check --help');
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `check: cannot read ${JSON.stringify(path)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** `critic check`: returns the exit code. */
export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.list) {
    io.stdout(formatHomeworkList());
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(`check: expected one module path, got ${positionals.length}`);
  const homework = homeworkById(values.homework);
  const seed = seedOf(values.seed);
  const source = readModule(positionals[0]);
  const selected = selectedCheckIds(homework, values.only);
  const visible = casesFor({ homeworkId: homework.id, seed })
    .checks.filter((c) => selected.includes(c.checkId))
    .map((c) => ({ ...c, cases: c.cases.filter((k) => k.visible) }));
  const total = visible.reduce((s, c) => s + c.cases.length, 0);
  const bar = countProgress(total, 'cases', io.stderr, io.isTTY);
  const grades: CheckGrade[] = [];
  let module: HomeworkModule | undefined;
  try {
    module = await openHomeworkModule({
      path: positionals[0] as string,
      source,
      // the whole homework's functions, or only the one --only names
      checkIds: values.only === undefined ? homework.items.map((i) => i.checkId) : selected,
      unsandboxed: values.unsandboxed,
    });
    let done = 0;
    for (const checkCases of visible) {
      const check = getCheck(checkCases.checkId);
      const grade = gradeCheck(check, checkCases.cases, await module.outcomes(checkCases), checkCases.points);
      grades.push({ ...grade, functionName: module.nameOf(check.id) });
      done += checkCases.cases.length;
      bar.update(done);
    }
  } catch (error) {
    bar.finish();
    if (error instanceof PythonUnavailableError) {
      io.stderr(`critic check: ${error.message}\n`);
      if (!values.unsandboxed) {
        io.stderr(
          'tip: on your own machine, --unsandboxed runs your .py module without bubblewrap (rlimits only)\n',
        );
      }
      return 1;
    }
    if (!isRunnerError(error)) throw error;
    if (values.json) io.stdout(`${JSON.stringify({ ok: false, failure: error.toReport() }, null, 2)}\n`);
    io.stderr(`critic check: ${failureText(error)}`);
    if (error.verdict === 'invalid_artifact' && values.only === undefined) {
      io.stderr('tip: --only <function> checks one function before the others are written\n');
    }
    return 1;
  } finally {
    await module?.close();
  }
  bar.finish();
  const allPassed = grades.every((g) => g.passed === g.total);
  if (values.json) {
    io.stdout(
      `${JSON.stringify({ homeworkId: homework.id, seed, visibleOnly: true, allPassed, checks: grades }, null, 2)}\n`,
    );
  } else {
    const argNames = (id: string) =>
      isPythonModule(positionals[0] as string)
        ? getCheck(id).python.params.map((p) => p.name)
        : getCheck(id).argNames;
    const text = grades.map((g) => formatCheckGrade(g, argNames(g.checkId))).join('');
    const passed = grades.reduce((s, g) => s + g.passed, 0);
    io.stdout(
      `${homework.id} (seed ${seed}): visible cases\n${text}\n${passed}/${total} visible cases passed. ` +
        'The grader uses your own seed and adds hidden cases (pass/fail only).\n',
    );
  }
  return allPassed ? 0 : 1;
}
