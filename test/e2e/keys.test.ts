import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { party } from '../unit/exchange/parties';
import { closeApps, createStore, openApp } from './app';
import { expectAccessible, launch } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

describe('lost laptops and new keys, in the browser', () => {
  it('adds an IO’s new card (the old one stops being trusted), stops trusting a card by hand, and makes new keys', async () => {
    const { page, harness, problems } = await openApp(browser);
    await createStore(page);
    // The IO, in this process: first card, then new keys after a theft.
    const io = await party('Zofia Wójcik-O’Neill', 'investigating officer', 'Ó Briain & Wójcik', { demo: true });
    const card1 = io.saveTo('io-1.cwid');
    await io.call('exchange.exportCard', {});
    const oldFpr = (await io.call('exchange.identity', {})).fingerprint;
    await io.call('exchange.addContact', { text: (await harness.session.exchange().cardFile()).text, verified: true });
    const draft = io.saveTo('draft.cwpack');
    await io.call('review.send', { caseId: (await io.firstCase()).id, to: 'Alex Morgan' });
    const fresh = await io.call('exchange.newKeys', { reason: 'laptop stolen' });
    const card2 = io.saveTo('io-2.cwid');
    await io.call('exchange.exportCard', {});

    await page.getByRole('button', { name: 'Review exchange' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review exchange' }).waitFor();
    await page.getByLabel('Contact card (.cwid)').setInputFiles(card1);
    await page.getByLabel(/I have read the fingerprint with this person/).check();
    await page.getByRole('button', { name: 'Add the contact' }).click();
    await page.getByText(/Zofia Wójcik-O’Neill was added and marked as checked/).waitFor();
    // The new card: it replaces the old one, which is then shown as no longer trusted, with the reason.
    await page.getByLabel('Contact card (.cwid)').setInputFiles(card2);
    await page.getByLabel(/I have read the fingerprint with this person/).uncheck();
    await page.getByRole('button', { name: 'Add the contact' }).click();
    await page.getByText(`This card replaces their earlier card ${oldFpr}, which is no longer trusted.`, { exact: false }).waitFor();
    const contacts = page.getByRole('table', { name: 'People you exchange packages with' });
    await expect.poll(() => contacts.textContent()).toContain(`No longer trusted since `);
    expect(await contacts.textContent()).toContain(`(replaced by their new card ${fresh.fingerprint})`);
    // The draft signed with the stolen key is refused with the reason; there is no "open it anyway".
    await page.getByLabel('Package (.cwpack)').setInputFiles(draft);
    await page.getByRole('button', { name: 'Open the package' }).click();
    await page.getByText(/This package is signed with a card you no longer trust/).waitFor();
    expect(await page.getByRole('button', { name: /open it/i }).count()).toBe(0);
    expect(harness.session.cases().list()).toEqual([]);
    await expectAccessible(page, 'exchange after a replaced card');

    // Stopping trust by hand: a reason is needed, and the card is then shown as no longer trusted.
    await page.getByRole('button', { name: `Stop trusting Zofia Wójcik-O’Neill's card ${fresh.fingerprint}…` }).click();
    await page.getByRole('heading', { level: 3, name: 'Stop trusting Zofia Wójcik-O’Neill\'s card' }).waitFor();
    await page.getByRole('button', { name: 'Stop trusting this card' }).click();
    await page.getByRole('alert').filter({ hasText: /Say why this card is no longer trusted/ }).waitFor();
    await expectAccessible(page, 'stop trusting (refused)');
    await page.getByLabel('Why this card is no longer trusted').fill('she rang: her new laptop was stolen too');
    await page.getByRole('button', { name: 'Stop trusting this card' }).click();
    await page.getByText(`Zofia Wójcik-O’Neill's card ${fresh.fingerprint} is no longer trusted: nothing will be sent to it or opened from it.`).waitFor();
    // The form has gone: the keyboard is taken to the message, not left nowhere.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('is no longer trusted: nothing will be sent to it');
    await expect.poll(() => contacts.textContent()).toContain('(she rang: her new laptop was stolen too)');
    expect(await page.getByRole('button', { name: /^Stop trusting Zofia/ }).count()).toBe(0);

    // This store's own new keys: a reason is needed; the earlier card is listed after.
    const before = (await harness.session.exchange().identity()).fingerprint;
    await page.getByRole('button', { name: 'Make new keys…' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Make new keys');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Make new keys…');
    await page.getByRole('button', { name: 'Make new keys…' }).click();
    await page.getByRole('button', { name: 'Make new keys now' }).click();
    await page.getByRole('alert').filter({ hasText: /Say why the keys are being replaced/ }).waitFor();
    await page.getByLabel('Why the keys are being replaced').fill('backup disk lost in Kraków');
    await page.getByRole('button', { name: 'Make new keys now' }).click();
    await expect.poll(async () => (await harness.session.exchange().identity()).fingerprint).not.toBe(before);
    const mine = await harness.session.exchange().identity();
    await page.getByText(`New keys made. Your new fingerprint: ${mine.fingerprint}.`, { exact: false }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('New keys made.');
    await page.getByText(/replaced on \d{4}-\d\d-\d\d \(backup disk lost in Kraków\)\. Packages sent to it still open here\./).waitFor();
    await expectAccessible(page, 'exchange after new keys');
    expect(problems).toEqual([]);
  }, 180_000);
});
