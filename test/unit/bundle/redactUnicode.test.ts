import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pdfLibFontkit from '@pdf-lib/fontkit';
import { PDFDocument, degrees } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPack } from '../../../main/services/bundle/build';
import { reportFonts } from '../../../main/services/documents/fonts';
import { emptyPack, type Pack } from '../../../shared/bundle/model';
import { tempDir } from '../../helpers/tmp';
import { pdftotextAll } from './readBack';

/** A PDF in an embedded Unicode font (Identity-H, as most modern PDFs), one line a page, one page turned 90°. */
async function unicodePdf(lines: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(pdfLibFontkit);
  const font = await doc.embedFont(reportFonts().regular, { subset: true });
  lines.forEach((ls, i) => {
    const page = doc.addPage([595.28, 841.89]);
    if (i === 1) page.setRotation(degrees(90));
    ls.forEach((l, k) => page.drawText(l, { x: 60, y: 760 - k * 20, size: 12, font }));
  });
  return doc.save();
}

describe('redaction in other alphabets and on turned pages', () => {
  it('removes Turkish, Vietnamese, Greek and Polish names with apostrophes and hyphens, keeps the rest searchable', async () => {
    const dir = tempDir();
    const data = await unicodePdf([
      ['Visit by Şükrü Yılmaz and Nguyễn Thị Ánh on Monday.', 'Present: Μαρία Παπαδοπούλου, Zoë O’Brien-Wójcik.'],
      ['Second page: Şükrü Yılmaz signed the record.', 'Reviewed by the team.'],
    ]);
    const pack: Pack = { ...emptyPack(), entries: [{ id: 'd1', sectionId: 'C', title: 'Visit record', date: null, source: { type: 'file', attachmentId: 'x' }, pages: 2, after: null, addedAt: '', notes: [], turns: [] }] };
    const out = path.join(dir, 'pack.pdf');
    const phrases = ['ŞÜKRÜ YILMAZ', 'Nguyễn Thị Ánh', 'Μαρία Παπαδοπούλου', 'O’Brien-Wójcik'];
    const r = await buildPack({ pack, recipient: 'complainant', reference: 'REF-1', builtOn: '2026-11-25', out, source: async () => ({ name: 'visit.pdf', describe: 'file', data, redact: phrases.map((phrase) => ({ phrase, reason: 'Third party' })) }) });
    if (process.env.BUNDLE_KEEP) fs.copyFileSync(out, path.join(process.env.BUNDLE_KEEP, 'unicode.pdf'));
    const text = pdftotextAll(out).normalize('NFC');
    for (const gone of ['Şükrü', 'Yılmaz', 'Nguyễn', 'Ánh', 'Μαρία', 'Παπαδοπούλου', 'Brien', 'Wójcik']) expect(text, gone).not.toContain(gone);
    expect(text).toContain('Visit by');
    expect(text).toContain('on Monday.');
    expect(text).toContain('signed the record.');
    expect(text).toContain('Reviewed by the team.');
    expect(r.redactions.map((x) => [x.page, x.removed, x.occurrences])).toEqual([
      ['C1', 'ŞÜKRÜ YILMAZ', 1], ['C1', 'Nguyễn Thị Ánh', 1], ['C1', 'Μαρία Παπαδοπούλου', 1], ['C1', 'O’Brien-Wójcik', 1], ['C2', 'ŞÜKRÜ YILMAZ', 1],
    ]);
    const flat = path.join(dir, 'flat.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', out, flat]);
    const bytes = fs.readFileSync(flat);
    for (const gone of ['Şükrü', 'Yılmaz', 'Nguyễn', 'Wójcik']) {
      expect(bytes.includes(Buffer.from(gone, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(gone, 'utf16le').swap16())).toBe(false);
    }
  }, 60_000);
});
