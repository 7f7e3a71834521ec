import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listChecks, listHomeworks } from './index';
import { homeworkTemplatePython } from './present';
import { pythonCall } from './python-signature';
import { REPO_ROOT, testPython } from './testing/python';

const PYTHON_KEYWORDS = new Set(['lambda', 'def', 'class', 'from', 'import', 'global', 'pass', 'yield']);

describe('Python names and signatures of the catalogue', () => {
  it('has one snake_case Python function per check, with the issue’s names and a LaTeX formula', () => {
    const checks = listChecks();
    const names = checks.map((c) => c.python.name);
    expect(new Set(names).size).toBe(checks.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'discounted_returns',
        'td_targets',
        'a2c_advantages',
        'gae',
        'categorical_kl',
        'gaussian_kl',
        'ppo_clip_loss',
      ]),
    );
    for (const check of checks) {
      expect(check.python.name, check.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(check.python.params.map((p) => p.name)).toHaveLength(check.argNames.length);
      for (const p of check.python.params) {
        expect(p.name, `${check.id}.${p.name}`).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(PYTHON_KEYWORDS.has(p.name), `${check.id}.${p.name} is a Python keyword`).toBe(false);
        expect(p.doc.length).toBeGreaterThan(0);
        if (p.kind.endsWith('[]')) expect(p.shape, `${check.id}.${p.name}`).toMatch(/^\[[A-Z](, [A-Z])?\]$/);
      }
      // the masks (0/1 in the JS form) are the bool arrays of the Python form
      check.python.params.forEach((p, i) => {
        const jsName = check.argNames[i] as string;
        expect(p.kind === 'bool[]', `${check.id}.${p.name}`).toBe(
          ['dones', 'terminated', 'truncated'].includes(jsName),
        );
      });
      expect(check.formula, check.id).toMatch(/[\\_^=]/);
      expect(pythonCall(check.python)).toMatch(new RegExp(`^def ${check.python.name}\\(`));
    }
  });

  it('starter modules are valid Python whose functions take exactly the documented arguments', () => {
    for (const homework of listHomeworks()) {
      const source = homeworkTemplatePython(homework);
      const program = [
        'import inspect, json, sys',
        'ns = {}',
        'exec(compile(sys.stdin.read(), "starter.py", "exec"), ns)',
        'fns = {k: v for k, v in ns.items() if inspect.isfunction(v)}',
        'print(json.dumps({k: list(inspect.signature(v).parameters) for k, v in fns.items()}))',
      ].join('\n');
      const run = spawnSync(testPython(), ['-c', program], { input: source, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const defined = JSON.parse(run.stdout) as Record<string, string[]>;
      const expected = Object.fromEntries(
        homework.items.map((item) => {
          const check = listChecks().find((c) => c.id === item.checkId);
          return [check?.python.name, check?.python.params.map((p) => p.name)];
        }),
      );
      expect(defined).toEqual(expected);
    }
  });

  it('the packages/core README documents every Python signature as the catalogue has it', () => {
    const readme = readFileSync(join(REPO_ROOT, 'packages/core/README.md'), 'utf8');
    for (const check of listChecks()) {
      expect(readme, check.id).toContain(`\`${pythonCall(check.python).replace(/^def /, '')}\``);
    }
  });
});
