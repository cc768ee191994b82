/// <reference lib="dom" />
// Browser-test helpers: Debian's Chromium driven by playwright-core (nothing downloaded), a kefu
// server from source on a fresh PGlite folder, and the checks every journey ends with (no console
// errors, no missing i18n keys).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { spawnServer, type ServerProcess } from '../../server/src/testing/spawn-server.js';

import { ROOT } from './paths.js';

export { ROOT };
export const SHOTS = join(ROOT, 'test-results', 'screens');

/** Builds apps/web unless its dist is up to date. */
export function buildWeb(): void {
  const r = spawnSync(process.execPath, ['scripts/build-web.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}

export async function startServer(
  env: Record<string, string> = {},
): Promise<{ server: ServerProcess; dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-browser-'));
  const server = await spawnServer([], { KEFU_DATA_DIR: dataDir, DATABASE_URL: '', ...env }, 120_000);
  return {
    server,
    dataDir,
    cleanup: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A browser context whose console errors and page errors are collected for the final check. */
export async function openContext(browser: Browser, locale: string, baseURL: string): Promise<Watched> {
  const context = await browser.newContext({ locale, baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    // The app asks "am I signed in?" and tries wrong passwords on purpose: those 401s are expected.
    const url = m.location().url;
    if (/Failed to load resource/.test(m.text()) && /\/api\/v1\/auth\/(me|login)$/.test(url)) return;
    errors.push(`console ${m.type()}: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, errors };
}

export async function missingKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window.__kefuMissingKeys ?? new Set<string>())]);
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

declare global {
  interface Window {
    __kefuMissingKeys?: Set<string>;
  }
}

/** The first-run screen, in English: creates the workspace and its owner, and lands in the inbox. */
export async function setupOwner(page: Page, o: { workspace: string; name: string; email: string; password: string }): Promise<void> {
  await page.goto('/');
  await page.waitForURL('**/setup');
  await page.getByLabel('Workspace name').fill(o.workspace);
  await page.getByLabel('Your name').fill(o.name);
  await page.getByLabel('Email').fill(o.email);
  await page.getByLabel('Password').fill(o.password);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL('**/inbox');
}
