import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/server';
import { pdfPages } from '../helpers/documents';
import { closeApps, createStore, openApp, savedCase } from './app';
import { expectAccessible, launch } from './browser';

let browser: Browser;
let harness: Harness;
let page: Page;
let problems: string[];
let dir: string;

beforeAll(async () => {
  browser = await launch();
  // A Monday after the hearing: the panel's report is already late.
  ({ page, harness, problems, dir } = await openApp(browser, { today: '2027-01-25' }));
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

const exported = (name: RegExp) => fs.readdirSync(path.join(dir, 'exports')).filter((f) => name.test(f));
const saved = () => savedCase(harness);

/** Types into a rich text field after selecting what it holds. */
async function retype(label: string, text: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('the panel’s papers', () => {
  it('from a blank store: a case at Stage 3, the panel and hearing, the panel’s report with a mention, its export, and the council’s response made final', async () => {
    await createStore(page);
    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('Case reference').fill('PAN-2027-3');
    await page.getByLabel('Commissioning council').fill('Eastmarsh County Council');
    await page.getByLabel('Child or young person').fill('Amira Haddad');
    await page.getByLabel('Complainant', { exact: true }).fill('Samir Haddad');
    await page.getByLabel("Point 1: in the complainant's words").fill('Nobody visited for three months.');
    await page.getByRole('button', { name: 'Add a point of complaint' }).click();
    await page.getByLabel("Point 2: in the complainant's words").fill('The short breaks assessment took seven months.');
    await page.getByRole('button', { name: 'Create the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case PAN-2027-3' }).waitFor();

    // Stage 3 dates on the Overview.
    await page.getByLabel('Review panel requested', { exact: true }).fill('10/12/2026');
    await page.getByRole('button', { name: 'Save the key dates' }).click();
    await page.getByText('The key dates were saved.').waitFor();

    // Someone to mention: the social worker, with a pseudonym.
    await page.getByRole('tab', { name: 'People' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Jordan Blake');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.getByLabel('Role of Jordan Blake').fill('Social worker');
    await page.getByLabel('Role of Jordan Blake').press('Tab');
    await page.getByLabel('Pseudonym for Jordan Blake').fill('Social Worker 1');
    await page.getByLabel('Pseudonym for Jordan Blake').press('Tab');
    await expect.poll(() => saved().people.find((p) => p.name === 'Jordan Blake')?.pseudonym).toBe('Social Worker 1');

    // The panel and the hearing date, on the Hearing pack tab.
    await page.getByRole('tab', { name: 'Hearing pack' }).click();
    await page.getByRole('heading', { level: 2, name: 'Hearing pack (Stage 3)' }).waitFor();
    for (const [name, role] of [['Ruth D’Arcy-Ellery', 'chair'], ['Tomás Ó Floinn', 'member'], ['Gülşen Aydın', 'member']] as const) {
      await page.getByLabel('Panel member’s name').fill(name);
      await page.getByLabel('Role on the panel').selectOption(role);
      await page.getByLabel('Independence from the council confirmed').check();
      await page.getByRole('button', { name: 'Add to the panel' }).click();
      await page.getByRole('button', { name: `Remove ${name}` }).waitFor();
    }
    await page.getByLabel('Hearing date').fill('2027-01-14');
    await page.getByRole('button', { name: 'Save the hearing date' }).click();
    await page.getByText(/The hearing on 2027-01-14 is within 30 working days of the request/).waitFor();

    // The Panel papers tab, reached from the keyboard: End on the tab list.
    await page.getByRole('tab', { name: 'Hearing pack' }).focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Panel papers');
    await page.getByRole('heading', { level: 2, name: 'Panel papers (Stage 3)' }).waitFor();
    await page.getByText('The report is signed by Ruth D’Arcy-Ellery, who chairs the panel, with Tomás Ó Floinn and Gülşen Aydın.').waitFor();
    const deadlines = page.getByRole('list', { name: 'Deadlines of the panel’s papers' });
    await expect.poll(() => deadlines.textContent()).toContain('The hearing was planned for Thursday 14 January 2027: if it was held that day, the panel’s report was due by Thursday 21 January 2027 and is late.');
    await expectAccessible(page, 'panel papers, empty');

    // The hearing as held: the report is late, said in words.
    await page.getByLabel('Date the panel met', { exact: true }).fill('14/01/2027');
    await page.getByLabel('Date the panel met', { exact: true }).press('Tab');
    await expect.poll(() => deadlines.textContent()).toContain('The panel’s report is late: it was due by Thursday 21 January 2027, 5 working days after the hearing on Thursday 14 January 2027, and is now 2 working days overdue.');

    // The panel's findings and reasons, with a mention.
    await page.getByRole('group', { name: 'Panel’s finding on point 1' }).getByLabel('Upheld', { exact: true }).check();
    await page.getByLabel('The panel’s reasons on point 1', { exact: true }).click();
    await page.keyboard.type('The panel heard that ');
    await page.keyboard.type('@jo');
    const list = page.getByRole('listbox', { name: 'People to mention in The panel’s reasons on point 1' });
    await list.waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('did not visit.');
    await page.getByRole('group', { name: 'Panel’s finding on point 2' }).getByLabel('Not upheld', { exact: true }).check();
    await expect.poll(() => saved().panelPapers?.perPoint['point-1']?.reasons.content?.[0]?.content?.map((n) => n.type)).toEqual(['text', 'mention', 'text']);
    await expect.poll(() => saved().panelPapers?.perPoint['point-2']?.finding).toBe('not upheld');

    // A recommendation, on point 1, with who.
    await page.getByRole('button', { name: 'Add a panel recommendation' }).click();
    await retype('Text of panel recommendation 1', 'Visit every looked after child at least every six weeks.');
    await page.getByRole('group', { name: 'Points panel recommendation 1 answers' }).getByRole('checkbox').first().check();
    await page.getByLabel('Who, for panel recommendation 1').fill('Head of Service');
    await page.getByLabel('Who, for panel recommendation 1').press('Tab');
    await page.getByLabel('The panel’s conclusions', { exact: true }).click();
    await page.keyboard.type('The Stage 2 investigation was thorough.');
    await page.getByLabel('Date the panel’s report was sent', { exact: true }).fill('20/01/2027');
    await page.getByLabel('Date the panel’s report was sent', { exact: true }).press('Tab');
    await expect.poll(() => deadlines.textContent()).toContain('The council’s response is due by Wednesday 10 February 2027');
    await expect.poll(() => saved().panelPapers?.recommendations[0]).toMatchObject({ pointIds: ['point-1'], owner: 'Head of Service' });

    // The report's complainant version: the pseudonym, checked; exported in PDF and Word; issued.
    const preview = page.getByRole('article', { name: /Preview of the Review panel’s report/ });
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('The panel heard that Social Worker 1 did not visit.');
    expect(await preview.textContent()).not.toContain('Jordan');
    await page.getByText('Checked: the Word and PDF files name nobody this version must not name.').waitFor();
    await expectAccessible(page, 'panel papers with the report');
    await page.getByRole('button', { name: 'Export as PDF' }).click();
    await page.getByText(/Saved .*panel-report-complainant-draft-v1\.pdf/).waitFor();
    await page.getByRole('button', { name: 'Export as Word' }).click();
    await page.getByText(/Saved .*panel-report-complainant-draft-v1\.docx/).waitFor();
    const pdf = (await pdfPages(fs.readFileSync(path.join(dir, 'exports', exported(/panel-report-complainant-draft-v1\.pdf$/)[0]!)))).flat().join(' ');
    expect(pdf).toContain('Review panel’s report');
    expect(pdf).toContain('Social Worker 1');
    expect(pdf).not.toContain('Jordan');
    await page.getByRole('button', { name: 'Issue this draft' }).click();
    await page.getByText(/Issued draft version 1, the council’s and the complainant’s versions together/).waitFor();

    // The council's response: a recommendation not accepted needs its reasons before the letter is complete.
    await page.getByLabel('Date of the council’s response', { exact: true }).fill('5 February 2027');
    await page.getByLabel('Date of the council’s response', { exact: true }).press('Tab');
    await page.getByRole('group', { name: 'The council’s response to panel recommendation 1' }).getByLabel('Accepted in part', { exact: true }).check();
    await page.getByLabel('Who signs the council’s response').fill('Dr Aoife Ní Bhriain');
    await page.getByLabel('Who signs the council’s response').press('Tab');
    await page.getByLabel('Their role').fill('Director of Children’s Services');
    await page.getByLabel('Their role').press('Tab');
    await page.getByLabel('Document', { exact: true }).selectOption({ label: 'Council’s response to the review panel' });
    await page.getByText(/This document is incomplete, so the draft says so and is not signed: Panel recommendation 1 is not accepted in full, and the reasons are not written yet\./).waitFor();
    expect(await page.getByRole('button', { name: 'Mark final' }).isDisabled()).toBe(true);
    await page.getByLabel('Reasons for the response to panel recommendation 1', { exact: true }).click();
    await page.keyboard.type('Visits will be every six weeks for children in placements out of the county; others stay at the statutory minimum.');
    await page.getByLabel('Their role').click();
    const letter = page.getByRole('article', { name: /Preview of the Council’s response to the review panel/ });
    await expect.poll(async () => (await letter.textContent()) ?? '').toContain('The council’s response: Accepted in part.');
    await expect.poll(() => page.getByRole('button', { name: 'Mark final' }).isDisabled()).toBe(false);
    await expectAccessible(page, 'panel papers with the council’s response');
    await page.getByRole('button', { name: 'Mark final' }).click();
    await page.getByText(/Version 1 is now the final council’s response to the review panel, in both versions\./).waitFor();
    await page.getByRole('button', { name: 'Export as PDF' }).click();
    await page.getByText(/Saved .*council-response-complainant-final\.pdf/).waitFor();
    const final = (await pdfPages(fs.readFileSync(path.join(dir, 'exports', exported(/council-response-complainant-final\.pdf$/)[0]!)))).flat().join(' ');
    expect(final).toContain('Dear Samir Haddad,');
    expect(final).toContain('Dr Aoife Ní Bhriain');
    expect(final).not.toContain('DRAFT');
    expect(problems).toEqual([]);
  });
});
