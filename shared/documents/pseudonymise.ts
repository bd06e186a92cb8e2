import type { Person } from '../domain/investigation';
import type { Block, DocumentModel, Run } from './model';

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'the', 'and']);
// Name parts too short or too common to replace on their own ("Ó", "de", "van").
const letters = /[\p{L}\p{M}'’-]+/gu;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * For the complainant's version: every person in the people register appears by their pseudonym, everywhere
 * (headings, tables, narrative). Full names first, then each part of a name (so "Kieran" and "Nowak" go too),
 * longest first so "Zoë Ó Súilleabháin-Nowak" is replaced before "Nowak". Matching ignores case.
 */
export function pseudonymiser(people: readonly Person[]): (text: string) => string {
  const pairs: [string, string][] = [];
  for (const p of people) {
    const alias = p.pseudonym.trim() || (p.kind === 'child' ? 'the child' : p.role ? `the ${p.role.toLowerCase()}` : 'a third party');
    pairs.push([p.name, alias]);
    const parts = p.name.match(letters) ?? [];
    // "Ms Ó Súilleabháin-Nowak", "Mr Blake": a title with the surname (all of it, or its last word).
    const surnames = [parts.slice(1).join(' '), parts.at(-1) ?? ''].filter((x) => x.length >= 2);
    for (const sn of surnames) {
      pairs.push([sn, alias]);
      for (const t of ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr']) pairs.push([`${t} ${sn}`, alias], [`${t}. ${sn}`, alias]);
    }
    for (const part of parts) {
      if (part.length >= 3 && !TITLES.has(part.toLowerCase())) pairs.push([part, alias]);
      // Hyphenated surnames: each half alone too.
      for (const half of part.split('-')) if (half.length >= 3 && half !== part) pairs.push([half, alias]);
    }
  }
  pairs.sort((a, b) => b[0].length - a[0].length);
  const seen = new Set<string>();
  const unique = pairs.filter(([n]) => (seen.has(n.toLowerCase()) ? false : (seen.add(n.toLowerCase()), true)));
  if (unique.length === 0) return (t) => t;
  const re = new RegExp(`(?<![\\p{L}\\p{M}])(${unique.map(([n]) => escape(n).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{M}])`, 'giu');
  const norm = (x: string) => x.toLowerCase().replace(/\s+/g, ' ');
  const map = new Map(unique.map(([n, a]) => [n.toLowerCase(), a]));
  return (text) => text.replace(re, (m) => map.get(norm(m)) ?? m);
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
  return { ...m, title: fn(m.title), subject: fn(m.subject), blocks };
}
