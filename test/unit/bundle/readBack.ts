import { execFileSync } from 'node:child_process';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';

/** What a reader's tools see in a built pack: poppler's text per page, qpdf's check, and the PDF's own structures. */
export function pdftotextPage(file: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' });
}
export function pdftotextAll(file: string): string {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}
export function qpdfCheck(file: string): string {
  return execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
}
export function pdfinfo(file: string): string {
  return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
}

const text = (o: unknown) => (o instanceof PDFHexString || o instanceof PDFString ? o.decodeText() : String(o));

export interface PackReadBack {
  pages: number;
  labels: string[];
  /** Bookmarks: title, target page index (0-based), depth. */
  outline: { title: string; page: number; depth: number }[];
  /** Links on each page: target page index. */
  links: { page: number; target: number }[];
  openAction: number | null;
  title: string | undefined;
  attachments: Record<string, string>;
}

export async function readPack(bytes: Uint8Array): Promise<PackReadBack> {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages();
  const indexOf = (ref: unknown) => pages.findIndex((p) => p.ref === ref || (ref instanceof PDFRef && p.ref.toString() === ref.toString()));
  const labels: string[] = new Array(pages.length).fill('');
  const pl = doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict);
  const nums = pl.lookup(PDFName.of('Nums'), PDFArray);
  for (let i = 0; i < nums.size(); i += 2) {
    const at = (nums.lookup(i, PDFNumber) as PDFNumber).asNumber();
    const d = nums.lookup(i + 1, PDFDict);
    labels[at] = text(d.lookup(PDFName.of('P')));
  }
  const outline: PackReadBack['outline'] = [];
  const walk = (first: unknown, depth: number) => {
    let cur = first instanceof PDFRef ? doc.context.lookup(first, PDFDict) : null;
    while (cur) {
      const dest = cur.lookup(PDFName.of('Dest'), PDFArray);
      outline.push({ title: text(cur.lookup(PDFName.of('Title'))), page: indexOf(dest.get(0)), depth });
      walk(cur.get(PDFName.of('First')), depth + 1);
      const next = cur.get(PDFName.of('Next'));
      cur = next instanceof PDFRef ? doc.context.lookup(next, PDFDict) : null;
    }
  };
  const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
  walk(root.get(PDFName.of('First')), 0);
  const links: PackReadBack['links'] = [];
  pages.forEach((p, i) => {
    const annots = p.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) return;
    for (let k = 0; k < annots.size(); k++) {
      const a = annots.lookup(k, PDFDict);
      if (a.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
      links.push({ page: i, target: indexOf(a.lookup(PDFName.of('Dest'), PDFArray).get(0)) });
    }
  });
  const oa = doc.catalog.lookup(PDFName.of('OpenAction'));
  const attachments: Record<string, string> = {};
  const names = doc.catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict) {
    const ef = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict);
    const arr = ef.lookup(PDFName.of('Names'), PDFArray);
    for (let i = 0; i < arr.size(); i += 2) {
      const spec = arr.lookup(i + 1, PDFDict);
      const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F')) as unknown as { getContents(): Uint8Array };
      const { inflateSync } = await import('node:zlib');
      const raw = stream.getContents();
      let data: Buffer;
      try {
        data = inflateSync(raw);
      } catch {
        data = Buffer.from(raw);
      }
      attachments[text(arr.lookup(i))] = data.toString('utf8');
    }
  }
  return { pages: pages.length, labels, outline, links, openAction: oa instanceof PDFArray ? indexOf(oa.get(0)) : null, title: doc.getTitle(), attachments };
}
