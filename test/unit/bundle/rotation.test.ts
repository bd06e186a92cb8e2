import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { turnForReading } from '../../../main/services/bundle/pdfFacts';
import PDFKit from 'pdfkit';
import { reportFonts } from '../../../main/services/documents/fonts';
import { qpdfCheck, readPack } from './readBack';
import { packCase } from './setup';

/**
 * Words on one page as a reader sees them: poppler's boxes are on the page as shown (turned by its /Rotate),
 * in points from the top left; the page size it prints is the unturned one, so it is swapped for a quarter turn.
 */
function words(file: string, page: number, rotate: number): { text: string; xMin: number; yMin: number; xMax: number; yMax: number; pageW: number; pageH: number }[] {
  const html = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', file, '-'], { encoding: 'utf8' });
  const [, ws, hs] = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html)!;
  const [W, H] = [Number(ws), Number(hs)];
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), pageW: rotate % 180 ? H : W, pageH: rotate % 180 ? W : H,
  }));
}

describe('landscape and sideways pages in the pack', () => {
  it('finds the turn that makes a page’s text read left to right as shown', () => {
    const run = (a: number, b: number) => ({ str: 'Contact dates for the family visits', transform: [a, b, -b, a, 0, 0] });
    expect(turnForReading([run(12, 0)], 0)).toBe(0);
    // Upright in the page, but the page is shown turned a quarter clockwise: the text runs down as shown.
    expect(turnForReading([run(12, 0)], 90)).toBe(270);
    // Text running up the page (a landscape table printed on a portrait page).
    expect(turnForReading([run(0, 12)], 0)).toBe(90);
    expect(turnForReading([run(-12, 0)], 0)).toBe(180);
    expect(turnForReading([run(0, 12)], 90)).toBe(0);
    // Too few letters to tell (a page number), or no clear majority: left as it is.
    expect(turnForReading([{ str: '12', transform: [0, 12, -12, 0, 0, 0] }], 0)).toBe(0);
    expect(turnForReading([run(12, 0), run(0, 12)], 0)).toBe(0);
  });

  it('turns a sideways page upright, keeps a landscape page landscape, stamps both at the foot as read, and their text stays extractable', async () => {
    const { call, caseId, build, dir } = await packCase();
    // A landscape table printed onto a portrait page: its text runs up the page.
    await call('bundle.addFile', {
      caseId, fileName: 'table-sideways.pdf', section: 'C', title: 'Contact table printed sideways',
      dataBase64: (await sidewaysPdf(['Contact table: Zoë, Łukasz and Şükrü visited on the dates below.', 'Tuesday 3 March 2026 at the family centre.'])).toString('base64'),
    });
    const view = await call('bundle.get', { caseId });
    const scan = view.pack.entries.find((e) => e.title === 'Contact notes (scanned)')!;
    const table = view.pack.entries.find((e) => e.title === 'Contact table printed sideways')!;
    // Found when added: the scan's page 4 (/Rotate 90 over upright text) and the table's only page.
    expect(scan.turns).toEqual([{ page: 4, by: 270 }]);
    expect(table.turns).toEqual([{ page: 1, by: 90 }]);
    const checks = await call('bundle.check', { caseId, recipient: null });
    expect(checks.warnings).toContainEqual(expect.stringMatching(/^“scan.pdf” has page 4 whose text runs sideways or upside down as the file shows it; the pack turns it so the text reads the right way up on screen/));
    expect(checks.warnings).toContainEqual(expect.stringMatching(/^“scan.pdf” has landscape page 2, shown landscape so it reads the right way up on screen, with the page number at the foot/));
    expect(checks.warnings).toContainEqual(expect.stringMatching(/^“table-sideways.pdf” has page 1 whose text runs sideways/));

    await build('panel', 'panel.pdf');
    const file = path.join(dir, 'panel.pdf');
    if (process.env.BUNDLE_KEEP) fs.copyFileSync(file, path.join(process.env.BUNDLE_KEEP, 'rotation.pdf'));
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    const back = await readPack(fs.readFileSync(file));
    const pdf = await PDFDocument.load(fs.readFileSync(file));
    const rows = view.sections.flatMap((s) => s.rows);
    const first = (title: string) => back.labels.indexOf(rows.find((r) => r.title === title)!.first);
    const scanAt = first('Contact notes (scanned)');
    const tableAt = first('Contact table printed sideways');
    const shown = (i: number) => {
      const p = pdf.getPage(i);
      const { width, height } = p.getMediaBox();
      return p.getRotation().angle % 180 === 0 ? { width, height, rotate: p.getRotation().angle } : { width: height, height: width, rotate: p.getRotation().angle };
    };
    // The scan's landscape page 2 stays landscape; page 4 is turned back upright (portrait); the table turns a quarter.
    expect(shown(scanAt + 1)).toMatchObject({ rotate: 0 });
    expect(shown(scanAt + 1).width).toBeGreaterThan(shown(scanAt + 1).height);
    expect(shown(scanAt + 3)).toMatchObject({ rotate: 0 });
    expect(shown(scanAt + 3).height).toBeGreaterThan(shown(scanAt + 3).width);
    expect(shown(tableAt)).toMatchObject({ rotate: 90 });
    expect(shown(tableAt).width).toBeGreaterThan(shown(tableAt).height);

    for (const [at, expected] of [[scanAt + 1, 'landscape'], [scanAt + 3, 'turned'], [tableAt, 'table'], [scanAt + 2, 'letter']] as const) {
      const ws = words(file, at + 1, pdf.getPage(at).getRotation().angle);
      const label = back.labels[at]!;
      const stamp = ws.find((w) => w.text === label)!;
      expect(stamp, `${expected}: stamp ${label}`).toBeDefined();
      // At the foot of the page as read, on the right: within 40 pt of the bottom edge and right of the middle,
      // and upright (poppler's box is wider than tall for a horizontal word).
      expect(stamp.yMax, `${expected}: at the foot`).toBeGreaterThan(stamp.pageH - 40);
      expect(stamp.xMin, `${expected}: on the right`).toBeGreaterThan(stamp.pageW / 2);
      expect(stamp.xMax - stamp.xMin, `${expected}: upright`).toBeGreaterThan(stamp.yMax - stamp.yMin);
      // The page's own words read left to right too: poppler's boxes for them are wide, not tall.
      const body = ws.filter((w) => w.text.length >= 5 && w !== stamp);
      expect(body.length, `${expected}: text extractable`).toBeGreaterThan(0);
      for (const w of body) expect(w.xMax - w.xMin, `${expected}: “${w.text}” upright`).toBeGreaterThan(w.yMax - w.yMin);
    }
    const tableText = words(file, tableAt + 1, 90).map((w) => w.text).join(' ');
    expect(tableText).toContain('Zoë, Łukasz and Şükrü visited');
  }, 120_000);
});

/** A portrait A4 page whose text runs up the page (a landscape table printed sideways), in Liberation Sans. */
async function sidewaysPdf(lines: string[]): Promise<Buffer> {
  const doc = new PDFKit({ size: 'A4', margin: 0 });
  doc.registerFont('body', reportFonts().regular);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.font('body').fontSize(14);
  // Turned a quarter anticlockwise about a point near the bottom left: each line then runs up the page.
  doc.save().rotate(-90, { origin: [80, 780] });
  lines.forEach((l, i) => doc.text(l, 80, 780 + i * 22, { lineBreak: false }));
  doc.restore();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
