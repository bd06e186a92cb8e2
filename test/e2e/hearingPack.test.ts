import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/server';
import { textPdf } from '../unit/bundle/fixtures';
import { closeApps, createStore, openApp, openTab } from './app';
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

describe('the hearing pack', () => {
  it('adds issued documents and a PDF, shows the index, refuses a Word file with a sentence, and builds the panel’s pack', async () => {
    await createStore(page, { demo: true });
    // The documents are issued as the Documents tab would (its own test covers that screen).
    const s = harness.session;
    const c = s.cases().get(s.cases().list()[0]!.id);
    for (const kind of ['statement-of-complaint', 'investigation-report'] as const) {
      // One issue writes the council's and the complainant's versions under one number (issue 13).
      await (await s.documents()).issue(c, kind, 'council', '2026-11-27', false);
    }
    await page.getByRole('button', { name: 'DEMO-ST2-0001' }).click();
    await openTab(page, 'Hearing pack');
    await page.getByRole('heading', { level: 2, name: 'Hearing pack (Stage 3)' }).waitFor();
    await expectAccessible(page, 'hearing pack, empty');

    await page.getByLabel('Issued document').selectOption('statement-of-complaint');
    await page.getByRole('button', { name: 'Add the issued document' }).click();
    await page.getByRole('status').filter({ hasText: 'Added the statement of complaint' }).waitFor();
    await page.getByLabel('Issued document').selectOption('investigation-report');
    await page.getByRole('button', { name: 'Add the issued document' }).click();
    await page.getByRole('status').filter({ hasText: 'Added the investigation report' }).waitFor();
    // A draft-only document is refused with a sentence.
    await page.getByLabel('Issued document').selectOption('ip-report');
    await page.getByRole('button', { name: 'Add the issued document' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/has not been issued; issue it on the Documents tab first/);

    // A PDF file into section B, and a Word file refused.
    await page.getByLabel('Section for a PDF file').selectOption('B');
    await page.getByLabel('Title of the file in the index (optional)').fill('Letter to Ms Ó Súilleabháin-Nowak');
    await page.locator('input[type=file]').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: textPdf('Letter', 2) });
    await page.getByRole('status').filter({ hasText: 'Added letter.pdf' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'notes.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK\x03\x04xx', 'latin1') });
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/“notes.docx” is a Word file that is not one of this case’s issued documents/);

    // The index as it will print.
    const a = page.getByRole('group', { name: 'Section A Core documents' });
    await expect.poll(() => a.getByRole('row').allTextContents()).toEqual([
      expect.stringContaining('Pages'),
      expect.stringMatching(/^A1–A2Statement of complaint \(version 1\)\d{4}-\d{2}-\d{2}Move/),
      expect.stringMatching(/^A3–A\d+Investigation report \(version 1\)\d{4}-\d{2}-\d{2}Move/),
    ]);
    await expect.poll(() => page.getByRole('group', { name: 'Section B Correspondence' }).getByRole('row').nth(1).textContent()).toMatch(/^B1–B2Letter to Ms Ó Súilleabháin-Nowak/);
    // Any page before building.
    await page.getByLabel('Look at page').fill('B1');
    await page.getByRole('button', { name: 'Show the page' }).click();
    await page.getByRole('img', { name: /^Page B1: Letter to Ms Ó Súilleabháin-Nowak, as the review panel’s version shows it$/ }).waitFor();
    await expectAccessible(page, 'hearing pack with documents');

    // Keyboard: the build button is reached and pressed from the keyboard.
    await page.getByLabel('Version for').selectOption('panel');
    await page.getByRole('button', { name: 'Build the pack…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: /Built the pack for the review panel: \d+ pages/ }).waitFor({ timeout: 60_000 });
    const file = path.join(dir, 'exports', 'DEMO-ST2-0001-hearing-pack-panel.pdf');
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'exports', 'DEMO-ST2-0001-hearing-pack-panel.manifest.json'))).toBe(true);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
    expect(execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' }).trim().split(/\s+/).at(-1)).toBe('A1');
    await expectAccessible(page, 'hearing pack built');
    expect(problems).toEqual([]);
  });

  it('refuses the complainant’s pack while an issued version names someone added to the register since, and builds it once a new version replaces it', async () => {
    // A neighbour named in the notes, not in the people register when the report was issued (the first test
    // issued version 1 of it and put it in the pack); the officer adds her to the register afterwards.
    const s = harness.session;
    const id = s.cases().list()[0]!.id;
    let c = s.cases().get(id);
    const summary = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Mrs Dorota Wiśniewska, a neighbour, called the police on 3 March 2026.' }] }] };
    c = s.cases().update(id, c.revision, { ...c.record, summary });
    await (await s.documents()).issue(c, 'investigation-report', 'council', '2026-11-27', false);
    await page.getByRole('tab', { name: 'Documents' }).click();
    await openTab(page, 'Hearing pack');
    await page.getByRole('button', { name: /^Remove Investigation report/ }).click();
    await page.getByRole('status').filter({ hasText: /Took “Investigation report \(version \d+\)” out of the pack/ }).waitFor();
    await page.getByLabel('Issued document').selectOption('investigation-report');
    await page.getByRole('button', { name: 'Add the issued document' }).click();
    await page.getByRole('status').filter({ hasText: 'Added the investigation report' }).waitFor();
    c = s.cases().get(id);
    s.cases().update(id, c.revision, { ...c.record, people: [...c.record.people, { id: 'person-dorota', name: 'Dorota Wiśniewska', kind: 'family', role: 'Neighbour', organisation: '', pseudonym: 'a neighbour', actsForId: null, consentHeld: false, thirdParty: true }] });

    // The complainant's pack is refused with one sentence naming her and saying what to do; nothing is written.
    const file = path.join(dir, 'exports', 'DEMO-ST2-0001-hearing-pack-complainant.pdf');
    await page.getByLabel('Version for').selectOption('complainant');
    await page.getByRole('button', { name: 'Build the pack…' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(
      /^Problem: The issued complainant’s version of “Investigation report \(version \d+\)” names a person from the people register \(“Dorota Wiśniewska”\) in \d+ places?; issue a new version on the Documents tab and add it to the pack again, or mark each place “not this person”\.$/,
    );
    expect(fs.existsSync(file)).toBe(false);
    await expectAccessible(page, 'hearing pack, complainant’s pack refused');

    // As the sentence says: a new version (the register now pseudonymises her), put in the pack in place of the old.
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByLabel('Document', { exact: true }).selectOption('investigation-report');
    await page.getByRole('button', { name: 'Issue this draft' }).click();
    await page.getByText(/^Done: Issued draft version \d+, the council’s and the complainant’s versions together/).waitFor();
    await openTab(page, 'Hearing pack');
    await page.getByRole('button', { name: /^Remove Investigation report/ }).click();
    await page.getByRole('status').filter({ hasText: /Took “Investigation report/ }).waitFor();
    await page.getByLabel('Issued document').selectOption('investigation-report');
    await page.getByRole('button', { name: 'Add the issued document' }).click();
    await page.getByRole('status').filter({ hasText: 'Added the investigation report' }).waitFor();
    await page.getByLabel('Version for').selectOption('complainant');
    await page.getByRole('button', { name: 'Build the pack…' }).click();
    await page.getByRole('status').filter({ hasText: /Built the pack for the complainant: \d+ pages/ }).waitFor({ timeout: 120_000 });
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('a neighbour');
    expect(text).not.toMatch(/Wi[śs]niewska|Dorota/);
    expect(problems).toEqual([]);
  }, 240_000);
});
