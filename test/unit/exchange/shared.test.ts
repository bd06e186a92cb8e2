import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactFingerprint, fingerprintOf } from '../../../shared/exchange/card';
import { diffAsText, diffDrafts } from '../../../shared/exchange/draftDiff';
import { emptyReview, findingState, type Review } from '../../../shared/exchange/review';
import type { Block, DocumentModel } from '../../../shared/documents/model';

const KEY = { encryptionKey: `age1${'q'.repeat(58)}`, signingKey: 'ab'.repeat(32) };

describe('fingerprints', () => {
  it('are six groups of four from an alphabet without look-alikes, and change with either key', () => {
    const f = fingerprintOf(KEY);
    expect(f).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}( [0-9A-HJKMNP-TV-Z]{4}){5}$/);
    expect(fingerprintOf(KEY)).toBe(f);
    expect(fingerprintOf({ ...KEY, signingKey: 'ac'.repeat(32) })).not.toBe(f);
    expect(fingerprintOf({ ...KEY, encryptionKey: `age1${'p'.repeat(58)}` })).not.toBe(f);
  });

  it('match however they are typed back: spaces, dashes, lower case, O for 0, I or L for 1', () => {
    const f = fingerprintOf(KEY);
    const compact = compactFingerprint(f);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '-', '', '  '), { minLength: 24, maxLength: 24 }), fc.boolean(), fc.boolean(), fc.boolean(), (seps, lower, lookalikes, useI) => {
        let typed = compact
          .split('')
          .map((ch, i) => ch + seps[i])
          .join('');
        if (lookalikes) typed = typed.replace(/0/g, 'O').replace(/1/g, useI ? 'I' : 'l');
        if (lower) typed = typed.toLowerCase();
        expect(compactFingerprint(typed)).toBe(compact);
      }),
      { numRuns: 200 },
    );
  });
});

const model = (blocks: Block[]): DocumentModel => ({
  kind: 'investigation-report', title: 't', subject: 's', author: 'a', reference: 'R', marking: 'M', variant: 'council', variantNote: '', draft: { version: 1 },
  letterhead: { council: 'C', logo: null, addressLines: [], contactLines: [] }, blocks,
});
const p = (text: string): Block => ({ type: 'paragraph', runs: [{ text }] });
const h = (text: string): Block => ({ type: 'heading', level: 2, text });

describe('what changed between two drafts', () => {
  it('compares section by section, word by word, and names sections added and removed', () => {
    const a = model([p('Opening words.'), h('Point 1'), p('The finding is not upheld for Łukasz’s family.'), h('Point 2'), p('Unchanged text.'), h('Old appendix'), p('Gone.')]);
    const b = model([p('Opening words.'), h('Point 1'), p('The finding is partially upheld for Łukasz’s family.'), h('Point 2'), p('Unchanged text.'), h('New appendix'), p('Added.')]);
    const d = diffDrafts(a, b);
    expect(d.map((s) => [s.title, s.status])).toEqual([
      ['Opening', 'same'], ['Point 1', 'changed'], ['Point 2', 'same'], ['New appendix', 'added'], ['Old appendix', 'removed'],
    ]);
    const point1 = d[1]!.parts;
    expect(point1.filter((x) => x.change === 'removed').map((x) => x.value.trim())).toEqual(['not']);
    expect(point1.filter((x) => x.change === 'added').map((x) => x.value.trim())).toEqual(['partially']);
    expect(diffAsText(d)).toContain('The finding is [-not-]{+partially+} upheld');
    // Two sections with the same heading are told apart by their order.
    expect(diffDrafts(model([h('Analysis'), p('x'), h('Analysis'), p('y')]), model([h('Analysis'), p('x'), h('Analysis'), p('z')])).map((s) => [s.title, s.status])).toEqual([
      ['Analysis', 'same'], ['Analysis (2)', 'changed'],
    ]);
  });
});

describe('where a finding stands', () => {
  const at = (positions: Review['positions'], drafts: number[]): Review => ({
    ...emptyReview('io'), drafts: drafts.map((v) => ({ version: v, issueId: `i${v}`, packageId: `p${v}`, at: '' })), positions,
  });
  const pos = (stance: 'agree' | 'disagree' | 'query', draftVersion: number) => ({ pointId: 'p1', stance, reason: '', draftVersion, by: 'IP', at: '' });
  it('is agreed only when the newest position agrees on the newest draft', () => {
    expect(findingState(undefined, 'p1')).toBe('not yet reviewed');
    expect(findingState(at([], [1]), 'p1')).toBe('not yet reviewed');
    expect(findingState(at([pos('agree', 1)], [1]), 'p1')).toBe('agreed');
    expect(findingState(at([pos('agree', 1)], [1, 2]), 'p1')).toBe('agreed on an earlier draft');
    expect(findingState(at([pos('agree', 1), pos('disagree', 2)], [1, 2]), 'p1')).toBe('disagreed');
    expect(findingState(at([pos('disagree', 1), pos('query', 2)], [1, 2]), 'p1')).toBe('queried');
    expect(findingState(at([pos('disagree', 1), pos('agree', 2)], [1, 2]), 'p1')).toBe('agreed');
  });
});
