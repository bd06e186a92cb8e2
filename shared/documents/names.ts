import { foldChar, foldName, foldWithMap } from './fold';

/**
 * Finding the people of the register in text, however their names were typed (issue 10). One finder serves
 * the pseudonymiser (which replaces what it finds) and the leak check (which reads the rendered documents and
 * reports what is left), so both agree on what counts as a name.
 *
 * What is found, for each person: the whole name; every run of its words ("Ann O’Neill" of "Mary Ann
 * O’Neill"); each word, and each half of a hyphenated word; any of those after a title ("Mrs ONeill");
 * initials ("J.S.", "J. S.", and "JS" in capitals) and initial and surname ("J. Smith"); possessives. Matching
 * is on folded text (fold.ts), never inside another word, never inside a date or a protected string such as
 * the case reference. A word that is also an ordinary word ("Hope", "May", "Young", "Will") is found only
 * after a title, as part of a longer name, or capitalised in the middle of a sentence and away from numbers
 * (so "12 May 2026", "in May", "young person" and "Young people" at the start of a sentence stay).
 */

const TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lady', 'lord', 'rev', 'revd', 'cllr', 'master'];
const NOT_NAME_WORDS = new Set([...TITLES, 'and', '&']);
/** Name particles too common to find on their own ("Ó", "de", "van"). */
const PARTICLES = new Set(['o', 'de', 'da', 'di', 'do', 'dos', 'das', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'del', 'della', 'mac', 'mc', 'bin', 'binti', 'ibn', 'al', 'el', 'ap', 'ab', 'y', 'ni', 'nic', 'ui', 'mhic', 'st', 'ten', 'ter', 'zu']);
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Names that are also ordinary English words (folded). */
export const COMMON_WORDS = new Set([
  ...MONTHS,
  'hope', 'rose', 'young', 'will', 'grace', 'faith', 'joy', 'mark', 'bill', 'sue', 'pat', 'rob', 'art', 'dawn', 'summer', 'winter', 'autumn',
  'amber', 'ruby', 'pearl', 'holly', 'ivy', 'lily', 'daisy', 'iris', 'heather', 'violet', 'hazel', 'olive', 'jade', 'coral', 'honey', 'penny',
  'sandy', 'crystal', 'carol', 'angel', 'star', 'sky', 'rain', 'storm', 'river', 'brook', 'king', 'brown', 'white', 'green', 'black', 'gray',
  'grey', 'long', 'little', 'small', 'short', 'rich', 'bell', 'hill', 'wood', 'woods', 'field', 'fields', 'stone', 'moss', 'cook', 'baker',
  'hale', 'hunt', 'page', 'price', 'cross', 'street', 'hall', 'house', 'lane', 'law', 'ward', 'case', 'care', 'mason', 'hunter', 'carter',
  'bishop', 'major', 'guy', 'frank', 'jack', 'dean', 'earl', 'cliff', 'drew', 'chase', 'miles', 'gene', 'reed', 'rush', 'wells', 'banks',
  'brooks', 'marsh', 'moor', 'dale', 'glen', 'north', 'south', 'west', 'east', 'mercy', 'patience', 'prudence', 'charity', 'honor', 'honour',
  'verity', 'justice', 'faith', 'sunny', 'bright', 'sharp', 'strong', 'wise', 'good', 'best', 'love', 'hart', 'fox', 'wolf', 'lamb', 'swan',
  'finch', 'crane', 'nash', 'parsons', 'day', 'knight', 'porter', 'turner', 'walker', 'taylor', 'fisher', 'miller', 'butler', 'cooper',
  'head', 'child', 'friend', 'gay', 'noble', 'rice', 'hay', 'may', 'sage', 'august', 'constance', 'victory', 'bliss', 'blessing', 'precious',
  'gift', 'favour', 'favor', 'goodness', 'peace', 'unity', 'harmony', 'melody', 'destiny', 'journey', 'liberty', 'trinity', 'treasure', 'ivory',
  'ebony', 'sterling', 'bond', 'dole', 'worth', 'early', 'late', 'bird', 'gold', 'silver', 'steel', 'iron', 'lake', 'moon', 'sun', 'snow',
]);
/** Capital-letter abbreviations that are not anyone's initials in a complaints report. */
const ACRONYMS = new Set(['io', 'ip', 'ao', 'sw', 'tm', 'dt', 'la', 'uk', 'eu', 'it', 'pe', 'iro', 'cp', 'cin', 'lac', 'sen', 'pep', 'gp', 'nhs', 'dbs', 'ok', 'am', 'pm', 'id', 'no', 'cc', 'ps', 're', 'bc', 'ad', 'tv', 'pa', 'md', 'st', 'ft', 'hr', 'ma', 'ba', 'us', 'do', 'go', 'so', 'to', 'be', 'an', 'as', 'at', 'by', 'he', 'if', 'in', 'is', 'me', 'my', 'of', 'on', 'or', 'up', 'we']);
const DATE_WORDS = new Set(['in', 'since', 'by', 'during', 'of', 'until', 'till', 'from', 'to', 'before', 'after', 'last', 'next', 'early', 'late', 'mid', 'this', 'that', 'each', 'every', 'throughout', 'between', 'and', 'or', 'through', 'end', 'start', 'beginning', 'middle']);
/** Words that join two dates ("April and May", "3 to May"): a date only if a date comes before them. */
const LINKS = new Set(['and', 'or', 'to']);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD = /[\p{L}\p{N}]/u;

export interface NamedPerson {
  id: string;
  name: string;
  /** Other names they go by, separated by commas (nicknames, another spelling): found as their name is. */
  alsoKnownAs?: string;
}

/** The names a person is found by: their name, then each other name they go by. */
export function namesOf(p: NamedPerson): string[] {
  return [p.name, ...(p.alsoKnownAs ?? '').split(/[,;\n]/u)].map((n) => n.trim()).filter(Boolean);
}

export type FormKind = 'full' | 'words' | 'title' | 'part' | 'initials';

export interface NameHit {
  /** Offsets in the NFC form of the text searched. */
  start: number;
  end: number;
  /** Everyone this could be: more than one where people share a name or a part of one. */
  personIds: string[];
  kind: FormKind;
  /** The matched text as written. */
  text: string;
  /**
   * A family's name in the plural ("the Nowaks", "the O’Neills’ flat", "the Joneses"): the hit takes in the
   * plural ending (and a plural possessive's apostrophe); it names several people, so the pseudonymiser writes
   * "[name removed]" rather than one person's alias.
   */
  plural?: boolean;
}

interface Form {
  re: RegExp;
  personId: string;
  kind: FormKind;
  /** A single word that is also an ordinary word. */
  common: boolean;
  /** Month names and the like: never right after a date word such as "in" or "since". */
  month: boolean;
  /** Bare initials: found only in capitals. */
  capitalsOnly: boolean;
  /**
   * Folded text every match of `re` contains ("" if none is worth checking): a text without it is not searched
   * with `re` at all (issue 15: most forms are absent from most paragraphs, and a substring test is far cheaper).
   */
  needle: string;
}

/** A name word as a pattern over folded text: an apostrophe may be dropped or written as a space. */
function wordPattern(word: string): string {
  let p = '';
  for (const ch of word.normalize('NFC')) {
    if (/['’‘ʼʻ`´′]/u.test(ch)) p += '[ -]?';
    else if (/[-‐‑‒–—―−]/u.test(ch)) p += '[ -]*';
    else p += esc(foldChar(ch));
  }
  return p;
}

/**
 * The stretches of folded text between the places where `wordPattern` lets the spelling vary: the pattern
 * has each of them literally, so a match contains each of them.
 */
function wordPieces(word: string): string[] {
  const pieces = [''];
  for (const ch of word.normalize('NFC')) {
    if (/['’‘ʼʻ`´′]/u.test(ch) || /[-‐‑‒–—―−]/u.test(ch)) pieces.push('');
    else pieces[pieces.length - 1] += foldChar(ch);
  }
  return pieces;
}

/** The longest stretch of the words that every match contains. */
const needleOf = (words: string[]) => words.flatMap(wordPieces).reduce((a, b) => (b.length > a.length ? b : a), '');

const SEP = '[ -]*';
const titlePrefix = `(?:(?:${TITLES.join('|')})\\.? *)`;

/** The words of a name, without titles and "and" ("Mr and Mrs Hale" → ["Hale"]). */
function nameWords(name: string): string[] {
  return (name.normalize('NFC').match(/[\p{L}\p{M}\p{N}'’‘ʼʻ`´-]+/gu) ?? []).filter((w) => !NOT_NAME_WORDS.has(foldName(w)));
}

function formsOf(p: NamedPerson): Form[] {
  const out: Form[] = [];
  const add = (pattern: string, kind: FormKind, opts: { common?: boolean; month?: boolean; capitalsOnly?: boolean; titled?: boolean; needle?: string } = {}) => {
    const body = opts.titled === false ? pattern : `${titlePrefix}?${pattern}`;
    // A possessive "s" may follow (its apostrophe is folded away): checked against the original text below.
    // A family plural "s" or "es" may follow ("the Nowaks", "the Joneses"): also checked below.
    out.push({ re: new RegExp(`(?<![\\p{L}\\p{N}])(${body})(?=(?:e?s)?(?![\\p{L}\\p{N}]))`, 'gu'), personId: p.id, kind, common: !!opts.common, month: !!opts.month, capitalsOnly: !!opts.capitalsOnly, needle: opts.needle ?? '' });
  };
  const full = foldName(p.name);
  if (!full) return out;
  // The name exactly as registered (titles and all: "Mr and Mrs Hale").
  const written = p.name.normalize('NFC').match(/[^\s]+/gu) ?? [];
  add(nameWordsPattern(written), 'full', { titled: false, needle: needleOf(written) });
  const words = nameWords(p.name);
  const meaningful = (ws: string[]) => ws.some((w) => !PARTICLES.has(foldName(w)) && foldName(w).replace(/-/g, '').length >= 2 && /\p{L}/u.test(w));
  // Every run of two or more words.
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 2; j <= words.length; j++) {
      const ws = words.slice(i, j);
      if (meaningful(ws)) add(nameWordsPattern(ws), 'words', { needle: needleOf(ws) });
    }
  }
  // Each word, and each half of a hyphenated word.
  const singles = new Set<string>();
  for (const w of words) {
    singles.add(w);
    for (const half of w.split(/[-‐‑‒–—―−]/u)) if (half !== w) singles.add(half);
  }
  for (const w of singles) {
    const f = foldName(w);
    // A part with no letter ("3" of "Person 3-13") is never found alone: it would be any number.
    if (f.replace(/-/g, '').length < 2 || PARTICLES.has(f) || !/\p{L}/u.test(f)) continue;
    add(wordPattern(w), 'part', { common: COMMON_WORDS.has(f), month: MONTHS.includes(f), needle: needleOf([w]) });
  }
  // Initials: of the first and last words, and of every word; and initial and surname.
  const letters = words.filter((w) => !PARTICLES.has(foldName(w))).map((w) => foldChar([...w.normalize('NFC')][0]!)).filter((c) => /^\p{L}$/u.test(c));
  if (letters.length >= 2) {
    const sets = new Set([`${letters[0]}${letters.at(-1)}`, letters.join('')]);
    for (const s of sets) {
      const cs = [...s];
      add(`${cs.map(esc).join('\\. ?')}\\.?`, 'initials', { titled: false });
      if (!ACRONYMS.has(s)) add(cs.map(esc).join(''), 'initials', { titled: false, capitalsOnly: true });
    }
    const last = words.at(-1)!;
    add(`${esc(letters[0]!)}\\.? ?${wordPattern(last)}`, 'initials', { needle: needleOf([last]) });
  }
  return out;
}

function nameWordsPattern(ws: string[]): string {
  return ws.map(wordPattern).join(SEP);
}

/** Places in folded text that are never names: dates and protected strings such as the case reference. */
function protectedSpans(folded: string, protect: string[]): [number, number][] {
  const spans: [number, number][] = [];
  const m = MONTHS.map((x) => `${x}|${x.slice(0, 3)}`).join('|');
  const res = [
    new RegExp(`(?<![\\p{L}\\p{N}])\\d{1,2}(?:st|nd|rd|th)? *(?:of *)?(?:${m})\\.?(?: *,? *\\d{2,4})?(?![\\p{L}\\p{N}])`, 'gu'),
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${m})\\.? *\\d{1,4}(?:st|nd|rd|th)?(?![\\p{L}\\p{N}])`, 'gu'),
    /\d{4}-\d{2}-\d{2}/gu,
    /\d{1,2}\/\d{1,2}\/\d{2,4}/gu,
    // Whole words only: a short reference ("AN", "LAKE") must not shield every name it is part of ("Jordan", "Blake").
    ...protect.map((p) => foldName(p)).filter(Boolean).map((p) => new RegExp(`(?<![\\p{L}\\p{N}])${esc(p).replace(/ /g, ' +')}(?![\\p{L}\\p{N}])`, 'gu')),
  ];
  for (const re of res) for (const x of folded.matchAll(re)) spans.push([x.index, x.index + x[0].length]);
  return spans;
}

/** The word before `i` in the original text, and whether a sentence starts at `i`. */
function before(text: string, i: number): { word: string; sentenceStart: boolean } {
  let k = i - 1;
  while (k >= 0 && /[\s"“‘'([«]/u.test(text[k]!)) {
    if (text[k] === '\n') return { word: '', sentenceStart: true };
    k--;
  }
  if (k < 0) return { word: '', sentenceStart: true };
  if (/[.!?:;•]/u.test(text[k]!)) return { word: '', sentenceStart: /[.!?:•]/u.test(text[k]!) };
  let s = k;
  while (s > 0 && WORD.test(text[s - 1]!)) s--;
  return { word: text.slice(s, k + 1), sentenceStart: false };
}

function after(text: string, i: number): string {
  let k = i;
  while (k < text.length && /[\s,]/u.test(text[k]!)) k++;
  let e = k;
  while (e < text.length && WORD.test(text[e]!)) e++;
  return text.slice(k, e);
}

/** An e-mail address in folded text. */
const ADDRESS = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** A user name in folded text: letters with digits or an underscore ("jblake2", "jordan_b", "blake01"). */
const HANDLE = /(?<![\p{L}\p{N}._@-])(?=[\p{L}\p{N}._]*\p{L})(?=[\p{L}\p{N}._]*[\d_])[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*(?![\p{L}\p{N}_@-])/gu;
/** A word in capitals in the original text, as case systems log user names ("BLAKEJ", "JORDANB"). */
const CAPITALS = /(?<![\p{L}\p{N}])\p{Lu}{4,}(?![\p{L}\p{N}])/gu;

/**
 * What finds a person inside an e-mail address or a user name: the letters of each name word (three or more, not a particle
 * or an ordinary word) as a piece of the address between dots, digits and the like, alone or with one letter
 * before or after it ("jordan.blake@", "jordanb@", "blakej@", "jblake2@", "kieran@nowak.example"). The whole
 * address is the hit, so the complainant's version writes the person's alias in its place.
 */
function addressFormOf(p: NamedPerson): { words: string[]; form: Form } {
  const parts = nameWords(p.name).flatMap((w) => w.split(/[-‐‑‒–—―−]/u)).map((w) => foldName(w).replace(/[^\p{L}]/gu, '')).filter(Boolean);
  // Each word, and runs of words written together ("obriain" of "Ó Briain", "smithjones" of "Smith-Jones").
  const runs: string[] = [];
  for (let i = 0; i < parts.length; i++) for (let j = i + 2; j <= parts.length; j++) runs.push(parts.slice(i, j).join(''));
  const words = [...new Set([...parts.filter((w) => !PARTICLES.has(w) && !COMMON_WORDS.has(w)), ...runs])].filter((w) => w.length >= 3);
  return { words, form: { re: ADDRESS, personId: p.id, kind: 'part', common: false, month: false, capitalsOnly: false, needle: '' } };
}

const isNumberWord = (w: string) => /^\d+(?:st|nd|rd|th)?$/iu.test(w);

/** Verbs that, straight after a word that could be a name, make it a person ("Grace rang the office"). */
const PERSON_VERBS = new Set([
  'said', 'says', 'rang', 'phoned', 'called', 'told', 'wrote', 'emailed', 'texted', 'visited', 'attended', 'asked', 'agreed', 'explained',
  'reported', 'confirmed', 'stated', 'replied', 'recalled', 'described', 'denied', 'admitted', 'spoke', 'signed', 'refused', 'declined',
  'complained', 'apologised', 'apologized', 'recorded', 'disclosed', 'alleged', 'insisted', 'shouted', 'messaged',
]);

const APOSTROPHE = /['’‘ʼ`´′]/u;
/** Words before a family's name in the plural: "the Nowaks", "both O’Neills". */
const PLURAL_BEFORE = new Set(['the', 'both', 'all', 'other']);

/**
 * The ending after a name found at folded [fs, fe): "" for none; "s" for a possessive ("O’Neill’s", the
 * apostrophe folded away); the plural ending for a family plural ("the Nowaks", "the Nowaks’ flat", "the
 * Joneses"); null for a letter that makes it another word ("Jo" in "Jos", "Jon" in "Jones").
 */
function ending(text: string, folded: string, from: number[], fs: number, fe: number, end: number): { plural: string } | null {
  const next = /^(e?s)(?![\p{L}\p{N}])/u.exec(folded.slice(fe))?.[1];
  if (!next) return { plural: '' };
  if (next === 's' && APOSTROPHE.test(text.slice(end, from[fe]))) return { plural: '' };
  if (text.slice(end, from[fe]) !== '') return null;
  // "es" only after a name that takes it ("Jones" → "Joneses", "Fox" → "Foxes").
  if (next === 'es' && !/(?:s|x|z|ch|sh)$/u.test(folded.slice(fs, fe))) return null;
  const afterEnding = text[from[fe + next.length - 1]! + 1] ?? '';
  if (APOSTROPHE.test(afterEnding) || PLURAL_BEFORE.has(foldName(before(text, from[fs]!).word))) return { plural: next };
  return null;
}

/**
 * A finder for the given people: `find(text)` returns every place a name of theirs is written, longest first
 * where finds overlap, each with everyone it could be.
 */
/**
 * Where the text's character at `i` starts in the folded text: the first folded character it gave, or
 * undefined if it gave none. `from` (foldWithMap) never decreases, so a binary search finds it; a Map of every
 * position, made for each text, was a tenth of the leak check of a long report.
 */
export function foldedStart(from: readonly number[], i: number): number | undefined {
  let lo = 0;
  let hi = from.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (from[mid]! < i) lo = mid + 1;
    else hi = mid;
  }
  return from[lo] === i ? lo : undefined;
}

export function nameFinder(
  people: readonly NamedPerson[],
  opts: {
    protect?: readonly string[];
    /** Tests only: search with every form, needle or not. */
    everyForm?: boolean;
    /** E-mail addresses built from a name ("jordanb@…", "blakej@…"), found whole; on unless false. */
    addresses?: boolean;
  } = {},
): (text: string) => NameHit[] {
  // Each other name a person goes by is searched for as a name of theirs (same id).
  const named = people.flatMap((p) => namesOf(p).map((name) => ({ id: p.id, name })));
  const forms = named.flatMap(formsOf);
  const addressForms = opts.addresses === false ? [] : named.map(addressFormOf).filter((f) => f.words.length);
  const protect = [...(opts.protect ?? [])].filter((x) => x.trim());
  return (input) => {
    const text = input.normalize('NFC');
    if (!forms.length || !text) return [];
    const { folded, from } = foldWithMap(text);
    const guarded = protectedSpans(folded, protect);
    const cands: { fs: number; fe: number; form: Form }[] = [];
    for (const form of forms) {
      if (form.needle && !opts.everyForm && !folded.includes(form.needle)) continue;
      form.re.lastIndex = 0;
      for (const x of folded.matchAll(form.re)) {
        const fs = x.index;
        const fe = fs + x[1]!.length;
        if (guarded.some(([a, b]) => fs < b && fe > a)) continue;
        cands.push({ fs, fe, form });
      }
    }
    if (addressForms.length) {
      // E-mail addresses, and user names as case systems log them ("BLAKEJ", "jblake2", "jordan_b").
      // [start, end, the shortest name word that may have a letter beside it]: in an address three letters
      // ("annl@"); in a user name four, so that "ANNE" and "JANE" in capitals are not Ann and Jan.
      const tokens: [number, number, number][] = [];
      if (folded.includes('@')) for (const x of folded.matchAll(ADDRESS)) tokens.push([x.index, x.index + x[0].length, 3]);
      if (/[\d_]/u.test(folded)) for (const x of folded.matchAll(HANDLE)) tokens.push([x.index, x.index + x[0].length, 4]);
      if (/\p{Lu}{4}/u.test(text)) {
        for (const x of text.matchAll(CAPITALS)) {
          const fs = foldedStart(from, x.index);
          const fe = foldedStart(from, x.index + x[0].length);
          if (fs !== undefined && fe !== undefined && fe > fs) tokens.push([fs, fe, 4]);
        }
      }
      for (const [fs, fe, least] of tokens) {
        if (guarded.some(([a, b]) => fs < b && fe > a)) continue;
        const segments = folded.slice(fs, fe).split(/[^\p{L}]+/u).filter(Boolean);
        const fits = (seg: string, w: string) => seg === w || (seg.length === w.length + 1 && w.length >= least && (seg.startsWith(w) || seg.endsWith(w)));
        for (const f of addressForms) {
          if (segments.some((seg) => f.words.some((w) => fits(seg, w)))) {
            cands.push({ fs, fe, form: f.form });
          }
        }
      }
    }
    // Longest first; then a stronger kind of match; then earlier.
    const rank: Record<FormKind, number> = { full: 0, words: 1, title: 2, initials: 3, part: 4 };
    cands.sort((a, b) => b.fe - b.fs - (a.fe - a.fs) || rank[a.form.kind] - rank[b.form.kind] || a.fs - b.fs);
    const hits: (NameHit & { fs: number; fe: number })[] = [];
    const endOf = (fe: number) => from[fe - 1]! + (text.codePointAt(from[fe - 1]!)! > 0xffff ? 2 : 1);
    for (const c of cands) {
      const start = from[c.fs]!;
      const end = endOf(c.fe);
      // "s" straight after the name: a possessive ("O’Neill’s") or a family plural ("the Nowaks"), never
      // another name ("Jo" in "Jos").
      const tail = ending(text, folded, from, c.fs, c.fe, end);
      if (!tail) continue;
      const plural = tail.plural.length > 0;
      const fe = c.fe + tail.plural.length;
      let pEnd = plural ? endOf(fe) : end;
      // "the Nowaks’ flat": the plural possessive's apostrophe goes with the name.
      if (plural && APOSTROPHE.test(text[pEnd] ?? '')) pEnd++;
      const same = hits.find((h) => h.fs === c.fs && h.fe === fe);
      if (same) {
        if (!same.personIds.includes(c.form.personId)) same.personIds.push(c.form.personId);
        continue;
      }
      if (hits.some((h) => c.fs < h.fe && fe > h.fs)) continue;
      const written = text.slice(start, pEnd);
      const titled = new RegExp(`^${titlePrefix}`, 'u').test(folded.slice(c.fs, c.fe)) && c.form.kind !== 'full';
      if (c.form.capitalsOnly && written !== written.toUpperCase()) continue;
      if (c.form.common && !titled) {
        const b = before(text, start);
        const first = [...written][0]!;
        if (first === first.toLowerCase()) continue;
        // At the start of a sentence only when a person's verb follows ("Grace rang", "Will said"): "Hope is
        // fading" and "May we ask" stay.
        if (b.sentenceStart && !PERSON_VERBS.has(foldName(after(text, pEnd)))) continue;
        if (isNumberWord(b.word) || isNumberWord(after(text, pEnd))) continue;
        if (c.form.month && DATE_WORDS.has(foldName(b.word))) {
          // "between April and May" is a date; "Ms Fischer and May agreed" is a person.
          if (!LINKS.has(foldName(b.word))) continue;
          const b2 = before(text, start - b.word.length - 1);
          if (MONTHS.includes(foldName(b2.word)) || isNumberWord(b2.word)) continue;
        }
      }
      hits.push({ fs: c.fs, fe, start, end: pEnd, personIds: [c.form.personId], kind: titled ? 'title' : c.form.kind, text: written, ...(plural ? { plural: true } : {}) });
    }
    return hits.sort((a, b) => a.start - b.start).map(({ fs: _s, fe: _e, ...h }) => h);
  };
}

/**
 * The words of a name that are also ordinary English words or months ("May", "Young", "Hope"): the register
 * warns about them, because the leak check can only flag such a word with a title or capitalised mid-sentence.
 */
export function commonWordsIn(name: string): string[] {
  return name
    .normalize('NFC')
    .split(/[\s\-‐‑–]+/u)
    .filter((w) => w && COMMON_WORDS.has(foldName(w)));
}
