import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFObject } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PackTags } from '../../../main/services/bundle/tags';
import { renderPdf } from '../../../main/services/documents/pdfRenderer';
import { buildDocument } from '../../../shared/documents/build';
import type { DocumentModel } from '../../../shared/documents/model';
import { hardCase } from '../documents/hardCase';

/**
 * Our documents tag each link as a Link element holding its annotation (PDF/UA). Copied into a hearing pack with
 * their structure, every link annotation must still lead, through the pack's ParentTree, to a Link element that
 * holds it.
 */
describe('links in our documents keep their tags in the hearing pack', () => {
  it('maps every link annotation of a copied document to the Link element that holds it', async () => {
    const base = buildDocument('statement-of-complaint', hardCase(), { today: '2026-11-27', variant: 'council', draft: null });
    const model: DocumentModel = {
      ...base,
      blocks: [
        { type: 'paragraph', runs: [{ text: 'See the ' }, { text: 'fostering regulations, in a link long enough to go over onto a second line of the page, so it has two annotations', link: 'https://www.legislation.gov.uk/uksi/2011/581' }, { text: ' and ' }, { text: 'write', link: 'mailto:complaints@example.gov.uk' }, { text: '.' }] },
        { type: 'list', ordered: false, items: [[{ text: 'item ' }, { text: 'a link', link: 'https://example.org/x' }]] },
      ],
    };
    const src = await PDFDocument.load(await renderPdf(model));
    const out = await PDFDocument.create();
    const tags = new PackTags(out);
    const part = tags.element('Part', tags.documentRef, { title: 'Statement of complaint' });
    const pages = await tags.copyTagged(src, part);
    expect(pages).not.toBeNull();
    for (const p of pages!) out.addPage(p);
    tags.finish();
    const doc = await PDFDocument.load(await out.save());
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    const parentTree = new Map<number, PDFObject>();
    for (let i = 0; i < nums.size(); i += 2) parentTree.set((nums.get(i) as PDFNumber).asNumber(), nums.get(i + 1));
    let links = 0;
    for (const page of doc.getPages()) {
      for (const a of page.node.Annots()?.asArray() ?? []) {
        const annot = doc.context.lookup(a, PDFDict);
        const el = doc.context.lookup(parentTree.get((annot.get(PDFName.of('StructParent')) as PDFNumber).asNumber()), PDFDict);
        expect(el.get(PDFName.of('S'))?.toString()).toBe('/Link');
        const kids = el.lookup(PDFName.of('K'), PDFArray).asArray().map((k) => doc.context.lookup(k));
        expect(kids.some((k) => k instanceof PDFDict && k.get(PDFName.of('Type'))?.toString() === '/OBJR' && k.get(PDFName.of('Obj')) === a)).toBe(true);
        links++;
      }
    }
    expect(links).toBe(4);
  });
});
