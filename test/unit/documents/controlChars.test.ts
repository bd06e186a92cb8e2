import { describe, expect, it } from 'vitest';
import { foldName } from '../../../shared/documents/fold';
import { nameFinder } from '../../../shared/documents/names';
import type { NamedPerson } from '../../../shared/documents/names';

/**
 * A glyph with no text of its own (a PDF font's empty ToUnicode entry) comes back from pdf.js as a control
 * character. Inside a name in an added PDF it hid the name from the hearing pack's leak check of the
 * complainant's version, which reads added PDFs with pdf.js; control characters now fold to nothing, as format
 * characters already did.
 */
describe('control characters inside a name', () => {
  const people: NamedPerson[] = [{ id: 'p1', name: 'Jordan Blake' }];
  it('folds them away, so the name is still found', () => {
    expect(foldName('Jor\u001edan Bl\u0000ake')).toBe(foldName('Jordan Blake'));
    const find = nameFinder(people, {});
    for (const text of ['Met Jor\u001edan Blake today', 'Met Jordan Bl\u001bake today', 'Met J\u0001ordan\u0002 Blake\u007f today']) {
      expect(find(text).map((h) => h.personIds), JSON.stringify(text)).toEqual([['p1']]);
    }
  });
  it('leaves tabs and line breaks as the spaces they are', () => {
    expect(foldName('Jordan\tBlake')).toBe('jordan blake');
    expect(foldName('Jordan\nBlake')).toBe('jordan blake');
  });
});
