import type { CaseRecord } from '../domain/case';
import { formatPartialDate } from '../domain/partialDate';
import type { RichNode } from '../domain/richText';
import { type NameHit, nameFinder } from './names';

/**
 * Turning names typed as plain text into mentions (issue 10). Cases written before mentions existed (and case
 * files of format 2 and earlier) name people in plain words. `findPlainNames` lists every place in the case's
 * rich text where the shared name finder (names.ts) sees someone from the people register, with the words
 * around it; `makeMentions` turns the places the user picked into mentions of the person they picked. Nothing
 * is converted unless asked, and a place whose words have changed since it was listed is left alone.
 */

/** One rich-text field of the case, by a stable key, with how the workspace labels it. */
interface RichField {
  key: string;
  where: string;
  doc: RichNode;
  set: (r: CaseRecord, doc: RichNode) => CaseRecord;
}

const FINDING_PARTS = [
  ['complainantSays', 'what the complainant says'],
  ['recordsShow', 'what the records show'],
  ['staffSay', 'what staff say'],
  ['analysis', 'analysis'],
] as const;

function richFields(r: CaseRecord): RichField[] {
  const out: RichField[] = [];
  r.interviews.forEach((v, i) => {
    out.push({
      key: `interview:${v.id}`,
      where: `Interview ${i + 1}: notes`,
      doc: v.notes,
      set: (rec, doc) => ({ ...rec, interviews: rec.interviews.map((x) => (x.id === v.id ? { ...x, notes: doc } : x)) }),
    });
  });
  for (const c of r.chronology) {
    out.push({
      key: `chronology:${c.id}`,
      where: `Chronology, ${formatPartialDate(c.date)}`,
      doc: c.event,
      set: (rec, doc) => ({ ...rec, chronology: rec.chronology.map((x) => (x.id === c.id ? { ...x, event: doc } : x)) }),
    });
  }
  r.recommendations.forEach((x, i) => {
    out.push({
      key: `recommendation:${x.id}`,
      where: `Recommendation ${i + 1}`,
      doc: x.text,
      set: (rec, doc) => ({ ...rec, recommendations: rec.recommendations.map((y) => (y.id === x.id ? { ...y, text: doc } : y)) }),
    });
  });
  for (const p of r.points) {
    const f = r.findings[p.id];
    if (!f) continue;
    for (const [part, words] of FINDING_PARTS) {
      out.push({
        key: `finding:${p.id}:${part}`,
        where: `Point ${p.number}: ${words}`,
        doc: f[part],
        set: (rec, doc) => {
          const cur = rec.findings[p.id];
          return cur ? { ...rec, findings: { ...rec.findings, [p.id]: { ...cur, [part]: doc } } } : rec;
        },
      });
    }
  }
  // Fields that became rich text in case file format 5: the case summary, extracts, the IP's review and the
  // adjudicating officer's decisions.
  out.push({ key: 'summary', where: 'Case summary', doc: r.summary, set: (rec, doc) => ({ ...rec, summary: doc }) });
  for (const e of r.evidence) {
    e.extracts.forEach((x, k) => {
      out.push({
        key: `extract:${e.id}:${x.id}`,
        where: `${e.ref} extract ${k + 1}`,
        doc: x.quote,
        set: (rec, doc) => ({ ...rec, evidence: rec.evidence.map((y) => (y.id === e.id ? { ...y, extracts: y.extracts.map((z) => (z.id === x.id ? { ...z, quote: doc } : z)) } : y)) }),
      });
    });
  }
  for (const [part, words] of IP_PARTS) {
    out.push({ key: `ip:${part}`, where: `Independent person: ${words}`, doc: r.ipReview[part], set: (rec, doc) => ({ ...rec, ipReview: { ...rec.ipReview, [part]: doc } }) });
  }
  for (const p of r.points) {
    const mine = r.ipReview.perPoint[p.id];
    if (mine) {
      out.push({
        key: `ip-point:${p.id}`,
        where: `Independent person: comment on point ${p.number}`,
        doc: mine.comment,
        set: (rec, doc) => {
          const cur = rec.ipReview.perPoint[p.id];
          return cur ? { ...rec, ipReview: { ...rec.ipReview, perPoint: { ...rec.ipReview.perPoint, [p.id]: { ...cur, comment: doc } } } } : rec;
        },
      });
    }
    const d = r.adjudication.perPoint[p.id];
    if (d) {
      out.push({
        key: `adj-point:${p.id}`,
        where: `Adjudication: reasons on point ${p.number}`,
        doc: d.reasons,
        set: (rec, doc) => {
          const cur = rec.adjudication.perPoint[p.id];
          return cur ? { ...rec, adjudication: { ...rec.adjudication, perPoint: { ...rec.adjudication.perPoint, [p.id]: { ...cur, reasons: doc } } } } : rec;
        },
      });
    }
  }
  r.recommendations.forEach((x, i) => {
    const d = r.adjudication.perRecommendation[x.id];
    if (!d) return;
    out.push({
      key: `adj-rec:${x.id}`,
      where: `Adjudication: reasons on recommendation ${i + 1}`,
      doc: d.reasons,
      set: (rec, doc) => {
        const cur = rec.adjudication.perRecommendation[x.id];
        return cur ? { ...rec, adjudication: { ...rec.adjudication, perRecommendation: { ...rec.adjudication.perRecommendation, [x.id]: { ...cur, reasons: doc } } } } : rec;
      },
    });
  });
  r.adjudication.actions.forEach((a, i) => {
    for (const part of ['text', 'owner'] as const) {
      out.push({
        key: `action:${a.id}:${part}`,
        where: part === 'text' ? `Action ${i + 1}` : `Who does action ${i + 1}`,
        doc: a[part],
        set: (rec, doc) => ({ ...rec, adjudication: { ...rec.adjudication, actions: rec.adjudication.actions.map((y) => (y.id === a.id ? { ...y, [part]: doc } : y)) } }),
      });
    }
  });
  out.push({ key: 'apology', where: 'Adjudication: apology', doc: r.adjudication.apology, set: (rec, doc) => ({ ...rec, adjudication: { ...rec.adjudication, apology: doc } }) });
  return out;
}

const IP_PARTS = [
  ['fairness', 'was the investigation fair'],
  ['thoroughness', 'was it thorough'],
  ['transparency', 'was it open and transparent'],
  ['childFocus', 'was it focused on the child'],
  ['observations', 'further observations'],
] as const;

export interface PlainName {
  /** Stable while the words stay the same: the field, the text node's path and the offsets. */
  id: string;
  field: string;
  /** The field as the workspace labels it ("Point 1: analysis"). */
  where: string;
  /** Child indices from the document to the text node. */
  path: number[];
  start: number;
  end: number;
  /** The name as written. */
  text: string;
  /** Everyone it could be (more than one where people share a name or part of one). */
  personIds: string[];
  /** A few words either side, for showing it in context. */
  before: string;
  after: string;
}

function textNodes(doc: RichNode): { node: RichNode; path: number[] }[] {
  const out: { node: RichNode; path: number[] }[] = [];
  const stack: { node: RichNode; path: number[] }[] = [{ node: doc, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (node.type === 'text') out.push({ node, path });
    const content = node.content ?? [];
    for (let i = content.length - 1; i >= 0; i--) stack.push({ node: content[i]!, path: [...path, i] });
  }
  return out;
}

/**
 * The finder `findPlainNames` uses for this case, remembering what it found in each text, so that a screen
 * asking again after each save reads only the text that changed (a large case takes about 0.1 s afresh).
 * Make a new one when the people register, the reference or the marking changes.
 */
export function plainNameFinder(r: CaseRecord): (text: string) => NameHit[] {
  // An e-mail address is not offered as a mention: converting it would print the person's name in its place.
  const find = nameFinder(r.people, { protect: [r.reference, r.council.protectiveMarking], addresses: false });
  const seen = new Map<string, NameHit[]>();
  return (text) => {
    let hits = seen.get(text);
    if (!hits) {
      if (seen.size > 20_000) seen.clear();
      hits = find(text);
      seen.set(text, hits);
    }
    return hits;
  };
}

/** Every place the case's rich text names someone from the people register in plain words, in order. */
export function findPlainNames(r: CaseRecord, find: (text: string) => NameHit[] = plainNameFinder(r)): PlainName[] {
  const out: PlainName[] = [];
  for (const f of richFields(r)) {
    for (const { node, path } of textNodes(f.doc)) {
      // Offsets are in the NFC form the finder searched: the text is kept as written only if it is already NFC.
      const text = (node.text ?? '').normalize('NFC');
      for (const h of find(text)) {
        out.push({
          id: `${f.key}|${path.join('.')}|${h.start}`,
          field: f.key,
          where: f.where,
          path,
          start: h.start,
          end: h.end,
          text: h.text,
          personIds: h.personIds,
          // Cut at a space where the text goes on beyond the words shown.
          before: h.start > 60 ? text.slice(h.start - 60, h.start).replace(/^\S*\s/u, '…') : text.slice(0, h.start),
          after: h.end + 60 < text.length ? text.slice(h.end, h.end + 60).replace(/\s\S*$/u, '…') : text.slice(h.end),
        });
      }
    }
  }
  return out;
}

const samePath = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
/** Later paths first, so splitting one text node never moves another still to be split. */
const pathOrder = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return b.length - a.length;
};

function replaceAt(doc: RichNode, path: number[], make: (node: RichNode) => RichNode[]): RichNode {
  if (!path.length) return doc;
  const [i, ...rest] = path as [number, ...number[]];
  const content = doc.content ?? [];
  const child = content[i];
  if (!child) return doc;
  const replaced = rest.length ? [replaceAt(child, rest, make)] : make(child);
  return { ...doc, content: [...content.slice(0, i), ...replaced, ...content.slice(i + 1)] };
}

/**
 * Turns each picked place into a mention of the person picked for it (who must be among those it could be).
 * A place whose text no longer reads as it did when listed is skipped, so running this on a newer record
 * never converts the wrong words. The mention's label is the person's name in the register.
 */
export function makeMentions(r: CaseRecord, picks: readonly { name: PlainName; personId: string }[]): CaseRecord {
  const people = new Map(r.people.map((p) => [p.id, p]));
  let rec = r;
  for (const f of richFields(r)) {
    const mine = picks.filter((p) => p.name.field === f.key && p.name.personIds.includes(p.personId) && people.has(p.personId));
    if (!mine.length) continue;
    const paths: number[][] = [];
    for (const p of mine) if (!paths.some((x) => samePath(x, p.name.path))) paths.push(p.name.path);
    let doc = f.doc;
    for (const path of paths.sort(pathOrder)) {
      const here = mine.filter((p) => samePath(p.name.path, path)).sort((a, b) => b.name.start - a.name.start);
      doc = replaceAt(doc, path, (node) => {
        if (node.type !== 'text') return [node];
        let text = (node.text ?? '').normalize('NFC');
        const tail: RichNode[] = [];
        let last = Infinity;
        for (const { name, personId } of here) {
          // Overlapping picks, or words that have changed: left as they are.
          if (name.end > last || text.slice(name.start, name.end) !== name.text) continue;
          const after = text.slice(name.end);
          if (after) tail.unshift({ ...node, text: after });
          tail.unshift({ type: 'mention', attrs: { id: personId, label: people.get(personId)!.name }, ...(node.marks?.length ? { marks: node.marks } : {}) });
          text = text.slice(0, name.start);
          last = name.start;
        }
        return tail.length ? [...(text ? [{ ...node, text }] : []), ...tail] : [node];
      });
    }
    if (doc !== f.doc) rec = f.set(rec, doc);
  }
  return rec;
}

/** How many times the case's rich text mentions the person (said before they are removed from the register). */
export function mentionCount(r: CaseRecord, personId: string): number {
  let n = 0;
  for (const f of richFields(r)) {
    const stack: RichNode[] = [f.doc];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'mention' && node.attrs?.id === personId) n++;
      stack.push(...(node.content ?? []));
    }
  }
  return n;
}
