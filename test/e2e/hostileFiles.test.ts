import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elfExecutable } from '../fixtures/hostileFiles';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp } from './app';
import { launch } from './browser';

let browser: Browser;
let harness: Harness;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page, harness } = await openApp(browser));
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

describe('huge and hostile evidence files in the app (issue 9)', () => {
  it('says when only part of a file is searchable, and refuses a program named .txt with its sentence', async () => {
    await createStore(page, { demo: true });
    await page.getByRole('button', { name: 'DEMO-ST2-0001' }).click();
    await page.getByRole('tab', { name: 'Evidence' }).click();
    await page.getByRole('heading', { level: 2, name: 'Evidence register' }).waitFor();
    const input = page.locator('input[type=file][multiple]');
    await input.setInputFiles({ name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.from('careful record keeping matters '.repeat(70_000)) });
    await page.getByText('Added long.txt to the evidence register. Only the first 2 million characters of this file are searchable.').waitFor();
    await input.setInputFiles({ name: 'program.txt', mimeType: 'text/plain', buffer: elfExecutable() });
    await page.getByText('program.txt is a program, not a text file, so it was not added; the evidence register does not keep programs, so describe it in the register instead.').waitFor();
    const files = harness.session.attachments().list(harness.session.cases().list()[0]!.id).map((f) => f.fileName);
    expect(files).toContain('long.txt');
    expect(files).not.toContain('program.txt');
  });
});
