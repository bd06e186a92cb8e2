/**
 * Folding letters the way a person searching with an English keyboard expects. The index's tokenizer
 * (`unicode61 remove_diacritics 2`) folds case and the accents of letters built as base + accent (é, ç, ğ, ễ), but
 * not letters that are their own character: Polish Ł, Danish Ø, Vietnamese Đ, Turkish dotless ı, German ß, and not
 * Greek accents. So "Lukasz" did not find "Łukasz", "Dang" not "Đặng", "Isil" not "Işıl", "Eleni" not "Ελένη".
 *
 * Greek, Ukrainian and Russian names are also found as they are written in Latin letters on an English keyboard
 * ("Eleni" for "Ελένη", "Theodoros Papadopoulos" for "Θεόδωρος Παπαδόπουλος", "Oleksandr Shevchenko" for
 * "Олександр Шевченко", "Sergei" or "Sergey" for "Сергей"): see greekToLatin, cyrillicToLatin and latinSpellings.
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

// Greek in Latin letters, after ELOT 743 (the Greek standard, used on passports), on a folded word (lower case,
// accents off, final ς as σ). Two spellings, since people type names both ways: the standard's ("Efthymiou",
// "Mpakogianni") and the common one ("Efthimiou", "Bakogianni", "Yiannis"): υ as "i", and μπ, ντ, γκ, γι at the
// start of a word as "b", "d", "g", "yi". Pairs are read before single letters.
const GREEK_PAIRS: [string, string, string][] = [
  ['ου', 'ou', 'ou'], ['γγ', 'ng', 'ng'], ['γκ', 'gk', 'gk'], ['γξ', 'nx', 'nx'], ['γχ', 'nch', 'nch'], ['μπ', 'mp', 'mp'], ['ντ', 'nt', 'nt'],
  ['θ', 'th', 'th'], ['χ', 'ch', 'ch'], ['ψ', 'ps', 'ps'],
];
const GREEK_LETTERS: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', τ: 't', υ: 'y', φ: 'f', ω: 'o',
};
const GREEK = /\p{Script=Greek}/u;
const WORD_START_COMMON: Record<string, string> = { μπ: 'b', ντ: 'd', γκ: 'g', γι: 'yi' };
/** αυ, ευ, ηυ are "af", "ef", "if" before these letters (and at the end), "av", "ev", "iv" otherwise. */
const VOICELESS = new Set(['θ', 'κ', 'ξ', 'π', 'σ', 'τ', 'φ', 'χ', 'ψ']);

/** A folded word with Greek letters written in Latin letters, in the standard's and the common spelling. */
export function greekToLatin(folded: string): string[] {
  if (!GREEK.test(folded)) return [];
  let standard = '';
  let common = '';
  for (let i = 0; i < folded.length; ) {
    const c = folded[i]!;
    if ('αεη'.includes(c) && folded[i + 1] === 'υ') {
      const next = folded[i + 2];
      const latin = `${GREEK_LETTERS[c]}${next === undefined || VOICELESS.has(next) ? 'f' : 'v'}`;
      standard += latin;
      common += latin;
      i += 2;
      continue;
    }
    const start = i === 0 ? Object.keys(WORD_START_COMMON).find((g) => folded.startsWith(g)) : undefined;
    const pair = GREEK_PAIRS.find(([g]) => folded.startsWith(g, i));
    if (start) {
      standard += pair && pair[0] === start ? pair[1] : start.split('').map((x) => GREEK_LETTERS[x] ?? x).join('');
      common += WORD_START_COMMON[start];
      i += start.length;
      continue;
    }
    if (pair) {
      standard += pair[1];
      common += pair[2];
      i += pair[0].length;
      continue;
    }
    standard += GREEK_LETTERS[c] ?? c;
    common += c === 'υ' ? 'i' : (GREEK_LETTERS[c] ?? c);
    i += 1;
  }
  return standard === common ? [standard] : [standard, common];
}

// Cyrillic in Latin letters, on a word in lower case with its letters as written (й, ї and ё are not folded to
// и, і and е first). Ukrainian after the national standard of 2010 (used on Ukrainian passports: "Oleksandr",
// "Yuliia", "Andrii", "Hryhorii") and as commonly written ("Yulia", "Andriy", "Serhiy"); Russian after ICAO
// (Russian passports since 2013: "Sergei", "Aleksei", "Iulia") and as commonly written ("Sergey", "Aleksey",
// "Yulia", "Yelena"). A word with a letter only Ukrainian has (і ї є ґ) is read as Ukrainian, one with a letter
// only Russian has (ы э ё ъ) as Russian, any other both ways: at most four spellings a word.
const CYRILLIC = /\p{Script=Cyrillic}/u;
const SHARED_CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', д: 'd', ж: 'zh', з: 'z', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ʼ: '', "'": '', '’': '',
};
const UKRAINIAN_ONLY = /[іїєґ]/u;
const RUSSIAN_ONLY = /[ыэёъ]/u;
type CyrillicStyle = 'ukrainian' | 'ukrainianCommon' | 'russian' | 'russianCommon';
const VOWELS = new Set(['а', 'е', 'ё', 'и', 'і', 'ї', 'о', 'у', 'ы', 'э', 'ю', 'я', 'є', 'ь', 'ъ']);

function cyrillicSpelling(word: string, style: CyrillicStyle): string {
  const ukrainian = style === 'ukrainian' || style === 'ukrainianCommon';
  const common = style === 'ukrainianCommon' || style === 'russianCommon';
  let out = '';
  const chars = [...word];
  chars.forEach((c, i) => {
    const start = i === 0 || !/\p{L}/u.test(chars[i - 1]!);
    const prev = chars[i - 1];
    if (SHARED_CYRILLIC[c] !== undefined) {
      // Ukrainian "зг" is "zgh", so it is not read as "ж".
      out += ukrainian && c === 'г' ? 'h' : SHARED_CYRILLIC[c];
      return;
    }
    switch (c) {
      case 'г':
        out += ukrainian ? (prev === 'з' ? 'gh' : 'h') : 'g';
        return;
      case 'ґ':
        out += 'g';
        return;
      case 'е':
        // Russian е at the start of a word, or after a vowel, is often written "ye" (Yelena, Yevgeny).
        out += !ukrainian && common && (start || VOWELS.has(prev!)) ? 'ye' : 'e';
        return;
      case 'ё':
        out += common ? 'yo' : 'e';
        return;
      case 'є':
        out += start || common ? 'ye' : 'ie';
        return;
      case 'и':
        out += ukrainian ? 'y' : 'i';
        return;
      case 'і':
        out += 'i';
        return;
      case 'ї':
        out += start || common ? 'yi' : 'i';
        return;
      case 'й':
        out += common || (ukrainian && start) ? 'y' : 'i';
        return;
      case 'ы':
        out += 'y';
        return;
      case 'э':
        out += 'e';
        return;
      case 'ъ':
        out += common ? '' : 'ie';
        return;
      case 'ю':
        out += start || common ? 'yu' : 'iu';
        return;
      case 'я':
        // "Марія" is commonly "Maria", "Юлія" "Yulia".
        out += start ? 'ya' : common ? (prev === 'і' || prev === 'и' ? 'a' : 'ya') : 'ia';
        return;
      default:
        out += c;
    }
  });
  return out;
}

/** A word with Cyrillic letters written in Latin letters (lower case), in each spelling it may be searched by. */
export function cyrillicToLatin(word: string): string[] {
  const lower = word.normalize('NFC').toLowerCase();
  if (!CYRILLIC.test(lower)) return [];
  const styles: CyrillicStyle[] = UKRAINIAN_ONLY.test(lower) ? ['ukrainian', 'ukrainianCommon'] : RUSSIAN_ONLY.test(lower) ? ['russian', 'russianCommon'] : ['ukrainian', 'ukrainianCommon', 'russian', 'russianCommon'];
  return [...new Set(styles.map((s) => searchFold(cyrillicSpelling(lower, s))))];
}

/** Every Latin spelling of a word written in Greek or Cyrillic letters (none for other words). */
export function latinSpellings(word: string): string[] {
  const greek = greekToLatin(searchFold(word));
  const cyrillic = cyrillicToLatin(word);
  return greek.length === 0 ? cyrillic : cyrillic.length === 0 ? greek : [...new Set([...greek, ...cyrillic])];
}

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
      for (const latin of latinSpellings(w)) out.add(latin);
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
