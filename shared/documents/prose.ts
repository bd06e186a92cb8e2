/**
 * Small rules for the sentences documents make from what users typed (issue 13): a typed text that already
 * ends in a full stop, question mark, exclamation mark or ellipsis gets no second one ("why this happened..").
 */
const END = /[.!?…]["”’)\]]*$/u;

/** The text as a sentence: trimmed, ending in exactly one terminal punctuation mark. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return '';
  if (END.test(t)) return t.replace(/\.{2}$/u, '.');
  return `${t.replace(/[,;:]+$/u, '')}.`;
}

/** A list in words: "a", "a and b", "a, b and c". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Runs (rich text in a document) as a sentence: a full stop added only where the text has no terminal mark. */
export function sentenceRuns<R extends { text: string }>(runs: R[]): (R | { text: string })[] {
  const last = runs.at(-1);
  if (!last) return [];
  if (END.test(last.text.trimEnd())) return runs;
  return [...runs, { text: '.' }];
}
