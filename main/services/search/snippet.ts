/**
 * The snippet shown under a search result, made here rather than by FTS5's snippet(): FTS5 evaluates the MATCH
 * again for every row it makes a snippet of, which for a query of very common words walks every match (180 ms
 * for 50 results over 75,000 matches, issue 15). We already hold the row's text, so we mark the query's words in
 * it the way the index reads them: runs of letters and digits, case and accents aside (`unicode61
 * remove_diacritics 2`, and the aliases of fold.ts), the last word as a prefix while the user is still typing it.
 */
import { latinSpellings, searchFold } from './fold';

export interface SnippetTerms {
  /** Whole words to mark, folded. */
  words: ReadonlySet<string>;
  /** Word starts to mark (the last word typed), folded. */
  prefixes: readonly string[];
}

const TOKEN = /[\p{L}\p{N}]+/gu;


/** What to mark for an FTS5 query made by `toFtsQuery` (every word quoted; the last may end in `*`). */
export function termsOf(ftsQuery: string): SnippetTerms {
  const words = new Set<string>();
  const prefixes: string[] = [];
  for (const m of ftsQuery.matchAll(/"([^"]*)"(\*)?/g)) {
    const parts = (m[1] ?? '').match(TOKEN) ?? [];
    parts.forEach((p, i) => (m[2] && i === parts.length - 1 ? prefixes.push(searchFold(p)) : words.add(searchFold(p))));
  }
  return { words, prefixes };
}

function matches(folded: string, terms: SnippetTerms): boolean {
  return terms.words.has(folded) || terms.prefixes.some((p) => folded.startsWith(p));
}

/**
 * Up to `size` words of `text` around the place with the most different query words, each query word wrapped in
 * `[[` `]]`, with `…` where the text goes on before or after.
 */
export function makeSnippet(text: string, terms: SnippetTerms, size = 16): string {
  const tokens: { start: number; end: number; hit: string | null }[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const folded = searchFold(m[0]);
    // A Greek or Cyrillic word found by its Latin spelling is marked too (fold.ts, latinSpellings).
    const hit = matches(folded, terms) ? folded : (latinSpellings(m[0]).find((l) => matches(l, terms)) ?? null);
    tokens.push({ start: m.index, end: m.index + m[0].length, hit });
  }
  if (tokens.length === 0) return '';
  // The window with the most different query words (then the most marked words), starting a few words before
  // its first hit so the reader sees what leads up to it; the text's opening when nothing matches in it.
  let best = { from: 0, distinct: 0, hits: 0 };
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.hit) continue;
    const from = Math.max(0, Math.min(i - 3, tokens.length - size));
    const seen = new Set<string>();
    let hits = 0;
    for (let k = from; k < Math.min(tokens.length, from + size); k++) {
      const h = tokens[k]!.hit;
      if (h) {
        seen.add(h);
        hits++;
      }
    }
    if (seen.size > best.distinct || (seen.size === best.distinct && hits > best.hits)) best = { from, distinct: seen.size, hits };
  }
  const last = Math.min(tokens.length, best.from + size) - 1;
  let out = best.from > 0 ? '…' : '';
  let at = best.from > 0 ? tokens[best.from]!.start : 0;
  for (let k = best.from; k <= last; k++) {
    const t = tokens[k]!;
    out += text.slice(at, t.start);
    out += t.hit ? `[[${text.slice(t.start, t.end)}]]` : text.slice(t.start, t.end);
    at = t.end;
  }
  return last < tokens.length - 1 ? `${out}…` : out + text.slice(at);
}
