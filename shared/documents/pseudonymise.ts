import type { Person } from '../domain/investigation';
import type { Block, DocumentModel, Run } from './model';
import { type NameHit, nameFinder } from './names';

/** What a hidden person is called in the complainant's version: their pseudonym, else their role. */
export function baseAlias(p: Person): string {
  return p.pseudonym.trim() || (p.thirdParty ? 'a third party' : p.kind === 'child' ? 'the child' : p.role ? `the ${p.role.toLowerCase()}` : 'a third party');
}

/** Written where a name could be any of several people, so that nobody is given another's pseudonym. */
export const AMBIGUOUS = '[name removed]';

/** Each hidden person's own alias: people who would share one are numbered ("the social worker (2)"). */
export function aliases(hidden: readonly Person[]): Map<string, string> {
  const base = hidden.map((p) => [p.id, baseAlias(p)] as const);
  const count = new Map<string, number>();
  for (const [, a] of base) count.set(a.toLowerCase(), (count.get(a.toLowerCase()) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<string, string>();
  for (const [id, a] of base) {
    if ((count.get(a.toLowerCase()) ?? 0) < 2) out.set(id, a);
    else {
      const n = (seen.get(a.toLowerCase()) ?? 0) + 1;
      seen.set(a.toLowerCase(), n);
      out.set(id, `${a} (${n})`);
    }
  }
  return out;
}

export interface PseudonymiseOptions {
  /** People named in this document (the complainant and their child in a letter to them): left as written. */
  named?: readonly Person[];
  /** Text never to touch, such as the case reference. */
  protect?: readonly string[];
}

export type Pseudonymiser = ((text: string) => string) & { runs: (runs: Run[]) => Run[] };

/**
 * For the complainant's version: every hidden person appears by their own alias, everywhere (headings, tables,
 * narrative), however their name was typed (names.ts finds it). A paragraph's runs are joined before
 * matching, so a name split across bold or italic runs is found whole, and the alias takes the formatting of
 * the run the name started in. A name part shared by several people becomes "[name removed]" rather than one
 * person's alias; a name part shared with someone named in the document is left as it is.
 */
export function pseudonymiser(hidden: readonly Person[], opts: PseudonymiseOptions = {}): Pseudonymiser {
  const named = opts.named ?? [];
  const alias = aliases(hidden);
  const namedIds = new Set(named.map((p) => p.id));
  const find = nameFinder([...hidden, ...named], { protect: opts.protect ?? [] });
  const replacement = (h: NameHit): string | null => {
    if (h.personIds.some((id) => namedIds.has(id))) return null;
    // "the Nowaks": a family, several people, so no one person's alias.
    if (h.plural) return AMBIGUOUS;
    const as = [...new Set(h.personIds.map((id) => alias.get(id) ?? AMBIGUOUS))];
    return as.length === 1 ? as[0]! : AMBIGUOUS;
  };
  const runs = (input: Run[]): Run[] => {
    const list = input.map((r) => ({ ...r, text: r.text.normalize('NFC') }));
    const joined = list.map((r) => r.text).join('');
    const hits = find(joined).map((h) => ({ h, to: replacement(h) })).filter((x): x is { h: NameHit; to: string } => x.to !== null);
    if (!hits.length) return list;
    // Where each run starts in the joined text.
    const starts: number[] = [];
    let at = 0;
    for (const r of list) {
      starts.push(at);
      at += r.text.length;
    }
    const runAt = (i: number) => {
      let k = 0;
      while (k + 1 < list.length && starts[k + 1]! <= i) k++;
      return k;
    };
    const out: Run[] = [];
    const push = (text: string, k: number) => {
      if (!text) return;
      const { text: _t, ...fmt } = list[k]!;
      const last = out.at(-1);
      if (last && !!last.bold === !!fmt.bold && !!last.italic === !!fmt.italic && last.link === fmt.link) last.text += text;
      else out.push({ ...fmt, text });
    };
    const copy = (from: number, to: number) => {
      let i = from;
      while (i < to) {
        const k = runAt(i);
        const end = Math.min(to, starts[k]! + list[k]!.text.length);
        push(joined.slice(i, end), k);
        i = end;
      }
    };
    let last = 0;
    for (const { h, to } of hits) {
      copy(last, h.start);
      // "the grandmother rang": an alias starting a sentence starts with a capital.
      const sentenceStart = /(?:^|[.!?]["”’)]?\s+|\n)["“‘(]?$/u.test(joined.slice(0, h.start));
      push(sentenceStart ? to.charAt(0).toUpperCase() + to.slice(1) : to, runAt(h.start));
      last = h.end;
    }
    copy(last, joined.length);
    return out;
  };
  const text = (t: string) => runs([{ text: t }]).map((r) => r.text).join('');
  return Object.assign(text, { runs });
}

export function mapModelText(m: DocumentModel, fn: Pseudonymiser): DocumentModel {
  const blocks: Block[] = m.blocks.map((b) => {
    switch (b.type) {
      case 'title':
      case 'heading':
        return { ...b, text: fn(b.text) };
      case 'paragraph':
        return { ...b, runs: fn.runs(b.runs) };
      case 'list':
        return { ...b, items: b.items.map((i) => fn.runs(i)) };
      case 'table':
        return { ...b, header: b.header.map(fn), rows: b.rows.map((row) => row.map((cell) => fn.runs(cell))) };
      case 'signature':
        return { ...b, name: fn(b.name), role: fn(b.role) };
      default:
        return b;
    }
  });
  return { ...m, title: fn(m.title), subject: fn(m.subject), author: fn(m.author), blocks };
}
