import { formatLongDate } from '../calendar/date';
import { addWorkingDays } from '../calendar/workingDays';
import { computeCaseClocks, type ClockView } from '../clock/caseClocks';
import { latestExtension } from '../clock/extensions';
import type { CaseRecord } from '../domain/case';
import type { Person } from '../domain/investigation';
import { panelPapersOf } from '../domain/panelPapers';
import { incompleteReasons } from './completeness';
import { foldName } from './fold';
import { mentionResolver } from './mentions';
import { mapModelText, pseudonymiser } from './pseudonymise';
import type { Block, DocumentKind, DocumentModel, Letterhead, Run, Variant } from './model';

/** What every builder needs: the case, the day the document is dated, which version, and helpers. */
export interface BuildContext {
  record: CaseRecord;
  today: string;
  variant: Variant;
  draft: { version: number } | null;
  /** Stage 3: the review panel and the hearing date, kept with the hearing pack (issue 16). */
  stage3?: Stage3Facts;
}

/** What the Stage 3 documents need from the hearing pack: who sat on the panel, and the planned hearing date. */
export interface Stage3Facts {
  panel: { name: string; role: 'chair' | 'member' }[];
  hearingDate: string | null;
}

export const longDate = (d: string | null | undefined) => (d ? formatLongDate(d).replace(/^\w+ /, '') : 'not recorded');

export function letterheadOf(r: CaseRecord): Letterhead {
  return { council: r.council.name, logo: r.council.logo, addressLines: r.council.addressLines, contactLines: r.council.contactLines };
}

export function clocksOf(ctx: BuildContext): ClockView[] {
  const r = ctx.record;
  return computeCaseClocks({
    procedure: r.council.procedure,
    acknowledgementDays: r.council.acknowledgementDays,
    stage2StartsFrom: r.council.stage2StartsFrom,
    ombudsmanFrom: r.council.ombudsmanFrom,
    closures: r.council.closures,
    keyDates: r.keyDates,
    extensions: r.extensions,
    lateReasons: r.lateReasons,
    today: ctx.today,
  });
}

/** The statutory Stage 2 clock (the one the council's profile counts from). */
export function stage2Clock(ctx: BuildContext): ClockView | undefined {
  return clocksOf(ctx).find((c) => c.id.startsWith('stage2-response') && c.statutory);
}

/** The Stage 2 extension in force: the latest agreed, as the clocks count it. */
export function stage2Extension(r: CaseRecord) {
  return latestExtension(r.extensions, ['stage2-response-from-statement', 'stage2-response-from-request']);
}

/** What the statutory Stage 2 clock counts from, in words, per the council's profile. */
export function stage2StartWords(r: CaseRecord): string {
  return r.council.stage2StartsFrom === 'stage2Requested'
    ? `You asked for a Stage 2 investigation on ${longDate(r.keyDates.stage2Requested)}.`
    : `We agreed your statement of complaint on ${longDate(r.keyDates.statementAgreed)}.`;
}

/** The date a complainant must ask for a review panel by: 20 working days from the letter's date. */
export function stage3Deadline(ctx: BuildContext, from: string): string {
  return addWorkingDays(from, 20, { closures: ctx.record.council.closures });
}

export function personName(r: CaseRecord, id: string | null): string {
  return r.people.find((p) => p.id === id)?.name ?? 'not recorded';
}

/**
 * A person's role as the document may print it: in the complainant's version a third party's role is never
 * printed ("Neighbour across the road"), whether or not they have a pseudonym.
 */
export function roleShown(ctx: BuildContext, p: Person | undefined): string {
  if (!p) return '';
  return ctx.variant === 'complainant' && p.thirdParty ? '' : p.role;
}

/** How a person is described in the report: their role, and their name in the council's version. */
export function describePerson(p: Person): string {
  return p.role ? `${p.name} (${p.role})` : p.name;
}

export function variantNote(v: Variant): string {
  return v === 'complainant'
    ? 'Version for the complainant: people are referred to by role or pseudonym, and third parties’ details are left out.'
    : 'Full version for the council: it names everyone involved and must not be given to the complainant.';
}

/** Applies the variant to a finished model: the complainant's version goes through the pseudonymiser. */
export function finish(
  ctx: BuildContext,
  kind: DocumentKind,
  title: string,
  subject: string,
  author: string,
  inBlocks: DocumentModel['blocks'],
  opts: { letterToComplainant?: boolean; notes?: string[] } = {},
): DocumentModel {
  const r = ctx.record;
  let blocks = inBlocks;
  const incomplete = incompleteReasons(kind, r, ctx.stage3);
  if (incomplete.length) blocks = markIncomplete(blocks, incomplete);
  const model: DocumentModel = {
    kind,
    title,
    subject,
    author,
    reference: r.reference,
    marking: r.council.protectiveMarking,
    variant: ctx.variant,
    variantNote: variantNote(ctx.variant),
    draft: ctx.draft,
    letterhead: letterheadOf(r),
    blocks,
    incomplete,
    basis: basisOf(r, kind),
    letterToComplainant: !!opts.letterToComplainant,
    notes: opts.notes ?? [],
  };
  if (opts.letterToComplainant && ctx.variant === 'complainant') {
    model.variantNote = 'Version for the complainant: staff and other people are referred to by role or pseudonym.';
  }
  const shown = shownPeople(r, !!opts.letterToComplainant);
  // Mentions first, from the register by id: a name in the council's version, the alias in the complainant's.
  const resolved = mapModelText(model, mentionResolver(r.people, ctx.variant, shown));
  if (ctx.variant === 'council') return resolved;
  const hidden = documentPeople(r).filter((p) => !shown.includes(p));
  return withoutLinks(mapModelText(resolved, pseudonymiser(hidden, { named: shown, protect: [r.reference, r.council.protectiveMarking] })));
}

/**
 * The complainant's version carries no links: an address can name someone (mailto:jordan.blake@…, a shared
 * folder named after a person) where no reader sees it and the leak check, which reads what is printed, cannot.
 */
function withoutLinks(m: DocumentModel): DocumentModel {
  const strip = (runs: Run[]): Run[] => runs.map(({ link: _link, ...r }) => r);
  const blocks = m.blocks.map((b) => {
    if (b.type === 'paragraph') return { ...b, runs: strip(b.runs) };
    if (b.type === 'list') return { ...b, items: b.items.map(strip) };
    if (b.type === 'table') return { ...b, rows: b.rows.map((row) => row.map(strip)) };
    return b;
  });
  return { ...m, blocks };
}

/**
 * The people a document is checked against: the people register, and the people the Overview names (the
 * child, each complainant, the advocate, the representative) whom the register does not hold by that name.
 * The builders print the Overview's names ("Child or young person: Kieran Nowak"); a child whose name was
 * corrected on the Overview but not in the register, or a representative added later, would otherwise be a
 * name nobody knew to replace or to look for.
 */
export function documentPeople(r: CaseRecord): Person[] {
  const known = new Set(r.people.map((p) => foldName(p.name)));
  const extra: Person[] = [];
  const add = (id: string, name: string | undefined, kind: Person['kind'], role: string) => {
    const f = foldName(name ?? '');
    if (!f || known.has(f)) return;
    known.add(f);
    extra.push({ id, name: name!.trim(), kind, role, organisation: '', pseudonym: '', actsForId: null, consentHeld: false, thirdParty: false });
  };
  add('overview-child', r.child.name, 'child', 'Child');
  r.complainants.forEach((c, i) => add(`overview-complainant-${i + 1}`, c.name, 'complainant', 'Complainant'));
  add('overview-advocate', r.advocate?.name, 'advocate', 'Advocate');
  add('overview-representative', r.representative?.name, 'representative', 'Representative');
  return extra.length ? [...r.people, ...extra] : r.people;
}

/** The letters addressed to the complainant, which name them and their own child. */
export const LETTERS_TO_COMPLAINANT: readonly DocumentKind[] = ['statement-of-complaint', 'extension-letter', 'adjudication-letter', 'council-response'];

/**
 * Who the complainant's version names: in a letter to the complainant, the complainant and this case's child,
 * whom the letter is to and about (not any other child in the register: a sibling is a third party); in any
 * other document, nobody.
 */
export function shownPeople(r: CaseRecord, letterToComplainant: boolean): Person[] {
  if (!letterToComplainant) return [];
  const sameName = (a: string, b: string) => a.normalize('NFC').toLowerCase().trim() === b.normalize('NFC').toLowerCase().trim();
  // The advocate and representative the letter is copied to (written consent held) are named in it too.
  const copied = [r.advocate, r.representative].filter((x) => x?.writtenConsentHeld).map((x) => x!.name);
  return documentPeople(r).filter(
    (p) => p.kind === 'complainant' || (p.kind === 'child' && sameName(p.name, r.child.name)) || ((p.kind === 'advocate' || p.kind === 'representative') && copied.some((n) => sameName(n, p.name))),
  );
}

/**
 * An incomplete document says so where a reader starts (after the title, if it has one) and is not signed
 * off: each signature block becomes a line saying why.
 */
function markIncomplete(blocks: Block[], reasons: string[]): Block[] {
  const note: Block = { type: 'paragraph', runs: [{ text: 'Incomplete draft: ', bold: true }, { text: `${reasons.join(' ')} This document is not finished and must not be sent as the council’s response.` }] };
  const at = blocks[0]?.type === 'title' ? 1 : 0;
  const out = [...blocks.slice(0, at), note, ...blocks.slice(at)];
  return out.map((b) =>
    b.type === 'signature' ? { type: 'paragraph', runs: [{ text: `Not signed: ${b.name} (${b.role}) signs once the document is complete.`, italic: true }] } : b,
  );
}

/**
 * A digest of what the findings documents are built from: each finding and each decision. The Stage 3
 * documents have their own: the panel's findings and the council's decisions on its recommendations, so a
 * Stage 2 final never goes out of date because of the panel, nor a panel paper because of Stage 2.
 */
export function basisOf(r: CaseRecord, kind?: DocumentKind): string {
  const parts: string[] = [];
  if (kind === 'panel-report' || kind === 'council-response') {
    const pp = panelPapersOf(r);
    parts.push('stage3', ...r.points.map((p) => `${p.id}:${p.status}:${pp.perPoint[p.id]?.finding ?? '-'}`));
    parts.push(...pp.recommendations.map((x) => `${x.id}:${pp.response.perRecommendation[x.id]?.decision ?? '-'}`));
  } else {
    parts.push(...r.points.map((p) => `${p.id}:${p.status}:${r.findings[p.id]?.finding ?? '-'}:${r.adjudication.perPoint[p.id]?.decision ?? '-'}`));
    parts.push(...r.recommendations.map((x) => `${x.id}:${r.adjudication.perRecommendation[x.id]?.decision ?? '-'}`));
  }
  // FNV-1a, enough to notice a change; not a security measure.
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
