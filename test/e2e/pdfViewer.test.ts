import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JPX_PAGE, makeJpxPdf } from '../fixtures/jpxPdf';
import { closeApps, createStore, openApp } from './app';
import { launch } from './browser';

let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  browser = await launch();
  ({ page, problems } = await openApp(browser));
});

afterAll(async () => {
  await browser?.close();
  await closeApps();
});

/** The colour of the viewer's canvas at a point of the PDF page (points, origin bottom left). */
async function colourAt(p: Page, x: number, y: number): Promise<[number, number, number]> {
  return p.locator('canvas.pdf-page').evaluate(
    (canvas: HTMLCanvasElement, [px, py, pageW, pageH]) => {
      const sx = canvas.width / pageW;
      const sy = canvas.height / pageH;
      const d = canvas.getContext('2d')!.getImageData(Math.round(px * sx), Math.round((pageH - py) * sy), 1, 1).data;
      return [d[0]!, d[1]!, d[2]!] as [number, number, number];
    },
    [x, y, JPX_PAGE.width, JPX_PAGE.height] as const,
  );
}

describe('the PDF viewer', () => {
  it('shows a JPEG 2000 scan (pdf.js WebAssembly under the app\'s CSP, sent as a header as app:// does)', async () => {
    await createStore(page, { demo: true });
    await page.getByRole('button', { name: 'DEMO-ST2-0001' }).click();
    await page.getByRole('tab', { name: 'Evidence' }).click();
    await page.locator('input[type=file][multiple]').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: await makeJpxPdf() });
    await page.getByText('Added scan.pdf to the evidence register.').waitFor();
    await page.getByRole('button', { name: /^View E\d+$/ }).last().click();
    await page.getByText('Page 1 of 1').waitFor();
    const { x, y, width, height } = JPX_PAGE.image;
    // Left half red, right half blue: only if openjpeg decoded the image (a failed decode leaves the page white).
    await expect.poll(() => colourAt(page, x + width / 4, y + height / 2)).toEqual([expect.toSatisfy((r: number) => r > 180), expect.toSatisfy((g: number) => g < 80), expect.toSatisfy((b: number) => b < 80)]);
    const [r, g, b] = await colourAt(page, x + (3 * width) / 4, y + height / 2);
    expect(r).toBeLessThan(80);
    expect(g).toBeLessThan(100);
    expect(b).toBeGreaterThan(180);
    expect(problems).toEqual([]);
  });
});
