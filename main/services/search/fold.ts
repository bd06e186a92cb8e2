/**
 * Folding letters the way a person searching with an English keyboard expects. The index's tokenizer
 * (`unicode61 remove_diacritics 2`) folds case and the accents of letters built as base + accent (é, ç, ğ, ễ), but
 * not letters that are their own character: Polish Ł, Danish Ø, Vietnamese Đ, Turkish dotless ı, German ß, and not
 * Greek accents. So "Lukasz" did not find "Łukasz", "Dang" not "Đặng", "Isil" not "Işıl", "Eleni" not "Ελένη".
 *
 * FTS5 cannot take a tokenizer written in JavaScript here, so each indexed text carries, after a separator, the
 * folded form of every word the tokenizer would not fold itself ("aliases"); searches match them like any word,
 * and the separator and aliases are taken off before a snippet is shown.
 */

/** Letters that are not a base letter plus accent, so Unicode decomposition leaves them alone. */
const OWN_LETTERS: Record<string, string> = {
  ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ŀ: 'l', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', ŧ: 't', ƒ: 'f', ĸ: 'k', ŋ: 'n', ς: 'σ',
};
const OWN_LETTER = new RegExp(`[${Object.keys(OWN_LETTERS).join('')}]`, 'gu');

/** A word as search compares it: lower case, every accent and mark off, the letters above replaced. */
export function searchFold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(OWN_LETTER, (c) => OWN_LETTERS[c]!).normalize('NFC');
}

/** Roughly what the tokenizer itself makes of a word: lower case, and accents off Latin letters only. */
function tokenizerFold(word: string): string {
  return word.normalize('NFD').replace(/([A-Za-z])\p{M}+/gu, '$1').toLowerCase().normalize('NFC');
}

const WORD = /[\p{L}\p{N}]+/gu;

/** This separator is not a letter or digit, so the tokenizer never makes a word of it. */
export const ALIAS_SEPARATOR = '\n\u241E\n';

/** The folded forms of the words of `texts` that the tokenizer would not fold itself, each once. */
export function aliasesOf(...texts: string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const [w] of text.matchAll(WORD)) {
      if (/^[^\u0080-\u{10FFFF}]*$/u.test(w)) continue;
      const folded = searchFold(w);
      if (folded !== tokenizerFold(w)) out.add(folded);
    }
  }
  return [...out];
}

/** The body as indexed: the text (any separator in it made a space), then the aliases of the title and body. */
export function bodyForIndex(title: string, body: string): string {
  const clean = body.replaceAll('\u241E', ' ');
  const aliases = aliasesOf(title, clean);
  return aliases.length === 0 ? clean : `${clean}${ALIAS_SEPARATOR}${aliases.join(' ')}`;
}

/** The body as the user wrote it, aliases taken off. */
export function bodyAsWritten(indexed: string): string {
  const at = indexed.lastIndexOf(ALIAS_SEPARATOR);
  return at < 0 ? indexed : indexed.slice(0, at);
}
