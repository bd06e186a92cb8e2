import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../main/services/documents/docxRenderer';
import { checkRendered, docxSources } from '../../../main/services/documents/leakCheck';
import { renderPdf } from '../../../main/services/documents/pdfRenderer';
import { buildDocument } from '../../../shared/documents/build';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { richDocSchema, type RichNode } from '../../../shared/domain/richText';
import { docxParts, docxText, pdfDocument, pdfPages } from '../../helpers/documents';

const TODAY = '2026-11-27';
const text = (t: string, marks?: RichNode['marks']): RichNode => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const para = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });
const cell = (type: 'tableHeader' | 'tableCell', ...content: RichNode[]): RichNode => ({ type, attrs: { colspan: 1, rowspan: 1 }, content: [para(...content)] });
const at = (id: string, label: string): RichNode => ({ type: 'mention', attrs: { id, label } });

/** What the editor stores after pasting a table and a link from Word: the demo case's analysis holds both. */
function caseWithTableAndLink(): CaseRecord {
  const r = caseRecordSchema.parse(buildDemoCase(TODAY));
  const analysis: RichNode = {
    type: 'doc',
    content: [
      para(text('See the '), text('fostering regulations', [{ type: 'link', attrs: { href: 'https://www.legislation.gov.uk/uksi/2011/581' } }]), text(' and '), text('the worker', [{ type: 'link', attrs: { href: 'mailto:jordan.blake@harrowfield.example.gov.uk' } }]), text('.')),
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', text('Date')), cell('tableHeader', text('Who')), cell('tableHeader', text('What'))] },
          { type: 'tableRow', content: [cell('tableCell', text('20 April 2026')), cell('tableCell', at('person-jordan', 'Jordan Blake')), cell('tableCell', text('Told of the move', [{ type: 'bold' }]))] },
          // A short row (a merged cell in Word) is padded.
          { type: 'tableRow', content: [cell('tableCell', text('22 April 2026'))] },
        ],
      },
    ],
  };
  expect(richDocSchema.safeParse(analysis).success).toBe(true);
  return caseRecordSchema.parse({ ...r, findings: { ...r.findings, 'point-1': { ...r.findings['point-1']!, analysis } } });
}

describe('tables and links in rich text (issue 11: pasting from Word)', () => {
  it('refuses a link that is not to the web or e-mail', () => {
    for (const href of ['javascript:alert(1)', 'file:///C:/notes.docx', 'data:text/html,x', '']) {
      const doc = { type: 'doc', content: [para(text('x', [{ type: 'link', attrs: { href } }]))] };
      const parsed = richDocSchema.safeParse(doc);
      expect(parsed.success, href).toBe(false);
      if (!parsed.success) expect(parsed.error.issues[0]?.message).toMatch(/link that is not a web or e-mail address/);
    }
  });

  it('prints the table (header repeated, row padded) and the link in the council’s Word and PDF files', async () => {
    const model = buildDocument('investigation-report', caseWithTableAndLink(), { today: TODAY, variant: 'council', draft: { version: 1 } });
    const table = model.blocks.find((b) => b.type === 'table' && b.header.join('|') === 'Date|Who|What');
    expect(table && table.type === 'table' && table.rows.map((row) => row.map((c) => c.map((x) => x.text).join('')))).toEqual([
      ['20 April 2026', 'Jordan Blake', 'Told of the move'],
      ['22 April 2026', '', ''],
    ]);

    const docx = await renderDocx(model);
    const parts = await docxParts(docx);
    const body = parts['word/document.xml']!;
    expect(body).toMatch(/<w:hyperlink[^>]*r:id="[^"]+"/);
    const rels = await (await JSZip.loadAsync(docx)).file('word/_rels/document.xml.rels')!.async('string');
    expect(rels).toContain('https://www.legislation.gov.uk/uksi/2011/581');
    // The leak check reads link targets of the Word file as it does the PDF's.
    expect((await docxSources(docx)).find((s) => s.where === 'Word, link targets')?.text.split('\n')).toEqual(expect.arrayContaining(['https://www.legislation.gov.uk/uksi/2011/581', 'mailto:jordan.blake@harrowfield.example.gov.uk']));
    expect(docxText(body)).toContain('See the fostering regulations and the worker.');
    expect(docxText(body)).toContain('Jordan Blake');

    const pdf = await renderPdf(model);
    const doc = await pdfDocument(pdf);
    const uris: string[] = [];
    const descriptions: string[] = [];
    const linkElements: unknown[] = [];
    const findLinks = (n: { role?: string; children?: unknown[] } | null): void => {
      if (n?.role === 'Link') linkElements.push(n);
      for (const c of n?.children ?? []) findLinks(c as { role?: string; children?: unknown[] });
    };
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      for (const a of await page.getAnnotations()) {
        if (a.url) uris.push(a.url as string);
        if (a.subtype === 'Link') descriptions.push((a.contentsObj as { str: string }).str);
      }
      findLinks((await page.getStructTree()) as never);
    }
    await doc.destroy();
    // PDF/UA: each link is a Link element holding its annotation, which says what it is on and where it goes.
    expect(linkElements).toHaveLength(2);
    for (const l of linkElements) expect((l as { children: { type?: string }[] }).children.map((c) => c.type)).toEqual(['content', 'object']);
    expect(descriptions).toEqual(expect.arrayContaining(['fostering regulations (https://www.legislation.gov.uk/uksi/2011/581)', 'the worker (mailto:jordan.blake@harrowfield.example.gov.uk)']));
    expect(uris).toEqual(expect.arrayContaining(['https://www.legislation.gov.uk/uksi/2011/581', 'mailto:jordan.blake@harrowfield.example.gov.uk']));
    const lines = (await pdfPages(pdf)).flat().join('\n');
    expect(lines).toMatch(/Date\s+Who\s+What/);
    expect(lines).toContain('Told of the move');
  });

  it('gives the complainant the table with pseudonyms and no links at all, and the leak check passes', async () => {
    const r = caseWithTableAndLink();
    const model = buildDocument('investigation-report', r, { today: TODAY, variant: 'complainant', draft: { version: 1 } });
    const docx = await renderDocx(model);
    const pdf = await renderPdf(model);
    const parts = await docxParts(docx);
    expect(parts['word/document.xml']).not.toContain('w:hyperlink');
    expect(await (await JSZip.loadAsync(docx)).file('word/_rels/document.xml.rels')!.async('string')).not.toMatch(/jordan|legislation/i);
    expect(Object.values(parts).join('')).not.toMatch(/jordan|legislation\.gov/i);
    expect(docxText(parts['word/document.xml']!)).toContain('Social Worker 1');
    const doc = await pdfDocument(pdf);
    for (let i = 1; i <= doc.numPages; i++) expect((await (await doc.getPage(i)).getAnnotations()).filter((a) => a.subtype === 'Link')).toEqual([]);
    await doc.destroy();
    expect(pdf.toString('latin1')).not.toMatch(/jordan/i);
    expect(await checkRendered(r, 'investigation-report', { docx, pdf, names: ['investigation-report-complainant.pdf'] })).toEqual([]);
  });
});
