import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp } from './app';
import { expectAccessible, launch } from './browser';

let browser: Browser;
let page: Page;
let harness: Harness;
let problems: string[];

beforeAll(async () => {
  browser = await launch();
  ({ page, harness, problems } = await openApp(browser));
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

describe('a case store that no longer opens', () => {
  it('is recognised on the unlock screen by its backup, which the person puts in its place; the damaged file is kept', async () => {
    const passphrase = 'marmalade on the night train';
    const storePath = await createStore(page, { passphrase, demo: true });
    // A backup made from Settings, as a careful person does.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Make a backup now' }).click();
    await page.getByRole('status').filter({ hasText: /Backup made/ }).waitFor();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { level: 1, name: 'Casewright' }).waitFor();

    // The disk fails under page 1 of the store while it is locked.
    const fd = fs.openSync(storePath, 'r+');
    fs.writeSync(fd, Buffer.from('damaged by a bad sector'), 0, 23, 1500);
    fs.closeSync(fd);
    const damaged = fs.readFileSync(storePath);

    await page.getByLabel('Case store file').fill(storePath);
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^Problem: That passphrase does not open this case store, but it opens its backup of .+: either the passphrase was changed after that backup, or the store file is damaged\./);
    const restore = page.getByRole('button', { name: /^Restore the backup of \d{1,2} \w+ \d{4}/ });
    await restore.waitFor();
    await expectAccessible(page, 'unlock screen, store not opening, backup offered');
    expect(harness.session.isOpen).toBe(false);

    // The offer is taken from the keyboard (the confirmation is answered yes).
    await restore.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await expect.poll(() => page.getByText(/Restored the backup of .+; changes made after it are not in the store\. The store file that would not open is kept beside it as /).count()).toBe(1);
    await page.getByRole('button', { name: 'DEMO-ST2-0001' }).waitFor();
    expect(harness.session.path).toBe(storePath);
    const kept = fs.readdirSync(path.dirname(storePath)).find((f) => /-not-opening-\d{8}T\d{6}\.cwstore$/.test(f));
    expect(kept).toBeDefined();
    expect(fs.readFileSync(path.join(path.dirname(storePath), kept!)).equals(damaged)).toBe(true);
    expect(problems).toEqual([]);
  });
});
