import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../main/services/store/audit';
import { pdfPages } from '../helpers/documents';
import type { CaseRecord } from '../../shared/domain/case';
import type { RichNode } from '../../shared/domain/richText';
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

function saved(): CaseRecord {
  const cases = harness.session.cases();
  return cases.get(cases.list()[0]!.id).record;
}

const inlines = (doc: RichNode | undefined): RichNode[] => (doc?.content ?? []).flatMap((b) => b.content ?? []);
const exported = (name: RegExp) => (fs.existsSync(path.join(dir, 'exports')) ? fs.readdirSync(path.join(dir, 'exports')).filter((f) => name.test(f)) : []);

describe('people are mentioned, not typed', () => {
  it('mentions a person with “@”, shows their pseudonym to the complainant, and refuses a plain name until it is resolved', async () => {
    await createStore(page);
    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('Case reference').fill('MEN-2026-1');
    await page.getByLabel('Commissioning council').fill('Eastmarsh County Council');
    await page.getByLabel('Child or young person').fill('Amira Haddad');
    await page.getByLabel('Complainant', { exact: true }).fill('Samir Haddad');
    await page.getByLabel("Point 1: in the complainant's words").fill('Nobody visited for three months.');
    await page.getByRole('button', { name: 'Create the case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case MEN-2026-1' }).waitFor();

    // The social worker in the register, with a pseudonym.
    await page.getByRole('tab', { name: 'People' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Jordan Blake');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.getByLabel('Role of Jordan Blake').fill('Social worker');
    await page.getByLabel('Role of Jordan Blake').press('Tab');
    await page.getByLabel('Pseudonym for Jordan Blake').fill('Social Worker 1');
    await page.getByLabel('Pseudonym for Jordan Blake').press('Tab');
    await expect.poll(() => saved().people.find((p) => p.name === 'Jordan Blake')?.pseudonym).toBe('Social Worker 1');

    // A note with a mention: "@", the start of the name, the list, the arrow keys, Enter.
    await page.getByRole('tab', { name: 'Findings' }).click();
    const analysis = page.getByLabel('Point 1: analysis', { exact: true });
    await analysis.click();
    await page.keyboard.type('The visit by ');
    await page.keyboard.type('@jo');
    const list = page.getByRole('listbox', { name: 'People to mention in Point 1: analysis' });
    await list.waitFor();
    await expect.poll(() => list.getByRole('option').allTextContents()).toEqual(['Jordan Blake (Social worker)']);
    expect(await analysis.getAttribute('aria-activedescendant')).toBe(await list.getByRole('option').first().getAttribute('id'));
    await expectAccessible(page, 'mention list');
    // Escape closes the list and leaves the text as typed; "@" typed again opens it again.
    await page.keyboard.press('Escape');
    await expect.poll(() => list.count()).toBe(0);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('@jo');
    await list.waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => list.count()).toBe(0);
    await page.keyboard.type('was late.');
    await page.getByLabel('Point 1: what staff say', { exact: true }).click();
    await expect.poll(() => inlines(saved().findings[Object.keys(saved().findings)[0]!]?.analysis).map((n) => n.type)).toEqual(['text', 'mention', 'text']);
    const mention = inlines(saved().findings[Object.keys(saved().findings)[0]!]?.analysis)[1]!;
    expect(mention.attrs).toMatchObject({ id: saved().people.find((p) => p.name === 'Jordan Blake')!.id, label: 'Jordan Blake' });
    await expect.poll(() => page.locator('.rich-editor .mention').textContent()).toBe('Jordan Blake');

    // The complainant's preview uses the pseudonym; the council's the name.
    await page.getByRole('tab', { name: 'Documents' }).click();
    const preview = page.getByRole('article', { name: /Preview of the Investigation report/ });
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('The visit by Social Worker 1 was late.');
    expect(await preview.textContent()).not.toContain('Jordan');
    await page.getByLabel('Full version for the council').check();
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('The visit by Jordan Blake was late.');
    await page.getByLabel('For the complainant (pseudonyms, no third-party details)').check();

    // A plain name typed where the pseudonymiser never reaches (the council's contact line): refused, listed.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByLabel('Contact lines (one each)').fill('Ask for Jordan Blake on 01632 960 001');
    await page.getByRole('button', { name: 'Save the council profile' }).click();
    await page.getByText('The council profile was saved.').waitFor();
    await page.getByRole('tab', { name: 'Documents' }).click();
    const found = page.getByRole('heading', { name: /Names the complainant’s version must not print \(\d+\)/ });
    await found.waitFor();
    expect(await page.getByRole('table', { name: 'Places found' }).textContent()).toContain('Ask for Jordan Blake on 01632 960 001');
    await page.getByRole('button', { name: 'Export as PDF' }).click();
    await page.getByText(/The complainant’s version still names a person from the people register \(“Jordan Blake”\)/).waitFor();
    expect(exported(/investigation-report-complainant/)).toEqual([]);
    await expectAccessible(page, 'leak check after a mention');

    // Resolved at its source: the contact line no longer names anyone; the check passes and the file exports.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByLabel('Contact lines (one each)').fill('Ask for the duty desk on 01632 960 001');
    await page.getByRole('button', { name: 'Save the council profile' }).click();
    await page.getByText('The council profile was saved.').waitFor();
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByText('Checked: the Word and PDF files name nobody this version must not name.').waitFor();
    await page.getByRole('button', { name: 'Export as PDF' }).click();
    await page.getByText(/Saved .*investigation-report-complainant-draft-v1\.pdf/).waitFor();
    const pdf = (await pdfPages(fs.readFileSync(path.join(dir, 'exports', exported(/investigation-report-complainant-draft-v1\.pdf$/)[0]!)))).flat().join(' ');
    expect(pdf).toContain('Social Worker 1');
    expect(pdf).not.toContain('Jordan');
    expect(problems).toEqual([]);
  });

  it('offers names typed as plain text as mentions, in context, one by one or all at once', async () => {
    await page.getByRole('tab', { name: 'Findings' }).click();
    const staff = page.getByLabel('Point 1: what staff say', { exact: true });
    await staff.click();
    await page.keyboard.type('Jordan Blake agreed. Later Jordan Blake wrote to Jordan Blake.');
    await page.getByLabel('Point 1: analysis', { exact: true }).click();
    const finding = () => saved().findings[Object.keys(saved().findings)[0]!]!;
    await expect.poll(() => inlines(finding().staffSay).map((n) => n.type)).toEqual(['text']);

    const panel = page.locator('details.plain-names');
    await page.getByText('3 names are typed as plain text: make them mentions').click();
    const table = page.getByRole('table', { name: 'Names typed as plain text' });
    await table.waitFor();
    expect(await table.getByRole('row').nth(1).textContent()).toContain('Point 1: what staff sayJordan Blake agreed. Later Jordan Blake wrote to Jordan Blake.');
    await expectAccessible(page, 'plain names');

    // One place: only that one becomes a mention; the editor shows it straight away.
    await page.getByRole('button', { name: 'Make this a mention: “Jordan Blake” in Point 1: what staff say, as Jordan Blake' }).first().click();
    await page.getByText('Made “Jordan Blake” a mention of Jordan Blake.').waitFor();
    await expect.poll(() => inlines(finding().staffSay).map((n) => n.type)).toEqual(['mention', 'text']);
    await expect.poll(() => staff.locator('.mention').count()).toBe(1);

    // The rest at once, as one ordinary, audited save.
    const updates = () => listAudit(harness.session.requireStore().db).filter((e) => e.action === 'case.update').length;
    const before = updates();
    await page.getByRole('button', { name: 'Convert all 2' }).click();
    await page.getByText('Made 2 names mentions.').waitFor();
    expect(updates()).toBe(before + 1);
    await expect.poll(() => inlines(finding().staffSay).map((n) => n.type)).toEqual(['mention', 'text', 'mention', 'text', 'mention', 'text']);
    expect(inlines(finding().staffSay).filter((n) => n.type === 'text').map((n) => n.text)).toEqual([' agreed. Later ', ' wrote to ', '.']);
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => staff.locator('.mention').count()).toBe(3);

    // The complainant's version says who, by pseudonym.
    await page.getByRole('tab', { name: 'Documents' }).click();
    const preview = page.getByRole('article', { name: /Preview of the Investigation report/ });
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('Social Worker 1 agreed. Later Social Worker 1 wrote to Social Worker 1.');
    expect(problems).toEqual([]);
  });

  it('mentions a person in a chronology event, which is rich text now', async () => {
    await page.getByRole('tab', { name: 'Chronology' }).click();
    await page.getByLabel('Date', { exact: true }).fill('2026-05');
    const happened = page.getByLabel('What happened', { exact: true });
    await happened.click();
    await page.keyboard.type('@jor');
    await page.getByRole('listbox', { name: 'People to mention in What happened' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('cancelled the visit.');
    await page.getByRole('button', { name: 'Add to the chronology' }).click();
    await expect.poll(() => saved().chronology.length).toBe(1);
    expect(inlines(saved().chronology[0]!.event).map((n) => n.type)).toEqual(['mention', 'text']);
    await expect.poll(() => happened.textContent()).toBe('');
    await page.getByRole('cell', { name: 'Jordan Blake cancelled the visit.' }).waitFor();
    await expectAccessible(page, 'chronology with mentions');
    await page.getByRole('tab', { name: 'Documents' }).click();
    const preview = page.getByRole('article', { name: /Preview of the Investigation report/ });
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('Social Worker 1 cancelled the visit.');
    expect(problems).toEqual([]);
  });

  it('mentions people in the case summary, the IP’s review and who does an action, and the complainant’s letters use the pseudonym', async () => {
    const mentionIn = async (label: string, before: string, after: string) => {
      const box = page.getByLabel(label, { exact: true });
      await box.click();
      if (before) await page.keyboard.type(before);
      await page.keyboard.type('@jor');
      await page.getByRole('listbox', { name: `People to mention in ${label}` }).waitFor();
      await page.keyboard.press('Enter');
      if (after) await page.keyboard.type(after);
      await page.keyboard.press('Tab');
    };
    await page.getByRole('tab', { name: 'Overview' }).click();
    await mentionIn('Case summary', 'Visits stopped after ', 'left the team.');
    await expect.poll(() => inlines(saved().summary).map((n) => n.type)).toEqual(['text', 'mention', 'text']);

    await page.getByRole('tab', { name: 'Independent person' }).click();
    await mentionIn('Further observations', '', 'was open with me.');
    await expect.poll(() => inlines(saved().ipReview.observations).map((n) => n.type)).toEqual(['mention', 'text']);
    await expectAccessible(page, 'independent person with mentions');

    await page.getByRole('tab', { name: 'Adjudication' }).click();
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel('Action 1', { exact: true }).waitFor();
    await mentionIn('Who does action 1', '', '');
    await expect.poll(() => inlines(saved().adjudication.actions[0]?.owner).filter((n) => n.type !== 'text' || n.text?.trim()).map((n) => n.type)).toEqual(['mention']);
    // An action cannot be emptied: the sentence says so and the text stays in the box.
    const action = page.getByLabel('Action 1', { exact: true });
    await action.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    await page.getByText('Enter the action.').waitFor();
    expect(inlines(saved().adjudication.actions[0]?.text).map((n) => n.text)).toEqual(['New action']);
    await expectAccessible(page, 'adjudication with mentions');

    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByLabel('Document', { exact: true }).selectOption({ label: 'Adjudication letter' });
    const letter = page.getByRole('article', { name: /Preview of the Adjudication letter/ });
    await expect.poll(async () => (await letter.textContent()) ?? '').toContain('Social Worker 1');
    expect(await letter.textContent()).not.toContain('Jordan');
    await page.getByLabel('Document', { exact: true }).selectOption({ label: 'Independent person report' });
    const ip = page.getByRole('article', { name: /Preview of the Independent person report/ });
    await expect.poll(async () => (await ip.textContent()) ?? '').toContain('Social Worker 1 was open with me.');
    await page.getByLabel('Full version for the council').check();
    await expect.poll(async () => (await ip.textContent()) ?? '').toContain('Jordan Blake was open with me.');
    await page.getByLabel('Document', { exact: true }).selectOption({ label: 'Investigation report' });
    await page.getByLabel('For the complainant (pseudonyms, no third-party details)').check();
    const report = page.getByRole('article', { name: /Preview of the Investigation report/ });
    await expect.poll(async () => (await report.textContent()) ?? '').toContain('Visits stopped after Social Worker 1 left the team.');
    expect(problems).toEqual([]);
  });
});
