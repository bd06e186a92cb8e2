import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lateAnchor, layoutPack, letters, roman } from '../../../shared/bundle/layout';
import { emptyPack, type Pack, type PackEntry } from '../../../shared/bundle/model';

const entry = (id: string, sectionId: string, pages: number, after: string | null = null): PackEntry => ({
  id, sectionId, title: `Document ${id}`, date: null, source: { type: 'file', attachmentId: id }, pages, after, addedAt: '2026-11-25T10:00:00Z', notes: [], turns: [],
});
const labelsOf = (p: Pack, indexPages: number) => {
  const lay = layoutPack(p, indexPages);
  return new Map(p.entries.map((e) => [e.id, lay.labels.get(e.id)!]));
};

describe('page numbers of a pack', () => {
  it('numbers by section (A1 … B1) with the index in roman numerals, or continuously from the index on', () => {
    const p: Pack = { ...emptyPack(), entries: [entry('a', 'A', 2), entry('b', 'B', 3), entry('c', 'A', 1)] };
    const s = layoutPack(p, 2);
    expect(s.indexLabels).toEqual(['i', 'ii']);
    expect(s.order.map((e) => e.id)).toEqual(['a', 'c', 'b']);
    expect(s.labels.get('c')).toEqual(['A3']);
    expect(s.labels.get('b')).toEqual(['B1', 'B2', 'B3']);
    const c = layoutPack({ ...p, numbering: 'continuous' }, 2);
    expect(c.indexLabels).toEqual(['1', '2']);
    expect(c.labels.get('a')).toEqual(['3', '4']);
    expect(c.labels.get('b')).toEqual(['6', '7', '8']);
    expect(c.totalPages).toBe(8);
  });

  it('puts late inserts after the page they follow, lettered on from it, and refuses a page inside a document', () => {
    const p: Pack = { ...emptyPack(), numbering: 'continuous', entries: [entry('a', 'A', 2), entry('b', 'B', 2), entry('x', 'A', 2, 'a'), entry('y', 'A', 1, 'a')] };
    const lay = layoutPack(p, 1);
    expect(lay.order.map((e) => e.id)).toEqual(['a', 'x', 'y', 'b']);
    expect(lay.labels.get('x')).toEqual(['3a', '3b']);
    expect(lay.labels.get('y')).toEqual(['3c']);
    expect(lay.labels.get('b')).toEqual(['4', '5']);
    expect(lateAnchor(p, '2', 1)).toEqual({ problem: 'Page 2 is inside “Document a” (2–3); insert after the last page of a document, such as 3.' });
    expect(lateAnchor(p, '1', 1)).toEqual({ problem: 'Page 1 is part of the index; insert after the last page of a document.' });
    expect('entry' in lateAnchor(p, '3c', 1) && (lateAnchor(p, '3c', 1) as { entry: PackEntry }).entry.id).toBe('a');
  });

  it('keeps the index’s numbers once sent: a longer index gets ii a, ii b … and no document page moves', () => {
    const p: Pack = { ...emptyPack(), sent: { at: '2026-11-25', indexPages: 2 }, entries: [entry('a', 'A', 2)] };
    expect(layoutPack(p, 4).indexLabels).toEqual(['i', 'ii', 'ii a', 'ii b']);
    expect(layoutPack({ ...p, numbering: 'continuous' }, 3).indexLabels).toEqual(['1', '2', '2a']);
    expect(layoutPack({ ...p, numbering: 'continuous' }, 3).labels.get('a')).toEqual(['3', '4']);
  });

  it('roman numerals and letters', () => {
    expect([1, 4, 9, 14, 40, 90, 400, 1999].map(roman)).toEqual(['i', 'iv', 'ix', 'xiv', 'xl', 'xc', 'cd', 'mcmxcix']);
    expect([1, 26, 27, 52, 53, 702, 703].map(letters)).toEqual(['a', 'z', 'aa', 'az', 'ba', 'zz', 'aaa']);
  });

  it('property: after any late inserts, every page that existed keeps its label, and all labels are distinct', () => {
    const arb = fc.record({
      numbering: fc.constantFrom('section' as const, 'continuous' as const),
      docs: fc.array(fc.record({ section: fc.constantFrom('A', 'B', 'C', 'D'), pages: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 12 }),
      inserts: fc.array(fc.record({ at: fc.nat(), pages: fc.integer({ min: 1, max: 4 }), grow: fc.integer({ min: 0, max: 2 }) }), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(arb, ({ numbering, docs, inserts }) => {
        let pack: Pack = { ...emptyPack(), numbering, entries: docs.map((d, i) => entry(`d${i}`, d.section, d.pages)) };
        const indexPages = 1;
        pack = { ...pack, sent: { at: 'x', indexPages } };
        const before = labelsOf(pack, indexPages);
        const beforeIndex = layoutPack(pack, indexPages).indexLabels;
        inserts.forEach((ins, k) => {
          const lay = layoutPack(pack, indexPages);
          const target = lay.order[ins.at % lay.order.length]!;
          const last = lay.labels.get(target.id)!.at(-1)!;
          const found = lateAnchor(pack, last, indexPages);
          if ('problem' in found) throw new Error(found.problem);
          pack = { ...pack, entries: [...pack.entries, entry(`late${k}`, found.entry.sectionId, ins.pages, found.entry.id)] };
        });
        const grown = indexPages + (inserts[0]?.grow ?? 0);
        const after = layoutPack(pack, grown);
        for (const [id, ls] of before) expect(after.labels.get(id)).toEqual(ls);
        expect(after.indexLabels.slice(0, beforeIndex.length)).toEqual(beforeIndex);
        const all = [...after.indexLabels, ...after.order.flatMap((e) => after.labels.get(e.id)!)];
        expect(new Set(all).size).toBe(all.length);
        expect(all.length).toBe(after.totalPages);
      }),
      { numRuns: 300 },
    );
  });
});
