import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../main/services/documents/docxRenderer';
import { missingGlyphs, reportFonts, WORD_FONT } from '../../../main/services/documents/fonts';
import { renderPdf } from '../../../main/services/documents/pdfRenderer';
import { buildDocument } from '../../../shared/documents/build';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { docxParts, docxText, has, tool, writeTemp } from '../../helpers/documents';
import { tempDir } from '../../helpers/tmp';

const TODAY = '2026-11-27';
/** Names as people really write them: Vietnamese, decomposed accents, Welsh, Polish, Turkish, Romanian. */
export const HARD_NAMES = ['Nguyễn Thị Hương', 'Zoë Ó Súilleabháin-Nowak'.normalize('NFD'), 'Siân Llŷr', 'Łucja Wójcik', 'İlkay Yılmaz', 'Ștefan Popescu', 'Γιώργος Παπαδόπουλος', 'Ольга Петрова'];

function caseWith(names: string[], summary = ''): CaseRecord {
  const demo = buildDemoCase(TODAY);
  return caseRecordSchema.parse({
    ...demo,
    summary: `${demo.summary} ${summary}`,
    people: [...(demo.people ?? []), ...names.map((n, i) => ({ id: `hard-${i}`, name: n, kind: 'professional', role: 'Witness', pseudonym: `Witness ${i + 1}`, thirdParty: true }))],
  });
}

describe('the report fonts', () => {
  it('cover Latin (Vietnamese included), Greek and Cyrillic in all four styles', () => {
    const fonts = reportFonts();
    const needed = [...HARD_NAMES.join('').normalize('NFC')].filter((c) => c.trim());
    // Whole alphabets, not only the sample names: modern Greek, basic Cyrillic, Latin Extended-A and Vietnamese.
    const ranges: [number, number][] = [[0x00c0, 0x017f], [0x0391, 0x03a1], [0x03a3, 0x03ce], [0x0400, 0x045f], [0x1ea0, 0x1ef9], [0x0218, 0x021b]];
    for (const r of ranges) for (let c = r[0]; c <= r[1]; c++) needed.push(String.fromCodePoint(c));
    for (const [style, data] of Object.entries(fonts)) {
      const font = fontkit.create(data) as fontkit.Font;
      const missing = needed.filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
      expect({ style, missing }).toEqual({ style, missing: [] });
    }
  });

  it('are the ones the Word files name', async () => {
    expect(WORD_FONT).toBe('Liberation Sans');
    const parts = await docxParts(await renderDocx(buildDocument('investigation-report', caseWith([]), { today: TODAY, variant: 'council', draft: null })));
    expect(parts['word/styles.xml']).toContain('w:ascii="Liberation Sans"');
    expect(parts['word/styles.xml']).not.toContain('Arial');
  });
});

describe('every name’s letters', () => {
  it('survive in the PDF text layer and the Word XML, decomposed accents included', async () => {
    // Named in the background, as the report prints it (the not-interviewed list names only those planned for interview).
    const model = buildDocument('investigation-report', caseWith(HARD_NAMES, HARD_NAMES.join(', ')), { today: TODAY, variant: 'council', draft: null });
    const dir = tempDir();
    const pdf = writeTemp(dir, 'r.pdf', await renderPdf(model));
    const text = tool('pdftotext', ['-enc', 'UTF-8', pdf, '-']).normalize('NFC');
    const word = docxText((await docxParts(await renderDocx(model)))['word/document.xml']!);
    for (const n of HARD_NAMES.map((x) => x.normalize('NFC'))) {
      expect(text.replace(/\s+/g, ' '), `PDF: ${n}`).toContain(n);
      expect(word, `Word: ${n}`).toContain(n);
    }
    // Stored NFC in the Word file (no decomposed accent left to fall apart).
    expect(word).not.toMatch(/\p{M}/u);
    if (has('pdffonts')) for (const f of tool('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean)) expect(f).toMatch(/LiberationSans.*\syes\s+yes\s+yes/);
  });

  it('are checked against the font before a PDF is written: a character with no glyph is named with where it is', async () => {
    const r = caseWith([], 'Mum sent 😀 and wrote 王芳 in the margin.');
    const model = buildDocument('investigation-report', r, { today: TODAY, variant: 'council', draft: null });
    expect(missingGlyphs(model).map((m) => m.chars)).toEqual([['😀', '王', '芳']]);
    expect(missingGlyphs(model)[0]!.where).toMatch(/7\. Background and key events/);
    await expect(renderPdf(model)).rejects.toThrow(/^The PDF cannot show “😀”, “王” and “芳” \(in the paragraph under “7\. Background and key events”\); remove or replace them, or export as Word\.$/);
    const ok = buildDocument('investigation-report', caseWith(HARD_NAMES), { today: TODAY, variant: 'council', draft: null });
    expect(missingGlyphs(ok)).toEqual([]);
  });
});
