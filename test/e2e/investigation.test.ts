import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, verifyAuditChain } from '../../main/services/store/audit';
import type { CaseRecord } from '../../shared/domain/case';
import { richToPlain } from '../../shared/domain/richText';
import { makeDocx, makePdf } from '../fixtures/makeFiles';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp } from './app';
import { expectAccessible, launch } from './browser';

let browser: Browser;
let harness: Harness;
let page: Page;
let problems: string[];

beforeAll(async () => {
  browser = await launch();
  ({ page, harness, problems } = await openApp(browser));
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

/** The case as saved in the store, read through the real services (not the screen). */
function saved(): CaseRecord {
  const cases = harness.session.cases();
  return cases.get(cases.list()[0]!.id).record;
}

async function tab(name: string) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('heading', { level: 2 }).first().waitFor();
}

async function fillAndLeave(label: string | RegExp, value: string) {
  const box = page.getByLabel(label, { exact: typeof label === 'string' });
  await box.fill(value);
  await box.press('Tab');
}

describe('an investigation from statement to findings', () => {
  it('walks every part of the workspace and finds a phrase inside an attached PDF', async () => {
    // A store and a case with two points.
    await createStore(page);
    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('Case reference').fill('INV-2026-7');
    await page.getByLabel('Commissioning council').fill('Eastmarsh County Council');
    await page.getByLabel('Child or young person').fill('Amira Haddad');
    await page.getByLabel('Complainant', { exact: true }).fill('Samir Haddad');
    await page.getByLabel("Point 1: in the complainant's words").fill('The assessment took seven months.');
    await page.getByRole('button', { name: 'Add a point of complaint' }).click();
    await page.getByLabel("Point 2: in the complainant's words").fill('Nobody replied to e-mails in June.');
    await page.getByRole('button', { name: 'Create the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case INV-2026-7' }).waitFor();
    await page.getByText('2 points still need work').waitFor();
    await expectAccessible(page, 'workspace overview');

    // Key dates on the Overview, as people write them.
    await page.getByLabel('Stage 2 requested', { exact: true }).fill('19/10/2026');
    await page.getByLabel('Statement of complaint agreed', { exact: true }).fill('2 Nov 2026');
    await page.getByRole('button', { name: 'Save the key dates' }).click();
    await page.getByText('The key dates were saved.').waitFor();
    expect(saved().keyDates).toMatchObject({ stage2Requested: '2026-10-19', statementAgreed: '2026-11-02' });

    // Statement: how it was agreed, a category, and reordering (by keyboard on the tabs).
    await page.getByRole('tab', { name: 'Overview' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Statement of complaint');
    await fillAndLeave('How and when the complainant agreed the statement', 'At a meeting on 2 November 2026, confirmed by e-mail.');
    await page.getByLabel('Category for point 1').selectOption('Delay in decision making or provision of a service');
    await page.getByRole('button', { name: 'Move point 2 up' }).click();
    await expect.poll(() => saved().points.map((p) => p.summary)).toEqual(['Nobody replied to e-mails in June.', 'The assessment took seven months.']);
    expect(saved().statement.agreedHow).toBe('At a meeting on 2 November 2026, confirmed by e-mail.');
    await expectAccessible(page, 'statement');

    // People.
    await tab('People');
    await page.getByLabel('Name', { exact: true }).fill('Jordan Blake');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await fillAndLeave('Role of Jordan Blake', 'Social worker');
    await fillAndLeave('Pseudonym for Jordan Blake', 'Social Worker 1');
    await fillAndLeave('Other names Jordan Blake goes by', 'Jordie, Jordan Blake-Hale');
    await expect.poll(() => saved().people.find((p) => p.name === 'Jordan Blake')).toMatchObject({ name: 'Jordan Blake', kind: 'staff', role: 'Social worker', pseudonym: 'Social Worker 1', thirdParty: true, alsoKnownAs: 'Jordie, Jordan Blake-Hale' });
    await expectAccessible(page, 'people');

    // Plan.
    await tab('Plan');
    await fillAndLeave('Lines of enquiry for point 1', 'Read the e-mail log for June; ask the duty team.');
    await fillAndLeave('Plan agreed on', '2026-11-05');
    await page.getByLabel('Record to obtain').fill('Case recording system notes, March–July');
    await page.getByRole('button', { name: 'Add the record' }).click();
    await page.getByLabel('Task', { exact: true }).fill('Book interview rooms');
    await page.getByLabel('Due on (optional)').fill('2026-12-01');
    await page.getByRole('button', { name: 'Add the task' }).click();
    await expect.poll(() => saved().plan.tasks.map((t) => t.text)).toEqual(['Book interview rooms']);
    expect(saved().plan).toMatchObject({ agreedOn: '2026-11-05', records: [{ description: 'Case recording system notes, March–July' }] });
    await expectAccessible(page, 'plan');

    // Interviews: planned, notes typed and then imported from Word, linked to both points.
    await tab('Interviews');
    await page.getByRole('button', { name: 'Plan an interview' }).click();
    await page.getByLabel('Interview 1: person interviewed').selectOption({ label: 'Jordan Blake (Social worker)' });
    await fillAndLeave('Interview 1: date', '2026-11-12');
    await page.getByLabel('Interview 1: status').selectOption('held');
    await page.getByRole('checkbox', { name: /^Point 1:/ }).check();
    await page.getByRole('checkbox', { name: /^Point 2:/ }).check();
    await page.getByLabel('Interview 1: notes', { exact: true }).click();
    await page.keyboard.type('Typed notes from the interview.');
    await page.getByLabel('Interview 1: questions').click();
    await expect.poll(() => richToPlain(saved().interviews[0]?.notes)).toBe('Typed notes from the interview.');
    await page.locator('input[type=file][accept=".docx"]').setInputFiles({ name: 'notes.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await makeDocx() });
    await page.getByText('Imported the notes from notes.docx.').waitFor();
    const notes = saved().interviews[0]!.notes;
    expect(notes.content?.map((n) => n.type)).toEqual(['heading', 'paragraph', 'bulletList', 'paragraph']);
    await page.getByRole('heading', { level: 2, name: 'Interview with the team manager' }).waitFor();
    expect(saved().interviews[0]).toMatchObject({ date: '2026-11-12', status: 'held' });
    expect(saved().interviews[0]!.pointIds).toHaveLength(2);
    await expectAccessible(page, 'interviews');

    // Evidence: a PDF held in the store, viewed in the app, with an extract linked to a point.
    await tab('Evidence');
    const pdf = await makePdf([['Supervision record, page one.'], ['Manager note:', 'The allocation was delayed because of staff sickness QUOKKA.']]);
    await page.locator('input[type=file][multiple]').setInputFiles({ name: 'supervision.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByText('Added supervision.pdf to the evidence register.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'E1 supervision' }).waitFor();
    await page.getByRole('button', { name: 'View E1' }).click();
    await page.getByText('Page 1 of 2').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await expectAccessible(page, 'evidence with viewer');
    await page.getByRole('button', { name: 'Close the viewer' }).click();
    await page.getByRole('checkbox', { name: /^Point 1:/ }).first().check();
    await page.getByRole('button', { name: 'Add an extract from E1' }).click();
    await fillAndLeave('E1 extract 1: quotation', 'The allocation was delayed because of staff sickness');
    // A page past the file's last is refused, and nothing is saved.
    await fillAndLeave('E1 extract 1: page', '3');
    await page.getByText('E1 has 2 pages; enter a page from 1 to 2.').waitFor();
    expect(saved().evidence[0]?.extracts[0]?.page ?? null).toBeNull();
    await fillAndLeave('E1 extract 1: page', '2');
    await page.getByRole('checkbox', { name: /^Point 2:/ }).last().check();
    await expect.poll(() => saved().evidence[0]?.extracts[0]?.page).toBe(2);
    expect(richToPlain(saved().evidence[0]!.extracts[0]!.quote)).toBe('The allocation was delayed because of staff sickness');
    await expect.poll(() => saved().evidence[0]?.extracts[0]?.pointIds.length).toBe(1);

    // Chronology: a month-only date, sourced from E1, a key event; the filter by point.
    await tab('Chronology');
    await page.getByLabel('Date', { exact: true }).fill('2023-03');
    await page.getByLabel('Source').selectOption({ label: 'E1 supervision' });
    await page.getByLabel('What happened', { exact: true }).fill('Allocation delayed by staff sickness');
    await page.getByLabel('Key event').check();
    await page.getByRole('checkbox', { name: /^Point 2:/ }).check();
    await page.getByRole('button', { name: 'Add to the chronology' }).click();
    await page.getByRole('cell', { name: 'March 2023', exact: true }).waitFor();
    await page.getByLabel('Show entries for').selectOption({ label: 'Point 1' });
    await expect.poll(() => page.getByRole('cell', { name: 'March 2023', exact: true }).count()).toBe(0);
    await page.getByLabel('Show entries for').selectOption({ label: 'Point 2' });
    await page.getByRole('cell', { name: 'March 2023', exact: true }).waitFor();
    await expectAccessible(page, 'chronology');

    // Findings on every point, with analysis; a recommendation; delete it and undo.
    await tab('Findings');
    for (const n of [1, 2]) {
      await page.getByLabel('Point of complaint').selectOption({ index: n - 1 });
      await page.getByLabel(`Point ${n}: analysis`, { exact: true }).click();
      await page.keyboard.type(`On the balance of probabilities, point ${n} is made out.`);
      await page.getByRole('radio', { name: n === 1 ? 'Upheld' : 'Partially upheld', exact: true }).check();
    }
    await page.getByRole('button', { name: 'Add a recommendation' }).click();
    await fillAndLeave('Text of recommendation 1', 'Name a duty contact for every family.');
    await expect.poll(() => saved().recommendations.map((r) => richToPlain(r.text))).toEqual(['Name a duty contact for every family.']);
    const findings = saved().findings;
    expect(Object.values(findings).map((f) => f.finding).sort()).toEqual(['partially upheld', 'upheld']);
    expect(Object.values(findings).every((f) => richToPlain(f.analysis).startsWith('On the balance'))).toBe(true);
    await expectAccessible(page, 'findings');
    await page.getByRole('button', { name: 'Delete recommendation 1' }).click();
    await expect.poll(() => saved().recommendations.length).toBe(0);
    await page.getByRole('button', { name: 'Undo deleting recommendation 1' }).click();
    await expect.poll(() => saved().recommendations.length).toBe(1);
    // Undo is offered only until the next change: it restores the whole record as it was.
    await page.getByRole('button', { name: 'Delete recommendation 1' }).click();
    await expect.poll(() => saved().recommendations.length).toBe(0);
    await page.getByRole('button', { name: 'Add a recommendation' }).click();
    await expect.poll(() => saved().recommendations.length).toBe(1);
    // The store has the change before the screen has the answer: wait for the screen.
    await expect.poll(() => page.getByRole('button', { name: /^Undo / }).count()).toBe(0);

    // Nothing is missing any more on either point.
    await expect.poll(() => page.getByText(/still need/).count()).toBe(0);

    // Search finds the phrase inside the PDF and opens it at the page.
    await page.getByLabel('Search all cases').fill('staff sickness quokka');
    await page.getByLabel('Search all cases').press('Enter');
    await page.getByRole('heading', { level: 1, name: /Search results/ }).waitFor();
    const hit = page.getByRole('listitem').filter({ hasText: 'Attached file' });
    await expect.poll(() => hit.textContent()).toMatch(/INV-2026-7: supervision\.pdf.*page 2/);
    await expectAccessible(page, 'search results');
    await hit.getByRole('button').click();
    await page.getByRole('tab', { name: 'Evidence', selected: true }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'supervision.pdf' }).waitFor();
    await page.getByText('Page 2 of 2').waitFor(); // opened at the page the words are on

    // The adjudicating officer's decisions on the finding and the recommendation, an action linked to it.
    await page.getByRole('tab', { name: 'Adjudication' }).click();
    await page.getByLabel('Date of the decision', { exact: true }).fill('4 December 2026');
    await page.getByLabel('Date of the decision', { exact: true }).press('Tab');
    await page.getByRole('group', { name: 'Decision on the finding on point 1' }).getByRole('radio', { name: 'Accepted', exact: true }).check();
    await page.getByRole('group', { name: 'Decision on recommendation 1' }).getByRole('radio', { name: 'Accepted', exact: true }).check();
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel('Action 1', { exact: true }).fill('Name a duty contact for every family by March');
    await page.getByLabel('Action 1', { exact: true }).press('Tab');
    await expect.poll(() => saved().adjudication.actions.map((a) => richToPlain(a.text))).toEqual(['Name a duty contact for every family by March']);
    expect(saved().adjudication.decidedOn).toBe('2026-12-04');
    await expectAccessible(page, 'adjudication');

    // Documents: the report previewed, exported in both versions and formats, and the whole response.
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByRole('article', { name: /Preview of the Investigation report/ }).waitFor();
    await page.getByRole('button', { name: 'Export as PDF' }).click();
    await page.getByText(/Saved .*investigation-report-.*\.pdf/).waitFor();
    await page.getByRole('button', { name: 'Export as Word' }).click();
    await page.getByText(/Saved .*investigation-report-.*\.docx/).waitFor();
    await page.getByRole('button', { name: 'Export the whole response…' }).click();
    await page.getByText(/Saved \d+ files to/).waitFor();
    await expectAccessible(page, 'documents of a case made from a blank store');

    // The audit log holds every change, and the chain verifies.
    const db = harness.session.requireStore().db;
    expect(verifyAuditChain(db)).toEqual([]);
    expect(listAudit(db).filter((e) => e.action === 'case.update').length).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
});
