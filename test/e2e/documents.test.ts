import { richToPlain } from '../../shared/domain/richText';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPages } from '../helpers/documents';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp } from './app';
import { expectAccessible, launch } from './browser';

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

const exported = (name: RegExp) => fs.readdirSync(path.join(dir, 'exports')).filter((f) => name.test(f));

describe('the Stage 2 response', () => {
  it('records the IP’s view and the decisions, previews, issues, exports and finalises the documents', async () => {
    await createStore(page, { demo: true });
    await page.getByRole('button', { name: 'DEMO-ST2-0001' }).click();

    // The independent person's view.
    await page.getByRole('tab', { name: 'Independent person' }).click();
    await page.getByLabel('Was the investigation fair?', { exact: true }).fill('Yes: both sides were heard.');
    await page.getByLabel('Was the investigation fair?', { exact: true }).press('Tab');
    await page.getByRole('radio', { name: 'I agree with the finding on point 1' }).check();
    await expectAccessible(page, 'independent person');

    // The adjudicating officer's decisions.
    await page.getByRole('tab', { name: 'Adjudication' }).click();
    await page.getByLabel('Date of the decision', { exact: true }).fill('2026-12-01');
    await page.getByLabel('Date of the decision', { exact: true }).press('Tab');
    await page.getByRole('group', { name: 'Decision on the finding on point 1' }).getByRole('radio', { name: 'Accepted', exact: true }).check();
    await page.getByRole('group', { name: 'Decision on recommendation 1' }).getByRole('radio', { name: 'Accepted', exact: true }).check();
    await page.getByRole('button', { name: 'Add an action' }).click();
    // The demo case has one action already; this is the second.
    await page.getByLabel('Action 2', { exact: true }).fill('Brief the team on placement planning');
    await page.getByLabel('Action 2', { exact: true }).press('Tab');
    await expect
      .poll(() => harness.session.cases().get(harness.session.cases().list()[0]!.id).record.adjudication.actions.map((a) => richToPlain(a.text)))
      .toEqual(['Brief the Children in Care Team on placement planning meetings for unplanned moves.', 'Brief the team on placement planning']);
    await expectAccessible(page, 'adjudication');

    // Documents: the complainant's version of the report names nobody.
    await page.getByRole('tab', { name: 'Documents' }).click();
    const preview = page.getByRole('article', { name: /Preview of the Investigation report/ });
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('DRAFT version 1');
    expect(text).toContain('Child A');
    for (const name of ['Kieran', 'Súilleabháin', 'Jordan Blake', 'Okafor']) expect(text).not.toContain(name);
    await expectAccessible(page, 'documents');

    await page.getByRole('button', { name: 'Export as PDF' }).click();
    await page.getByText(/Saved .*investigation-report-complainant-draft-v1\.pdf/).waitFor();
    const pdf = fs.readFileSync(path.join(dir, 'exports', exported(/investigation-report-complainant-draft-v1\.pdf$/)[0]!));
    expect((await pdfPages(pdf)).flat().join(' ')).toContain('Investigation report');

    // Issue the draft: what was issued stays as it was when the case changes afterwards.
    await page.getByRole('button', { name: 'Issue this draft' }).click();
    await page.getByText('Issued draft version 1; it is kept exactly as it is now.').waitFor();
    await page.getByRole('tab', { name: 'Statement of complaint' }).click();
    await page.getByLabel('Point 1 in the complainant\'s words').fill('A CHANGED WORDING after issue.');
    await page.getByLabel('Point 1 in the complainant\'s words').press('Tab');
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByText('DRAFT version 2').waitFor();
    await page.getByRole('button', { name: 'PDF (version 1)' }).click();
    await page.getByText(/Saved .*draft-v1\.pdf/).waitFor();
    const v1 = (await pdfPages(fs.readFileSync(path.join(dir, 'exports', exported(/investigation-report-complainant-draft-v1\.pdf$/)[0]!)))).flat().join(' ');
    expect(v1).not.toContain('A CHANGED WORDING');

    // Final: no DRAFT any more, and it cannot be issued again.
    await page.getByRole('button', { name: 'Mark final' }).click();
    await page.getByText(/is now the final investigation report/).waitFor();
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('FINAL');
    expect(await page.getByRole('button', { name: 'Issue this draft' }).isDisabled()).toBe(true);

    // The whole response into one folder.
    await page.getByRole('button', { name: 'Export the whole response…' }).click();
    await page.getByText(/Saved 14 files to/).waitFor();
    expect(problems).toEqual([]);
  });

  it('refuses a complainant’s version that still names someone, lists each place, and records “not this person”', async () => {
    // A name the pseudonymiser never sees: the council's contact line names the social worker.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByLabel('Contact lines (one each)').fill('Ask for Jordan Blake on 01632 960 001');
    await page.getByRole('button', { name: 'Save the council profile' }).click();
    await page.getByText('The council profile was saved.').waitFor();
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByLabel('Document', { exact: true }).selectOption('ip-report');
    const found = page.getByRole('heading', { name: /Names the complainant’s version must not print \(\d+\)/ });
    await found.waitFor();
    const table = page.getByRole('table', { name: 'Places found' });
    expect(await table.textContent()).toContain('Ask for Jordan Blake on 01632 960 001');
    await expectAccessible(page, 'leak check');
    await page.getByRole('button', { name: 'Export as PDF' }).click();
    await page.getByText(/The complainant’s version still names a person from the people register \(“Jordan Blake”\)/).waitFor();
    expect(exported(/ip-report-complainant/)).toEqual([]);
    const count = async () => ((await found.isVisible()) ? Number((await found.textContent())?.match(/\((\d+)\)/)?.[1] ?? 0) : 0);
    for (let n = await count(); n > 0; n = await count()) {
      await page.getByRole('button', { name: /^Not this person \(Jordan Blake\)/ }).first().click();
      await page.getByText(/Recorded: “Jordan Blake” there is not Jordan Blake\.$/).waitFor();
      await expect.poll(count).toBeLessThan(n);
    }
    await page.getByText('Checked: the Word and PDF files name nobody this version must not name.').waitFor();
    const record = harness.session.cases().get(harness.session.cases().list()[0]!.id).record;
    expect(record.leakDismissals.length).toBeGreaterThan(0);
    expect(record.leakDismissals[0]).toMatchObject({ personId: 'person-jordan', matched: 'Jordan Blake', by: expect.any(String), at: expect.any(String) });
    await page.getByRole('button', { name: 'Export as PDF' }).click();
    await page.getByText(/Saved .*ip-report-complainant-draft-v1\.pdf/).waitFor();
    expect(problems).toEqual([]);
  });
});
