import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp } from './app';
import { expectAccessible, launch } from './browser';

/** Issue 11, finding 9: a council's settings entered once, for all its cases. From a blank store. */
let browser: Browser;
let harness: Harness;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page, harness } = await openApp(browser));
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

const byRef = (ref: string) => {
  const cases = harness.session.cases();
  return cases.get(cases.list().find((c) => c.reference === ref)!.id).record;
};

async function newCase(ref: string, fromDirectory?: string) {
  await page.getByRole('button', { name: 'Cases', exact: true }).click();
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel('Case reference').fill(ref);
  if (fromDirectory) await page.getByLabel('Council from your directory (optional)').selectOption({ label: fromDirectory });
  else await page.getByLabel('Commissioning council').fill('Northfield Borough Council');
  await page.getByLabel('Child or young person').fill('Tomasz Nowicki');
  await page.getByLabel('Complainant', { exact: true }).fill('Ewa Nowicka');
  await page.getByLabel("Point 1: in the complainant's words").fill('The plan was never shared.');
  await page.getByRole('button', { name: 'Create the case' }).click();
  await page.getByRole('heading', { level: 1, name: `Case ${ref}` }).waitFor();
}

describe('the council directory', () => {
  it('keeps a council once, fills it in for a new case, and an edit on one case reaches the other', async () => {
    await createStore(page);
    await newCase('NB-1');
    await page.getByLabel('The council’s own closure days').fill('24/12/2026');
    await page.getByLabel(/Keep this profile in the council directory/).check();
    await page.getByRole('button', { name: 'Save the council profile' }).click();
    await page.getByText('The council profile was saved.').waitFor();
    expect(byRef('NB-1').council).toMatchObject({ closures: ['2026-12-24'] });
    expect(byRef('NB-1').council.directoryId).toBeTruthy();

    await newCase('NB-2', 'Northfield Borough Council');
    expect(byRef('NB-2').council).toMatchObject({ name: 'Northfield Borough Council', closures: ['2026-12-24'], directoryId: byRef('NB-1').council.directoryId });
    await page.getByText(/also updates the 1 other case of this council/).waitFor();
    await expectAccessible(page, 'council profile from the directory');
    await page.getByLabel('The council’s own closure days').fill('24/12/2026\n31/12/2026');
    await page.getByRole('button', { name: 'Save the council profile' }).click();
    await page.getByText('The council profile was saved.').waitFor();
    for (const ref of ['NB-1', 'NB-2']) expect(byRef(ref).council.closures).toEqual(['2026-12-24', '2026-12-31']);
  });
});
