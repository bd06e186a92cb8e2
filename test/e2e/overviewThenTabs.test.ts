import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { richToPlain } from '../../shared/domain/richText';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp, openTab, savedCase } from './app';
import { expectAccessible, launch } from './browser';

/**
 * Issue 11, finding 1: saving a form on the Overview (key dates, the council profile, an extension) used to
 * leave the rest of the workspace on the old revision, so the next edit anywhere was refused as "changed
 * elsewhere" and every later edit was reverted. From a blank store, save on the Overview, then edit every other
 * kind of tab, and check each change reached the store.
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

async function fillAndLeave(label: string, value: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.fill(value);
  await box.press('Tab');
}

const conflict = /changed elsewhere/i;

describe('saving on the Overview, then working in the other tabs', () => {
  it('keeps every edit: no false "changed elsewhere", nothing reverted', async () => {
    await createStore(page);
    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('Case reference').fill('OV-2026-1');
    await page.getByLabel('Commissioning council').fill('Eastmarsh County Council');
    await page.getByLabel('Child or young person').fill('Amira Haddad');
    await page.getByLabel('Complainant', { exact: true }).fill('Samir Haddad');
    await page.getByLabel("Point 1: in the complainant's words").fill('The assessment took seven months.');
    await page.getByRole('button', { name: 'Create the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case OV-2026-1' }).waitFor();

    // Overview: the key dates, then the council profile.
    await page.getByLabel('Statement of complaint agreed', { exact: false }).first().fill('2026-11-02');
    await page.getByRole('button', { name: 'Save the key dates' }).click();
    await page.getByText('The key dates were saved.').waitFor();
    expect(saved().keyDates.statementAgreed).toBe('2026-11-02');
    await page.getByLabel('The council’s own closure days').fill('2026-12-24');
    await page.getByRole('button', { name: 'Save the council profile' }).click();
    await page.getByText('The council profile was saved.').waitFor();
    expect(saved().council.closures).toEqual(['2026-12-24']);

    // Every other kind of tab: each edit reaches the store.
    await tab('Statement of complaint');
    await fillAndLeave('How and when the complainant agreed the statement', 'At a meeting on 2 November 2026.');
    await expect.poll(() => saved().statement.agreedHow).toBe('At a meeting on 2 November 2026.');

    await tab('People');
    await page.getByLabel('Name', { exact: true }).fill('Jordan Blake');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await expect.poll(() => saved().people.map((p) => p.name)).toContain('Jordan Blake');

    await tab('Plan');
    await fillAndLeave('Plan agreed on', '2026-11-05');
    await expect.poll(() => saved().plan.agreedOn).toBe('2026-11-05');

    // Back to the Overview and save again, then one more edit elsewhere.
    await tab('Overview');
    await page.getByLabel('The council’s own closure days').fill('2026-12-24\n2026-12-31');
    await page.getByRole('button', { name: 'Save the council profile' }).click();
    await page.getByText('The council profile was saved.').waitFor();
    await tab('Chronology');
    await page.getByLabel('Date', { exact: true }).fill('2026-03');
    await page.getByLabel('What happened', { exact: true }).fill('Assessment started');
    await page.getByRole('button', { name: 'Add to the chronology' }).click();
    await expect.poll(() => saved().chronology.map((c) => richToPlain(c.event))).toEqual(['Assessment started']);

    // Nothing was refused, and what was saved on the Overview is still there.
    expect(await page.getByText(conflict).count()).toBe(0);
    expect(saved()).toMatchObject({ keyDates: { statementAgreed: '2026-11-02' }, council: { closures: ['2026-12-24', '2026-12-31'] }, plan: { agreedOn: '2026-11-05' } });
    await expectAccessible(page, 'chronology after saving on the overview');
    expect(problems).toEqual([]);
  });
});

describe('a real conflict: the case changed elsewhere while the user typed', () => {
  it('keeps the unsaved text on screen, shows what changed, and re-applies it on request', async () => {
    // The store from the journey above is still open with case OV-2026-1.
    await tab('Statement of complaint');
    const box = page.getByLabel('How and when the complainant agreed the statement', { exact: true });
    await box.waitFor();
    // Another window or the command line changes the case: a new plan date.
    const cases = harness.session.cases();
    const c = cases.get(cases.list()[0]!.id);
    cases.update(c.id, c.revision, { ...c.record, plan: { ...c.record.plan, agreedOn: '2026-11-20' } });
    // The user, on the old revision, types into a field.
    await box.fill('Agreed by telephone on 3 November 2026, confirmed in writing.');
    await box.press('Tab');
    await page.getByRole('heading', { level: 2, name: 'Your change, not saved yet' }).waitFor();
    await page.getByRole('table', { name: 'Your change' }).getByText('Agreed by telephone on 3 November 2026, confirmed in writing.').waitFor();
    // Where and what, in words: the field by name, the date as people write it.
    await page.getByRole('table', { name: /Changed elsewhere/ }).getByRole('row', { name: 'Plan, agreed on 20 November 2026' }).waitFor();
    expect(saved().statement.agreedHow).toBe('At a meeting on 2 November 2026.');
    await expectAccessible(page, 'conflict');
    await page.getByRole('button', { name: 'Apply my change to the newest version' }).click();
    await expect.poll(() => saved().statement.agreedHow).toBe('Agreed by telephone on 3 November 2026, confirmed in writing.');
    // Both changes are kept.
    expect(saved().plan.agreedOn).toBe('2026-11-20');
    await expect.poll(() => page.getByRole('heading', { name: 'Your change, not saved yet' }).count()).toBe(0);
  });
});

describe('long text (issue 11, finding 2)', () => {
  it('saves an observation of many pages, and keeps text over the limit on screen with a counter, saving nothing', async () => {
    await tab('Independent person');
    const box = page.getByLabel('Further observations', { exact: true });
    const pages = 'The investigating officer spoke to every member of staff named in the complaint. '.repeat(440); // ≈35,600 characters
    await box.fill(pages);
    await box.press('Tab');
    await expect.poll(() => richToPlain(saved().ipReview.observations).trim().length).toBe(pages.trim().length);

    const tooLong = 'x'.repeat(100_500);
    await box.fill(tooLong);
    await box.press('Tab');
    await page.getByText(/This is 100,500 characters, more than the 100,000 this field holds/).waitFor();
    await page.getByText(/100,500 of 100,000 characters/).waitFor();
    expect(await box.innerText()).toBe(tooLong);
    expect(richToPlain(saved().ipReview.observations).trim()).toBe(pages.trim());
    // No message on screen shows a schema path.
    expect(await page.getByText(/ipReview|\.observations|\[\d+\]/).count()).toBe(0);
    await expectAccessible(page, 'independent person with text over the limit');
  });
});

describe('dates as people in England write them (issue 11)', () => {
  it('reads 24/08/2026 and 24 Aug 2026, shows 24 August 2026, and names a date that does not exist', async () => {
    await tab('Plan');
    const agreed = page.getByLabel('Plan agreed on', { exact: true });
    await agreed.fill('24/08/2026');
    await agreed.press('Tab');
    await expect.poll(() => saved().plan.agreedOn).toBe('2026-08-24');
    await expect.poll(() => agreed.inputValue()).toBe('24 August 2026');
    await agreed.fill('31/02/2026');
    await agreed.press('Tab');
    await page.getByText('31/02/2026 is not a real date: February 2026 has 28 days.').waitFor();
    expect(saved().plan.agreedOn).toBe('2026-08-24');
    expect(await agreed.inputValue()).toBe('31/02/2026'); // kept to correct
    await agreed.fill('3 Sept 2026');
    await agreed.press('Tab');
    await expect.poll(() => saved().plan.agreedOn).toBe('2026-09-03');
    // Or picked from the calendar.
    await page.getByLabel('Pick plan agreed on from a calendar').fill('2026-09-10');
    await expect.poll(() => saved().plan.agreedOn).toBe('2026-09-10');
    await expect.poll(() => agreed.inputValue()).toBe('10 September 2026');

    await tab('Chronology');
    await page.getByLabel('Date', { exact: true }).fill('March 2026');
    await page.getByLabel('What happened', { exact: true }).fill('Assessment allocated');
    await page.getByRole('button', { name: 'Add to the chronology' }).click();
    await expect.poll(() => saved().chronology.map((c) => c.date)).toContain('2026-03');

    await tab('Overview');
    const s2 = page.getByLabel('Stage 2 requested', { exact: true });
    await s2.fill('24 Aug 2026');
    await page.getByRole('button', { name: 'Save the key dates' }).click();
    await expect.poll(() => saved().keyDates.stage2Requested).toBe('2026-08-24');
    await expectAccessible(page, 'overview with dates written as people write them');

    // Wording of the clocks (issue 11): a clock that ended with no start recorded is not "Not started"; the
    // clock kept for comparison is over its limit here, but it is not a deadline: no alarm, no lateness reason.
    const clocks = page.getByRole('table', { name: 'Clocks for case OV-2026-1' });
    await expect.poll(() => clocks.getByRole('row', { name: /Time to ask for Stage 2/ }).textContent()).toMatch(/Ended; its start date is not recorded/);
    expect(await clocks.getByRole('row', { name: /Time to ask for Stage 2/ }).textContent()).not.toMatch(/Not started/);
    await expect.poll(() => clocks.getByRole('row', { name: /from Stage 2 request/ }).textContent()).toMatch(/Overdue by \d+ working days \(for comparison only\)/);
    expect(await page.getByLabel(/Why stage 2 response \(from stage 2 request\) is late/i).count()).toBe(0);
  });
});

describe('the case’s core facts can be changed after creation (issue 11, finding 7)', () => {
  it('renames the child, adds a complainant’s greeting and address, and appoints the adjudicating officer and complaints manager', async () => {
    await tab('Overview');
    await page.getByText('Change the case details').click();
    await page.getByLabel('Child’s name').fill('Amira Haddad-Nowak');
    await page.getByLabel('Complainant 1: greeting in letters').fill('Mr Haddad');
    await page.getByLabel('Complainant 1: postal address').fill('12 Mill Lane\nEastmarsh\nEM1 2AB');
    await page.getByLabel('Adjudicating officer: name').fill('Dr Grace Ólafsdóttir');
    await page.getByLabel('Complaints manager: name').fill("Niamh O'Connor");
    await expectAccessible(page, 'case details form');
    await page.getByRole('button', { name: 'Save the case details' }).click();
    await page.getByText('The case details were saved.').waitFor();
    expect(saved()).toMatchObject({
      child: { name: 'Amira Haddad-Nowak' },
      complainants: [{ name: 'Samir Haddad', salutation: 'Mr Haddad', addressLines: ['12 Mill Lane', 'Eastmarsh', 'EM1 2AB'] }],
      roles: { adjudicatingOfficer: { name: 'Dr Grace Ólafsdóttir' }, complaintsManager: { name: "Niamh O'Connor" } },
    });
    // The change is audited, and other tabs still save on the new revision.
    await expect.poll(() => page.getByRole('table', { name: 'Changes to this case' }).textContent()).toMatch(/child\.name|The child/);
    await tab('Plan');
    await page.getByLabel('Plan agreed on', { exact: true }).fill('5 November 2026');
    await page.getByLabel('Plan agreed on', { exact: true }).press('Tab');
    await expect.poll(() => saved().plan.agreedOn).toBe('2026-11-05');
    expect(await page.getByText(conflict).count()).toBe(0);
  });
});
