import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/case';
import { richToPlain } from '../../shared/domain/richText';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp } from './app';
import { expectAccessible, launch } from './browser';

/**
 * Issue 11: the statement, findings and documents steps of an investigation done with the keyboard alone
 * (Tab, arrows, Space, Enter, typing), from a blank store. Only making the case uses the mouse.
 */
let browser: Browser;
let harness: Harness;
let page: Page;
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

function saved(): CaseRecord {
  const cases = harness.session.cases();
  return cases.get(cases.list()[0]!.id).record;
}

const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));

/** Presses Tab until `target` has focus; fails if it is not reachable within `max` presses. */
async function tabTo(target: Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await focused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${String(target)} with the Tab key`);
}

/** Moves along the case's tabs with the arrow keys until the named one is selected. */
async function arrowToTab(name: string): Promise<void> {
  await tabTo(page.getByRole('tab', { selected: true }));
  for (let i = 0; i < 12; i++) {
    if ((await page.getByRole('tab', { selected: true }).textContent()) === name) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`no tab named ${name}`);
}

describe('an investigation by keyboard alone', () => {
  it('statement, findings and documents', async () => {
    await createStore(page);
    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('Case reference').fill('KB-2026-1');
    await page.getByLabel('Commissioning council').fill('Southmoor District Council');
    await page.getByLabel('Child or young person').fill('Nguyễn Thị Hương');
    await page.getByLabel('Complainant', { exact: true }).fill('Nguyễn Văn An');
    await page.getByLabel("Point 1: in the complainant's words").fill('The review meeting was cancelled twice.');
    await page.getByRole('button', { name: 'Add a point of complaint' }).click();
    await page.getByLabel("Point 2: in the complainant's words").fill('Nobody explained the new contact plan.');
    await page.getByRole('button', { name: 'Create the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case KB-2026-1' }).waitFor();

    // Statement: how it was agreed, and point 2 moved up, by keyboard.
    await arrowToTab('Statement of complaint');
    await tabTo(page.getByLabel('How and when the complainant agreed the statement', { exact: true }));
    await page.keyboard.type('At a meeting on 2 November 2026.');
    await page.keyboard.press('Tab');
    await expect.poll(() => saved().statement.agreedHow).toBe('At a meeting on 2 November 2026.');
    await tabTo(page.getByRole('button', { name: 'Move point 2 up' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => saved().points.map((p) => p.summary)).toEqual(['Nobody explained the new contact plan.', 'The review meeting was cancelled twice.']);

    // Findings: choose the point with the arrow keys, write the analysis, pick the finding with Space.
    await arrowToTab('Findings');
    await tabTo(page.getByLabel('Point of complaint'));
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { level: 3, name: 'Point 2' }).waitFor();
    await tabTo(page.getByLabel('Point 2: analysis', { exact: true }));
    await page.keyboard.type('On the balance of probabilities the meeting was cancelled twice without notice.');
    await tabTo(page.getByRole('radio', { name: 'Upheld', exact: true }));
    await page.keyboard.press('Space');
    await expect.poll(() => saved().findings[saved().points[1]!.id]).toMatchObject({ finding: 'upheld' });
    expect(richToPlain(saved().findings[saved().points[1]!.id]!.analysis)).toMatch(/^On the balance of probabilities/);
    await expectAccessible(page, 'findings by keyboard');

    // Documents: export the complainant's version of the report as PDF with Enter.
    await arrowToTab('Documents');
    await page.getByRole('article', { name: /Preview of the Investigation report/ }).waitFor();
    await tabTo(page.getByRole('button', { name: 'Export as PDF' }));
    await page.keyboard.press('Enter');
    await page.getByText(/Saved .*investigation-report-.*\.pdf/).waitFor();
    expect(fs.readdirSync(path.join(dir, 'exports')).some((f) => /investigation-report-.*\.pdf$/.test(f))).toBe(true);
    await expectAccessible(page, 'documents by keyboard');
    expect(problems).toEqual([]);
  });
});
