import { encodeOnnxMlp } from '@critic/runner';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, idInUrl, openCreateCourse, signUp, snapshot } from './support/browser';
import { CARTPOLE_AGENT, CHECKS_MODULE } from './support/fixtures';
import {
  createCourse,
  createReturnsHomework,
  downloadGradesCsv,
  finalStatus,
  submitAndOpen,
} from './support/steps';

// What a newcomer hit (issue 16), walked again in a 1280 px wide browser: the forms, the homework
// page, homework grades, the upload, the dashboard and the API docs.
const WIDTH = 1280;
const instructor = { name: 'Nora Newcomer', email: 'nora@uni.example', password: 'correct horse battery' };
const student = { name: 'Stu Dent', email: 'stu@uni.example', password: 'staple battery horse' };
const made = { courseId: '', joinCode: '', agent: '', hw: '', best: '', worse: '', bestPoints: 0 };

/** Both functions wrong: no discount at all, and a TD target without the bootstrap. */
const WORSE_MODULE = `export function discountedReturn(rewards: number[], dones: number[], gamma: number): number[] {
  return rewards.map((r) => r);
}
export function tdTarget(rewards: number[], nextValues: number[], terminated: number[], truncated: number[], gamma: number): number[] {
  return rewards.map((r) => r);
}
`;

let teacher: Page;
let learner: Page;
browserPerFile(
  async (person) => {
    teacher = await person();
    learner = await person();
  },
  { width: WIDTH, height: 900 },
);

/** A `datetime-local` value `hours` from now in the browser's (and this process's) time zone. */
function localInput(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The page is no wider than the window: nothing runs off to the right. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(WIDTH);
}

/** Every control of `form` lies inside its own field horizontally (no column runs into the next). */
async function expectControlsInsideTheirFields(page: Page, formName: string): Promise<void> {
  const overlaps = await page.getByRole('form', { name: formName }).evaluate((form) => {
    const out: string[] = [];
    for (const el of form.querySelectorAll(
      'input:not([type=checkbox]):not([type=hidden]), select, textarea',
    )) {
      const field = el.closest('label, .field');
      if (!field) continue;
      const a = el.getBoundingClientRect();
      const b = field.getBoundingClientRect();
      if (a.right > b.right + 1 || a.left < b.left - 1) out.push((el as HTMLInputElement).name || el.id);
    }
    return out;
  });
  expect(overlaps).toEqual([]);
}

describe('a newcomer walks the site (issue 16)', () => {
  it('(a) the course list puts "Join a course" first; creating one is folded away, team size 5 by default', async () => {
    await signUp(teacher, instructor);
    const join = await teacher.getByTestId('join-course').boundingBox();
    const create = await teacher.getByTestId('create-course').boundingBox();
    expect(join!.y).toBeLessThan(create!.y);
    await expect(teacher.getByTestId('create-course').getAttribute('open')).resolves.toBeNull();
    await expect(teacher.getByLabel('Course slug', { exact: true }).isVisible()).resolves.toBe(false);
    await snapshot(teacher, 'courses-new-user');
    await openCreateCourse(teacher);
    await expect(teacher.getByLabel('Maximum team size').inputValue()).resolves.toBe('5');
    made.courseId = await createCourse(teacher, 'rl-newcomers', 'RL for newcomers');
    made.joinCode = (await teacher.getByTestId('course-join-code').textContent())?.trim() ?? '';
    // Once teaching, the create form is open on the course list.
    await teacher.goto('/courses');
    await expect(teacher.getByTestId('create-course').getAttribute('open')).resolves.toBe('');
  });

  it('(b) the new-assignment form keeps its columns apart at 1280 px, in both variants; baselines can be requested', async () => {
    await teacher.goto(`/courses/${made.courseId}/admin`);
    const form = teacher.getByRole('form', { name: 'Create assignment' });
    await expectControlsInsideTheirFields(teacher, 'Create assignment');
    const options = await form.getByLabel('Environment', { exact: true }).locator('option').allTextContents();
    expect(options.filter((o) => /\(≤ *steps\)/.test(o))).toEqual([]);
    expect(options).toContain('CartPole-v1 (≤ 500 steps)');
    expect(options.some((o) => /^Blackjack-v1$/.test(o.trim()))).toBe(true);
    await expect(form.getByLabel(/Add baseline rows/).isChecked()).resolves.toBe(true);
    await snapshot(teacher, 'admin-assignment-form-agent');

    await form.getByLabel('Kind', { exact: true }).selectOption('checks');
    await expectControlsInsideTheirFields(teacher, 'Create assignment');
    const boxes = await form
      .locator('fieldset label.inline')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(boxes.length).toBeGreaterThan(3);
    for (const h of boxes) expect(h).toBeLessThan(48); // one line, not one word per line
    for (const name of ['opensAt', 'dueAt', 'lateUntil']) {
      const box = await form.locator(`input[name=${name}]`).boundingBox();
      expect(box!.height).toBeLessThan(60);
    }
    await snapshot(teacher, 'admin-assignment-form-homework');

    // The homework: the discounted return and the TD target.
    made.hw = await createReturnsHomework(teacher, form, 'Homework 1');
    // The task page: long signatures wrap inside the window, in Python (shown first) and in JS/TS.
    await teacher.getByText('def td_targets(').waitFor();
    await expectNoSidewaysScroll(teacher);
    await teacher.getByRole('tab', { name: 'JS/TS' }).click();
    await teacher.getByText('function tdTarget(').waitFor();
    await expectNoSidewaysScroll(teacher);
    await teacher.getByRole('tab', { name: 'Python' }).click();

    await teacher.goto(`/courses/${made.courseId}/admin`);
    await form.getByLabel('Assignment slug', { exact: true }).fill('cartpole');
    await form.getByLabel('Assignment title', { exact: true }).fill('CartPole');
    await form.getByLabel('Environment', { exact: true }).selectOption('CartPole-v1');
    await form.getByLabel('Public episodes', { exact: true }).fill('5');
    await form.getByLabel('Private episodes', { exact: true }).fill('5');
    await form.getByRole('button', { name: 'Create assignment' }).click();
    await teacher.waitForURL(/\/assignments\/[0-9a-f-]{36}$/);
    made.agent = idInUrl(teacher);
    // The requested baseline jobs show on the dashboard (this grader trains none: they stay queued).
    await teacher.goto(`/courses/${made.courseId}/admin`);
    const jobs = teacher.locator('[data-testid=assignment-actions][data-assignment=cartpole]').locator('..');
    await expect(
      jobs
        .getByTestId('baseline-job')
        .evaluateAll((els) => els.map((e) => `${e.dataset.kind}:${e.dataset.status}`)),
    ).resolves.toEqual(['ppo:queued', 'random:queued']);
  });

  it('(c) a student joins; the instructor reads "1 team"; the upload has a drop zone showing real sizes', async () => {
    await signUp(learner, student);
    await learner.getByLabel('Course join code', { exact: true }).fill(made.joinCode);
    await learner.getByRole('button', { name: 'Join course' }).click();
    await learner.waitForURL(`**/courses/${made.courseId}`);
    await learner.getByLabel('Team name', { exact: true }).fill('Solo');
    await learner.getByRole('button', { name: 'Create team' }).click();
    await learner.getByTestId('team-name').waitFor();
    await teacher.goto(`/courses/${made.courseId}`);
    await teacher.getByText('1 team.').waitFor();
    await teacher.goto(`/courses/${made.courseId}/admin`);
    await expect(teacher.locator('main > p.muted').first().textContent()).resolves.toMatch(
      /\d+ members? · 1 team · join code/,
    );

    await learner.goto(`/assignments/${made.agent}`);
    // Dropping a file on the zone picks it, listed with its size on disk.
    await learner.getByTestId('drop-zone').evaluate((zone, source) => {
      const dt = new DataTransfer();
      dt.items.add(new File([source], 'balance.ts', { type: 'text/plain' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, CARTPOLE_AGENT);
    await expect(learner.getByTestId('chosen-files').textContent()).resolves.toBe(
      `balance.ts — ${Buffer.byteLength(CARTPOLE_AGENT)} B`,
    );
    await snapshot(learner, 'upload-drop-zone');
    await learner.getByRole('button', { name: 'Submit', exact: true }).click();
    await learner.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
    await expect(finalStatus(learner)).resolves.toBe('succeeded');
    // Phase times to the second, with how long each phase took.
    await expect(learner.getByTestId('phase-times').textContent()).resolves.toMatch(
      /Started\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(waited [^)]+\)Finished\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(ran [^)]+\)/,
    );
    // Every episode returned 500: one tick at 500, not an axis from 497 to 503.
    await learner.getByTestId('return-distribution').first().waitFor();
    const ticks = await learner.getByTestId('x-axis').first().locator('text').allTextContents();
    expect(ticks).toEqual(['500', 'episode return: all 5 episodes returned 500']);
    await snapshot(learner, 'submission-agent-equal-returns');

    // A refused ONNX model is named by its own file name.
    await learner.goto(`/assignments/${made.agent}`);
    const wrongWidth = encodeOnnxMlp([
      {
        inSize: 4,
        outSize: 3,
        weight: new Float32Array(12),
        bias: new Float32Array(3),
        activation: 'linear',
      },
    ]);
    await learner.getByLabel('Files', { exact: true }).setInputFiles({
      name: 'my-policy.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(wrongWidth),
    });
    await learner.getByRole('button', { name: 'Submit', exact: true }).click();
    const refusal = learner.getByRole('form', { name: 'Upload submission' }).getByRole('alert');
    await expect(refusal.textContent()).resolves.toMatch(/my-policy\.onnx: output .*expected \[batch, 2\]/);
    await expect(refusal.textContent()).resolves.not.toContain('model.onnx');
  });

  it('(d) homework: the best submission counts, lists show points; the feedback page fits 1280 px, failing checks first', async () => {
    for (const [source, key] of [
      [CHECKS_MODULE, 'best'],
      [WORSE_MODULE, 'worse'],
    ] as const) {
      await learner.goto(`/assignments/${made.hw}`);
      made[key] = await submitAndOpen(learner, `${key}.ts`, 'text/plain', source);
      await expect(finalStatus(learner)).resolves.toBe('succeeded');
    }
    // The later, worse one does not count.
    await learner.reload();
    await expect(learner.getByTestId('counting-status').textContent()).resolves.toMatch(/does not count/);
    const worseTotal = (await learner.getByTestId('total-points').textContent()) ?? '';

    await learner.goto(`/submissions/${made.best}`);
    await expect(learner.getByTestId('counting-status').textContent()).resolves.toMatch(
      /counts for the grade: it is your best/,
    );
    const total = (await learner.getByTestId('total-points').textContent()) ?? '';
    const [got, max] = total.split(' / ').map((x) => Number.parseFloat(x));
    made.bestPoints = got!;
    expect(got).toBeGreaterThan(Number.parseFloat(worseTotal));
    expect(got).toBeLessThan(max!);
    // Failing checks first and open; the passing one collapsed below.
    const checks = learner.getByTestId('check-feedback');
    await expect(checks.evaluateAll((els) => els.map((e) => e.getAttribute('data-check')))).resolves.toEqual([
      'tdTarget',
      'discountedReturn',
    ]);
    await expect(checks.nth(0).getAttribute('open')).resolves.toBe('');
    await expect(checks.nth(1).getAttribute('open')).resolves.toBeNull();
    await expect(checks.nth(1).getByTestId('visible-case').first().isVisible()).resolves.toBe(false);
    // Each visible case names its arguments; numbers are short; the differing elements are marked.
    const firstCase = checks.nth(0).getByTestId('visible-case').first();
    const args = await firstCase.getByTestId('case-args').locator('li').allTextContents();
    expect(args.map((a) => a.split(' = ')[0])).toEqual([
      'rewards',
      'nextValues',
      'terminated',
      'truncated',
      'gamma',
    ]);
    const feedbackText = (await checks.nth(0).textContent()) ?? '';
    expect(feedbackText).not.toMatch(/\d\.\d{7,}/);
    expect(await checks.nth(0).getByTestId('diff-element').count()).toBeGreaterThan(0);
    await expectNoSidewaysScroll(learner);
    await snapshot(learner, 'homework-feedback-1280');

    // The list on the assignment page: points, and which submission counts.
    await learner.goto(`/assignments/${made.hw}`);
    const rows = learner.getByTestId('submission-row');
    await expect(rows.count()).resolves.toBe(2);
    await expect(learner.getByTestId('submissions-table').locator('th').last().textContent()).resolves.toBe(
      'Points',
    );
    const counting = rows.filter({ has: learner.getByTestId('counts-badge') });
    await expect(counting.count()).resolves.toBe(1);
    await expect(counting.locator('a').getAttribute('href')).resolves.toBe(`/submissions/${made.best}`);
    await expect(counting.locator('td.num').textContent()).resolves.toBe(made.bestPoints.toFixed(2));
    await expectNoSidewaysScroll(learner);
    await snapshot(learner, 'homework-assignment-1280');

    // The grades CSV takes the best submission, not the latest.
    await teacher.goto(`/courses/${made.courseId}/admin`);
    const csv = await downloadGradesCsv(teacher, 'hw1');
    const line = csv.find((l) => l.startsWith(student.email));
    expect(Number(line?.split(',')[3])).toBeCloseTo(made.bestPoints, 2);
  });

  it('(e) the dashboard: filters survive a reload, roster errors keep their lines, a rejudge shows its attempts, an early release asks first', async () => {
    await teacher.goto(`/courses/${made.courseId}/admin`);
    const staffRows = teacher.getByTestId('staff-submissions').locator('tbody tr');
    await staffRows.first().waitFor();
    await teacher.getByLabel('Filter by assignment', { exact: true }).selectOption(made.hw);
    await expect.poll(() => staffRows.count()).toBe(2);
    await expect.poll(() => new URL(teacher.url()).searchParams.get('assignment')).toBe(made.hw);
    await teacher.reload();
    await expect(teacher.getByLabel('Filter by assignment', { exact: true }).inputValue()).resolves.toBe(
      made.hw,
    );
    await expect.poll(() => staffRows.count()).toBe(2);

    await teacher
      .getByLabel('Or paste the roster CSV', { exact: true })
      .fill('email,name,role,student_id\nnot-an-email,Ada,student,1\nbob@uni.example,Bob,wizard,2\n');
    await teacher.getByRole('button', { name: 'Import roster', exact: true }).click();
    const rosterError = teacher.getByRole('form', { name: 'Import roster' }).getByRole('alert');
    await rosterError.waitFor();
    // innerText, not textContent: the line breaks as rendered are what is checked.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered lines are the point
    const lines = (await rosterError.evaluate((el) => (el as HTMLElement).innerText)).split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines[1]).toMatch(/^line 2: /);
    expect(lines[2]).toMatch(/^line 3: /);
    await snapshot(teacher, 'admin-roster-error-lines');

    // Releasing the private board before the due date asks first; Cancel changes nothing.
    const cartpole = teacher.locator('[data-testid=assignment-actions][data-assignment=cartpole]');
    await cartpole.getByRole('button', { name: 'Release private board', exact: true }).click();
    const confirm = cartpole.getByTestId('release-confirm');
    await expect(confirm.textContent()).resolves.toMatch(/has not passed/);
    await snapshot(teacher, 'admin-release-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm.count()).resolves.toBe(0);
    await teacher.reload();
    await cartpole.getByRole('button', { name: 'Release private board', exact: true }).click();
    await cartpole.getByRole('button', { name: 'Release before the deadline' }).click();
    await cartpole.getByRole('button', { name: 'Private board released', exact: true }).waitFor();

    // Rejudging the homework: the submission page lists both attempts.
    const hwActions = teacher.locator('[data-testid=assignment-actions][data-assignment=hw1]');
    await hwActions.getByRole('button', { name: 'Rejudge all' }).click();
    await hwActions.getByText(/submissions queued again/).waitFor();
    await teacher.goto(`/submissions/${made.best}`);
    await expect(finalStatus(teacher)).resolves.toBe('succeeded');
    await teacher.reload();
    const history = teacher.getByTestId('attempt-history');
    await history.waitFor();
    await expect(
      history.getByTestId('attempt-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-attempt'))),
    ).resolves.toEqual(['2', '1']);
    await snapshot(teacher, 'submission-attempt-history');
  });

  it('(f) the instructor edits the homework: a due date moved earlier makes submissions late, moved later on time again', async () => {
    const edit = async (dueHours: number) => {
      await teacher.goto(`/assignments/${made.hw}/edit`);
      const form = teacher.getByRole('form', { name: 'Edit assignment' });
      await form.getByLabel('Opens at').fill(localInput(-48));
      await form.getByLabel('Due at').fill(localInput(dueHours));
      await form.getByLabel('Late submissions until').fill(localInput(48));
      await form.getByLabel('Late penalty (fraction 0–1)').fill('0.5');
      if (dueHours < 0) await snapshot(teacher, 'assignment-edit-form');
      await form.getByRole('button', { name: 'Save changes' }).click();
      await teacher.waitForURL(`**/assignments/${made.hw}`);
    };
    await edit(-1);
    const lateBadges = () => teacher.getByTestId('submission-row').locator('.badge.late').count();
    await expect.poll(lateBadges).toBe(2);
    await edit(24);
    await expect.poll(lateBadges).toBe(0);
  });

  it('(g) the API docs list paths that answer; the favicon is served', async () => {
    await teacher.goto('/api-docs');
    const paths = await teacher.getByTestId('api-path').allTextContents();
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((p) => !p.startsWith('/api/') || p.startsWith('/api/api/'))).toEqual([]);
    expect(paths).toContain('/api/health');
    const health = await teacher.request.get('/api/health');
    expect(health.status()).toBe(200);
    await snapshot(teacher, 'api-docs-paths');
    const icon = await teacher.request.get('/favicon.ico');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/image/);
    await expect(teacher.locator('link[rel~=icon]').count()).resolves.toBeGreaterThan(0);
  });
});
