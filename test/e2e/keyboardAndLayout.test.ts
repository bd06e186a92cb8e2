import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/server';
import { closeApps, createStore, openApp } from './app';
import { expectAccessible, launch } from './browser';

/** Issue 11, keyboard and layout: from a blank store with the demo case. */
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

const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('keyboard and layout', () => {
  it('Escape closes the evidence viewer and puts focus back on the button that opened it', async () => {
    await createStore(page, { demo: true });
    await page.getByRole('button', { name: 'DEMO-ST2-0001' }).click();
    await page.getByRole('tab', { name: 'Evidence' }).click();
    const view = page.getByRole('button', { name: /^View E/ }).first();
    await view.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Close the viewer' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Close the viewer' }).count()).toBe(0);
    await expect.poll(() => view.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('Shift+Tab in a bullet list leaves the editor and leaves the list as it was', async () => {
    await page.getByRole('tab', { name: 'Interviews' }).click();
    const notes = page.getByRole('textbox', { name: 'Interview 1: notes', exact: true });
    await notes.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- Keyboard list item');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => notes.evaluate((el) => el.contains(document.activeElement))).toBe(false);
    const saved = () => {
      const cases = harness.session.cases();
      return JSON.stringify(cases.get(cases.list()[0]!.id).record.interviews[0]!.notes);
    };
    // Still a list item: Shift+Tab moved focus on, it did not lift the item out of the list.
    await expect.poll(saved).toMatch(/"type":"bulletList".*Keyboard list item/);
  });

  it('pasting from Word keeps lists, tables and web links, drops a link to a file, and breaks no Content-Security-Policy rule', async () => {
    await page.getByRole('tab', { name: 'Findings' }).click();
    const box = page.getByRole('textbox', { name: 'Point 1: analysis', exact: true });
    await box.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    // What Word puts on the clipboard: its classes, inline styles, <o:p> and a table with widths.
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal { margin: 0 }</style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--></head><body lang=EN-GB>
      <p class=MsoNormal style="margin-bottom:0cm">Pasted from Word: see <a href="https://www.gov.uk/government/publications/working-together-to-safeguard-children--2">Working Together</a> and <a href="file:///C:/Users/io/Desktop/notes.docx">my notes</a>.<o:p></o:p></p>
      <ul style="margin-top:0cm"><li class=MsoListParagraph style="mso-list:l0 level1 lfo1">First pasted item</li><li class=MsoListParagraph>Second pasted item</li></ul>
      <table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style="border-collapse:collapse;border:none;width:450pt">
        <tr><td width=150 style="width:112pt;border:solid windowtext 1.0pt"><p class=MsoNormal><b>Date</b></p></td><td width=300 style="width:338pt"><p class=MsoNormal><b>What happened</b></p></td></tr>
        <tr><td style="width:112pt"><p class=MsoNormal>3 May 2026</p></td><td style="width:338pt"><p class=MsoNormal style="text-align:center">Visit <i>cancelled</i></p></td></tr>
      </table></body></html>`;
    await box.evaluate((el, h) => {
      const data = new DataTransfer();
      data.setData('text/html', h);
      data.setData('text/plain', 'Pasted from Word');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
    await page.getByRole('tab', { name: 'Findings' }).focus();
    const analysis = () => {
      const cases = harness.session.cases();
      const c = cases.list().find((x) => x.reference === 'DEMO-ST2-0001')!;
      return JSON.stringify(cases.get(c.id).record.findings['point-1']!.analysis);
    };
    await expect.poll(analysis).toContain('"type":"table"');
    const saved = analysis();
    expect(saved).toMatch(/"type":"bulletList".*First pasted item.*Second pasted item/);
    expect(saved).toMatch(/"type":"table".*"type":"tableCell".*Date.*What happened.*"type":"tableCell".*3 May 2026.*Visit/);
    expect(saved).toContain('"href":"https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"');
    // The link to a file on the writer's disk keeps its words only; Word's styles and widths are not kept.
    expect(saved).toContain('my notes');
    expect(saved).not.toContain('file:');
    expect(saved).not.toMatch(/style|width|Mso/i);
    await box.locator('table').waitFor();
    await expectAccessible(page, 'findings with a pasted table');
    // The council's preview shows the table as a table; Word's bold first row is its header.
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByLabel('Full version for the council').check();
    const preview = page.getByRole('article', { name: /Preview of the Investigation report/ });
    await preview.getByRole('columnheader', { name: 'What happened' }).waitFor();
    await preview.getByRole('cell', { name: 'Visit cancelled' }).waitFor();
    // No "Refused to apply inline style" (or any other) console error.
    expect(problems).toEqual([]);
  });

  it('the Overview does not scroll sideways at 1366 px, and the search box and Lock stay on screen at 640 px', async () => {
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('heading', { level: 2, name: 'Commissioning council' }).waitFor();
    await expect.poll(sideways).toBe(0);
    await page.setViewportSize({ width: 640, height: 800 });
    await expect.poll(sideways).toBe(0);
    for (const el of [page.getByLabel('Search all cases'), page.getByRole('button', { name: 'Lock' })]) {
      const box = (await el.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(640);
    }
    await expectAccessible(page, 'overview at 640 px');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
