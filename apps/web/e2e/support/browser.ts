// Debian's chromium driven by playwright-core (no downloaded browsers), one context per person.
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

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

/** The window a person's page has unless a test asks for another. */
const VIEWPORT = { width: 1200, height: 900 };

/** A fresh browser context (its own cookies: one signed-in person) and a page on the site. */
export async function personPage(
  browser: Browser,
  viewport = VIEWPORT,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), acceptDownloads: true, viewport });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

/**
 * Registers hooks that launch chromium before the file's tests and close it after them; `setUp` gets
 * `person()`, which opens a page for one more person (a fresh context of `viewport`, its own cookies).
 */
export function browserPerFile(
  setUp: (person: () => Promise<Page>) => Promise<void>,
  viewport = VIEWPORT,
): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    const launched = await launchBrowser();
    browser = launched;
    await setUp(async () => (await personPage(launched, viewport)).page);
  });
  afterAll(async () => {
    await browser?.close();
  });
}

/** Saves a full-page screenshot as `e2e/artifacts/<name>.png`. */
export async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(inject('artifactsDir'), `${name}.png`), fullPage: true });
}

/**
 * The latest confirmation link mailed to `email`: the site runs the log mailer, which prints each mail
 * (with its link) as a JSON line to the server's output, kept in `next-start.log`.
 */
async function mailedLink(email: string): Promise<string> {
  const log = path.join(inject('artifactsDir'), 'next-start.log');
  for (let tries = 0; tries < 300; tries++) {
    const lines = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n') : [];
    for (const line of lines.reverse()) {
      if (!line.startsWith('{') || !line.includes(email)) continue;
      const entry = JSON.parse(line) as { to?: string; link?: string };
      if (entry.to === email && entry.link !== undefined) return entry.link;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no confirmation link for ${email} in ${log}`);
}

/** Signs up through the form, opens the link mailed to the address (it signs in), and waits for the course list. */
export async function signUp(
  page: Page,
  person: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('status').filter({ hasText: 'we sent a link' }).waitFor();
  await page.goto(await mailedLink(person.email.toLowerCase()));
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
