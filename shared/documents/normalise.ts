import type { Block, DocumentModel, Run } from './model';

const mapRuns = (runs: Run[], fn: (t: string) => string): Run[] => runs.map((r) => ({ ...r, text: fn(r.text) }));

/**
 * Every piece of text a document prints, through `fn`: metadata, letterhead, header and footer fields, and
 * each block. The renderers use it to put all text in NFC, so a name stored with decomposed accents
 * ("Zoe" + U+0308) is laid out and searched as the same letters as one typed precomposed.
 */
export function mapEveryText(m: DocumentModel, fn: (t: string) => string): DocumentModel {
  const blocks: Block[] = m.blocks.map((b) => {
    switch (b.type) {
      case 'title':
      case 'heading':
        return { ...b, text: fn(b.text) };
      case 'paragraph':
        return { ...b, runs: mapRuns(b.runs, fn) };
      case 'list':
        return { ...b, items: b.items.map((i) => mapRuns(i, fn)) };
      case 'table':
        return { ...b, header: b.header.map(fn), rows: b.rows.map((row) => row.map((cell) => mapRuns(cell, fn))) };
      case 'signature':
        return { ...b, name: fn(b.name), role: fn(b.role), ...(b.date !== undefined ? { date: fn(b.date) } : {}) };
      default:
        return b;
    }
  });
  const lh = m.letterhead;
  return {
    ...m,
    title: fn(m.title),
    subject: fn(m.subject),
    author: fn(m.author),
    reference: fn(m.reference),
    marking: fn(m.marking),
    variantNote: fn(m.variantNote),
    letterhead: { ...lh, council: fn(lh.council), addressLines: lh.addressLines.map(fn), contactLines: lh.contactLines.map(fn) },
    blocks,
  };
}

/** The model with all its text in Unicode NFC. */
export const toNfc = (m: DocumentModel): DocumentModel => mapEveryText(m, (t) => t.normalize('NFC'));

/**
 * Each piece of printed text with where a reader finds it, in words ("the paragraph under “4. Background”"),
 * for messages that must point at a place in the document.
 */
export function textWithPlaces(m: DocumentModel): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [
    { where: 'the document title (file properties)', text: m.title },
    { where: 'the document subject (file properties)', text: m.subject },
    { where: 'the author (file properties)', text: m.author },
    { where: 'the page header', text: `${m.marking} ${m.reference}` },
    { where: 'the version note under the title', text: m.variantNote },
    { where: 'the letterhead', text: [m.letterhead.council, ...m.letterhead.addressLines, ...m.letterhead.contactLines].join('\n') },
  ];
  let under = '';
  const place = (what: string) => (under ? `${what} under “${under}”` : `${what} at the top of the document`);
  for (const b of m.blocks) {
    switch (b.type) {
      case 'title':
        out.push({ where: 'the title', text: b.text });
        under = b.text;
        break;
      case 'heading':
        out.push({ where: `the heading “${b.text}”`, text: b.text });
        under = b.text;
        break;
      case 'paragraph':
        out.push({ where: place('the paragraph'), text: b.runs.map((r) => r.text).join('') });
        break;
      case 'list':
        b.items.forEach((i, n) => out.push({ where: place(`item ${n + 1} of the list`), text: i.map((r) => r.text).join('') }));
        break;
      case 'table':
        out.push({ where: place('the table headings'), text: b.header.join('\n') });
        b.rows.forEach((row, n) => out.push({ where: place(`row ${n + 1} of the table`), text: row.map((c) => c.map((r) => r.text).join('')).join('\n') }));
        break;
      case 'signature':
        out.push({ where: place('the signature block'), text: [b.name, b.role, b.date ?? ''].join('\n') });
        break;
      default:
        break;
    }
  }
  return out;
}
