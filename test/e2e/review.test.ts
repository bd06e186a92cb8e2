import fs from 'node:fs';
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

describe('the independent person’s side of a review, in the browser (issue 14)', () => {
  it('adds the IO’s card, checks the sender, opens the draft, comments on a paragraph, disagrees with a finding and sends the reply', async () => {
    // The IP's store, in the browser.
    await createStore(page);
    await page.getByRole('button', { name: 'Review exchange' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review exchange' }).waitFor();
    await page.getByLabel('Your name as others see it').fill('Dr Femi Adebayo');
    await page.getByLabel('Your role in reviews').selectOption('independent person');
    await page.getByRole('button', { name: 'Save your details' }).click();
    await page.getByText('Your card now shows these details.').waitFor();
    await expectAccessible(page, 'review exchange');

    // The IO's store, in this process, sends draft 1 to the IP's card.
    const io = await party('Zofia Wójcik-O’Neill', 'investigating officer', 'Ó Briain & Wójcik Investigations', { demo: true });
    await io.call('exchange.addContact', { text: (await harness.session.exchange().cardFile()).text, verified: true });
    // Point 2 has a finding, so the IP has two findings to take a position on.
    const ioCase = await io.call('cases.get', { id: (await io.firstCase()).id });
    await io.call('cases.update', { id: ioCase.id, revision: ioCase.revision, record: { ...ioCase.record, findings: { ...ioCase.record.findings, 'point-2': { ...ioCase.record.findings['point-2'], finding: 'not upheld' } } } });
    const draftFile = io.saveTo('draft-1.cwpack');
    await io.call('review.send', { caseId: ioCase.id, to: 'Dr Femi Adebayo' });
    const ioCard = io.saveTo('zofia.cwid');
    await io.call('exchange.exportCard', {});
    const ioFingerprint = (await io.call('exchange.identity', {})).fingerprint;

    // The IP adds the IO's card without checking it yet; opening the package then shows who signed it.
    await page.getByLabel('Contact card (.cwid)').setInputFiles(ioCard);
    await page.getByRole('button', { name: 'Add the contact' }).click();
    await page.getByText(`Zofia Wójcik-O’Neill was added. Their fingerprint: ${ioFingerprint}.`).waitFor();
    await page.getByLabel('Package (.cwpack)').setInputFiles(draftFile);
    await page.getByRole('button', { name: 'Open the package' }).click();
    await page.getByRole('heading', { name: 'Check who sent this package' }).waitFor();
    expect(await page.locator('section.item-card').textContent()).toContain(ioFingerprint);
    await expectAccessible(page, 'sender check');
    await page.getByRole('button', { name: 'Do not open it' }).click();
    expect(harness.session.cases().list()).toEqual([]);
    // Fingerprint read over the phone: marked as checked, and the package opens.
    await page.getByRole('button', { name: 'Mark Zofia Wójcik-O’Neill as checked' }).click();
    await page.getByText('Zofia Wójcik-O’Neill\'s fingerprint is marked as checked.').waitFor();
    await page.getByRole('button', { name: 'Open the package' }).click();
    await page.getByText('Opened a draft for review from Zofia Wójcik-O’Neill into case DEMO-ST2-0001.').waitFor();
    // Opening it again is refused with the date it was opened.
    await page.getByRole('button', { name: 'Open the package' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Problem: This package was already opened on .* \(case DEMO-ST2-0001\); nothing was changed\.$/);

    // The case, on its Review tab: the draft as it will be read.
    await page.getByRole('button', { name: 'Cases' }).click();
    await page.getByRole('button', { name: /DEMO-ST2-0001/ }).first().click();
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Draft 1 as it will be read' }).waitFor();
    const item = page.locator('.draft-block', { hasText: 'Zoë Ó Súilleabháin-Nowak complains, on behalf of her son' });
    await item.getByRole('button').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('review-comment-text');
    await page.keyboard.type('Say who agreed the move — “đã đồng ý” is not in the notes.');
    await page.getByLabel('Suggested wording (optional)').fill('Ms Ó Súilleabháin-Nowak complains on behalf of Kieran.');
    await page.getByRole('button', { name: 'Add the comment' }).click();
    await page.getByText('Comment added; it goes back with your next reply.').waitFor();
    await expect.poll(() => item.textContent()).toContain('Your comment: Say who agreed the move');

    // Until the reply goes, a comment can be changed or withdrawn: one on point 2 is added and withdrawn, the
    // paragraph's comment is reworded.
    await page.getByLabel('What the comment is on').selectOption({ label: 'Point 2' });
    await page.getByLabel('Comment', { exact: true }).fill('Typo in the point — ignore.');
    await page.getByRole('button', { name: 'Add the comment' }).click();
    await page.getByText('Comment added; it goes back with your next reply.').waitFor();
    await page.getByRole('button', { name: 'Withdraw the comment on point 2' }).click();
    await expectAccessible(page, 'withdrawing a comment');
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await page.getByText('Your comment on point 2 was withdrawn.').waitFor();
    await page.getByRole('button', { name: /^Change the comment on paragraph \d+$/ }).click();
    const edit = page.getByLabel(/^Your comment on paragraph \d+$/);
    await edit.fill('Say who agreed the move, and when — “đã đồng ý” is not in the notes.');
    await expectAccessible(page, 'changing a comment');
    await page.getByRole('button', { name: 'Save the comment' }).click();
    await page.getByText(/Your comment on paragraph \d+ was changed; it goes back with your next reply\./).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Comments' }).textContent()).toMatch(/and when — .*Not sent back yet\./);

    // A disagreement with the finding on point 1, agreement with point 2.
    await page.getByRole('group', { name: /Finding on point 1:/ }).getByLabel('I disagree').check();
    await page.getByLabel('Reason for point 1').fill('A telephone meeting on 21 April is recorded; I would partly uphold this.');
    await page.getByRole('button', { name: 'Save my position on point 1' }).click();
    await page.getByText('Your position on point 1 is saved.').waitFor();
    await page.getByRole('group', { name: /Finding on point 2:/ }).getByLabel('I agree').check();
    await page.getByRole('button', { name: 'Save my position on point 2' }).click();
    await page.getByText('Your position on point 2 is saved.').waitFor();
    await expectAccessible(page, 'review tab of the independent person');

    // The reply goes back, and the IO's store reads it.
    await page.getByLabel('Send to').selectOption({ label: 'Zofia Wójcik-O’Neill, Ó Briain & Wójcik Investigations (investigating officer)' });
    await page.getByRole('button', { name: 'Send comments back' }).click();
    const sent = await page.getByText(/Your comments and positions were saved as a package to /).textContent();
    const replyPath = /saved as a package to (.+\.cwpack)\./.exec(sent!)![1]!;
    expect(fs.existsSync(replyPath)).toBe(true);
    await io.call('exchange.open', { dataBase64: b64(replyPath) });
    const state = await io.call('review.state', { caseId: (await io.firstCase()).id });
    expect(state.comments.map((c) => [c.text, c.suggested])).toEqual([['Say who agreed the move, and when — “đã đồng ý” is not in the notes.', 'Ms Ó Súilleabháin-Nowak complains on behalf of Kieran.']]);
    // Sent: the list says so, and offers no change.
    await expect.poll(() => page.getByRole('region', { name: 'Comments' }).textContent()).toMatch(/Sent back on /);
    expect(await page.getByRole('button', { name: /^Change the comment on/ }).count()).toBe(0);
    expect(state.findings.slice(0, 2).map((f) => f.state)).toEqual(['disagreed', 'agreed']);
    expect(problems).toEqual([]);
  }, 180_000);
});
