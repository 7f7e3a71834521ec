import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, idInUrl, signUp, snapshot } from './support/browser';
import { BAD_ACTION_AGENT, CARTPOLE_AGENT, CHECKS_MODULE, PYTHON_CHECKS_MODULE } from './support/fixtures';
import {
  createCourse,
  createReturnsHomework,
  downloadGradesCsv,
  finalStatus,
  submitAndOpen,
  submitFile,
} from './support/steps';

// One course, followed from both sides: the tests run in order and share what the earlier ones made.
const instructor = {
  name: 'Irene Instructor',
  email: 'irene@uni.example',
  password: 'correct horse battery',
};
const student = { name: 'Sam Student', email: 'sam@uni.example', password: 'staple battery horse' };
const made = { courseId: '', joinCode: '', agentAssignment: '', checksAssignment: '', team: 'Pole Position' };

let teacher: Page;
let learner: Page;
browserPerFile(async (person) => {
  teacher = await person();
  learner = await person();
});

describe('Critic end to end (Next server, grader worker, chromium)', () => {
  it('(a) an instructor signs up, creates a course, a CartPole assignment and a homework assignment', async () => {
    await signUp(teacher, instructor);
    made.courseId = await createCourse(teacher, 'rl-2026', 'Reinforcement Learning 2026');
    made.joinCode = (await teacher.getByTestId('course-join-code').textContent())?.trim() ?? '';
    expect(made.joinCode).toMatch(/\S{4,}/);
    await snapshot(teacher, 'course-instructor');

    await teacher.goto(`/courses/${made.courseId}/admin`);
    const form = teacher.getByRole('form', { name: 'Create assignment' });
    await form.getByLabel('Assignment slug', { exact: true }).fill('cartpole');
    await form.getByLabel('Assignment title', { exact: true }).fill('Balance the CartPole');
    await form.getByLabel(/^Description/).fill('Keep the pole up for 500 steps.\nPrivate seeds decide.');
    await form.getByLabel('Environment', { exact: true }).selectOption('CartPole-v1');
    await form.getByLabel('Public episodes', { exact: true }).fill('5');
    await form.getByLabel('Private episodes', { exact: true }).fill('5');
    await snapshot(teacher, 'admin-assignment-form');
    await form.getByRole('button', { name: 'Create assignment' }).click();
    await teacher.waitForURL(/\/assignments\/[0-9a-f-]{36}$/);
    made.agentAssignment = idInUrl(teacher);
    await teacher.getByRole('heading', { name: 'Balance the CartPole' }).waitFor();
    await teacher.getByText('CartPole-v1').first().waitFor();
    await snapshot(teacher, 'assignment-agent');

    await teacher.goto(`/courses/${made.courseId}/admin`);
    await form.getByLabel('Kind', { exact: true }).selectOption('checks');
    // Grade two checks only: the discounted return and the TD target.
    made.checksAssignment = await createReturnsHomework(teacher, form, 'Homework 1: returns');
    // Python is the homework page's default language
    await teacher.getByText('def td_targets(').waitFor();
    await expect(teacher.getByText('def gae(').count()).resolves.toBe(0);
    await snapshot(teacher, 'assignment-checks');
  });

  it('(b) a student joins, forms a team, uploads a js-agent, watches it succeed, finds the team on the board and replays it', async () => {
    await signUp(learner, student);
    await learner.getByLabel('Course join code', { exact: true }).fill(made.joinCode);
    await learner.getByRole('button', { name: 'Join course' }).click();
    await learner.waitForURL(`**/courses/${made.courseId}`);
    await learner.getByLabel('Team name', { exact: true }).fill(made.team);
    await learner.getByRole('button', { name: 'Create team' }).click();
    await expect(learner.getByTestId('team-name').textContent()).resolves.toBe(made.team);
    await expect(learner.getByTestId('team-invite-code').textContent()).resolves.toMatch(/\S{4,}/);
    await snapshot(learner, 'course-student');

    await learner.getByRole('link', { name: 'Balance the CartPole' }).click();
    await learner.getByText('Keep the pole up for 500 steps.').waitFor();
    await learner.waitForURL(`**/assignments/${made.agentAssignment}`);
    const submissionId = await submitAndOpen(learner, 'agent.ts', 'text/plain', CARTPOLE_AGENT);
    await expect(finalStatus(learner)).resolves.toBe('succeeded');
    // The results appear once the page reloads them: five public episodes, all of CartPole's 500 steps.
    await learner.getByTestId('episodes-table').first().waitFor();
    await expect(learner.getByTestId('summary-public').textContent()).resolves.toContain('500.00');
    await expect(learner.getByTestId('console-output').textContent()).resolves.toContain(
      'hello from the agent',
    );
    await snapshot(learner, 'submission-agent');

    await learner.goto(`/assignments/${made.agentAssignment}`);
    await expect(
      learner.getByTestId('submission-row').getByTestId('status-badge').textContent(),
    ).resolves.toBe('succeeded');
    await learner.goto(`/assignments/${made.agentAssignment}/leaderboard`);
    const row = learner.locator(`[data-testid=board-row][data-team="${made.team}"]`);
    await expect(row.getAttribute('class')).resolves.toContain('viewer-team');
    await expect(row.textContent()).resolves.toContain('500.00');
    await snapshot(learner, 'leaderboard');
    await learner.getByRole('link', { name: 'Private', exact: true }).click();
    await expect(learner.getByTestId('board-unavailable').textContent()).resolves.toContain(
      'after the deadline',
    );
    await learner.goto(`/assignments/${made.agentAssignment}/leaderboard`);

    await row.getByRole('link', { name: 'replay' }).click();
    await learner.waitForURL(`**/submissions/${submissionId}?**`);
    const canvas = learner.getByTestId('replay-canvas').first();
    await canvas.waitFor();
    await learner.waitForTimeout(500);
    const colours = await canvas.evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 7)
        seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return seen.size;
    });
    expect(colours).toBeGreaterThan(2);
    await snapshot(learner, 'replay');

    const [download] = await Promise.all([
      learner.waitForEvent('download', { timeout: 60_000 }),
      learner.getByTestId('replay-gif').first().click(),
    ]);
    const gif = fs.readFileSync((await download.path()) as string);
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(gif.length).toBeGreaterThan(1000);

    // A training log attached to the submission is drawn as a learning curve.
    await learner.getByLabel('Training log (JSON lines or CSV)', { exact: true }).setInputFiles({
      name: 'train.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('step,return\n1000,21.5\n2000,80\n3000,240\n4000,500\n'),
    });
    await learner.getByRole('button', { name: 'Upload learning curve', exact: true }).click();
    await learner.getByTestId('learning-curve').waitFor();

    // An agent that answers with an action outside the space fails with the reason on its page.
    await learner.goto(`/assignments/${made.agentAssignment}`);
    await submitFile(learner, 'bad-agent.ts', 'text/plain', BAD_ACTION_AGENT);
    await learner.waitForURL(
      (url) => url.pathname.startsWith('/submissions/') && url.pathname !== `/submissions/${submissionId}`,
    );
    await expect(finalStatus(learner)).resolves.toBe('failed');
    await expect(learner.getByTestId('failure-reason').textContent()).resolves.toMatch(/invalid_action.*7/);
  });

  it('(c0) the homework page shows each function in Python first, JS/TS on request (remembered), with typeset formulas', async () => {
    await learner.goto(`/assignments/${made.checksAssignment}`);
    const functions = learner.getByTestId('homework-functions');
    const returns = functions.locator('[data-check=discounted-return]');
    await returns.waitFor();
    await expect(returns.locator('pre.signature').textContent()).resolves.toMatch(
      /^def discounted_returns\(\n {4}rewards: NDArray\[np\.float64\],/,
    );
    // KaTeX rendered on the server: HTML glyphs plus MathML carrying the LaTeX source
    await expect(returns.locator('.formula .katex-html').count()).resolves.toBe(1);
    await expect(returns.locator('.formula annotation').textContent()).resolves.toContain('\\gamma');
    const fontFamily = await returns
      .locator('.formula .katex')
      .evaluate((el) => getComputedStyle(el).fontFamily);
    expect(fontFamily).toContain('KaTeX_Main');
    await learner.getByRole('tab', { name: 'JS/TS' }).click();
    await expect(returns.locator('pre.signature').textContent()).resolves.toMatch(
      /^function discountedReturn\(/,
    );
    await learner.reload();
    await expect(
      learner.locator('[data-check=td-target] pre.signature[data-language=js]').textContent(),
    ).resolves.toMatch(/^function tdTarget\(/);
    await snapshot(learner, 'homework-languages');
    await learner.getByRole('tab', { name: 'Python' }).click();
    await expect(learner.locator('[data-check=td-target] pre.signature').textContent()).resolves.toMatch(
      /^def td_targets\(/,
    );
  });

  it('(c) the homework module gets per-check feedback: visible cases with values, hidden ones pass/fail', async () => {
    await learner.goto(`/assignments/${made.checksAssignment}`);
    // A module that lacks a required function is refused at upload, naming it.
    await submitFile(
      learner,
      'partial.ts',
      'text/plain',
      'export function discountedReturn() { return []; }',
    );
    const refusal = learner.getByRole('form', { name: 'Upload submission' }).getByRole('alert');
    await expect(refusal.textContent()).resolves.toContain('tdTarget');
    await submitAndOpen(learner, 'hw1.ts', 'text/plain', CHECKS_MODULE);
    await expect(finalStatus(learner)).resolves.toBe('succeeded');
    const checks = learner.getByTestId('check-feedback');
    await checks.first().waitFor();
    await expect(checks.count()).resolves.toBe(2);
    const good = checks.filter({ hasText: 'Discounted return' });
    const bad = checks.filter({ hasText: 'TD target' });
    const [goodPoints, badPoints] = await Promise.all([
      good.getByTestId('check-points').textContent(),
      bad.getByTestId('check-points').textContent(),
    ]);
    const [got, max] = (badPoints ?? '').split('/').map((x) => Number.parseFloat(x));
    expect(goodPoints).toMatch(/^(\d+(\.\d+)?) \/ \1 points$/);
    expect(got).toBeLessThan(max!);
    // Visible cases show input, expected and got; hidden cases only pass or fail.
    const visible = bad.getByTestId('visible-case');
    await expect(visible.count()).resolves.toBe(3);
    await expect(bad.getByTestId('hidden-case').count()).resolves.toBe(12);
    await expect(bad.locator('[data-testid=visible-case] .badge.fail').count()).resolves.toBeGreaterThan(0);
    await expect(good.locator('.badge.fail').count()).resolves.toBe(0);
    const hiddenText = await bad.getByTestId('hidden-case').first().textContent();
    expect(hiddenText).toMatch(/(pass|fail)hidden case/);
    await snapshot(learner, 'submission-checks');
  });

  it('(c2) the same homework uploaded as hw.py is graded in the Python sandbox, the Python mistake named', async () => {
    await learner.goto(`/assignments/${made.checksAssignment}`);
    await submitAndOpen(learner, 'hw.py', 'text/x-python', PYTHON_CHECKS_MODULE);
    await expect(finalStatus(learner)).resolves.toBe('succeeded');
    const checks = learner.getByTestId('check-feedback');
    await checks.first().waitFor();
    const good = checks.filter({ hasText: 'Discounted return' });
    const bad = checks.filter({ hasText: 'TD target' });
    await expect(good.getByTestId('check-points').textContent()).resolves.toMatch(
      /^(\d+(\.\d+)?) \/ \1 points$/,
    );
    await expect(bad.textContent()).resolves.toContain('bootstrap from V(s′) at terminal steps');
    await snapshot(learner, 'submission-python-checks');
  });

  it('(d) the instructor filters submissions, imports a roster, exports the grade CSV, releases the private board, sees the audit log, manages API tokens, reads the API docs and signs out', async () => {
    await teacher.goto(`/courses/${made.courseId}/admin`);
    await teacher.getByTestId('staff-submissions').waitFor();
    const staffRows = teacher.getByTestId('staff-submissions').locator('tbody tr');
    // the agent, the bad agent, the homework in TS and in Python
    await expect(staffRows.count()).resolves.toBe(4);
    await teacher.getByLabel('Filter by status', { exact: true }).selectOption('failed');
    await expect.poll(() => staffRows.count()).toBe(1);
    await expect(staffRows.textContent()).resolves.toContain('invalid_action');
    await teacher.getByLabel('Filter by status', { exact: true }).selectOption('');
    await expect.poll(() => staffRows.count()).toBe(4);
    const csv = await downloadGradesCsv(teacher, 'cartpole');
    expect(csv[0]).toMatch(/^Email address,ID number,Full name,Balance the CartPole,Team,Rank/);
    const sam = csv.find((line) => line.startsWith(student.email));
    expect(sam).toContain(student.name);
    expect(sam).toContain(made.team);
    expect(sam?.split(',')[3]).toBe('500');
    // A roster line for someone without an account becomes an invitation.
    await teacher
      .getByLabel('Or paste the roster CSV', { exact: true })
      .fill('email,name,role,student_id\nada@uni.example,Ada Lovelace,student,123456\n');
    await teacher.getByRole('button', { name: 'Import roster', exact: true }).click();
    await teacher.getByText('0 enrolled, 1 invited, 0 updated').waitFor();
    // Releasing the private board opens it to students.
    const actions = teacher.locator('[data-testid=assignment-actions][data-assignment=cartpole]');
    await actions.getByRole('button', { name: 'Release private board', exact: true }).click();
    // Before the due date the release asks for a confirmation.
    await actions.getByRole('button', { name: 'Release before the deadline', exact: true }).click();
    await actions.getByRole('button', { name: 'Private board released', exact: true }).waitFor();
    await learner.goto(`/assignments/${made.agentAssignment}/leaderboard?board=private`);
    await learner.locator(`[data-testid=board-row][data-team="${made.team}"]`).waitFor();
    const audit = teacher.getByTestId('audit-entry');
    await expect(audit.count()).resolves.toBeGreaterThan(1);
    await expect(teacher.getByTestId('audit-log').textContent()).resolves.toMatch(/assignment/i);
    await snapshot(teacher, 'admin-dashboard');

    await teacher.goto('/settings/tokens');
    await teacher.getByLabel('Token name', { exact: true }).fill('laptop');
    await teacher.getByRole('button', { name: 'Create token', exact: true }).click();
    await expect(teacher.getByTestId('new-token').textContent()).resolves.toMatch(/^crt_\S+$/);
    await teacher.getByText(/critic submit agent\.ts --assignment/).waitFor();
    await snapshot(teacher, 'tokens');
    await teacher.getByRole('button', { name: 'Revoke laptop', exact: true }).click();
    await teacher.getByText('No tokens.').waitFor();

    await teacher.goto('/api-docs');
    await expect(teacher.getByTestId('api-operation').count()).resolves.toBeGreaterThan(20);
    await teacher.getByText('/api/assignments/{assignmentId}/grades.csv').first().waitFor();
    await snapshot(teacher, 'api-docs');

    await teacher.getByRole('button', { name: 'Sign out', exact: true }).click();
    await teacher.waitForURL((url) => url.pathname === '/');
    await teacher.getByRole('link', { name: 'Sign in', exact: true }).first().waitFor();
    await snapshot(teacher, 'landing');
  });
});
