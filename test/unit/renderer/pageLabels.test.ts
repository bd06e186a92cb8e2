import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPage } from '../../../renderer/src/ui/pageLabels';

describe("the viewer's Go to page", () => {
  const labels = ['Index 1', 'A1', 'A2', 'B1', 'B2', 'B3', 'B3a', 'C1'];
  it('finds a label as the pack numbers it, whatever the case and spaces, or a place in the file', () => {
    expect(findPage('b2', labels, 8)).toBe(5);
    expect(findPage(' B 3A ', labels, 8)).toBe(7);
    expect(findPage('index 1', labels, 8)).toBe(1);
    expect(findPage('8', labels, 8)).toBe(8);
    expect(findPage('#2', labels, 8)).toBe(2);
    // A number that is a label is that label (a pack numbered i, ii, 1, 2 …); # means the place.
    expect(findPage('1', ['i', 'ii', '1', '2'], 4)).toBe(3);
    expect(findPage('#1', ['i', 'ii', '1', '2'], 4)).toBe(1);
    expect(findPage('3', null, 5)).toBe(3);
  });

  it('says in one sentence what is wrong otherwise', () => {
    expect(findPage('', labels, 8)).toBe('Type the page to go to.');
    expect(findPage('D4', labels, 8)).toBe('There is no page D4 in this file; its pages run from Index 1 to C1 (or #1 to #8 by place).');
    expect(findPage('#9', labels, 8)).toBe('There is no page #9 in this file; it has 8 pages.');
    expect(findPage('9', null, 8)).toBe('There is no page 9 in this file; its pages run from 1 to 8.');
    expect(findPage('0', null, 8)).toBe('There is no page 0 in this file; its pages run from 1 to 8.');
  });

  it('answers any typed text with a page in the file or a sentence, never throwing', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 3000 }), fc.boolean(), (typed, pages, withLabels) => {
        const l = withLabels ? Array.from({ length: pages }, (_x, i) => `${String.fromCharCode(65 + (i % 26))}${i + 1}`) : null;
        const r = findPage(typed, l, pages);
        if (typeof r === 'number') expect(r >= 1 && r <= pages).toBe(true);
        else expect(r).toMatch(/\.$/);
      }),
      { numRuns: 300 },
    );
  });
});
