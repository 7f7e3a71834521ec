import { BROKEN_ENVS, LINE_WALK_TS } from '@critic/runner/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, idInUrl, signUp, snapshot } from './support/browser';
import { createCourse, registerProjectForApproval } from './support/steps';

// A final project followed from both sides: custom env upload (TypeScript), its check by a grader job
// (followed live on the page) and its checkEnv report, a refused attempt deleted, approval, an agent
// graded in the env by the grader worker, and the episode replayed through the env's own render (on the
// board's replay page and on the submission page).
const ENVS: Record<string, string> = {
  'line-walk.ts': LINE_WALK_TS,
  'nan-reward.js': BROKEN_ENVS.nanReward,
  'infinite-step.js': BROKEN_ENVS.infiniteStep,
};
const fixture = (name: string) => Buffer.from(ENVS[name] ?? '');
const WALK_RIGHT = 'export function act(obs: number[]): number { return 1; }\n';

const instructor = { name: 'Paula Prof', email: 'paula@uni.example', password: 'correct horse battery' };
const student = { name: 'Walt Walker', email: 'walt@uni.example', password: 'staple battery horse' };
const made = { courseId: '', joinCode: '', assignmentId: '' };

let teacher: Page;
let learner: Page;
browserPerFile(async (person) => {
  teacher = await person();
  learner = await person();
});

async function uploadEnv(page: Page, name: string, file: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Upload custom env' });
  await form.getByLabel('Env name').fill(name);
  await form
    .getByLabel(/Env module/)
    .setInputFiles({ name: file, mimeType: 'text/javascript', buffer: fixture(file) });
  await form.getByRole('button', { name: 'Upload and check' }).click();
  // The upload only queues the check: the page follows the grader's job until it has a verdict.
  const report = page.locator(`[data-testid=env-report][data-env="custom/${name}"]`).first();
  await report.waitFor({ timeout: 60_000 });
  await page
    .locator(
      `[data-testid=env-report][data-env="custom/${name}"][data-status=accepted], [data-testid=env-report][data-env="custom/${name}"][data-status=rejected]`,
    )
    .first()
    .waitFor({ timeout: 120_000 });
}

describe('final projects end to end (Next server, grader worker, chromium)', () => {
  it('(a) a course with a student in a team', async () => {
    await signUp(teacher, instructor);
    made.courseId = await createCourse(teacher, 'rl-projects', 'RL final projects');
    made.joinCode = (await teacher.getByTestId('course-join-code').textContent())?.trim() ?? '';
    await signUp(learner, student);
    await learner.getByLabel('Course join code').fill(made.joinCode);
    await learner.getByRole('button', { name: 'Join course' }).click();
    await learner.waitForURL(`**/courses/${made.courseId}`);
    await learner.getByLabel('Team name').fill('Walkers');
    await learner.getByRole('button', { name: 'Create team' }).click();
    await expect(learner.getByTestId('team-name').textContent()).resolves.toBe('Walkers');
  });

  it('(b) a broken env is refused with the exact reason and can be deleted; a good TypeScript one is accepted', async () => {
    await learner.goto(`/courses/${made.courseId}`);
    await learner.getByTestId('projects-link').click();
    await learner.waitForURL(`**/courses/${made.courseId}/projects`);
    // The render() frame format is documented on the page, with an example.
    const doc = learner.getByTestId('render-frame-doc');
    await doc.locator('summary').click();
    for (const text of ['viewport', "'line'", "'polygon'", "'circle'", "'text'", 'xMin < xMax']) {
      await expect(doc.textContent()).resolves.toContain(text);
    }
    await expect(doc.locator('pre').textContent()).resolves.toMatch(
      /render\(\) \{[\s\S]*kind: 'circle', center: \[x, 0\]/,
    );
    await snapshot(learner, 'projects-render-frame-doc');
    await uploadEnv(learner, 'nan-v0', 'nan-reward.js');
    const nan = learner.locator('[data-testid=env-report][data-env="custom/nan-v0"]').first();
    await expect(nan.getAttribute('data-status')).resolves.toBe('rejected');
    await expect(nan.getByTestId('check-failed').first().textContent()).resolves.toMatch(
      /reward-finite.*step 0 of the random rollout: step\([01]\) returned reward NaN; rewards must be finite numbers/,
    );
    await uploadEnv(learner, 'loop-v0', 'infinite-step.js');
    const loop = learner.locator('[data-testid=env-report][data-env="custom/loop-v0"]').first();
    await expect(loop.getByTestId('check-failed').first().textContent()).resolves.toContain(
      'step() ran longer than its time limit (100 ms per call)',
    );
    await uploadEnv(learner, 'line-walk', 'line-walk.ts');
    const good = learner.locator('[data-testid=env-report][data-env="custom/line-walk"]').first();
    await expect(good.getAttribute('data-status')).resolves.toBe('accepted');
    await expect(good.getByTestId('check-failed').count()).resolves.toBe(0);
    await snapshot(learner, 'projects-env-reports');
    // A refused attempt can be deleted (an accepted env offers no delete button).
    await expect(good.getByRole('button', { name: /^Delete/ }).count()).resolves.toBe(0);
    await learner.reload();
    await learner.getByRole('button', { name: 'Delete custom/nan-v0' }).click();
    await expect
      .poll(() => learner.locator('[data-testid=env-report][data-env="custom/nan-v0"]').count())
      .toBe(0);
    await expect(
      learner.locator('[data-testid=env-report][data-env="custom/loop-v0"]').count(),
    ).resolves.toBe(1);
    await snapshot(learner, 'projects-refused-env-deleted');
  });

  it('(c) the team registers its project in the env and the instructor approves it', async () => {
    const approve = await registerProjectForApproval(learner, teacher, made.courseId, {
      title: 'Walk the line',
      envId: 'custom/line-walk',
      publicEpisodes: 3,
      privateEpisodes: 4,
    });
    await approve.getByLabel(/Run baselines/).uncheck();
    await snapshot(teacher, 'projects-review');
    await approve.getByRole('button', { name: 'Approve' }).click();
    await expect(
      teacher
        .locator('[data-testid=project][data-status=approved]')
        .getByTestId('project-status')
        .textContent(),
    ).resolves.toBe('approved');
  });

  it('(d) an agent is graded in the custom env and its episode replays through the env render', async () => {
    await learner.reload();
    await learner.getByRole('link', { name: 'submit agents' }).click();
    await learner.waitForURL(/\/assignments\/[0-9a-f-]{36}$/);
    made.assignmentId = idInUrl(learner);
    await learner.getByLabel('Files').setInputFiles({
      name: 'agent.ts',
      mimeType: 'text/plain',
      buffer: Buffer.from(WALK_RIGHT),
    });
    await learner.getByRole('button', { name: 'Submit', exact: true }).click();
    await learner.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
    const live = learner.getByTestId('live-status');
    await live
      .and(learner.locator('[data-status=succeeded], [data-status=failed]'))
      .waitFor({ timeout: 90_000 });
    await expect(live.getAttribute('data-status')).resolves.toBe('succeeded');
    // The submission page replays a custom-env episode with frames drawn by the env's render().
    await learner.reload();
    const player = learner.getByTestId('replay-player').first();
    await player.waitFor({ timeout: 30_000 });
    await expect(learner.getByTestId('replay-error').count()).resolves.toBe(0);
    await expect(learner.getByTestId('replay-position').first().textContent()).resolves.toMatch(
      /\/\s*(6|7|8|9|10)\b/,
    );
    await learner.waitForTimeout(300);
    const drawn = await learner
      .getByTestId('replay-canvas')
      .first()
      .evaluate((el) => {
        const c = el as HTMLCanvasElement;
        const data =
          c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        const seen = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 5)
          seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        return seen.size;
      });
    expect(drawn).toBeGreaterThan(2);
    await snapshot(learner, 'submission-custom-env-replay');

    await teacher.goto(`/courses/${made.courseId}/projects/board`);
    const row = teacher.getByTestId('board-row').first();
    await expect(row.textContent()).resolves.toContain('Walk the line');
    await snapshot(teacher, 'projects-board');
    await row.getByRole('link', { name: 'replay' }).click();
    await teacher.getByTestId('frames-player').waitFor({ timeout: 30_000 });
    // Walking right from a start in [0, 4] reaches the goal at 10 in 6 to 10 steps: 7 to 11 frames.
    const frames = Number(await teacher.getByTestId('frames-player').getAttribute('data-frames'));
    expect(frames).toBeGreaterThanOrEqual(7);
    expect(frames).toBeLessThanOrEqual(11);
    await snapshot(teacher, 'projects-replay');
  });
});
