import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CaseRecord } from '../../shared/domain/case';
import { startHarness, type Harness } from '../harness/server';
import { watchConsole } from './browser';

/** One app in the browser: a fresh harness on a temporary folder, a page on it, and its console problems. */
export interface OpenApp {
  page: Page;
  harness: Harness;
  problems: string[];
  dir: string;
}

const opened: OpenApp[] = [];

/**
 * The day the end-to-end suite lives on (a Friday), whatever the machine's clock says: the demo case's dates,
 * the clocks and the documents are all counted from it. Tests that need another day pass `today`.
 */
export const E2E_TODAY = '2026-11-27';

export async function openApp(browser: Browser, opts: { idleLockMs?: number; today?: string; beforeGoto?: (page: Page) => Promise<void> } = {}): Promise<OpenApp> {
  const { beforeGoto, ...harnessOpts } = opts;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-e2e-'));
  const harness = await startHarness({ dir, today: E2E_TODAY, ...harnessOpts });
  const page = await browser.newPage();
  // Routes (held or failed chunks) go in before the page loads.
  await beforeGoto?.(page);
  const problems = watchConsole(page);
  // Confirmation dialogs ("Remove …?") are answered yes.
  page.on('dialog', (d) => void d.accept());
  await page.goto(harness.url);
  const app = { page, harness, problems, dir };
  opened.push(app);
  return app;
}

export async function closeApps(): Promise<void> {
  for (const a of opened.splice(0)) {
    await a.harness.close();
    fs.rmSync(a.dir, { recursive: true, force: true });
  }
}

/**
 * Creates a store through the unlock screen and waits for the case list. Where to save it can only be chosen
 * with Choose… (the harness's "dialog" answers with a file in its temporary folder, and main hands the page a
 * token for it); the box that shows the path is read-only.
 */
export async function createStore(page: Page, opts: { demo?: boolean; passphrase?: string } = {}): Promise<string> {
  const passphrase = opts.passphrase ?? 'marmalade on the night train';
  await page.getByRole('button', { name: 'Create a new case store' }).click();
  await page.getByLabel('Your name').fill('Alex Morgan');
  expect(await page.getByLabel('Save the store as').isEditable()).toBe(false);
  await page.getByRole('button', { name: 'Choose…' }).click();
  await expect.poll(() => page.getByLabel('Save the store as').inputValue()).toMatch(/\.cwstore$/);
  const storePath = await page.getByLabel('Save the store as').inputValue();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  if (opts.demo) await page.getByLabel(/Include the demo case/).check();
  await page.getByRole('button', { name: 'Create the case store' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  return storePath;
}

/** The first case in the harness's store as saved (read through the real services, not the screen). */
export function savedCase(harness: Harness): CaseRecord {
  const cases = harness.session.cases();
  return cases.get(cases.list()[0]!.id).record;
}

/** Opens a tab of the open case and waits for its panel. */
export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('heading', { level: 2 }).first().waitFor();
}
