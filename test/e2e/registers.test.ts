import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/case';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp } from './app';
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

function saved(): CaseRecord {
  const cases = harness.session.cases();
  return cases.get(cases.list()[0]!.id).record;
}

async function tab(name: string) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('heading', { level: 2 }).first().waitFor();
}

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
    await tab('People');
    await page.getByLabel('Name', { exact: true }).fill("Siobhán O'Brien");
    await page.getByRole('button', { name: 'Add the person' }).click();
    await tab('Interviews');
    await page.getByRole('button', { name: 'Plan an interview' }).click();
    await page.getByLabel('Interview 1: person interviewed').selectOption({ index: 1 });
    await expect.poll(() => saved().interviews[0]?.personId).toBe(saved().people[0]!.id);
  });

  it('chronology: the source is cleared after each entry, and an entry can be edited (finding 3)', async () => {
    await tab('Chronology');
    await page.getByLabel('Date', { exact: true }).fill('2026-02-10');
    await page.getByLabel('Source').selectOption({ label: "Interview 1 (Siobhán O'Brien)" });
    await page.getByLabel('What happened').fill('Review meeting postponed');
    await page.getByRole('button', { name: 'Add to the chronology' }).click();
    await expect.poll(() => saved().chronology.length).toBe(1);
    // Nothing carries over to the next entry.
    expect(await page.getByLabel('Source').inputValue()).toBe('');
    expect(await page.getByLabel('What happened').inputValue()).toBe('');
    await page.getByLabel('Date', { exact: true }).fill('2026-03');
    await page.getByLabel('What happened').fill('Letter from the complainant');
    await page.getByRole('button', { name: 'Add to the chronology' }).click();
    await expect.poll(() => saved().chronology.length).toBe(2);
    expect(saved().chronology[1]!.source).toMatchObject({ kind: 'other', id: null });
    expect(saved().chronology[0]!.source).toMatchObject({ kind: 'interview', id: saved().interviews[0]!.id });

    // Edit the first entry: a new date and wording, the source kept.
    await page.getByRole('button', { name: 'Edit the entry for 10 February 2026' }).click();
    await page.getByRole('heading', { level: 3, name: 'Edit the entry' }).waitFor();
    expect(await page.getByLabel('What happened').inputValue()).toBe('Review meeting postponed');
    await page.getByLabel('Date', { exact: true }).fill('2026-02-12');
    await page.getByLabel('What happened').fill('Review meeting postponed by the team manager');
    await page.getByRole('button', { name: 'Save the entry' }).click();
    await expect.poll(() => saved().chronology[0]).toMatchObject({ date: '2026-02-12', event: 'Review meeting postponed by the team manager', source: { kind: 'interview' } });
    expect(saved().chronology).toHaveLength(2);
    await page.getByRole('heading', { level: 3, name: 'Add an entry' }).waitFor();
    // The edit can be undone.
    await page.getByRole('button', { name: 'Undo changing a chronology entry' }).click();
    await expect.poll(() => saved().chronology[0]!.date).toBe('2026-02-10');
    await expectAccessible(page, 'chronology with an entry being edited');
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
    await page.keyboard.type('Contact stopped on a Friday with no letter: wombat.');
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
    expect(problems).toEqual([]);
  });
});
