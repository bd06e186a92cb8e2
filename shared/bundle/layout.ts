import type { IndexRow, Pack, PackEntry, PackSection } from './model';

/**
 * Page numbers of a hearing pack, as the UK courts' e-bundle guidance has them: generated, starting at 1 with
 * the index, the same in the PDF's page labels and stamped on the page; by section (A1, A2 … B1) or
 * continuous. A late insert never moves a page that existed: it takes the number of the page it follows with
 * a letter (A12a, A12b …), and once the pack is sent the index keeps the pages it had (an index that grows gets
 * ii a, ii b … or 2a, 2b …).
 */

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];
export function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** 1 → a, 26 → z, 27 → aa … */
export function letters(n: number): string {
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(97 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export interface Layout {
  indexLabels: string[];
  /** Entries in the order their pages appear. */
  order: PackEntry[];
  labels: Map<string, string[]>;
  rows: Map<string, IndexRow[]>;
  totalPages: number;
}

/** Labels for every page, given how many pages the index takes now. */
export function layoutPack(pack: Pack, indexPages: number): Layout {
  const frozen = pack.sent?.indexPages ?? indexPages;
  const indexBase = (i: number) => (pack.numbering === 'section' ? roman(i) : String(i));
  const indexLabels = Array.from({ length: Math.max(indexPages, frozen) }, (_, i) =>
    i < frozen ? indexBase(i + 1) : `${indexBase(frozen)}${pack.numbering === 'section' ? ' ' : ''}${letters(i - frozen + 1)}`,
  );
  const labels = new Map<string, string[]>();
  const order: PackEntry[] = [];
  const rows = new Map<string, IndexRow[]>();
  const lateBy = new Map<string, PackEntry[]>();
  for (const e of pack.entries) if (e.after) lateBy.set(e.after, [...(lateBy.get(e.after) ?? []), e]);
  let continuous = frozen;
  const place = (e: PackEntry, ls: string[], section: PackSection) => {
    labels.set(e.id, ls);
    order.push(e);
    const row: IndexRow = { entryId: e.id, sectionId: section.id, title: e.title, date: e.date, first: ls[0]!, last: ls[ls.length - 1]!, pages: e.pages, late: e.after !== null, source: e.source.type };
    rows.set(section.id, [...(rows.get(section.id) ?? []), row]);
    // Late inserts that follow this entry's last page.
    const late = lateBy.get(e.id);
    if (!late) return;
    let n = 0;
    for (const l of late) {
      const anchor = ls[ls.length - 1]!;
      place(l, Array.from({ length: l.pages }, () => `${anchor}${letters(++n)}`), section);
    }
  };
  for (const section of pack.sections) {
    let n = 0;
    for (const e of pack.entries) {
      if (e.sectionId !== section.id || e.after) continue;
      const ls = Array.from({ length: e.pages }, () => (pack.numbering === 'section' ? `${section.letter}${++n}` : String(++continuous)));
      place(e, ls, section);
    }
  }
  const totalPages = indexLabels.length + order.reduce((s, e) => s + e.pages, 0);
  return { indexLabels, order, labels, rows, totalPages };
}

/**
 * Where a late insert may go: after the last page of a document already in the pack. Returns the entry it
 * follows, or a sentence saying why not.
 */
export function lateAnchor(pack: Pack, after: string, indexPages: number): { entry: PackEntry } | { problem: string } {
  const lay = layoutPack(pack, indexPages);
  const wanted = after.trim();
  for (const e of lay.order) {
    const ls = lay.labels.get(e.id)!;
    const at = ls.findIndex((l) => l.toLowerCase() === wanted.toLowerCase());
    if (at < 0) continue;
    if (at !== ls.length - 1) return { problem: `Page ${ls[at]} is inside “${e.title}” (${ls[0]}–${ls[ls.length - 1]}); insert after the last page of a document, such as ${ls[ls.length - 1]}.` };
    // After a late insert: it goes with the others that follow the same page, in the order they were added.
    return { entry: e.after ? (pack.entries.find((o) => o.id === e.after) ?? e) : e };
  }
  if (lay.indexLabels.some((l) => l.toLowerCase() === wanted.toLowerCase())) return { problem: `Page ${wanted} is part of the index; insert after the last page of a document.` };
  return { problem: `There is no page ${wanted} in the pack; look at the index (pack list) for the page to insert after.` };
}

/** "A1–A5" or "A3". */
export const pageRange = (r: { first: string; last: string }) => (r.first === r.last ? r.first : `${r.first}–${r.last}`);
