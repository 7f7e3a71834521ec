// Debian's chromium driven by playwright-core (no downloaded browsers), one context per person.
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's chromium (never a browser downloaded by Playwright). */
const CHROMIUM = '/usr/bin/chromium';

/** Launches the system chromium headless. */
export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`end-to-end tests need ${CHROMIUM} (apt-get install chromium); it is missing`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser context (its own cookies: one signed-in person) and a page on the site. */
export async function personPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject('baseUrl'),
    acceptDownloads: true,
    viewport: { width: 1200, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

/** Saves a full-page screenshot as `e2e/artifacts/<name>.png`. */
export async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(inject('artifactsDir'), `${name}.png`), fullPage: true });
}

/** Signs up through the form and waits for the course list. */
export async function signUp(
  page: Page,
  person: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/courses');
}

/** The id at the end of the current URL's path (`/courses/<id>`, `/submissions/<id>`). */
export function idInUrl(page: Page): string {
  const id = new URL(page.url()).pathname.split('/').pop();
  if (!id) throw new Error(`no id in ${page.url()}`);
  return id;
}

/** Opens the folded "Create a course" part of the course list (students see "Join a course" first). */
export async function openCreateCourse(page: Page): Promise<void> {
  const create = page.getByTestId('create-course');
  if ((await create.getAttribute('open')) === null) await create.locator('summary').click();
}
