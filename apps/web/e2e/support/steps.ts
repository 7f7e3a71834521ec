// Steps the e2e walks take on the site more than once: create a course or the returns homework, submit
// a file, wait for a submission's verdict, download grades.
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { idInUrl, openCreateCourse } from './browser';

/** Creates a course with the course list's form (unfolding it if needed); returns the new course's id. */
export async function createCourse(page: Page, slug: string, title: string): Promise<string> {
  await openCreateCourse(page);
  await page.getByLabel('Course slug', { exact: true }).fill(slug);
  await page.getByLabel('Course title', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create course' }).click();
  await page.waitForURL(/\/courses\/[0-9a-f-]{36}$/);
  return idInUrl(page);
}

/**
 * Creates homework `hw1` titled `title` with the assignment `form` (its kind already "checks"): the
 * returns homework, grading its discountedReturn and tdTarget checks only. Returns the assignment's id.
 */
export async function createReturnsHomework(page: Page, form: Locator, title: string): Promise<string> {
  await form.getByLabel('Assignment slug', { exact: true }).fill('hw1');
  await form.getByLabel('Assignment title', { exact: true }).fill(title);
  await form.getByLabel('Homework', { exact: true }).selectOption('hw1-returns');
  for (const box of await form.getByRole('checkbox').all()) {
    const label = (await box.evaluate((el) => el.parentElement?.textContent ?? '')) as string;
    if (!/discountedReturn|tdTarget/.test(label)) await box.uncheck();
  }
  await form.getByRole('button', { name: 'Create assignment' }).click();
  await page.waitForURL(/\/assignments\/[0-9a-f-]{36}$/);
  return idInUrl(page);
}

/** Puts one file in the assignment page's upload form and presses Submit (the caller waits for what follows). */
export async function submitFile(page: Page, name: string, mimeType: string, content: string): Promise<void> {
  await page
    .getByLabel('Files', { exact: true })
    .setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
}

/** Submits one file and waits for the new submission's page; returns the submission's id. */
export async function submitAndOpen(
  page: Page,
  name: string,
  mimeType: string,
  content: string,
): Promise<string> {
  await submitFile(page, name, mimeType, content);
  await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
  return idInUrl(page);
}

/** Waits until the submission page's live status reaches a final state and returns it. */
export async function finalStatus(page: Page): Promise<string | null> {
  const live = page.getByTestId('live-status');
  await live
    .and(page.locator('[data-status=succeeded], [data-status=failed], [data-status=cancelled]'))
    .waitFor({ timeout: 90_000 });
  return live.getAttribute('data-status');
}

/** Downloads the grades CSV of assignment `slug` from the course dashboard open on `page`; returns its lines. */
export async function downloadGradesCsv(page: Page, slug: string): Promise<string[]> {
  const actions = page.locator(`[data-testid=assignment-actions][data-assignment=${slug}]`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    actions.getByRole('link', { name: 'Grades CSV' }).click(),
  ]);
  return fs
    .readFileSync((await download.path()) as string, 'utf8')
    .trim()
    .split(/\r?\n/);
}

/**
 * The team registers project `title` in env `envId` (the learner's projects page is open), then the
 * instructor opens the course's projects page; returns the approval form with the episode counts filled.
 */
export async function registerProjectForApproval(
  learner: Page,
  teacher: Page,
  courseId: string,
  project: { title: string; envId: string; publicEpisodes: number; privateEpisodes: number },
): Promise<Locator> {
  await learner.reload();
  const form = learner.getByRole('form', { name: 'Register project' });
  await form.getByLabel('Project title').fill(project.title);
  await form.getByLabel('Project environment').selectOption(project.envId);
  await form.getByRole('button', { name: 'Register project' }).click();
  await expect(learner.getByTestId('project-status').textContent()).resolves.toBe('pending');
  await teacher.goto(`/courses/${courseId}/projects`);
  const approve = teacher.getByRole('form', { name: `Approve ${project.title}` });
  await approve.getByLabel('Public episodes').fill(String(project.publicEpisodes));
  await approve.getByLabel('Private episodes').fill(String(project.privateEpisodes));
  return approve;
}
