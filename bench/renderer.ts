import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { CHROMIUM, launch } from '../test/e2e/browser';
import { WEB_RENDERER_DIR, buildRendererForWeb, startHarness } from '../test/harness/server';
import { goal } from './goals';
import { ms, sampleMeasured } from './stats';

/**
 * The window's first screen: the built renderer (the same Vite settings as the app's) served by the test
 * harness to Debian's Chromium, against a trivial page (one button) from the same server, which loads the
 * harness's bridge script as the app's page does (it stands in for Electron's preload). Each sample is a new
 * browser context (nothing cached; the harness sends no-store); the figure is the page's own clock from the
 * start of navigation until the first button is in the page, which for the app is the unlock screen ready for
 * input (React attaches its handlers before it shows it).
 */
export async function benchRenderer(): Promise<string[]> {
  if (!fs.existsSync(CHROMIUM)) {
    goal({ measure: 'the unlock screen interactive, against a trivial page', figure: 'Chromium is not installed here', goal: 'within 1.5×', met: null });
    return ['## The window', '', 'Not measured: Chromium is not installed here.', ''];
  }
  await buildRendererForWeb();
  fs.writeFileSync(path.join(WEB_RENDERER_DIR, 'trivial.html'), '<!doctype html>\n<html lang="en-GB"><head><meta charset="UTF-8"><script src="/__bridge.js"></script><title>Trivial</title></head><body><main><button type="button">Continue</button></main></body></html>\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-bench-ui-'));
  const harness = await startHarness({ dir, today: '2026-11-27' });
  let browser: Browser | null = null;
  try {
    browser = await launch();
    const b = browser;
    const firstButton = async (url: string) => {
      const context = await b.newContext();
      try {
        const page = await context.newPage();
        await page.goto(url, { waitUntil: 'commit' });
        const at = await page.waitForFunction(() => (document.querySelector('button:not([disabled])') ? performance.now() : 0), null, { polling: 'raf', timeout: 30_000 });
        return (await at.jsonValue()) as number;
      } finally {
        await context.close();
      }
    };
    const trivialUrl = new URL('/trivial.html', harness.url).href;
    const pairs: { app: number; trivial: number }[] = [];
    const both = async () => {
      const trivial = await firstButton(trivialUrl);
      const app = await firstButton(harness.url);
      pairs.push({ trivial, app });
      return app;
    };
    const app = await sampleMeasured(9, 2, both);
    const measured = pairs.slice(2);
    const trivialSorted = measured.map((p) => p.trivial).sort((a, b2) => a - b2);
    const trivial = { p50: trivialSorted[Math.ceil(trivialSorted.length / 2) - 1]!, p95: trivialSorted[trivialSorted.length - 1]! };
    const ratio = app.p50 / trivial.p50;

    // What the unlock screen loaded, and what it did not: pdf.js and the editor come with their screens.
    const context = await b.newContext();
    const page = await context.newPage();
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Create a new case store' }).waitFor();
    await page.waitForTimeout(300);
    const loadedAtUnlock = (await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))) as string[];
    await context.close();
    const assets = fs.readdirSync(path.join(WEB_RENDERER_DIR, 'assets'));
    const size = (f: string) => fs.statSync(path.join(WEB_RENDERER_DIR, 'assets', f)).size;
    const js = assets.filter((f) => /\.m?js$/.test(f));
    const entry = js.filter((f) => /^index-/.test(f));
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    const heavy = js.filter((f) => /^(FileViewer|RichTextField|pdf\.worker)/.test(f));
    const heavyLoaded = heavy.filter((f) => loadedAtUnlock.some((u) => u.endsWith(f)));
    goal({
      measure: 'the unlock screen interactive, against a trivial page in the same Chromium',
      figure: `${ms(app.p50)} (p95 ${ms(app.p95)}, n=${app.n}) = ${ratio.toFixed(2)}× the trivial page (${ms(trivial.p50)})`,
      goal: 'within 1.5×',
      met: ratio <= 1.5,
    });
    goal({
      measure: 'the PDF viewer (pdf.js) and the editor (TipTap) loaded when first needed',
      figure: heavyLoaded.length === 0 ? `none of ${heavy.join(', ')} loaded with the unlock screen` : `loaded with the unlock screen: ${heavyLoaded.join(', ')}`,
      goal: 'not loaded by the unlock screen',
      met: heavyLoaded.length === 0,
    });
    return [
      '## The window',
      '',
      'The built renderer (minified, split) in Debian\'s Chromium through the test harness, each sample in a new browser context; the time is the page\'s own clock from navigation to its first enabled button.',
      '',
      '| measure | median | p95 | samples |',
      '|---|---|---|---|',
      `| a trivial page (one button, and the harness's bridge script as the app's page has) | ${ms(trivial.p50)} | ${ms(trivial.p95)} | ${measured.length} |`,
      `| the unlock screen ready for input | ${ms(app.p50)} | ${ms(app.p95)} | ${app.n} |`,
      `| ratio: unlock screen ÷ trivial page (goal ≤ 1.5×) | ${ratio.toFixed(2)}× | | |`,
      '',
      `Bundle: the unlock screen loads ${entry.map((f) => `${f} (${kb(size(f))})`).join(', ')} of ${kb(js.reduce((n, f) => n + size(f), 0))} of JavaScript in ${js.length} files (pdf.js's worker included); ${heavy.map((f) => `${f} ${kb(size(f))}`).join(', ')} load only when a file or an editor is first shown.`,
      '',
    ];
  } finally {
    await browser?.close();
    await harness.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
