import type { Person } from '../domain/investigation';
import type { Block, DocumentModel, Run } from './model';

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'the', 'and']);
// Name particles too common to replace on their own ("Ó", "de", "van").
const PARTICLES = new Set(['o', 'de', 'da', 'di', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'del', 'mac', 'mc', 'bin', 'ibn', 'al', 'el']);
const letters = /[\p{L}\p{M}'’-]+/gu;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lower case, accents and curly apostrophes folded: "Zoë O’Brien" and "zoe o'brien" compare equal. */
function foldChar(c: string): string {
  return c.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘ʼ]/g, "'").toLowerCase();
}

/** The folded text, and for each of its characters the index of the original character it came from. */
function foldWithMap(text: string): { folded: string; from: number[] } {
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

const fold = (s: string) => foldWithMap(s.normalize('NFC')).folded;

/**
 * For the complainant's version: every person in the people register appears by their pseudonym, everywhere
 * (headings, tables, narrative). Full names first, then title-and-surname forms ("Ms Ó Súilleabháin-Nowak"),
 * then each part of a name, longest first. Matching ignores case, accents and the kind of apostrophe, so
 * "Zoe", "Zoë" and "O’Brien" typed in Word are all found.
 */
export function pseudonymiser(people: readonly Person[]): (text: string) => string {
  const pairs: [string, string][] = [];
  for (const p of people) {
    // With no pseudonym set: a third party is not described at all; others by their role.
    const alias = p.pseudonym.trim() || (p.thirdParty ? 'a third party' : p.kind === 'child' ? 'the child' : p.role ? `the ${p.role.toLowerCase()}` : 'a third party');
    pairs.push([p.name, alias]);
    const parts = p.name.match(letters) ?? [];
    const surnames = [parts.slice(1).join(' '), parts.at(-1) ?? ''].filter((x) => x.length >= 2);
    for (const sn of surnames) {
      pairs.push([sn, alias]);
      for (const t of ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr']) pairs.push([`${t} ${sn}`, alias], [`${t}. ${sn}`, alias]);
    }
    for (const part of parts) {
      const f = fold(part);
      if (f.length >= 2 && !TITLES.has(f) && !PARTICLES.has(f)) pairs.push([part, alias]);
      // Hyphenated surnames: each half alone too.
      for (const half of part.split('-')) if (half.length >= 2 && half !== part && !PARTICLES.has(fold(half))) pairs.push([half, alias]);
    }
  }
  const byFolded = new Map<string, string>();
  for (const [name, alias] of pairs) {
    const key = fold(name).replace(/\s+/g, ' ');
    if (key && !byFolded.has(key)) byFolded.set(key, alias);
  }
  if (byFolded.size === 0) return (t) => t;
  const keys = [...byFolded.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${keys.map((k) => escape(k).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return (input) => {
    const text = input.normalize('NFC');
    const { folded, from } = foldWithMap(text);
    let out = '';
    let last = 0;
    for (const m of folded.matchAll(re)) {
      const start = from[m.index]!;
      const end = from[m.index + m[0].length]!;
      out += text.slice(last, start) + (byFolded.get(m[0].replace(/\s+/g, ' ')) ?? text.slice(start, end));
      last = end;
    }
    return out + text.slice(last);
  };
}

function mapRuns(runs: Run[], fn: (t: string) => string): Run[] {
  return runs.map((r) => ({ ...r, text: fn(r.text) }));
}

export function mapModelText(m: DocumentModel, fn: (t: string) => string): DocumentModel {
  const blocks: Block[] = m.blocks.map((b) => {
    switch (b.type) {
      case 'title':
      case 'heading':
        return { ...b, text: fn(b.text) };
      case 'paragraph':
        return { ...b, runs: mapRuns(b.runs, fn) };
      case 'list':
        return { ...b, items: b.items.map((i) => mapRuns(i, fn)) };
      case 'table':
        return { ...b, header: b.header.map(fn), rows: b.rows.map((row) => row.map((cell) => mapRuns(cell, fn))) };
      case 'signature':
        return { ...b, name: fn(b.name), role: fn(b.role) };
      default:
        return b;
    }
  });
  return { ...m, title: fn(m.title), subject: fn(m.subject), author: fn(m.author), blocks };
}
