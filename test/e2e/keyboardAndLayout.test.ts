import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp } from './app';
import { expectAccessible, launch } from './browser';

/** Issue 11, keyboard and layout: from a blank store with the demo case. */
let browser: Browser;
let page: Page;
let harness: Harness;

beforeAll(async () => {
  browser = await launch();
  ({ page, harness } = await openApp(browser));
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('keyboard and layout', () => {
  it('Escape closes the evidence viewer and puts focus back on the button that opened it', async () => {
    await createStore(page, { demo: true });
    await page.getByRole('button', { name: 'DEMO-ST2-0001' }).click();
    await page.getByRole('tab', { name: 'Evidence' }).click();
    const view = page.getByRole('button', { name: /^View E/ }).first();
    await view.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Close the viewer' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Close the viewer' }).count()).toBe(0);
    await expect.poll(() => view.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('Shift+Tab in a bullet list leaves the editor and leaves the list as it was', async () => {
    await page.getByRole('tab', { name: 'Interviews' }).click();
    const notes = page.getByRole('textbox', { name: 'Interview 1: notes', exact: true });
    await notes.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- Keyboard list item');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => notes.evaluate((el) => el.contains(document.activeElement))).toBe(false);
    const saved = () => {
      const cases = harness.session.cases();
      return JSON.stringify(cases.get(cases.list()[0]!.id).record.interviews[0]!.notes);
    };
    // Still a list item: Shift+Tab moved focus on, it did not lift the item out of the list.
    await expect.poll(saved).toMatch(/"type":"bulletList".*Keyboard list item/);
  });

  it('the Overview does not scroll sideways at 1366 px, and the search box and Lock stay on screen at 640 px', async () => {
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('heading', { level: 2, name: 'Commissioning council' }).waitFor();
    await expect.poll(sideways).toBe(0);
    await page.setViewportSize({ width: 640, height: 800 });
    await expect.poll(sideways).toBe(0);
    for (const el of [page.getByLabel('Search all cases'), page.getByRole('button', { name: 'Lock' })]) {
      const box = (await el.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(640);
    }
    await expectAccessible(page, 'overview at 640 px');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
