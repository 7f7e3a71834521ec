import { strToU8, zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idInUrl, launchBrowser, openCreateCourse, personPage, signUp, snapshot } from './support/browser';

// A final project in the group's own Python env (env.py + an asset file), followed from both sides:
// check_env's report, approval, an agent graded by the grader worker in the Python sandbox, its score
// on the cross-project board, and the episode replayed from render(rgb_array).
const ENV_PY = `
import json
import numpy as np
import gymnasium as gym

with open("goal.json") as f:
    GOAL = json.load(f)["goal"]

class Walk(gym.Env):
    metadata = {"render_modes": ["rgb_array"], "render_fps": 10}

    def __init__(self, render_mode=None):
        self.render_mode = render_mode
        self.observation_space = gym.spaces.Box(0.0, float(GOAL), (1,), np.float32)
        self.action_space = gym.spaces.Discrete(2)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.x = int(self.np_random.integers(0, GOAL // 2))
        return np.array([self.x], dtype=np.float32), {}

    def step(self, action):
        self.x = min(GOAL, max(0, self.x + (1 if action == 1 else -1)))
        done = self.x == GOAL
        return np.array([self.x], dtype=np.float32), 10.0 if done else -1.0, done, False, {}

    def render(self):
        img = np.zeros((16, 8 * (GOAL + 1), 3), dtype=np.uint8)
        img[:, 8 * self.x : 8 * self.x + 8] = (255, 200, 0)
        return img
`;
const zipOf = (envPy: string) =>
  Buffer.from(zipSync({ 'walk/env.py': strToU8(envPy), 'walk/goal.json': strToU8('{"goal": 8}') }));
const WALK_RIGHT = 'export function act(obs: number[]): number { return 1; }\n';

const instructor = { name: 'Petra Prof', email: 'petra@uni.example', password: 'correct horse battery' };
const student = { name: 'Pia Python', email: 'pia@uni.example', password: 'staple battery horse' };
const made = { courseId: '' };

let browser: Browser;
let teacher: Page;
let learner: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  teacher = (await personPage(browser)).page;
  learner = (await personPage(browser)).page;
});
afterAll(async () => {
  await browser?.close();
});

async function uploadEnv(page: Page, name: string, zip: Buffer): Promise<void> {
  const form = page.getByRole('form', { name: 'Upload custom env' });
  await form.getByLabel('Env name').fill(name);
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
    const float64 = ENV_PY.replace(
      'np.array([self.x], dtype=np.float32), {}',
      'np.array([self.x], dtype=np.float64), {}',
    );
    await uploadEnv(learner, 'walk-bad', zipOf(float64));
    const bad = learner.locator('[data-testid=env-report][data-env="custom/walk-bad"]').first();
    await expect(bad.getAttribute('data-status')).resolves.toBe('rejected');
    await expect(bad.getByTestId('check-failed').first().textContent()).resolves.toMatch(
      /not within the observation space/,
    );
    await uploadEnv(learner, 'walk', zipOf(ENV_PY));
    const good = learner.locator('[data-testid=env-report][data-env="custom/walk"]').first();
    await expect(good.getAttribute('data-status')).resolves.toBe('accepted');
    await expect(good.getByTestId('check-failed').count()).resolves.toBe(0);
    await snapshot(learner, 'python-env-reports');
  });

  it('(c) the project is registered and approved', async () => {
    await learner.reload();
    const form = learner.getByRole('form', { name: 'Register project' });
    await form.getByLabel('Project title').fill('Walk in Python');
    await form.getByLabel('Project environment').selectOption('custom/walk');
    await form.getByRole('button', { name: 'Register project' }).click();
    await expect(learner.getByTestId('project-status').textContent()).resolves.toBe('pending');
    await teacher.goto(`/courses/${made.courseId}/projects`);
    const approve = teacher.getByRole('form', { name: 'Approve Walk in Python' });
    await approve.getByLabel('Public episodes').fill('2');
    await approve.getByLabel('Private episodes').fill('3');
    // This run's grader takes no baseline jobs (random baselines in a Python env: grader tests).
    await approve.getByLabel(/Run baselines/).uncheck();
    await approve.getByRole('button', { name: 'Approve' }).click();
    await expect(
      teacher
        .locator('[data-testid=project][data-status=approved]')
        .getByTestId('project-status')
        .textContent(),
    ).resolves.toBe('approved');
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
