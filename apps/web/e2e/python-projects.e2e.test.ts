import { walkEnvPyWith, walkEnvZip } from '@critic/runner/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBaselineWorker } from './support/baseline-worker';
import { idInUrl, launchBrowser, openCreateCourse, personPage, signUp, snapshot } from './support/browser';
import type { Child } from './support/child-process';
import { registerProjectForApproval } from './support/steps';

// A final project in the group's own Python env (env.py + an asset file), followed from both sides:
// check_env's report, approval, random and PPO baselines made in the env (PPO trained through env.py
// in the Python sandbox) and graded, an agent graded by the grader worker in the Python sandbox, its
// score on the cross-project board beside the baselines, and the episode replayed from render(rgb_array).
/** The shared walk fixture (env.py + goal.json in a folder), zipped as a group uploads it. */
const zipOf = (envPy?: string) => Buffer.from(walkEnvZip(8, envPy));
const WALK_RIGHT = 'export function act(obs: number[]): number { return 1; }\n';

const instructor = { name: 'Petra Prof', email: 'petra@uni.example', password: 'correct horse battery' };
const student = { name: 'Pia Python', email: 'pia@uni.example', password: 'staple battery horse' };
const made = { courseId: '' };

/** PPO's training budget, set on the approval form: small, and enough to learn to walk right. */
const PPO_BUDGET = 4096;

let browser: Browser;
let teacher: Page;
let learner: Page;
let baselineWorker: Child;

beforeAll(async () => {
  baselineWorker = startBaselineWorker();
  browser = await launchBrowser();
  teacher = (await personPage(browser)).page;
  learner = (await personPage(browser)).page;
});
afterAll(async () => {
  await browser?.close();
  await baselineWorker?.stop();
});

/** Reloads `page` until `ready()` holds (the pages are rendered on the server: they show what was there). */
async function reloadUntil(page: Page, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline)
      throw new Error(`${page.url()} did not show what was awaited in ${timeoutMs} ms`);
    await page.waitForTimeout(2_000);
    await page.reload();
  }
}

/** The cells of the cross-project board's row of the walk. */
const boardCells = (page: Page) => page.getByTestId('board-row').first().locator('td').allTextContents();

async function uploadEnv(page: Page, name: string, zip: Buffer): Promise<void> {
  const form = page.getByRole('form', { name: 'Upload custom env' });
  await form.getByLabel('Env name').fill(name);
  // Episodes are cut at 40 steps: a random walk mostly is, a walk to the right never.
  await form.getByLabel('Max episode steps').fill('40');
  await form
    .getByLabel(/Env module/)
    .setInputFiles({ name: 'walk.zip', mimeType: 'application/zip', buffer: zip });
  await form.getByRole('button', { name: 'Upload and check' }).click();
  // The upload only queues the check: the page follows the grader's job until it has a verdict.
  await page
    .locator(`[data-testid=env-report][data-env="custom/${name}"]`)
    .first()
    .waitFor({ timeout: 60_000 });
  await page
    .locator(
      `[data-testid=env-report][data-env="custom/${name}"][data-status=accepted], [data-testid=env-report][data-env="custom/${name}"][data-status=rejected]`,
    )
    .first()
    .waitFor({ timeout: 180_000 });
}

describe("a group's own Python env end to end (Next server, grader worker, chromium)", () => {
  it('(a) a course with a student in a team', async () => {
    await signUp(teacher, instructor);
    await openCreateCourse(teacher);
    await teacher.getByLabel('Course slug').fill('rl-python-projects');
    await teacher.getByLabel('Course title').fill('RL projects in Python');
    await teacher.getByRole('button', { name: 'Create course' }).click();
    await teacher.waitForURL(/\/courses\/[0-9a-f-]{36}$/);
    made.courseId = idInUrl(teacher);
    const joinCode = (await teacher.getByTestId('course-join-code').textContent())?.trim() ?? '';
    await signUp(learner, student);
    await learner.getByLabel('Course join code').fill(joinCode);
    await learner.getByRole('button', { name: 'Join course' }).click();
    await learner.waitForURL(`**/courses/${made.courseId}`);
    await learner.getByLabel('Team name').fill('Pythons');
    await learner.getByRole('button', { name: 'Create team' }).click();
    await expect(learner.getByTestId('team-name').textContent()).resolves.toBe('Pythons');
  });

  it('(b) check_env refuses a broken env.py with its own message and accepts a clean one', async () => {
    await learner.goto(`/courses/${made.courseId}/projects`);
    const float64 = walkEnvPyWith(
      'np.array([self.x], dtype=np.float32), {}',
      'np.array([self.x], dtype=np.float64), {}',
    );
    await uploadEnv(learner, 'walk-bad', zipOf(float64));
    const bad = learner.locator('[data-testid=env-report][data-env="custom/walk-bad"]').first();
    await expect(bad.getAttribute('data-status')).resolves.toBe('rejected');
    await expect(bad.getByTestId('check-failed').first().textContent()).resolves.toMatch(
      /not within the observation space/,
    );
    await uploadEnv(learner, 'walk', zipOf());
    const good = learner.locator('[data-testid=env-report][data-env="custom/walk"]').first();
    await expect(good.getAttribute('data-status')).resolves.toBe('accepted');
    await expect(good.getByTestId('check-failed').count()).resolves.toBe(0);
    await snapshot(learner, 'python-env-reports');
  });

  it('(c) the project is registered and approved', async () => {
    const approve = await registerProjectForApproval(learner, teacher, made.courseId, {
      title: 'Walk in Python',
      envId: 'custom/walk',
      publicEpisodes: 2,
      privateEpisodes: 3,
    });
    await expect(approve.getByLabel(/Run baselines/).isChecked()).resolves.toBe(true);
    await approve.getByLabel(/PPO training budget/).fill(String(PPO_BUDGET));
    await approve.getByRole('button', { name: 'Approve' }).click();
    await expect(
      teacher
        .locator('[data-testid=project][data-status=approved]')
        .getByTestId('project-status')
        .textContent(),
    ).resolves.toBe('approved');
  });

  it('(c2) the random and PPO baselines are made in the env and graded: their jobs end as made, the board shows them', async () => {
    // The instructor dashboard follows the baseline jobs: random at once, PPO trained through env.py.
    await teacher.goto(`/courses/${made.courseId}/admin`);
    const jobs = teacher.getByTestId('baseline-job');
    const states = () => jobs.evaluateAll((els) => els.map((e) => `${e.dataset.kind}:${e.dataset.status}`));
    await reloadUntil(
      teacher,
      async () => (await states()).every((s) => s.endsWith(':done') || s.endsWith(':dead')),
      600_000,
    );
    await expect(states()).resolves.toEqual(['ppo:done', 'random:done']);
    await snapshot(teacher, 'python-projects-baseline-jobs');
    // Once both are graded the cross-project board has the random and the reference (PPO) columns.
    await teacher.goto(`/courses/${made.courseId}/projects/board`);
    await reloadUntil(
      teacher,
      async () => {
        const cells = await boardCells(teacher);
        return cells[4] !== '—' && cells[5] !== undefined && cells[5] !== '—';
      },
      300_000,
    );
    const cells = await boardCells(teacher);
    expect(cells[5]).toContain('ppo');
    // PPO walks right (3 to 6 an episode); a random walk mostly wanders until the 40-step cut.
    const [random, reference] = [cells[4], cells[5]].map((c) => Number.parseFloat(c ?? ''));
    expect(reference).toBeGreaterThanOrEqual(3);
    expect(random).toBeLessThan(reference!);
    await snapshot(teacher, 'python-projects-board-baselines');
  });

  it('(d) an agent is graded in the env by the grader worker; the board shows its score; the replay plays', async () => {
    await learner.reload();
    await learner.getByRole('link', { name: 'submit agents' }).click();
    await learner.waitForURL(/\/assignments\/[0-9a-f-]{36}$/);
    await learner
      .getByLabel('Files')
      .setInputFiles({ name: 'agent.ts', mimeType: 'text/plain', buffer: Buffer.from(WALK_RIGHT) });
    await learner.getByRole('button', { name: 'Submit', exact: true }).click();
    await learner.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
    const live = learner.getByTestId('live-status');
    await live
      .and(learner.locator('[data-status=succeeded], [data-status=failed]'))
      .waitFor({ timeout: 120_000 });
    await expect(live.getAttribute('data-status')).resolves.toBe('succeeded');

    await teacher.goto(`/courses/${made.courseId}/projects/board`);
    const row = teacher.getByTestId('board-row').first();
    const cells = await row.locator('td').allTextContents();
    expect(cells[1]).toContain('Walk in Python');
    // Walking right from x in [0, 4) reaches 8 in 5 to 8 steps: return 10 − (steps − 1) in [3, 6].
    const best = Number.parseFloat(cells[3] ?? '');
    expect(best).toBeGreaterThanOrEqual(3);
    expect(best).toBeLessThanOrEqual(6);
    // Normalized against the baselines: on the same seeds no policy beats always walking right, so
    // the agent scores at least the PPO reference (1).
    expect(cells[4]).not.toBe('—');
    expect(Number.parseFloat(cells[6] ?? '')).toBeGreaterThanOrEqual(1);
    await snapshot(teacher, 'python-projects-board');
    await row.getByRole('link', { name: 'replay' }).click();
    const player = teacher.getByTestId('python-replay');
    await player.getByRole('link', { name: 'Download GIF' }).waitFor({ timeout: 60_000 });
    const size = await player
      .locator('img')
      .evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(size).toEqual([72, 16]);
    await snapshot(teacher, 'python-projects-replay');
  });
});
