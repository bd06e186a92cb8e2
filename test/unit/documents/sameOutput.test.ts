import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../main/services/documents/docxRenderer';
import { renderPdf } from '../../../main/services/documents/pdfRenderer';
import { docxToRich } from '../../../main/services/import/docxToRich';
import { buildDocument } from '../../../shared/documents/build';
import type { DocumentKind, DocumentModel, Variant } from '../../../shared/documents/model';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { largeCase } from '../../../bench/documents';
import { has, pdfDocument, tool, writeTemp } from '../../helpers/documents';
import { renderDocxLegacy } from '../../helpers/legacyDocxRenderer';
import { renderPdfLegacy } from '../../helpers/legacyPdfRenderer';
import { tempDir } from '../../helpers/tmp';
import { wordStructure } from '../../helpers/wordStructure';
import { PNG_1PX } from '../../fixtures/tinyPng';
import { hardCase } from './hardCase';

/**
 * Issue 15: the faster renderers say exactly what the slower ones said. The Word writer that replaced the
 * `docx` package is compared with it (test/helpers/legacyDocxRenderer.ts) paragraph by paragraph, run by
 * run, table by table, with the header, footer, styles, page and file properties; both files are read back
 * by the Word import. The PDF renderer, which now keeps its fonts, shaped words and widths between documents,
 * is compared with the renderer as it was (test/helpers/legacyPdfRenderer.ts): the same text laid out in the
 * same places on the same pages (pdftotext -layout), the same tags and the same bookmarks.
 */
const TODAY = '2026-11-27';
const KINDS: DocumentKind[] = ['investigation-report', 'ip-report', 'adjudication-letter', 'statement-of-complaint', 'extension-letter'];

function models(record: CaseRecord): DocumentModel[] {
  const out: DocumentModel[] = [];
  for (const kind of KINDS) {
    for (const variant of ['council', 'complainant'] as Variant[]) {
      try {
        out.push(buildDocument(kind, record, { today: TODAY, variant, draft: { version: 2 } }));
      } catch {
        // A document the case cannot make yet (no extension agreed, say) is not rendered by either.
      }
    }
  }
  const interview = record.interviews.find((v) => v.status !== 'planned');
  if (interview) out.push(buildDocument('interview-record', record, { today: TODAY, variant: 'council', draft: null, interviewId: interview.id }));
  return out;
}

/** Every block type and the text that is hard to write as XML. */
function everything(emoji = true): DocumentModel {
  const hostile = `Tabs\there, a line\nbreak, <tags> & "quotes" & ’curly’, Zoë Ó Súilleabháin-Nowak, Łucja Wójcik, İlkay Yılmaz, Γιώργος, Nguyễn Thị Hương, a bell\u0007${emoji ? ' and \u{1F600}' : ''}.`;
  return {
    kind: 'investigation-report',
    title: 'Report for “Brighton & Hove” <draft>',
    subject: 'Everything & more',
    author: "Mary O'Neill",
    reference: 'HARD-0001',
    marking: 'OFFICIAL-SENSITIVE',
    variant: 'council',
    variantNote: 'Full version & notes',
    draft: { version: 3 },
    letterhead: { council: 'Brighton & Hove City Council', logo: { mime: 'image/png', dataBase64: PNG_1PX.toString('base64') }, addressLines: ['Hove Town Hall', ''], contactLines: ['complaints@example.gov.uk'] },
    blocks: [
      { type: 'title', text: 'Investigation report' },
      { type: 'heading', level: 1, text: '1. Tom & Jerry’s <case>' },
      { type: 'paragraph', runs: [{ text: hostile }, { text: ' bold', bold: true }, { text: ' italic', italic: true }, { text: ' both', bold: true, italic: true }, { text: ' a link', link: 'https://example.org/?a=1&b="2"' }] },
      { type: 'paragraph', runs: [{ text: 'A quotation\nover two lines' }], style: 'quote' },
      { type: 'paragraph', runs: [{ text: 'Small print' }], style: 'small' },
      { type: 'paragraph', runs: [{ text: 'On the right' }], style: 'right' },
      { type: 'paragraph', runs: [] },
      { type: 'heading', level: 2, text: 'Lists' },
      { type: 'list', ordered: true, items: [[{ text: 'one' }], [{ text: 'two', bold: true }, { text: ' and a half' }]] },
      { type: 'list', ordered: false, items: [[{ text: 'bullet' }]] },
      { type: 'list', ordered: true, items: [[{ text: 'starts again at one' }]] },
      { type: 'heading', level: 3, text: 'Tables' },
      { type: 'table', header: ['Date', 'What happened', 'Who'], widths: [0.2, 0.6, 0.2], rows: [[[{ text: '3 May' }], [{ text: 'x'.repeat(1300) }], [{ text: 'Łucja' }]], [[{ text: '4 May' }], [{ text: 'Visit', bold: true }, { text: ' cancelled\nand rebooked' }], [{ text: 'see', link: 'mailto:a@example.org' }]]] },
      { type: 'table', header: ['', ''], widths: [0.3, 0.7], rowHeaders: true, rows: [[[{ text: 'Reference' }], [{ text: 'HARD-0001' }]]] },
      { type: 'spacer' },
      { type: 'paragraph', runs: [{ text: 'Before the signature' }] },
      { type: 'signature', name: 'Alex Morgan', role: 'Investigating Officer', date: '' },
      { type: 'pageBreak' },
      { type: 'paragraph', runs: [{ text: 'After the break' }] },
      { type: 'signature', name: 'Sam', role: 'Adjudicating officer' },
    ],
  };
}

describe('the Word writer says what the docx package said (issue 15)', () => {
  const cases: [string, () => DocumentModel[]][] = [
    ['the demo case', () => models(caseRecordSchema.parse(buildDemoCase(TODAY)))],
    ['a case with hard names and text', () => models(hardCase())],
    ['the large case of the benchmark', () => [buildDocument('investigation-report', largeCase(), { today: TODAY, variant: 'council', draft: { version: 1 } })]],
    ['every block type and hostile text', () => [everything()]],
  ];
  it.each(cases)('%s: the same paragraphs, runs, lists, tables, header, footer, styles, page and properties', async (_name, make) => {
    const list = make();
    expect(list.length).toBeGreaterThan(0);
    for (const m of list) {
      const [before, after] = await Promise.all([renderDocxLegacy(m).then(wordStructure), renderDocx(m).then(wordStructure)]);
      // The old writer left the bell (U+0007) in, which is not allowed in XML at all: the new one drops it.
      const strip = (s: unknown) => JSON.parse(JSON.stringify(s).replace(/\\u0007/g, '')) as unknown;
      expect(strip(after), `${m.kind} ${m.variant}`).toEqual(strip(before));
      expect(after.body.length).toBeGreaterThan(3);
    }
  }, 120_000);

  it('is read back by the Word import exactly as the old one was', async () => {
    for (const m of [...models(hardCase()).slice(0, 2), everything()]) {
      const [before, after] = await Promise.all([renderDocxLegacy(m).then((b) => docxToRich(b)), renderDocx(m).then((b) => docxToRich(b))]);
      const strip = (s: unknown) => JSON.parse(JSON.stringify(s).replace(/\\u0007/g, '')) as unknown;
      expect(strip(after.doc), m.title).toEqual(strip(before.doc));
      expect(after.warnings).toEqual(before.warnings);
    }
  }, 120_000);

  it('writes a package Word needs: content types, relationships, styles, numbering, settings, header, footer, page', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(await renderDocx(everything()));
    const names = Object.keys(zip.files);
    for (const n of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/_rels/document.xml.rels', 'word/styles.xml', 'word/numbering.xml', 'word/settings.xml', 'word/fontTable.xml', 'word/header1.xml', 'word/footer1.xml', 'docProps/core.xml', 'docProps/app.xml']) expect(names).toContain(n);
    const types = await zip.file('[Content_Types].xml')!.async('string');
    // Every part but relationships and media has its content type.
    for (const n of names.filter((x) => x.endsWith('.xml') && x !== '[Content_Types].xml')) expect(types).toContain(`PartName="/${n}"`);
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    for (const m of rels.matchAll(/Target="([^"]+)"(?! TargetMode)/g)) expect(names).toContain(`word/${m[1]}`);
    const doc = await zip.file('word/document.xml')!.async('string');
    for (const id of doc.matchAll(/r:(?:id|embed)="([^"]+)"/g)) expect(rels).toContain(`Id="${id[1]}"`);
    expect(doc).toMatch(/<w:sectPr><w:headerReference w:type="default" r:id="rId5"\/><w:footerReference w:type="default" r:id="rId6"\/><w:pgSz w:w="11906" w:h="16838"\/>/);
    // Well-formed: every part parses as XML (xmllint, when installed, is stricter than our reader).
    if (has('xmllint')) {
      const dir = tempDir();
      for (const n of names.filter((x) => x.endsWith('.xml') || x.endsWith('.rels'))) {
        const f = path.join(dir, n.replace(/[/[\]]/g, '_'));
        fs.writeFileSync(f, await zip.file(n)!.async('nodebuffer'));
        expect(() => tool('xmllint', ['--noout', f]), n).not.toThrow();
      }
    }
  });
});

describe('the PDF renderer, keeping fonts and widths between documents, draws what it drew before (issue 15)', () => {
  async function readBack(data: Buffer, dir: string, name: string) {
    const file = writeTemp(dir, name, data);
    const doc = await pdfDocument(data);
    const trees: unknown[] = [];
    for (let i = 1; i <= doc.numPages; i++) trees.push(await (await doc.getPage(i)).getStructTree());
    const outline = JSON.stringify(await doc.getOutline());
    await doc.destroy();
    return { text: tool('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']), trees: JSON.stringify(trees), roles: JSON.stringify(trees.map((t) => unlinked(t as Node | null))), outline };
  }

  type Node = { role?: string; type?: string; id?: string; children?: Node[]; alt?: string };
  /**
   * A page's structure with its Link elements taken out (their words put back in their parent) and marked
   * content ids dropped: the renderer now tags each link with its annotation (PDF/UA), on purpose; everything else
   * must be as before.
   */
  function unlinked(n: Node | null): unknown {
    if (!n) return n;
    const kids: unknown[] = [];
    for (const c of n.children ?? []) {
      const flat = c.role === 'Link' ? (c.children ?? []) : [c];
      for (const k of flat) {
        if (k.type === 'object') continue;
        if (k.type === 'content') {
          if (kids.at(-1) !== 'content') kids.push('content');
          continue;
        }
        kids.push(unlinked(k));
      }
    }
    return { role: n.role, ...(n.alt ? { alt: n.alt } : {}), children: kids };
  }

  it('the same text in the same places on the same pages, the same tags and bookmarks, for the demo, hard and large cases', async () => {
    expect(has('pdftotext'), 'poppler-utils is installed').toBe(true);
    const dir = tempDir();
    const list = [...models(caseRecordSchema.parse(buildDemoCase(TODAY))), ...models(hardCase()), buildDocument('investigation-report', largeCase(), { today: TODAY, variant: 'council', draft: { version: 1 } }), everything(false)];
    // One module renders every document in turn, sharing its fonts, shaped words and widths, as an export does.
    const shared = [];
    for (const m of list) shared.push(await renderPdf(m));
    for (const [i, m] of list.entries()) {
      // Before: the old renderer, parsing the fonts and shaping every word again for this document alone.
      const before = await renderPdfLegacy(m);
      const [a, b] = await Promise.all([readBack(before, dir, `before-${i}.pdf`), readBack(shared[i]!, dir, `after-${i}.pdf`)]);
      expect(b.text, `${m.kind} ${m.variant}`).toBe(a.text);
      expect(b.roles).toBe(a.roles);
      // Where there was no link the structure is exactly as before; where there was, each is a Link element
      // holding its annotation.
      const links = [...m.blocks.flatMap((x) => (x.type === 'paragraph' ? x.runs : x.type === 'list' ? x.items.flat() : []))].filter((r) => r.link).length;
      if (links === 0) expect(b.trees).toBe(a.trees);
      else expect(b.trees.match(/"role":"Link","children":\[\{"type":"content","id":"[^"]+"\},\{"type":"object"/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
      expect(b.outline).toBe(a.outline);
      expect(a.text.length).toBeGreaterThan(200);
    }
  }, 300_000);
});
