import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, party } from '../unit/exchange/parties';
import { closeApps, createStore, openApp, openTab, type OpenApp } from './app';
import { expectAccessible, launch } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

/** The complaints team's store in this process: the demo case, documents issued and in the pack, a panel of three. */
async function team() {
  const t = await party('Siobhán O’Connor-Nguyễn', 'council', 'Complaints & Representations Team', { demo: true });
  const c = await t.firstCase();
  for (const kind of ['statement-of-complaint', 'investigation-report'] as const) {
    await t.call('documents.issue', { caseId: c.id, kind, variant: 'council' });
    await t.call('bundle.addDocument', { caseId: c.id, kind });
  }
  await t.call('bundle.addPanelMember', { caseId: c.id, name: 'Ewa Łukasiewicz-Öztürk', role: 'chair', independent: true });
  await t.call('bundle.addPanelMember', { caseId: c.id, name: 'Θεόδωρος Παπαδόπουλος', role: 'member', independent: true });
  await t.call('bundle.setHearingDate', { caseId: c.id, date: '2027-01-14' });
  return { t, caseId: c.id };
}

describe('papers for the review panel, in the browser (issue 16)', () => {
  it('a panel member opens the package, sees the papers by hearing, views the pack in the app and saves a copy', async () => {
    const app: OpenApp = await openApp(browser);
    const { page, harness, problems } = app;
    await createStore(page);
    const { t, caseId } = await team();
    await t.call('exchange.addContact', { text: (await harness.session.exchange().cardFile()).text, verified: true });
    await t.call('papers.link', { caseId, member: 'Ewa Łukasiewicz-Öztürk', contact: 'Alex Morgan' });
    const file = t.saveTo('papers.cwpack');
    const sent = await t.call('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk', documents: [{ kind: 'investigation-report' }] });
    const teamCard = t.saveTo('team.cwid');
    await t.call('exchange.exportCard', {});

    await page.getByRole('button', { name: 'Review exchange' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review exchange' }).waitFor();
    await page.getByText('No hearing papers yet.').waitFor();
    await page.getByLabel('Contact card (.cwid)').setInputFiles(teamCard);
    await page.getByLabel(/I have read the fingerprint with this person/).check();
    await page.getByRole('button', { name: 'Add the contact' }).click();
    await page.getByText(/Siobhán O’Connor-Nguyễn was added and marked as checked/).waitFor();
    await page.getByLabel('Package (.cwpack)').setInputFiles(file);
    await page.getByRole('button', { name: 'Open the package' }).click();
    await page.getByText('Opened the hearing pack and papers for the review panel from Siobhán O’Connor-Nguyễn for case DEMO-ST2-0001; they are under Papers received.').waitFor();
    expect(harness.session.cases().list()).toEqual([]);
    const table = page.getByRole('table', { name: /Case DEMO-ST2-0001, hearing on 2027-01-14, from Siobhán O’Connor-Nguyễn \(Complaints & Representations Team\)/ });
    await table.waitFor();
    expect(await table.textContent()).toContain('Version 1 (newest)');
    expect(await table.textContent()).toContain(`${sent.sha256!.slice(0, 16)}… matches the sender’s manifest`);
    await expectAccessible(page, 'papers received');

    // The pack in the app's viewer (pdf.js), page by page.
    await page.getByRole('button', { name: 'View Hearing pack, DEMO-ST2-0001, version 1' }).click();
    await page.getByRole('heading', { level: 3, name: 'Hearing pack, DEMO-ST2-0001' }).waitFor();
    // The pack's own page labels, as the panel will say them (the PDF's /PageLabels), beside the place in the file.
    const status = page.locator('.viewer [aria-live="polite"]');
    await expect.poll(() => status.textContent()).toMatch(new RegExp(`^Page \\S+ \\(1 of ${sent.pages}\\)$`));
    const packId = (await harness.session.panelPapers()).received()[0]!.deliveries[0]!.papers[0]!.id;
    const labels = await (await import('pdfjs-dist/legacy/build/pdf.mjs')).getDocument({ data: new Uint8Array((await harness.session.panelPapers()).read(packId).data) }).promise.then((d) => d.getPageLabels());
    expect(labels).not.toBeNull();
    expect(await status.textContent()).toBe(`Page ${labels![0]} (1 of ${sent.pages})`);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => status.textContent()).toBe(`Page ${labels![1]} (2 of ${sent.pages})`);
    // "Turn to …": the last page by its label, typed in lower case; a page that is not there is one sentence.
    const go = page.getByLabel(/^Go to page/);
    await go.fill(labels![sent.pages! - 1]!.toLowerCase());
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => status.textContent()).toBe(`Page ${labels![sent.pages! - 1]} (${sent.pages} of ${sent.pages})`);
    await go.fill('Z99');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: `There is no page Z99 in this file; its pages run from ${labels![0]} to ${labels![sent.pages! - 1]}` }).waitFor();
    await expectAccessible(page, 'pack in the viewer');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('heading', { level: 3, name: 'Hearing pack, DEMO-ST2-0001' }).count()).toBe(0);

    // A copy saved only when asked, with the same bytes.
    await page.getByRole('button', { name: 'Save a copy of Hearing pack, DEMO-ST2-0001, version 1' }).click();
    const saved = await page.getByText(/Hearing pack, DEMO-ST2-0001 was saved to /).textContent();
    const where = /saved to (.+\.pdf)\.$/.exec(saved!)![1]!;
    const paper = (await harness.session.panelPapers()).received()[0]!.deliveries[0]!.papers[0]!;
    expect(fs.readFileSync(where).equals((await harness.session.panelPapers()).read(paper.id).data)).toBe(true);

    // Sent again (after a late insert, say): the newer version on top, the older kept.
    const late = t.saveTo('papers-2.cwpack');
    await t.call('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk' });
    await page.getByLabel('Package (.cwpack)').setInputFiles(late);
    await page.getByRole('button', { name: 'Open the package' }).click();
    await page.getByText(/A newer version: 1 earlier package for this hearing kept/).waitFor();
    const rows = page.getByRole('table', { name: /Case DEMO-ST2-0001/ }).getByRole('rowheader');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringMatching(/^Version 2 \(newest\)/), expect.stringMatching(/^Version 1 \(earlier\)/)]);

    // After the hearing: deleted once the reference is typed exactly; a slip deletes nothing.
    const confirm = page.getByLabel('Type the case reference (DEMO-ST2-0001) to delete its papers');
    await confirm.fill('DEMO-ST2-001');
    await page.getByRole('button', { name: 'Delete the papers for case DEMO-ST2-0001' }).click();
    await page.getByRole('alert').filter({ hasText: 'To delete the papers for case DEMO-ST2-0001, type its reference exactly as shown; nothing was deleted.' }).waitFor();
    expect((await harness.session.panelPapers()).received()).toHaveLength(1);
    await expectAccessible(page, 'delete papers (refused)');
    await confirm.fill('DEMO-ST2-0001');
    await page.getByRole('button', { name: 'Delete the papers for case DEMO-ST2-0001' }).click();
    await page.getByText(/The papers for case DEMO-ST2-0001 were deleted from this store \(\d+ papers in 2 packages\)\./).waitFor();
    await page.getByText('No hearing papers yet.', { exact: false }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/were deleted from this store/);
    expect((await harness.session.panelPapers()).received()).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);

  it('the complaints team links a member to their card and sends the papers from the Hearing pack tab', async () => {
    const app: OpenApp = await openApp(browser);
    const { page, harness, problems } = app;
    await createStore(page, { demo: true });
    const s = harness.session;
    const c = s.cases().get(s.cases().list()[0]!.id);
    const docs = await s.documents();
    for (const kind of ['statement-of-complaint', 'investigation-report'] as const) {
      await docs.issue(c, kind, 'council', '2026-11-27', false);
      await (await s.bundle()).addDocument(c, kind);
    }
    (await s.bundle()).addMember(c, { name: 'Ewa Łukasiewicz-Öztürk', role: 'chair', available: [], independent: true });
    const member = await party('Ewa Łukasiewicz-Öztürk', 'other', 'Independent panel');
    await s.exchange().addContact(await member.card(), false);
    await member.call('exchange.addContact', { text: (await s.exchange().cardFile()).text, verified: true });

    await page.getByRole('button', { name: 'DEMO-ST2-0001' }).click();
    await openTab(page, 'Hearing pack');
    await page.getByRole('heading', { level: 3, name: 'Send the papers to the panel' }).waitFor();
    await page.getByLabel('Contact for Ewa Łukasiewicz-Öztürk’s papers').selectOption({ label: 'Ewa Łukasiewicz-Öztürk (fingerprint not checked)' });
    await page.getByRole('button', { name: 'Link Ewa Łukasiewicz-Öztürk' }).click();
    await page.getByText(/Ewa Łukasiewicz-Öztürk’s papers will go to the card with fingerprint/).waitFor();
    await page.getByLabel(/Investigation report \(version 1\)/).check();
    await expectAccessible(page, 'send the papers');
    // Unchecked fingerprint: refused with the sentence, nothing saved.
    await page.getByRole('button', { name: 'Send the papers to Ewa Łukasiewicz-Öztürk…' }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContainEqual(expect.stringMatching(/Check Ewa Łukasiewicz-Öztürk's fingerprint .* before sending them the papers/));
    expect(fs.readdirSync(path.join(harness.dir)).some((f) => f.endsWith('.cwpack'))).toBe(false);
    s.exchange().verifyContact('Ewa Łukasiewicz-Öztürk');
    await page.getByRole('button', { name: 'Send the papers to Ewa Łukasiewicz-Öztürk…' }).click();
    const done = await page.getByText(/The papers for Ewa Łukasiewicz-Öztürk were saved to /).textContent();
    const file = /saved to (.+\.cwpack):/.exec(done!)![1]!;
    expect(done).toMatch(/with .*investigation report/i);
    const opened = await member.call('exchange.open', { dataBase64: b64(file) });
    expect(opened.kind).toBe('panel-papers');
    expect((await member.call('papers.received', {}))[0]!.deliveries[0]!.papers).toHaveLength(2);
    await expect.poll(() => page.getByRole('cell', { name: /^1 time, last on / }).count()).toBe(1);
    expect(problems).toEqual([]);
  }, 240_000);
});
