/**
 * Folding for matching names (issue 10): two spellings of one name fold to the same string. NFKC/NFKD
 * compatibility forms (ligatures, full-width letters), full case folding (ß → ss, final sigma → sigma, the
 * Turkish dotted and dotless i → i), letters that are not a base letter plus an accent (Ł → l, Đ → d,
 * Ø → o, Æ → ae, Þ → th), Cyrillic and Greek letters that look Latin to their Latin twin (о → o),
 * accents dropped, every kind of apostrophe dropped ("O’Neill", "O'Neill" and "ONeill" fold alike), every kind of dash to "-", invisible characters (every format character: soft hyphen,
 * zero-width space, joiners, direction marks, invisible separators) dropped, and all spacing to one space.
 */
const SPECIAL: Record<string, string> = {
  ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', þ: 'th', Þ: 'th',
  ß: 'ss', ẞ: 'ss', ı: 'i', ħ: 'h', Ħ: 'h', ŀ: 'l', Ŀ: 'l', ŧ: 't', Ŧ: 't', ĸ: 'q', ſ: 's', ς: 'σ', ϲ: 'σ',
  // Cyrillic and Greek letters drawn like Latin ones (as capitals or small letters), so "Jоrdan" typed with a
  // Cyrillic о, or pasted so, is still Jordan. Both sides of a match fold alike, so Greek and Cyrillic names
  // still find themselves.
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j',
  ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w', ӏ: 'l', α: 'a', β: 'b', ε: 'e', ζ: 'z', η: 'h', ι: 'i', κ: 'k', μ: 'm', ν: 'n', ο: 'o',
  ρ: 'p', τ: 't', υ: 'y', χ: 'x',
};
const APOSTROPHES = /['\u2019\u2018\u02bc\u02bb`\u00b4\u2032\uff07]/u;
const DASHES = /[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]/u;
/**
 * Every format character (Unicode Cf: soft hyphen, zero-width space and joiners, direction marks and
 * isolates, word joiner, invisible separator and times, byte-order mark, tag characters…), which a reader
 * never sees inside a word, and the combining grapheme joiner. Control characters too (other than tabs and line
 * breaks, which are spacing): pdf.js reads a glyph that has no text of its own (an empty ToUnicode entry in an
 * added PDF) as one, which hid the name around it from the hearing pack's leak check.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /^(?:\p{Cf}|\u034f|[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f])$/u;
const SPACE = /[\s\u0085\u00a0\u2000-\u200a\u202f\u205f\u3000]/u;

/**
 * One character (a code point) folded, worked out from the rules above. `foldChar` gives the same answers
 * from tables (a test compares the two over every code point).
 */
export function foldCharSlow(ch: string): string {
  if (APOSTROPHES.test(ch) || INVISIBLE.test(ch)) return '';
  if (DASHES.test(ch)) return '-';
  if (SPACE.test(ch)) return ' ';
  const special = SPECIAL[ch];
  if (special) return special;
  let out = '';
  for (const c of ch.normalize('NFKD')) {
    if (/\p{M}/u.test(c)) continue;
    const s = SPECIAL[c];
    if (s) {
      out += s;
      continue;
    }
    // Full case folding, one code point at a time (toLowerCase of "İ" is "i" plus a dot, dropped above).
    for (const l of c.toLowerCase().normalize('NFKD')) if (!/\p{M}/u.test(l)) out += SPECIAL[l] ?? l;
  }
  return out;
}

/** ASCII, looked up (issue 15: folding character by character was a large part of the leak check). */
const ASCII_FOLDED: readonly string[] = Array.from({ length: 128 }, (_, c) => foldCharSlow(String.fromCharCode(c)));
/** Every other character, worked out once per process; a long session starts afresh past 50,000 of them. */
const folded = new Map<string, string>();

/** One character (a code point) folded; "" for characters that never matter to a name. */
export function foldChar(ch: string): string {
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if (c < 128) return ASCII_FOLDED[c]!;
  }
  let f = folded.get(ch);
  if (f === undefined) {
    if (folded.size > 50_000) folded.clear();
    f = foldCharSlow(ch);
    folded.set(ch, f);
  }
  return f;
}

/**
 * The folded text and, for each folded character (and one past the end), the index in `text` of the
 * character it came from, so a match in the folded text maps back to the original.
 */
export function foldWithMap(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += ch.length;
  }
  from.push(i);
  return { folded, from };
}

/** A whole name or phrase folded, spaces collapsed: "Zoë  Ó’Brien" → "zoe obrien". */
export const foldName = (s: string): string => foldWithMap(s.normalize('NFC')).folded.replace(/ +/g, ' ').trim();
