import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import PDFKit from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { reportFonts } from '../../../main/services/documents/fonts';
import { openPdfjs } from '../../../main/services/bundle/redact';
import { pdftotextPage, qpdfCheck, readPack } from './readBack';
import { packCase } from './setup';

interface Node {
  type: string;
  title?: string;
  ref: PDFRef | null;
  /** Marked content it holds directly: page index and MCID. */
  mcids: { page: number; mcid: number }[];
  annots: PDFRef[];
  kids: Node[];
}

const str = (o: PDFObject | undefined) => (o instanceof PDFHexString || o instanceof PDFString ? o.decodeText() : undefined);

/** The pack's structure tree as objects, every /Pg resolved to a page index of the pack (−1: not a page of it). */
function structTree(doc: PDFDocument) {
  const pages = doc.getPages();
  const pageOf = (r: PDFObject | undefined) => (r instanceof PDFRef ? pages.findIndex((p) => p.ref === r) : -2);
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const walk = (ref: PDFRef | null, d: PDFDict, inheritedPg: number): Node => {
    const pg = d.has(PDFName.of('Pg')) ? pageOf(d.get(PDFName.of('Pg'))) : inheritedPg;
    const node: Node = { type: d.get(PDFName.of('S'))?.toString().slice(1) ?? '?', title: str(d.lookup(PDFName.of('T'))), ref, mcids: [], annots: [], kids: [] };
    const k = d.get(PDFName.of('K'));
    const kids = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k];
    for (const kid of kids) {
      const v = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
      if (v instanceof PDFNumber) node.mcids.push({ page: pg, mcid: v.asNumber() });
      else if (v instanceof PDFDict) {
        const type = v.get(PDFName.of('Type'))?.toString();
        if (type === '/MCR') node.mcids.push({ page: v.has(PDFName.of('Pg')) ? pageOf(v.get(PDFName.of('Pg'))) : pg, mcid: (v.lookup(PDFName.of('MCID'), PDFNumber)).asNumber() });
        else if (type === '/OBJR') node.annots.push(v.get(PDFName.of('Obj')) as PDFRef);
        else node.kids.push(walk(kid instanceof PDFRef ? kid : null, v, pg));
      }
    }
    return node;
  };
  const top = root.get(PDFName.of('K'));
  const docRef = (top instanceof PDFArray ? top.get(0) : top) as PDFRef;
  const tree = walk(docRef, doc.context.lookup(docRef, PDFDict), -1);
  // The ParentTree, flattened (the pack writes it as one Nums array).
  const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
  const parentTree = new Map<number, PDFObject>();
  for (let i = 0; i < nums.size(); i += 2) parentTree.set((nums.get(i) as PDFNumber).asNumber(), nums.get(i + 1));
  return { tree, parentTree, root };
}

const all = (n: Node): Node[] => [n, ...n.kids.flatMap(all)];

describe('the pack’s structure tree (tagged PDF)', () => {
  it('tags the index as a table of links, keeps our documents’ own structure, marks other PDFs a page at a time, and stamps as artifacts', async () => {
    const { call, caseId, build, dir } = await packCase();
    const view = await call('bundle.get', { caseId });
    await build('panel', 'panel.pdf');
    const file = path.join(dir, 'panel.pdf');
    if (process.env.BUNDLE_KEEP) fs.copyFileSync(file, path.join(process.env.BUNDLE_KEEP, 'tags.pdf'));
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    const bytes = fs.readFileSync(file);
    const doc = await PDFDocument.load(bytes);
    const back = await readPack(bytes);
    const pages = doc.getPages();
    const { tree, parentTree } = structTree(doc);
    const rows = view.sections.flatMap((s) => s.rows);

    // Document → the index, then a Part per document in the pack's order, titled as in the index.
    expect(tree.type).toBe('Document');
    expect(tree.kids[0]!.type).toBe('Sect');
    expect(tree.kids.slice(1).map((k) => [k.type, k.title])).toEqual(rows.map((r) => ['Part', r.title]));

    // The index: H1, P, one Table; a header row of three TH, a row per section, a row per document whose
    // title is a Link holding the annotation (OBJR) that goes to the document's first page.
    const index = tree.kids[0]!;
    expect(index.kids.map((k) => k.type)).toEqual(['H1', 'P', 'Table']);
    const trs = index.kids[2]!.kids;
    expect(trs.every((t) => t.type === 'TR')).toBe(true);
    expect(trs[0]!.kids.map((c) => c.type)).toEqual(['TH', 'TH', 'TH']);
    const links = all(index).filter((n) => n.type === 'Link');
    expect(links.length).toBe(rows.length);
    for (const [k, link] of links.entries()) {
      expect(link.annots.length).toBe(1);
      const annot = doc.context.lookup(link.annots[0]!, PDFDict);
      // Tied both ways: the annotation's StructParent is this Link in the ParentTree.
      const sp = annot.lookup(PDFName.of('StructParent'), PDFNumber).asNumber();
      expect(parentTree.get(sp)).toBe(link.ref);
      const target = pages.findIndex((p) => p.ref === annot.lookup(PDFName.of('Dest'), PDFArray).get(0));
      expect(back.labels[target]).toBe(rows[k]!.first);
    }
    expect(pages[0]!.node.get(PDFName.of('Tabs'))?.toString()).toBe('/S');

    // Every piece of marked content in the tree is on a page of the pack, and the page's ParentTree entry names
    // the element that holds it (so a reader going from content to structure finds the same element).
    let marked = 0;
    for (const n of all(tree)) {
      for (const { page, mcid } of n.mcids) {
        expect(page, `${n.type} has marked content on a page of the pack`).toBeGreaterThanOrEqual(0);
        const key = pages[page]!.node.lookup(PDFName.of('StructParents'), PDFNumber).asNumber();
        const owners = parentTree.get(key);
        const arr = owners instanceof PDFRef ? doc.context.lookup(owners, PDFArray) : (owners as PDFArray);
        expect(arr.get(mcid), `${n.type} MCID ${mcid} on page ${page + 1}`).toBe(n.ref);
        marked++;
      }
    }
    expect(marked).toBeGreaterThan(100);

    // Our documents keep their structure: the statement of complaint's Part holds headings and paragraphs,
    // whose marked content is on its own pages, and pdf.js reads the same structure from those pages.
    const statement = tree.kids[1 + rows.findIndex((r) => r.source === 'document')]!;
    const types = new Set(all(statement).map((n) => n.type));
    expect(types.has('P')).toBe(true);
    expect([...types].some((t) => /^H\d$|^Title$/.test(t))).toBe(true);
    const first = back.labels.indexOf(rows.find((r) => r.source === 'document')!.first);
    const onPages = new Set(all(statement).flatMap((n) => n.mcids.map((m) => m.page)));
    expect(Math.min(...onPages)).toBe(first);
    const pj = await openPdfjs(bytes);
    try {
      const st = await (await pj.getPage(first + 1)).getStructTree();
      const flat = JSON.stringify(st);
      expect(flat).toContain('"role":"Part"');
      expect(flat).toMatch(/"role":"(P|H1|H2|Title)"/);
      const idx = JSON.stringify(await (await pj.getPage(1)).getStructTree());
      expect(idx).toContain('"role":"Table"');
      expect(idx).toContain('"role":"Link"');
    } finally {
      await pj.destroy();
    }

    // Another PDF (the letter) is one marked sequence a page under its Part.
    const letterRow = rows.find((r) => r.title.startsWith('Letter from the Team Manager'))!;
    const letter = tree.kids[1 + rows.indexOf(letterRow)]!;
    expect(letter.kids).toEqual([]);
    const at = back.labels.indexOf(letterRow.first);
    expect(letter.mcids).toEqual([{ page: at, mcid: 0 }, { page: at + 1, mcid: 0 }]);

    // The stamped number is a pagination artifact, outside any marked content of the tree.
    const content = Buffer.concat(pages[at]!.node.Contents() instanceof PDFArray ? (pages[at]!.node.Contents() as PDFArray).asArray().map((r) => Buffer.from((doc.context.lookup(r) as unknown as { getContents(): Uint8Array }).getContents())) : []).toString('latin1');
    expect(content).toMatch(/^\/Part <<\/MCID 0>> BDC q\n/);
    expect(content).toMatch(/Q EMC \/Artifact <<\/Type \/Pagination \/Subtype \/Footer>> BDC .* Tj ET Q EMC\n$/s);
    expect(pdftotextPage(file, at + 1)).toContain('Jordan Blake will visit Kieran on Tuesday.');

    // Not every page has structure of its own (the letter, the scan), so the pack does not claim to be tagged.
    expect(doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('false');
  }, 180_000);

  it('a pack of our documents only is marked as tagged; a redacted tagged document loses its structure and the flag says so', async () => {
    const { call, caseId, build, dir } = await packCase();
    const view = await call('bundle.get', { caseId });
    for (const e of view.pack.entries.filter((x) => x.source.type !== 'document')) await call('bundle.remove', { caseId, entry: e.id });
    await build('panel', 'ours.pdf');
    const ours = await PDFDocument.load(fs.readFileSync(path.join(dir, 'ours.pdf')));
    expect(qpdfCheck(path.join(dir, 'ours.pdf'))).toMatch(/No syntax or stream encoding errors/);
    expect(ours.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('true');
    // Only one StructTreeRoot in the file: the sources' own roots were never copied.
    const roots = ours.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type'))?.toString() === '/StructTreeRoot');
    expect(roots.length).toBe(1);
    const { tree } = structTree(ours);
    expect(tree.kids.length).toBe(1 + view.pack.entries.filter((x) => x.source.type === 'document').length);

    // A phrase redacted from A1 for the panel: that document's structure is not copied (its elements could
    // carry the words), its pages are left as they are, and the pack no longer claims to be tagged.
    await call('bundle.redact', { caseId, entry: 'A1', phrase: 'Statement of complaint', reason: 'Test', recipients: ['panel'] });
    await build('panel', 'redacted.pdf');
    const file = path.join(dir, 'redacted.pdf');
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    const red = await PDFDocument.load(fs.readFileSync(file));
    expect(red.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('false');
    const again = structTree(red).tree;
    const a1 = again.kids[1]!;
    expect(a1.kids.filter((k) => k.type !== 'P')).toEqual([]);
    expect(pdftotextPage(file, 2)).not.toMatch(/Statement of complaint/i);
    // The other documents keep theirs.
    expect(again.kids.slice(2).every((k) => k.kids.length > 0)).toBe(true);
  }, 180_000);

  it('keeps another tagged PDF’s structure for the panel, but not in the complainant’s version, where its alternate texts are not leak-checked', async () => {
    const { call, caseId, build, dir } = await packCase();
    await call('bundle.addFile', { caseId, fileName: 'visit-photo.pdf', section: 'C', title: 'Contact centre visit (photo)', dataBase64: (await taggedPhotoPdf()).toString('base64') });
    await build('panel', 'panel.pdf');
    await build('complainant', 'complainant.pdf');
    const panel = fs.readFileSync(path.join(dir, 'panel.pdf'));
    const complainant = fs.readFileSync(path.join(dir, 'complainant.pdf'));
    // The panel's version keeps the file's own Figure and its alternate text.
    expect(panel.includes('Photo of Jordan Blake at the contact centre')).toBe(true);
    const p = structTree(await PDFDocument.load(panel)).tree;
    expect(all(p.kids.at(-1)!).map((n) => n.type)).toContain('Figure');
    // The complainant's: the page is there (its text names nobody), the structure and its words are not.
    expect(complainant.includes('Photo of Jordan Blake')).toBe(false);
    expect(complainant.includes('Jordan Blake')).toBe(false);
    expect(qpdfCheck(path.join(dir, 'complainant.pdf'))).toMatch(/No syntax or stream encoding errors/);
    const c = await PDFDocument.load(complainant);
    expect(structTree(c).tree.kids.at(-1)!.kids).toEqual([]);
    expect(pdftotextPage(path.join(dir, 'complainant.pdf'), c.getPageCount())).toContain('Notes of the visit to the contact centre.');
  }, 180_000);
});

/** A tagged PDF (PDFKit) whose picture's alternate text names the social worker; its page text names nobody. */
async function taggedPhotoPdf(): Promise<Buffer> {
  const doc = new PDFKit({ size: 'A4', margin: 56, tagged: true });
  doc.registerFont('body', reportFonts().regular);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  const root = doc.struct('Document');
  doc.addStructure(root);
  const p = doc.struct('P', {}, () => doc.font('body').fontSize(12).text('Notes of the visit to the contact centre.'));
  root.add(p);
  p.end();
  const fig = doc.struct('Figure', { alt: 'Photo of Jordan Blake at the contact centre' }, () => doc.rect(56, 120, 200, 120).fill('#888888'));
  root.add(fig);
  fig.end();
  root.end();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
