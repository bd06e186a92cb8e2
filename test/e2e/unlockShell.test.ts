import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_RENDERER_DIR } from '../harness/server';
import { closeApps, openApp } from './app';
import { expectAccessible, launch } from './browser';

/**
 * Issue 15: the unlock screen is the window's first chunk on its own, written without React, so a person can
 * use it while React and the other screens are still loading. These tests hold those chunks back (or fail them)
 * and use the screen meanwhile.
 */

const PASSPHRASE = 'marmalade on the night train';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

/** The entry chunk index.html loads: the shell and the unlock screen. */
function entryChunk(): string {
  const html = fs.readFileSync(path.join(WEB_RENDERER_DIR, 'index.html'), 'utf8');
  const src = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('index.html loads no module');
  return path.basename(src);
}

/** Every script but the entry chunk waits until `release()` (or fails, when `fail` is set). */
function holdChunks(opts: { fail?: boolean } = {}) {
  const entry = entryChunk();
  const held: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const beforeGoto = async (page: Page) => {
    await page.route(/\/assets\/[^/]+\.m?js(\?.*)?$/, async (route) => {
      const url = route.request().url();
      if (new URL(url).pathname.endsWith(`/${entry}`)) return route.continue();
      held.push(path.basename(new URL(url).pathname));
      if (opts.fail) return route.abort('failed');
      await released;
      await route.continue();
    });
  };
  return { held, release, beforeGoto };
}

/** Fills the create form and submits it; does not wait for the case list. */
async function submitCreate(page: Page, demo = false): Promise<void> {
  await page.getByRole('button', { name: 'Create a new case store' }).click();
  await page.getByLabel('Your name').fill('Zoë Ó Súilleabháin-Kowalczyk');
  await page.getByRole('button', { name: 'Choose…' }).click();
  await expect.poll(() => page.getByLabel('Save the store as').inputValue()).toMatch(/\.cwstore$/);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(PASSPHRASE);
  if (demo) await page.getByLabel(/Include the demo case/).check();
  await page.getByRole('button', { name: 'Create the case store' }).click();
}

describe('the unlock screen before React has loaded', () => {
  it('is usable by keyboard while every other chunk is held back, and the app comes once they arrive', async () => {
    const chunks = holdChunks();
    const { page, harness, problems } = await openApp(browser, { beforeGoto: chunks.beforeGoto });
    await page.getByRole('heading', { level: 1, name: 'Casewright' }).waitFor();
    // The screen starts at its heading, and the mode buttons say which is chosen in words (aria-pressed).
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Open a case store');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('button', { name: 'Create a new case store' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('heading', { level: 2, name: 'Create a new case store' }).waitFor();
    await expectAccessible(page, 'unlock (create, before React)');

    // The form's own checks answer with a sentence, with nothing else loaded.
    await page.getByRole('button', { name: 'Create the case store' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Problem: Enter your name; it is recorded against every change you make.');
    // The hint is read with its field.
    const hintId = await page.getByLabel('Your name').getAttribute('aria-describedby');
    expect(await page.locator(`[id="${hintId}"]`).textContent()).toBe('Shown in the audit log against each change.');

    await submitCreate(page);
    await expect.poll(() => harness.session.isOpen).toBe(true);
    // React and the case list were held back all this while: the store is open, the app not yet shown.
    expect(chunks.held.some((f) => /^appRoot-/.test(f))).toBe(true);
    expect(await page.getByRole('heading', { level: 1, name: 'Cases' }).count()).toBe(0);
    // Meanwhile the form says the store is open and cannot be sent again (that would open the store twice).
    await page.getByText('The case store is open; Casewright is opening…').waitFor();
    expect(await page.getByRole('button', { name: 'Creating…' }).isDisabled()).toBe(true);

    chunks.release();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await expectAccessible(page, 'case list after the unlock screen');
    expect(problems).toEqual([]);
  });

  it('shows the unlock screen, not the app, when the store locks while the app is still loading', async () => {
    const chunks = holdChunks();
    const { page, harness } = await openApp(browser, { beforeGoto: chunks.beforeGoto });
    await page.getByRole('heading', { level: 1, name: 'Casewright' }).waitFor();
    await submitCreate(page, true);
    // Locked once the store is made (with its demo case) but while the app's chunks are still held back.
    await expect.poll(() => (harness.session.isOpen ? harness.session.cases().list().length : 0)).toBe(1);
    harness.session.lock('idle');
    await page.getByText(/Casewright locked the case store because it was not used for a while/).waitFor();
    chunks.release();
    // The app's chunks arrive after the lock: it must not be mounted on a locked store.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await page.getByRole('heading', { level: 1, name: 'Cases' }).count()).toBe(0);
    await page.getByRole('heading', { level: 1, name: 'Casewright' }).waitFor();
    expect(await page.content()).not.toContain('DEMO-ST2-0001');

    // Unlocking again brings the app, with the chunks that arrived.
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByRole('button', { name: 'DEMO-ST2-0001' }).waitFor();
  });

  it('says in one sentence when the rest of the app cannot be loaded', async () => {
    const chunks = holdChunks({ fail: true });
    const { page } = await openApp(browser, { beforeGoto: chunks.beforeGoto });
    await page.getByRole('heading', { level: 1, name: 'Casewright' }).waitFor();
    await submitCreate(page);
    await page.getByRole('heading', { level: 1, name: 'Casewright could not start' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(
      'Problem: Part of Casewright could not be loaded. Close it and start it again; if this happens again, reinstall it.',
    );
    await expectAccessible(page, 'could not start');
  });

  it('remembers the passphrase when asked, and unlocks with it from the recent store', async () => {
    const { page, harness } = await openApp(browser);
    await page.getByRole('heading', { level: 1, name: 'Casewright' }).waitFor();
    await submitCreate(page);
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { level: 2, name: 'Open a case store' }).waitFor();
    // Not remembered yet: no such button.
    expect(await page.getByRole('button', { name: 'Unlock with the remembered passphrase' }).isVisible()).toBe(false);
    // Browse… names the file by the dialog's token.
    await page.getByLabel('Case store file').fill('');
    await page.getByRole('button', { name: 'Browse…' }).click();
    await expect.poll(() => page.getByLabel('Case store file').inputValue()).toMatch(/\.cwstore$/);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(/Remember the passphrase on this device/).check();
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock with the remembered passphrase' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    expect(harness.session.isOpen).toBe(true);
    // Another path typed by hand: the button goes, as it is only for the store whose passphrase is kept.
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Case store file').fill('/somewhere/else.cwstore');
    expect(await page.getByRole('button', { name: 'Unlock with the remembered passphrase' }).isVisible()).toBe(false);
    await expectAccessible(page, 'unlock (remembered)');
  });

  it('asks for the status again when the early question was lost, and shows the unlock screen', async () => {
    let statusCalls = 0;
    const { page, problems } = await openApp(browser, {
      beforeGoto: async (p) => {
        await p.route('**/api/app.status', async (route) => {
          // The first (early) question fails as a lost message would; the next is answered.
          if (++statusCalls === 1) return route.abort('failed');
          await route.continue();
        });
      },
    });
    await page.getByRole('heading', { level: 1, name: 'Casewright' }).waitFor();
    await page.getByRole('button', { name: 'Create a new case store' }).waitFor();
    expect(statusCalls).toBe(2);
    expect(await page.getByText('Casewright could not start').count()).toBe(0);
    // The aborted request is the browser's own console line, nothing of the app's.
    expect(problems.filter((p) => !/Failed to load resource|net::ERR_FAILED/.test(p))).toEqual([]);
  });
});

