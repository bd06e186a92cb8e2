import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/server';
import { b64, party } from '../unit/exchange/parties';
import { closeApps, createStore, openApp } from './app';
import { expectAccessible, launch } from './browser';

let browser: Browser;
let page: Page;
let harness: Harness;
let problems: string[];

beforeAll(async () => {
  browser = await launch();
  ({ page, harness, problems } = await openApp(browser));
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

const savedPath = async (p: Page, pattern: RegExp) => {
  const text = await p.getByText(pattern).textContent();
  return /saved as a package to (.+\.cwpack)\./.exec(text!)![1]!;
};

describe('the investigating officer’s side of a review, in the browser (issue 14)', () => {
  it('sends a draft with a ticked file, opens the reply, resolves each comment beside its paragraph, sends draft 2 with what changed, and hands the case over', async () => {
    await createStore(page, { demo: true });
    const ip = await party('Dr Femi Adebayo', 'independent person', 'Independent person');
    await ip.call('exchange.addContact', { text: (await harness.session.exchange().cardFile()).text, verified: true });
    const ipCard = ip.saveTo('femi.cwid');
    await ip.call('exchange.exportCard', {});

    await page.getByRole('button', { name: 'Review exchange' }).click();
    await page.getByLabel('Contact card (.cwid)').setInputFiles(ipCard);
    await page.getByLabel(/I have read the fingerprint with this person/).check();
    await page.getByRole('button', { name: 'Add the contact' }).click();
    await page.getByText(/Dr Femi Adebayo was added and marked as checked/).waitFor();

    await page.getByRole('button', { name: 'Cases' }).click();
    await page.getByRole('button', { name: /DEMO-ST2-0001/ }).first().click();
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Send the next draft for review' }).waitFor();
    await page.getByLabel('Send to').selectOption({ label: 'Dr Femi Adebayo, Independent person (independent person)' });
    await page.getByLabel(/^E4:/).check();
    await page.getByRole('button', { name: 'Issue the next draft and send it' }).click();
    const draft1 = await savedPath(page, /Draft 1 was issued and saved as a package to /);
    await expectAccessible(page, 'review tab of the investigating officer');

    // The IP, in this process, comments and disagrees.
    const opened = await ip.call('exchange.open', { dataBase64: b64(draft1) });
    expect(opened.held).toContain('1 files');
    const model = (await ip.call('review.draft', { caseId: opened.caseId! })).model;
    const para = model.blocks.findIndex((b) => b.type === 'paragraph' && b.runs.map((r) => r.text).join('').startsWith('Zoë Ó Súilleabháin-Nowak complains'));
    await ip.call('review.comment', { caseId: opened.caseId!, on: `para:${para}`, text: 'Say “on behalf of Kieran”.', suggested: 'Ms Ó Súilleabháin-Nowak complains on behalf of Kieran.' });
    await ip.call('review.position', { caseId: opened.caseId!, point: '1', stance: 'disagree', reason: 'A telephone meeting is recorded.' });
    const reply = ip.saveTo('reply.cwpack');
    await ip.call('review.reply', { caseId: opened.caseId!, to: harness.session.requireStore().meta('created_by')! });

    // The IO opens the reply and sees the comment beside its paragraph.
    await page.getByRole('button', { name: 'Review exchange' }).click();
    await page.getByLabel('Package (.cwpack)').setInputFiles(reply);
    await page.getByRole('button', { name: 'Open the package' }).click();
    await page.getByRole('button', { name: 'Go to case DEMO-ST2-0001' }).click();
    await page.getByRole('heading', { name: 'Comments' }).waitFor();
    const comment = page.locator('.review-comments > li').first();
    expect(await comment.textContent()).toContain(`Paragraph ${para}: Say “on behalf of Kieran”.`);
    // Beside it, the paragraph of draft 1 it is about.
    expect(await page.getByLabel(`Paragraph ${para} of draft 1`).textContent()).toMatch(/^Zoë Ó Súilleabháin-Nowak complains, on behalf of her son/);
    expect(await page.getByRole('table', { name: 'Where each finding stands with the independent person' }).textContent()).toContain('Not agreed: A telephone meeting is recorded.');
    // Declined needs a reason: one sentence, nothing saved.
    await comment.getByLabel(/How it was resolved/).selectOption('declined');
    await comment.getByRole('button', { name: 'Save the resolution' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Problem: Say why the suggestion was declined.');
    await comment.getByLabel(/How it was resolved/).selectOption('changed as suggested');
    await comment.getByRole('button', { name: 'Save the resolution' }).click();
    await page.getByText('Resolution saved; it goes back with the next draft.').waitFor();
    await expect.poll(() => comment.textContent()).toContain('Status: Changed as suggested (goes with the next draft)');

    // Draft 2 goes out; what changed is shown word by word.
    await page.getByLabel('Send to').selectOption({ label: 'Dr Femi Adebayo, Independent person (independent person)' });
    await page.getByRole('button', { name: 'Issue the next draft and send it' }).click();
    const draft2 = await savedPath(page, /Draft 2 was issued and saved as a package to /);
    await page.getByRole('heading', { name: 'What changed in draft 2' }).waitFor();
    await expectAccessible(page, 'review tab with the comparison of two drafts');
    const second = await ip.call('exchange.open', { dataBase64: b64(draft2) });
    expect(second.held).toContain('1 of your comments resolved');
    expect((await ip.call('review.state', { caseId: second.caseId! })).comments[0]?.resolution).toMatchObject({ as: 'changed as suggested', inDraft: 2 });

    // The case handed over to the council, where it opens read-only.
    const council = await party('Harrowfield Complaints Team', 'council', 'Harrowfield Borough Council');
    await council.call('exchange.addContact', { text: (await harness.session.exchange().cardFile()).text, verified: true });
    const councilCard = council.saveTo('council.cwid');
    await council.call('exchange.exportCard', {});
    await page.getByRole('button', { name: 'Review exchange' }).click();
    await page.getByLabel('Contact card (.cwid)').setInputFiles(councilCard);
    await page.getByLabel(/I have read the fingerprint with this person/).check();
    await page.getByRole('button', { name: 'Add the contact' }).click();
    await page.getByText(/Harrowfield Complaints Team was added and marked as checked/).waitFor();
    await page.getByRole('button', { name: 'Cases' }).click();
    await page.getByRole('button', { name: /DEMO-ST2-0001/ }).first().click();
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByLabel('Council contact').selectOption({ label: 'Harrowfield Complaints Team, Harrowfield Borough Council' });
    await page.getByRole('button', { name: 'Hand the case over' }).click();
    const handoverText = await page.getByText(/The whole case was saved as a package to /).textContent();
    const handover = /saved as a package to (.+\.cwpack)\./.exec(handoverText!)![1]!;
    const received = await council.call('exchange.open', { dataBase64: b64(handover) });
    expect(received.held).toContain('Kept read-only');
    expect((await council.call('cases.get', { id: received.caseId! })).record.handover).toMatchObject({ fingerprint: (await harness.session.exchange().identity()).fingerprint });
    expect(problems).toEqual([]);
  }, 180_000);
});
