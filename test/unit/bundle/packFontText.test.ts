import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { plainFontkit } from '../../../main/services/bundle/build';
import { reportFonts } from '../../../main/services/documents/fonts';
import { pdfjsSources } from '../../../main/services/documents/leakCheck';

/**
 * The pack's own text (the index, blank-page notes, the invisible text of redacted pages) is drawn with the
 * report font, parsed once per process and shared by every build. A letter that was only a part of composed
 * letters in one build ("O" in "Ó", "Ư" in "Ừ", "Α" in "Ά") lost its text in the next build's PDF: a reader's
 * search and copy read "OFFICIAL" as " FFICIAL" (found by the leak review, then reproduced here).
 */
async function page(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(plainFontkit);
  const font = await doc.embedFont(reportFonts().regular, { subset: true });
  doc.addPage().drawText(text, { x: 40, y: 700, size: 12, font });
  return Buffer.from(await doc.save());
}

describe('the pack’s own text keeps every letter across builds', () => {
  it('reads "OFFICIAL", "Ưng" and "Αλέξης" after a build that drew only "Ó", "Ừ" and "Ά"', async () => {
    await page('Ó Ừ Ά');
    const pdf = await page('OFFICIAL Trần Ưng met Αλέξης');
    const text = (await pdfjsSources(pdf)).filter((s) => s.where.startsWith('PDF, page')).map((s) => s.text).join('\n');
    expect(text).toContain('OFFICIAL Trần Ưng met Αλέξης');
  });
});
