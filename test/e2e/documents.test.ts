import { richToPlain } from '../../shared/domain/richText';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPool } from '../../main/services/documents/documentService';
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
    // Issue 13: what the IP took part in, with dates, and the timescales.
    await page.getByRole('button', { name: 'Add a meeting, interview or draft read' }).click();
    await page.getByLabel('What (1)', { exact: true }).fill('Interview with the complainant');
    await page.getByLabel('What (1)', { exact: true }).press('Tab');
    await page.getByRole('radio', { name: 'No, they were not met' }).check();
    await expect.poll(() => harness.session.cases().get(harness.session.cases().list()[0]!.id).record.ipReview.participation.map((x) => x.what)).toEqual(['Interview with the complainant']);
    await expectAccessible(page, 'independent person');

    // Issue 13: the report's own details, and what point 1 was measured against.
    await page.getByRole('tab', { name: 'Report details' }).click();
    await page.getByLabel('Executive summary').fill('The move was not planned as the regulations require.');
    await page.getByLabel('Executive summary').press('Tab');
    await page.getByRole('radio', { name: 'Yes, the child was seen' }).check();
    await expectAccessible(page, 'report details');
    await page.getByRole('tab', { name: 'Findings' }).click();
    await page.getByLabel('Add a reference to point 1 from the library').selectOption('Working Together to Safeguard Children (2023)');
    await page.getByRole('button', { name: 'Add the chosen reference' }).click();
    await expect.poll(() => harness.session.cases().get(harness.session.cases().list()[0]!.id).record.findings['point-1']?.references).toEqual(['Working Together to Safeguard Children (2023)']);
    await page.getByLabel('Point 1: response to the outcome sought “An explanation of why the move happened so quickly”').fill('Section 8 explains it.');
    await page.getByLabel('Point 1: response to the outcome sought “An explanation of why the move happened so quickly”').press('Tab');
    await page.getByLabel('Suggested owner of recommendation 1').fill('Head of Service');
    await page.getByLabel('Suggested owner of recommendation 1').press('Tab');
    await expect.poll(() => {
      const rec = harness.session.cases().get(harness.session.cases().list()[0]!.id).record;
      return [rec.findings['point-1']?.outcomeResponses[0], rec.recommendations[0]?.owner];
    }).toEqual(['Section 8 explains it.', 'Head of Service']);
    await expect.poll(() => harness.session.cases().get(harness.session.cases().list()[0]!.id).record.report).toMatchObject({ childSeen: true, executiveSummary: 'The move was not planned as the regulations require.' });
    await expectAccessible(page, 'findings');

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
    // Issue 13: the action answers recommendation 1; a remedy; the letter goes by post.
    await page.getByLabel('Action 2 answers recommendation').selectOption({ label: 'Recommendation 1' });
    await page.getByLabel('Remedy or redress offered').fill('A payment of £150 for time and trouble.');
    await page.getByLabel('Remedy or redress offered').press('Tab');
    await page.getByLabel('How the letter is sent').selectOption('post');
    await expect.poll(() => {
      const a = harness.session.cases().get(harness.session.cases().list()[0]!.id).record.adjudication;
      return [a.actions[1]?.recommendationId, a.remedy, a.sentBy];
    }).toEqual(['rec-a', 'A payment of £150 for time and trouble.', 'post']);
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
    // Not complete yet (points 2 to 5 have no finding): said before export, and it cannot be marked final.
    await page.getByText(/This document is incomplete, so the draft says so and is not signed: No finding yet on points 2, 3, 4, 5\./).waitFor();
    expect(await page.getByRole('button', { name: 'Mark final' }).isDisabled()).toBe(true);
    await page.getByLabel('Complainant’s version sent to').fill('Ms N by Egress');
    await page.getByRole('button', { name: 'Issue this draft' }).click();
    await page.getByText('Issued draft version 1, the council’s and the complainant’s versions together; both are kept exactly as they are now.').waitFor();
    // Both versions share the number, each recorded with whom it went to.
    await page.getByRole('cell', { name: 'Ms N by Egress' }).waitFor();
    await page.getByRole('cell', { name: 'Marcus Lee; Helen Carter' }).waitFor();
    await page.getByRole('tab', { name: 'Statement of complaint' }).click();
    await page.getByLabel('Point 1 in the complainant\'s words').fill('A CHANGED WORDING after issue.');
    await page.getByLabel('Point 1 in the complainant\'s words').press('Tab');
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByText('DRAFT version 2').waitFor();
    await page.getByRole('button', { name: 'PDF (version 1, complainant)' }).click();
    await page.getByText(/Saved .*draft-v1\.pdf/).waitFor();
    const v1 = (await pdfPages(fs.readFileSync(path.join(dir, 'exports', exported(/investigation-report-complainant-draft-v1\.pdf$/)[0]!)))).flat().join(' ');
    expect(v1).not.toContain('A CHANGED WORDING');

    // Still incomplete: the draft carries the note and no signature, and cannot be marked final.
    expect((await preview.textContent()) ?? '').toContain('Incomplete draft:');
    expect(await page.getByRole('button', { name: 'Mark final' }).isDisabled()).toBe(true);

    // The whole response into one folder.
    await page.getByRole('button', { name: 'Export the whole response…' }).click();
    // 3 documents × 2 versions, the statement and the record of each of the 2 interviews held, in Word and PDF.
    await page.getByText(/Saved 18 files to/).waitFor();
    // Drawn and checked in the render workers, as in the app (vitest.config.ts sets two for this suite).
    expect(renderPool.threads).toBe(2);
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
