import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldChar, foldCharSlow, foldName, foldWithMap } from '../../../shared/documents/fold';

// foldChar answers from tables (ASCII) and a per-process memo (issue 15); the rules themselves are foldCharSlow.
describe('foldChar from tables', () => {
  it('gives the rules’ answer for every code point of the first three planes, asked twice', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x2ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const want = foldCharSlow(ch);
      if (foldChar(ch) !== want || foldChar(ch) !== want) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('folds the hard names as before', () => {
    expect(foldName("  Zoë  Ó’Brien-Łukasiewicz ")).toBe('zoe obrien-lukasiewicz');
    expect(foldName('İlkay YILMAZ')).toBe('ilkay yilmaz');
    expect(foldName('Nguyễn Thị Ánh')).toBe('nguyen thi anh');
    expect(foldName('ΓΙΏΡΓΟΣ')).toBe(foldName('γιώργος'));
    expect(foldWithMap('A\u00adB’c').folded).toBe('abc');
  });

  it('folds any text as the rules do, character by character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const slow = [...s].map(foldCharSlow).join('');
        expect(foldWithMap(s).folded).toBe(slow);
      }),
      { numRuns: 300 },
    );
  });
});
