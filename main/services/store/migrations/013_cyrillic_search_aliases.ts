import { rewriteSearchRows } from './searchRows';
import type { Migration } from './types';

/**
 * Ukrainian and Russian names found as written in Latin letters ("Oleksandr" for "Олександр", "Sergei" or
 * "Sergey" for "Сергей"; main/services/search/fold.ts, cyrillicToLatin). New and changed rows get the Latin
 * spellings among their aliases on every save; this fills them in for rows indexed before. Only rows with a
 * Cyrillic letter are rewritten.
 */
const CYRILLIC = /\p{Script=Cyrillic}/u;

export const migration013: Migration = {
  version: 13,
  name: 'cyrillic search aliases',
  up(db) {
    rewriteSearchRows(db, (title, body) => CYRILLIC.test(title) || CYRILLIC.test(body));
  },
};
