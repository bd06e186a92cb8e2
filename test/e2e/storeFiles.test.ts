import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp } from './app';
import { launch } from './browser';

let browser: Browser;
let page: Page;
let harness: Harness;
let problems: string[];
let dir: string;

beforeAll(async () => {
  browser = await launch();
  ({ page, harness, problems, dir } = await openApp(browser));
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

describe('store files on the unlock screen', () => {
  it('opens only a file chosen in the dialog or a recent one; a typed path is refused with a sentence', async () => {
    const passphrase = 'marmalade on the night train';
    const storePath = await createStore(page, { passphrase });
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { level: 1, name: 'Casewright' }).waitFor();

    // A copy of the store at a path the page typed itself: the right passphrase, but never chosen in a dialog.
    const copy = path.join(dir, 'typed-by-the-page.cwstore');
    fs.copyFileSync(storePath, copy);
    await page.getByRole('button', { name: 'Open a case store' }).click();
    await page.getByLabel('Case store file').fill(copy);
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Problem: Casewright only opens a case store you chose in its file dialog or from the recent stores; choose the file with Browse… and try again.');
    expect(harness.session.isOpen).toBe(false);

    // The recent store, by its path, opens.
    await page.getByLabel('Case store file').fill(storePath);
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    expect(harness.session.path).toBe(storePath);
    expect(problems).toEqual([]);
  });
});
