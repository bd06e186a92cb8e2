import type { Person } from '../domain/investigation';
import type { Run } from './model';
import { aliases, type Pseudonymiser } from './pseudonymise';

/**
 * Mentions in documents (issue 10). Rich text stores a mention as the person's id (its label is what was
 * typed, for the editor only). While a document is built, a mention is a token holding the id, in
 * characters from Unicode's private use area that typed text never keeps (`plainText` drops them); `finish`
 * then writes each token as the person, from the register, for the variant: their name in the council's
 * version, and in the complainant's what the pseudonymiser would write for them (their own alias), or their
 * name where the document names them (the complainant in a letter to them). An id no longer in the register
 * is "[person removed]". The label is never printed.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000([^\uE000\uE001]*)\uE001/gu;

export const PERSON_REMOVED = '[person removed]';

/** The token a mention of `personId` is while a document is built. */
export const mentionToken = (personId: string): string => `${OPEN}${personId.replace(/[\uE000\uE001]/gu, '')}${CLOSE}`;

/** Typed text with the token characters taken out, so no text can pose as a mention. */
export const plainText = (text: string): string => text.replace(/[\uE000\uE001]/gu, '');

const SENTENCE_START = /(?:^|[.!?]["”’)]?\s+|\n)["“‘(]?$/u;

/**
 * Writes every mention token as the person for this variant. `shown` are the people the document names
 * (only used in the complainant's version); everyone else in the register appears by their alias.
 */
export function mentionResolver(people: readonly Person[], variant: 'council' | 'complainant', shown: readonly Person[] = []): Pseudonymiser {
  const byId = new Map(people.map((p) => [p.id, p]));
  const shownIds = new Set(shown.map((p) => p.id));
  const alias = aliases(people.filter((p) => !shownIds.has(p.id)));
  const write = (id: string, before: string): string => {
    const p = byId.get(id);
    if (!p) return PERSON_REMOVED;
    if (variant === 'council' || shownIds.has(id)) return p.name;
    const a = alias.get(id) ?? PERSON_REMOVED;
    // "The social worker rang": an alias starting a sentence starts with a capital, as the pseudonymiser does.
    return SENTENCE_START.test(before) ? a.charAt(0).toUpperCase() + a.slice(1) : a;
  };
  const resolve = (text: string, before: string): string => {
    if (!text.includes(OPEN)) return text;
    let out = '';
    let last = 0;
    for (const m of text.matchAll(TOKEN)) {
      out += text.slice(last, m.index);
      out += write(m[1]!, before + out);
      last = m.index + m[0].length;
    }
    return plainText(out + text.slice(last));
  };
  const runs = (input: Run[]): Run[] => {
    let before = '';
    return input.map((r) => {
      const text = resolve(r.text, before);
      before += text;
      return { ...r, text };
    });
  };
  return Object.assign((t: string) => resolve(t, ''), { runs });
}
