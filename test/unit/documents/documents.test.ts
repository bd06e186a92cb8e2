import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../main/services/documents/docxRenderer';
import { renderPdf } from '../../../main/services/documents/pdfRenderer';
import { buildDocument } from '../../../shared/documents/build';
import { DOCUMENT_KINDS, modelText, type DocumentKind, type Variant } from '../../../shared/documents/model';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { bigCase } from '../../../bench/workspace';
import { docxParts, docxText, has, libreOfficeToPdf, pdfDocument, pdfPages, tool, words, writeTemp } from '../../helpers/documents';
import { tempDir } from '../../helpers/tmp';

const TODAY = '2026-11-27';
const NAME = 'Zoë Ó Súilleabháin-Nowak';

function demo(): CaseRecord {
  const r = caseRecordSchema.parse(buildDemoCase(TODAY));
  // Everything a full response needs: an extension, the IP's view and the adjudicating officer's decisions.
  return caseRecordSchema.parse({
    ...r,
    extensions: [{ id: 'x1', clock: 'stage2-response-from-statement', agreedOn: TODAY, reason: 'key-witness-unavailable', complainantToldOn: TODAY, complainantToldHow: 'letter', newDueDate: '2027-01-29' }],
    ipReview: { fairness: 'The investigation was fair.', thoroughness: 'Thorough.', transparency: 'Open.', childFocus: 'Kieran’s views were sought.', perPoint: { 'point-1': { agrees: true, comment: 'Agree.' } }, observations: '' },
    adjudication: { decidedOn: '2026-12-01', perPoint: { 'point-1': { decision: 'accepted', reasons: '' } }, perRecommendation: { 'rec-a': { decision: 'accepted', reasons: 'Will be done.' } }, actions: [{ id: 'a1', text: 'Brief the team on placement planning meetings', owner: 'Sam Okafor', dueOn: '2027-01-31' }], apology: '' },
  });
}

const build = (kind: DocumentKind, variant: Variant, r = demo(), draft: { version: number } | null = { version: 1 }) => buildDocument(kind, r, { today: TODAY, variant, draft });

describe('documents in Word', () => {
  it('use real styles, a header with the marking and reference, Page X of Y, and repeating table headers', async () => {
    const parts = await docxParts(await renderDocx(build('investigation-report', 'council')));
    const body = parts['word/document.xml']!;
    expect(body).toContain('<w:pStyle w:val="Title"/>');
    for (const h of ['Heading1', 'Heading2', 'Heading3']) expect(body).toContain(`<w:pStyle w:val="${h}"/>`);
    expect(body).toContain('<w:tblHeader/>');
    expect(body).toContain('<w:numPr>');
    expect(parts['word/styles.xml']).toMatch(/w:styleId="Heading1"/);
    const header = Object.entries(parts).find(([k]) => k.startsWith('word/header'))![1];
    expect(docxText(header)).toMatch(/OFFICIAL-SENSITIVE\s+DEMO-ST2-0001\s*DRAFT v1/);
    const footer = Object.entries(parts).find(([k]) => k.startsWith('word/footer'))![1];
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(docxText(footer)).toMatch(/Page\s*of/);
    expect(parts['docProps/core.xml']).toContain('<dc:title>Investigation report: DEMO-ST2-0001</dc:title>');
    expect(docxText(body)).toContain(NAME);
  });
});

describe('documents in PDF', () => {
  it('embed their fonts, keep accented names, carry bookmarks, metadata and tags', async () => {
    const data = await renderPdf(build('investigation-report', 'council'));
    const doc = await pdfDocument(data);
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    const meta = await doc.getMetadata();
    expect(meta.info).toMatchObject({ Title: 'Investigation report: DEMO-ST2-0001', Author: 'Alex Morgan', Subject: expect.stringContaining('DEMO-ST2-0001') });
    const outline = (await doc.getOutline()) ?? [];
    expect(outline.map((o) => o.title)).toEqual(expect.arrayContaining(['2. Introduction', '8. Findings on each point', 'Appendix A: Chronology']));
    const findings = outline.find((o) => o.title === '8. Findings on each point')!;
    expect(findings.items.map((i) => i.title)).toContain('Point 1');
    const tree = await (await doc.getPage(1)).getStructTree();
    expect(JSON.stringify(tree)).toMatch(/"role":"H1"/);
    expect(JSON.stringify(tree)).toMatch(/"role":"Table"/);
    await doc.destroy();
    const pages = await pdfPages(data);
    expect(pages.flat().join('\n')).toContain(NAME);
    expect(pages.every((p, i) => p.some((l) => l === `Page ${i + 1} of ${pages.length}`))).toBe(true);
  });

  it('pass qpdf --check and read back with pdftotext and pdffonts', async () => {
    expect(has('qpdf') && has('pdftotext') && has('pdffonts'), 'poppler-utils and qpdf are installed (apt-get install poppler-utils qpdf)').toBe(true);
    const dir = tempDir();
    const file = writeTemp(dir, 'report.pdf', await renderPdf(build('investigation-report', 'council')));
    expect(tool('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors found/);
    expect(tool('pdftotext', ['-enc', 'UTF-8', file, '-'])).toContain(NAME);
    const fonts = tool('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of fonts) expect(f).toMatch(/LiberationSans.*\syes\s+yes\s+yes/);
  });

  it('never leave a heading as the last line of a page', async () => {
    const { record } = bigCase(3);
    const r = caseRecordSchema.parse(record);
    const model = build('investigation-report', 'council', r);
    const headings = new Set(model.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text));
    const pages = await pdfPages(await renderPdf(model));
    expect(pages.length).toBeGreaterThan(20);
    pages.forEach((lines, i) => {
      const body = lines.filter((l) => !/^Page \d+ of \d+$/.test(l));
      expect(headings.has(body.at(-1) ?? ''), `page ${i + 1} ends with the heading "${body.at(-1)}"`).toBe(false);
    });
  });
});

describe('Word and PDF', () => {
  it('say the same thing', async () => {
    for (const kind of DOCUMENT_KINDS) {
      const model = build(kind, 'council');
      const docWords = words(docxText((await docxParts(await renderDocx(model)))['word/document.xml']!));
      const pdfWords = words((await pdfPages(await renderPdf(model))).flat().filter((l) => !/^Page \d+ of \d+$/.test(l) && !/^OFFICIAL-SENSITIVE/.test(l)).join(' '));
      const onlyWord = [...docWords].filter((w) => !pdfWords.has(w));
      const onlyPdf = [...pdfWords].filter((w) => !docWords.has(w));
      expect({ kind, onlyWord, onlyPdf }).toEqual({ kind, onlyWord: [], onlyPdf: [] });
    }
  });

  it.runIf(has('soffice'))('open in LibreOffice, which turns the DOCX into a PDF with the same words', async () => {
    const dir = tempDir();
    const docx = writeTemp(dir, 'report.docx', await renderDocx(build('investigation-report', 'council')));
    const pdf = libreOfficeToPdf(docx, dir);
    const text = tool('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
    expect(text).toContain(NAME);
    expect(text).toContain('8. Findings on each point');
  });
});

describe('the version for the complainant', () => {
  const people = demo().people;

  it('names nobody in the people register, in either format, in the reports', async () => {
    for (const kind of ['investigation-report', 'ip-report'] as const) {
      const model = build(kind, 'complainant');
      const texts = [modelText(model), docxText((await docxParts(await renderDocx(model)))['word/document.xml']!), (await pdfPages(await renderPdf(model))).flat().join('\n')];
      for (const t of texts) {
        for (const p of people) {
          for (const part of p.name.split(/[\s-]+/).filter((x) => x.length >= 3 && !['Mrs', 'and'].includes(x))) expect(t, `${kind} mentions ${part}`).not.toContain(part);
        }
      }
      expect(modelText(model)).toContain('Child A');
      expect(modelText(model)).toContain('Version for the complainant');
    }
  });

  it('in letters to the complainant, names the complainant and the child but no third party', () => {
    for (const kind of ['statement-of-complaint', 'extension-letter', 'adjudication-letter'] as const) {
      const t = modelText(build(kind, 'complainant'));
      expect(t).toContain(`Dear ${NAME}`);
      for (const p of people.filter((x) => x.thirdParty)) expect(t, `${kind} names ${p.name}`).not.toContain(p.name);
    }
  });

  it('uses the pseudonym inside narrative text too', () => {
    const t = modelText(build('investigation-report', 'complainant'));
    expect(t).toContain('Ms N complains, on behalf of her son');
    expect(t).toContain('The Team Manager accepts');
  });
});

describe('the adjudication letter', () => {
  it('ends with the Stage 3 date, 20 working days on, and the Ombudsman', () => {
    const t = modelText(build('adjudication-letter', 'complainant'));
    // Decided on Tuesday 1 December 2026; 20 working days on, skipping Christmas Day and Boxing Day (observed
    // on Monday 28 December), is Thursday 31 December 2026.
    expect(t).toContain('Please ask within 20 working days of receiving this letter. We are sending it by e-mail on 1 December 2026, so it reaches you that day, and the 20 working days end on 31 December 2026.');
    expect(t).toContain('Local Government and Social Care Ombudsman');
    expect(t).toContain('Brief the team on placement planning meetings');
  });
});

describe('the letterhead', () => {
  it('carries the council’s logo in both formats, with its proportions and a text alternative', async () => {
    // A 40 × 20 PNG, built by hand below; small logos are not enlarged (40 × 20 px = 381000 × 190500 EMU).
    const png = await tinyPng(40, 20);
    const r = caseRecordSchema.parse({ ...demo(), council: { ...demo().council, logo: { mime: 'image/png', dataBase64: png.toString('base64') } } });
    const model = build('adjudication-letter', 'council', r);
    const parts = await docxParts(await renderDocx(model));
    expect(parts['word/document.xml']).toMatch(/<wp:docPr [^>]*descr="Harrowfield Borough Council \(demo\) logo"/);
    expect(parts['word/document.xml']).toMatch(/<wp:extent cx="381000" cy="190500"\/>/);
    const pdf = await renderPdf(model);
    expect(pdf.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    const tree = JSON.stringify(await (await (await pdfDocument(pdf)).getPage(1)).getStructTree());
    expect(tree).toContain('"role":"Figure"');
    expect(tree).toContain('Harrowfield Borough Council (demo) logo');
  });

  it('refuses a logo over 500 KB, naming the field', () => {
    const big = 'A'.repeat(700_004);
    const res = caseRecordSchema.safeParse({ ...demo(), council: { ...demo().council, logo: { mime: 'image/png', dataBase64: big } } });
    expect(res.success).toBe(false);
  });
});

async function tinyPng(w: number, h: number): Promise<Buffer> {
  const { deflateSync } = await import('node:zlib');
  const crcTable = Array.from({ length: 256 }, (_x, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const t = Buffer.from(type, 'latin1');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(Buffer.concat([t, data])));
    return Buffer.concat([len, t, data, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, 0x33)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
