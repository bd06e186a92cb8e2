import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JPX_PAGE, makeJpxPdf } from '../fixtures/jpxPdf';
import { makePdf } from '../fixtures/makeFiles';
import { pdfPages } from '../helpers/documents';
import { watchConsole } from '../e2e/browser';
import { createStore } from '../e2e/app';

/**
 * The real app, under Electron, driven by Playwright: the development build (Electron from node_modules) or a
 * packaged one (CASEWRIGHT_ELECTRON_APP; see scripts/test-electron.mjs). The native file dialogs are answered
 * from the main process (Playwright's evaluate there), with files in a temporary folder; settings go to a
 * temporary user-data folder. Where Electron cannot be started this suite fails rather than skips: run it through
 * `npm run test:electron`, which says it did not run instead.
 */

interface Target {
  ok: boolean;
  reason?: string;
  kind?: 'development' | 'packaged';
  executablePath?: string;
  args?: string[];
}
const runner = (await import(/* @vite-ignore */ new URL('../../scripts/test-electron.mjs', import.meta.url).href)) as { currentSmokeTarget(): Target; notRunMessage(r: string): string };

let app: ElectronApplication;
let page: Page;
let problems: string[];
let dir: string;

beforeAll(async () => {
  const target = runner.currentSmokeTarget();
  if (!target.ok) throw new Error(runner.notRunMessage(target.reason ?? 'Electron is not available'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-electron-'));
  fs.mkdirSync(path.join(dir, 'exports'));
  fs.mkdirSync(path.join(dir, 'config'));
  app = await _electron.launch({
    executablePath: target.executablePath!,
    args: [...target.args!, `--user-data-dir=${path.join(dir, 'user-data')}`],
    // XDG_CONFIG_HOME keeps electron-store's settings out of the real profile on Linux as well.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'config'), ELECTRON_ENABLE_LOGGING: '0' } as Record<string, string>,
    timeout: 120_000,
  });
  page = await app.firstWindow();
  problems = watchConsole(page);
  // The native dialogs, answered from the main process: a store file and an exports folder in `dir`.
  await app.evaluate(({ dialog }, d) => {
    const join = (...p: string[]) => p.join('/').replace(/\/+/g, '/');
    dialog.showSaveDialog = (async (...a: unknown[]) => {
      const options = (a.length > 1 ? a[1] : a[0]) as { defaultPath?: string };
      const name = (options.defaultPath ?? 'file').split(/[\\/]/).pop()!;
      return { canceled: false, filePath: name.endsWith('.cwstore') ? join(d, 'smoke.cwstore') : join(d, 'exports', name) };
    }) as typeof dialog.showSaveDialog;
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [join(d, 'exports')] })) as typeof dialog.showOpenDialog;
  }, dir);
}, 180_000);

afterAll(async () => {
  await app?.close().catch(() => {});
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Casewright under Electron', () => {
  it('runs hardened: sandboxed renderer, no Node in the page, the UI from app://casewright', async () => {
    await page.getByRole('heading', { level: 1, name: 'Casewright' }).waitFor();
    expect(page.url()).toBe('app://casewright/index.html');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { casewright: object }).casewright).length)).toBeGreaterThan(10);
  });

  it('creates a store with the demo case, views a PDF attachment, exports a document and locks', async () => {
    const storePath = await createStore(page, { demo: true });
    expect(storePath).toBe(path.join(dir, 'smoke.cwstore').replaceAll('\\', '/'));
    expect(fs.existsSync(path.join(dir, 'smoke.cwstore'))).toBe(true);
    await page.getByRole('button', { name: 'DEMO-ST2-0001' }).click();

    // A PDF held in the store, shown by pdf.js in the sandboxed renderer (worker and WebAssembly under the CSP).
    await page.getByRole('tab', { name: 'Evidence' }).click();
    const pdf = await makePdf([['Smoke test, page one.'], ['Smoke test, page two.']]);
    await page.locator('input[type=file][multiple]').setInputFiles({ name: 'smoke.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByText('Added smoke.pdf to the evidence register.').waitFor();
    await page.getByRole('button', { name: /^View E\d+$/ }).last().click();
    await page.getByText('Page 1 of 2').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await page.getByRole('button', { name: 'Close the viewer' }).click();

    // A scanned page stored as JPEG 2000: drawn only if pdf.js's WebAssembly runs under app://'s CSP.
    await page.locator('input[type=file][multiple]').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: await makeJpxPdf() });
    await page.getByText('Added scan.pdf to the evidence register.').waitFor();
    await page.getByRole('button', { name: /^View E\d+$/ }).last().click();
    await page.getByText('Page 1 of 1').waitFor();
    const { x, y, width, height } = JPX_PAGE.image;
    await expect
      .poll(() =>
        page.locator('canvas.pdf-page').evaluate((c: HTMLCanvasElement, [px, py, w, h]) => Array.from(c.getContext('2d')!.getImageData(Math.round((px * c.width) / w), Math.round(((h - py) * c.height) / h), 1, 1).data.slice(0, 3)), [x + width / 4, y + height / 2, JPX_PAGE.width, JPX_PAGE.height] as const),
      )
      .toEqual([expect.toSatisfy((r: number) => r > 180), expect.toSatisfy((g: number) => g < 80), expect.toSatisfy((b: number) => b < 80)]);
    await page.getByRole('button', { name: 'Close the viewer' }).click();

    // A document exported through the (answered) save dialog, and readable.
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page.getByRole('button', { name: 'Export as PDF' }).click();
    await page.getByText(/Saved .*\.pdf/).waitFor();
    const exported = fs.readdirSync(path.join(dir, 'exports')).filter((f) => f.endsWith('.pdf'));
    expect(exported).toHaveLength(1);
    expect((await pdfPages(fs.readFileSync(path.join(dir, 'exports', exported[0]!)))).flat().join(' ')).toContain('Investigation report');

    // Locking leaves nothing of the case on screen.
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { level: 1, name: 'Casewright' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain('Kieran');
    expect(problems).toEqual([]);
  });
});
