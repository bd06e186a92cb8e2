import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { richToPlain } from '../../shared/domain/richText';
import type { Harness } from '../harness/server';
import { makePdf } from '../fixtures/makeFiles';
import { closeApps, createStore, openApp, openTab, savedCase } from './app';
import { expectAccessible, launch } from './browser';

/**
 * Issue 11, findings 3–6, from a blank store: the chronology's source does not carry over and entries can be
 * edited; a new recommendation is linked to no point until the user says so; nobody agrees with or decides on
 * a finding that has not been made; a search hit on a finding opens that finding's point.
 */
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

const saved = () => savedCase(harness);
const tab = (name: string) => openTab(page, name);

describe('registers that hold the right facts', () => {
  it('a case with three points, a person and an interview', async () => {
    await createStore(page);
    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('Case reference').fill('REG-2026-3');
    await page.getByLabel('Commissioning council').fill('Westholme City Council');
    await page.getByLabel('Child or young person').fill('Oliwia Kowalczyk');
    await page.getByLabel('Complainant', { exact: true }).fill('Agnieszka Kowalczyk');
    for (const [n, text] of [[1, 'The review was late.'], [2, 'Letters went unanswered.'], [3, 'Contact was cut without notice.']] as const) {
      if (n > 1) await page.getByRole('button', { name: 'Add a point of complaint' }).click();
      await page.getByLabel(`Point ${n}: in the complainant's words`).fill(text);
    }
    await page.getByRole('button', { name: 'Create the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case REG-2026-3' }).waitFor();
    // The register starts with the child and the complainant, neither a third party (issue 11, wording).
    expect(saved().people.map((p) => [p.name, p.kind, p.thirdParty])).toEqual([
      ['Oliwia Kowalczyk', 'child', false],
      ['Agnieszka Kowalczyk', 'complainant', false],
    ]);
    await tab('People');
    await page.getByLabel('Name', { exact: true }).fill("Siobhán O'Brien");
    await page.getByRole('button', { name: 'Add the person' }).click();
    await expect.poll(() => saved().people.find((p) => p.name === "Siobhán O'Brien")).toMatchObject({ kind: 'staff', thirdParty: true });
    // A member of staff acts for nobody, so there is no consent box for them.
    await page.getByRole('group', { name: "Siobhán O'Brien" }).waitFor();
    expect(await page.getByRole('group', { name: "Siobhán O'Brien" }).getByLabel(/Written consent/).count()).toBe(0);
    expect(await page.getByRole('group', { name: "Siobhán O'Brien" }).getByText(/also an ordinary word/).count()).toBe(0);
    // A name that is also an ordinary word: the register says so, and what to do (issue 10).
    await page.getByLabel('Name', { exact: true }).fill('May Young');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.getByRole('group', { name: 'May Young' }).getByText('“May”, “Young” are also ordinary words.', { exact: false }).waitFor();
    await expectAccessible(page, 'people with a common-word name');
    await tab('Interviews');
    await page.getByRole('button', { name: 'Plan an interview' }).click();
    await page.getByLabel('Interview 1: person interviewed').selectOption({ label: "Siobhán O'Brien" });
    await expect.poll(() => saved().interviews[0]?.personId).toBe(saved().people.find((p) => p.name === "Siobhán O'Brien")!.id);
  });

  it('chronology: the source is cleared after each entry, and an entry can be edited (finding 3)', async () => {
    await tab('Chronology');
    await page.getByLabel('Date', { exact: true }).fill('2026-02-10');
    await page.getByLabel('Source').selectOption({ label: "Interview 1 (Siobhán O'Brien)" });
    await page.getByLabel('What happened', { exact: true }).fill('Review meeting postponed');
    await page.getByRole('button', { name: 'Add to the chronology' }).click();
    await expect.poll(() => saved().chronology.length).toBe(1);
    // Nothing carries over to the next entry.
    // The form clears once the save has answered (the store may have it a moment before the screen does).
    await expect.poll(() => page.getByLabel('Source').inputValue()).toBe('');
    await expect.poll(() => page.getByLabel('What happened', { exact: true }).textContent()).toBe('');
    await page.getByLabel('Date', { exact: true }).fill('2026-03');
    await page.getByLabel('What happened', { exact: true }).fill('Letter from the complainant');
    await page.getByRole('button', { name: 'Add to the chronology' }).click();
    await expect.poll(() => saved().chronology.length).toBe(2);
    expect(saved().chronology[1]!.source).toMatchObject({ kind: 'other', id: null });
    expect(saved().chronology[0]!.source).toMatchObject({ kind: 'interview', id: saved().interviews[0]!.id });

    // Edit the first entry: a new date and wording, the source kept.
    await page.getByRole('button', { name: 'Edit the entry for 10 February 2026' }).click();
    await page.getByRole('heading', { level: 3, name: 'Edit the entry' }).waitFor();
    await expect.poll(() => page.getByLabel('What happened', { exact: true }).textContent()).toBe('Review meeting postponed');
    await page.getByLabel('Date', { exact: true }).fill('2026-02-12');
    await page.getByLabel('What happened', { exact: true }).fill('Review meeting postponed by the team manager');
    await page.getByRole('button', { name: 'Save the entry' }).click();
    await expect.poll(() => saved().chronology[0]).toMatchObject({ date: '2026-02-12', source: { kind: 'interview' } });
    expect(richToPlain(saved().chronology[0]!.event)).toBe('Review meeting postponed by the team manager');
    expect(saved().chronology).toHaveLength(2);
    await page.getByRole('heading', { level: 3, name: 'Add an entry' }).waitFor();
    // The edit can be undone.
    await page.getByRole('button', { name: 'Undo changing a chronology entry' }).click();
    await expect.poll(() => saved().chronology[0]!.date).toBe('2026-02-10');
    await expectAccessible(page, 'chronology with an entry being edited');
  });

  it('plan records and tasks can be changed and removed, with undo (finding 3)', async () => {
    await tab('Plan');
    await page.getByLabel('Record to obtain').fill('Supervision notes');
    await page.getByRole('button', { name: 'Add the record' }).click();
    const rec = page.getByLabel('Record 1', { exact: true });
    await rec.fill('Supervision notes, January to March');
    await rec.press('Tab');
    await expect.poll(() => saved().plan.records.map((x) => x.description)).toEqual(['Supervision notes, January to March']);
    await page.getByLabel('Task', { exact: true }).fill('Book a room');
    await page.getByLabel('Due on (optional)').fill('1/12/2026');
    await page.getByRole('button', { name: 'Add the task' }).click();
    await expect.poll(() => saved().plan.tasks).toMatchObject([{ text: 'Book a room', dueOn: '2026-12-01' }]);
    await page.getByLabel('Task 1', { exact: true }).fill('Book a quiet room');
    await page.getByLabel('Task 1', { exact: true }).press('Tab');
    await expect.poll(() => saved().plan.tasks[0]?.text).toBe('Book a quiet room');
    await page.getByRole('button', { name: 'Remove task 1' }).click();
    await expect.poll(() => saved().plan.tasks.length).toBe(0);
    await page.getByRole('button', { name: /^Undo removing the task/ }).click();
    await expect.poll(() => saved().plan.tasks.length).toBe(1);
    await page.getByRole('button', { name: 'Remove record 1' }).click();
    await expect.poll(() => saved().plan.records.length).toBe(0);
    await expectAccessible(page, 'plan with tasks');
  });

  it('adding several files names every one of them (wording)', async () => {
    await tab('Evidence');
    const pdf = await makePdf([['Letter one']]);
    const pdf2 = await makePdf([['Letter two']]);
    await page.locator('input[type=file][multiple]').setInputFiles([
      { name: 'letter-one.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'letter-two.pdf', mimeType: 'application/pdf', buffer: pdf2 },
    ]);
    await page.getByText('Added letter-one.pdf and letter-two.pdf to the evidence register.').waitFor();
    expect(saved().evidence.map((e) => e.ref)).toEqual(['E1', 'E2']);
  });

  it('a new recommendation is linked to no point until the user ticks one (finding 4)', async () => {
    await tab('Findings');
    await page.getByLabel('Point of complaint').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Add a recommendation' }).click();
    await expect.poll(() => saved().recommendations.length).toBe(1);
    expect(saved().recommendations[0]!.pointIds).toEqual([]);
    await page.getByRole('group', { name: 'Points recommendation 1 answers' }).getByRole('checkbox', { name: /^Point 2:/ }).check();
    await expect.poll(() => saved().recommendations[0]!.pointIds).toEqual([saved().points[1]!.id]);
  });

  it('no agreement or decision on a finding that has not been made (finding 5)', async () => {
    // A finding on point 1 only.
    await page.getByLabel('Point of complaint').selectOption({ index: 0 });
    await page.getByRole('radio', { name: 'Upheld', exact: true }).check();
    await expect.poll(() => saved().findings[saved().points[0]!.id]?.finding).toBe('upheld');
    await tab('Independent person');
    await page.getByRole('radio', { name: 'I agree with the finding on point 1' }).waitFor();
    expect(await page.getByRole('radio', { name: /finding on point 2/ }).count()).toBe(0);
    await page.getByText('There is no finding on point 2 yet').waitFor();
    await tab('Adjudication');
    await page.getByRole('group', { name: 'Decision on the finding on point 1' }).waitFor();
    expect(await page.getByRole('group', { name: 'Decision on the finding on point 3' }).count()).toBe(0);
    await page.getByText('has not made a finding on point 3 yet').waitFor();
    await expectAccessible(page, 'adjudication with undecided points');
  });

  it('a search hit on the finding on point 3 opens point 3 (finding 6)', async () => {
    await tab('Findings');
    await page.getByLabel('Point of complaint').selectOption({ index: 2 });
    await page.getByLabel('Point 3: analysis', { exact: true }).click();
    await page.keyboard.type('Contact stopped on a Friday with no letter: wombat. Ελένη Παπαδοπούλου was told on 3/4/26, Олександр Шевченко on 7/4/26.');
    await page.getByLabel('Point 3: what the complainant says', { exact: true }).click();
    await expect.poll(() => JSON.stringify(saved().findings[saved().points[2]!.id]?.analysis ?? '')).toContain('wombat');
    await page.getByLabel('Point of complaint').selectOption({ index: 0 });
    await page.getByLabel('Search all cases').fill('wombat');
    await page.getByLabel('Search all cases').press('Enter');
    const hit = page.getByRole('listitem').filter({ hasText: 'Finding on point 3' });
    await hit.getByRole('button').click();
    await page.getByRole('tab', { name: 'Findings', selected: true }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Point 3' }).waitFor();
    expect(await page.getByLabel('Point of complaint').inputValue()).toBe(saved().points[2]!.id);
    // Search can be narrowed to a kind of item: the word is in a finding, not in any chronology entry.
    await page.getByLabel('Search all cases').fill('wombat');
    await page.getByLabel('Search all cases').press('Enter');
    await page.getByRole('listitem').filter({ hasText: 'Finding on point 3' }).waitFor();
    await page.getByLabel('Kind of item').selectOption({ label: 'Chronology' });
    await page.getByText(/Nothing of what you chose matches/).waitFor();
    await page.getByLabel('Kind of item').selectOption({ label: 'Finding' });
    await page.getByRole('listitem').filter({ hasText: 'Finding on point 3' }).waitFor();
    await expectAccessible(page, 'search with filters');
    await page.getByRole('listitem').filter({ hasText: 'Finding on point 3' }).getByRole('button').click();
    await page.getByRole('tab', { name: 'Findings', selected: true }).waitFor();
    // A Greek name typed in the finding, searched for as written in Latin letters on an English keyboard, and
    // marked where it was found.
    await page.getByLabel('Search all cases').fill('eleni papadopoulou');
    await page.getByLabel('Search all cases').press('Enter');
    const greek = page.getByRole('listitem').filter({ hasText: 'Finding on point 3' });
    await expect.poll(() => greek.locator('mark').allTextContents()).toEqual(['Ελένη', 'Παπαδοπούλου']);
    // A Ukrainian name the same way, in its common spelling.
    await page.getByLabel('Search all cases').fill('oleksandr shevchenko');
    await page.getByLabel('Search all cases').press('Enter');
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'Finding on point 3' }).locator('mark').allTextContents()).toEqual(['Олександр', 'Шевченко']);
    // Back to the case, where the next test carries on.
    await greek.getByRole('button').click();
    await page.getByRole('tab', { name: 'Findings', selected: true }).waitFor();
    expect(problems).toEqual([]);
  });
});

describe('archiving and deleting a case (issue 11)', () => {
  it('archives the case out of the list and back, then deletes it only when its reference is typed', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Archive this case' }).click();
    await expect.poll(() => saved().archivedOn).not.toBeNull();
    await page.getByRole('button', { name: '← All cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    expect(await page.getByRole('button', { name: 'REG-2026-3' }).count()).toBe(0);
    await page.getByLabel(/Show archived cases/).check();
    await page.getByRole('button', { name: 'REG-2026-3' }).click();
    await page.getByRole('button', { name: 'Return the case to the active cases' }).click();
    await expect.poll(() => saved().archivedOn).toBeNull();

    await page.getByLabel('Type the case reference (REG-2026-3) to confirm').fill('REG-2026');
    await page.getByRole('button', { name: 'Delete case REG-2026-3 for good' }).click();
    await page.getByText('To delete case REG-2026-3, type its reference exactly as shown; nothing was deleted.').waitFor();
    expect(harness.session.cases().list()).toHaveLength(1);
    await expectAccessible(page, 'archive or delete');
    await page.getByLabel('Type the case reference (REG-2026-3) to confirm').fill('REG-2026-3');
    await page.getByRole('button', { name: 'Delete case REG-2026-3 for good' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    expect(harness.session.cases().list()).toHaveLength(0);
  });
});
