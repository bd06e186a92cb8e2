import { EXTENSION_REASON_LABELS } from '../../clock/extensions';
import { richToBlocks, richToRuns } from '../fromRich';
import { type Block, type DocumentModel, heading, para, plain, type Run, factsTable } from '../model';
import { type BuildContext, finish, longDate, personName, roleShown, stage2Clock, stage2Extension, stage2StartWords, stage3Deadline } from '../context';
import { UserFacingError } from '../errors';
import { cap, listInWords, sentence, sentenceRuns } from '../prose';
import { isHeld, recommendationNumber } from './investigationReport';
import { addWorkingDays } from '../../calendar/workingDays';
import { isRichEmpty, type RichNode } from '../../domain/richText';


/**
 * How a letter greets one complainant: the salutation the user chose on the Overview ("Ms Haddad", "Amira";
 * a typed "Dear" or trailing comma is not doubled). With none chosen the letter uses the name as recorded,
 * and the Documents tab says so before export (a name's words cannot be safely guessed at: "Ó", "van der").
 */
/**
 * The council's actions as a table (the adjudication letter, and the council's response at Stage 3): what, the
 * recommendation it answers (numbered by `numberOf`, "—" for none), who and by when.
 */
export function actionsTable(actions: readonly { text: RichNode; owner: RichNode; dueOn?: string | null | undefined; recommendationId?: string | null | undefined }[], recommendationHeader: string, numberOf: (recommendationId: string) => string | null): Block {
  return {
    type: 'table',
    header: ['Action', recommendationHeader, 'Who', 'By when'],
    widths: [0.4, 0.22, 0.2, 0.18],
    rows: actions.map((a) => {
      const n = a.recommendationId ? numberOf(a.recommendationId) : null;
      return [richToRuns(a.text), plain(n ?? '—'), isRichEmpty(a.owner) ? plain('not yet assigned') : richToRuns(a.owner), plain(a.dueOn ? longDate(a.dueOn) : 'not yet set')];
    }),
  };
}

export function greetingName(c: { name: string; salutation: string }): string {
  const chosen = c.salutation.trim().replace(/^dear\s+/iu, '').replace(/[,.]+$/u, '');
  return chosen || c.name.trim();
}

/** What a letter to the complainants lacks that a careful sender would add: a chosen salutation, an address. */
export function letterNotes(r: BuildContext['record']): string[] {
  const out: string[] = [];
  for (const c of r.complainants) {
    if (!c.salutation.trim()) out.push(`No salutation is chosen for ${c.name}, so the letter greets them by their full name; choose one on the Overview tab.`);
    if (!c.addressLines.length) out.push(`There is no postal address for ${c.name}; add it on the Overview tab.`);
  }
  return out;
}

/**
 * The letter's opening: the date, an address block for every complainant (those at one address share it),
 * the reference and subject, and a salutation that greets each of them.
 */
export function opening(ctx: BuildContext, subject: string): Block[] {
  const cs = ctx.record.complainants;
  const groups: { names: string[]; lines: string[] }[] = [];
  for (const c of cs) {
    const key = c.addressLines.join('\n').toLowerCase();
    const same = key ? groups.find((g) => g.lines.join('\n').toLowerCase() === key) : undefined;
    if (same) same.names.push(c.name);
    else groups.push({ names: [c.name], lines: c.addressLines });
  }
  const blocks: Block[] = [para(longDate(ctx.today), 'right')];
  groups.forEach((g, i) => {
    if (i) blocks.push({ type: 'spacer' });
    // The recipient's name and postal address, as a letter's address block.
    blocks.push({ type: 'paragraph', runs: [{ text: [listInWords(g.names), ...g.lines].join('\n') }] });
  });
  return [
    ...blocks,
    { type: 'spacer' },
    { type: 'paragraph', runs: [{ text: `Our reference: ${ctx.record.reference}`, bold: true }] },
    { type: 'paragraph', runs: [{ text: subject, bold: true }] },
    para(`Dear ${listInWords(cs.map(greetingName))},`),
  ];
}

/** The statement of complaint, sent to the complainant to agree. */
export function buildStatementOfComplaint(ctx: BuildContext): DocumentModel {
  const r = ctx.record;
  const io = r.roles.investigatingOfficer?.name ?? 'Investigating Officer';
  const live = r.points.filter((p) => p.status === 'active' && p.inProcedure);
  const outside = r.points.filter((p) => p.status === 'active' && !p.inProcedure);
  const b: Block[] = [
    ...opening(ctx, 'Your complaint: the statement of complaint for the Stage 2 investigation'),
    para(`Thank you for meeting us. This letter sets out your complaint as we understood it, so that the investigation looks at what matters to you. Each point is in your words, with the outcome you would like.`),
    heading(1, 'The points of complaint'),
  ];
  for (const p of live) {
    b.push(heading(2, `Point ${p.number}`));
    b.push(para(p.summary));
    if (p.desiredOutcomes.length) b.push({ type: 'paragraph', runs: [{ text: 'What you would like to happen: ', bold: true }, { text: p.desiredOutcomes.join('; ') }] });
  }
  if (outside.length) {
    b.push(heading(1, 'Matters this investigation cannot look at'));
    outside.forEach((p) => b.push(para(`${sentence(p.summary)} This is outside the statutory complaints procedure: ${sentence(p.outOfProcedureReason || 'the reason will be explained to you')}`)));
  }
  b.push(heading(1, 'What happens next'));
  b.push(para('Please let us know within five working days whether this is an accurate statement of your complaint, or what should change. The investigation’s timescale runs from the date you agree it.'));
  b.push(para('Yours sincerely,'));
  b.push({ type: 'signature', name: io, role: 'Investigating Officer' });
  return finish(ctx, 'statement-of-complaint', `Statement of complaint: ${r.reference}`, `Statement of complaint for case ${r.reference}`, io, b, { letterToComplainant: true, notes: letterNotes(r) });
}

/** Telling the complainant why the response will take longer than 25 working days, and the new date. */
export function buildExtensionLetter(ctx: BuildContext): DocumentModel {
  const r = ctx.record;
  const ext = stage2Extension(r);
  if (!ext) throw new UserFacingError('There is no Stage 2 extension recorded for this case; record the extension first, then make the letter.');
  const clock = stage2Clock(ctx);
  const signer = r.roles.complaintsManager?.name ?? r.roles.investigatingOfficer?.name ?? 'Complaints Manager';
  const reason = ext.reason === 'other' ? ext.reasonText ?? '' : EXTENSION_REASON_LABELS[ext.reason].toLowerCase();
  const b: Block[] = [
    ...opening(ctx, 'Your complaint: a new date for our response'),
    para(`${stage2StartWords(r)} The regulations ask us to respond within 25 working days of that date, which would have been by ${longDate(clock?.baseDue ?? null)}.`),
    para(`I am sorry that we cannot respond by then. The reason is: ${sentence(reason)}`),
    { type: 'paragraph', runs: [{ text: 'We will now send you our response by ' }, { text: longDate(ext.newDueDate), bold: true }, { text: '. The regulations allow up to 65 working days where this is needed.' }] },
    para('If you are unhappy with this, please contact us on the details at the top of this letter.'),
    para('Yours sincerely,'),
    { type: 'signature', name: signer, role: r.roles.complaintsManager ? 'Complaints Manager' : 'Investigating Officer' },
  ];
  return finish(ctx, 'extension-letter', `Extension letter: ${r.reference}`, `Extension of the Stage 2 response for case ${r.reference}`, signer, b, { letterToComplainant: true, notes: letterNotes(r) });
}

/**
 * The notes of one interview, sent to the interviewee to agree. A complainant's own record is a letter to
 * her: it names her and asks her to sign in her own name.
 */
export function buildInterviewRecord(ctx: BuildContext, interviewId?: string): DocumentModel {
  const r = ctx.record;
  const v = interviewId ? r.interviews.find((x) => x.id === interviewId) : r.interviews.find(isHeld) ?? r.interviews[0];
  if (!v) throw new UserFacingError(interviewId ? 'That interview is not in this case; choose one from the Interviews tab.' : 'There is no interview in this case yet; record one first.');
  const person = r.people.find((p) => p.id === v.personId);
  const own = person?.kind === 'complainant';
  const who = personName(r, v.personId);
  const role = roleShown(ctx, person);
  const io = r.roles.investigatingOfficer?.name ?? 'Investigating Officer';
  const b: Block[] = [
    { type: 'title', text: 'Record of interview' },
    factsTable([
      ['Case reference', r.reference],
      ['Interviewee', role ? `${who} (${role})` : who],
      ['Date and time', `${longDate(v.date)}${v.time ? `, ${v.time}` : ''}`],
      ['How', cap(v.mode)],
      ['Present', v.attendees.map((a) => `${a.name} (${a.role})`).join('; ') || 'not recorded'],
      ['Points discussed', r.points.filter((p) => v.pointIds.includes(p.id)).map((p) => `Point ${p.number}`).join(', ') || 'not recorded'],
    ]),
    heading(1, 'Notes'),
    ...richToBlocks(v.notes, 2),
    heading(1, 'Agreement'),
    para(`${own ? 'Please read these notes and tell the investigating officer within five working days whether they are an accurate record of what you said, or what should be corrected. If they are, please sign below in your own name.' : 'Please read these notes and tell the investigating officer within five working days whether they are an accurate record, or what should be corrected.'} They are a summary, not a word-for-word transcript.`),
    { type: 'signature', name: who, role: own ? 'Signed in my own name as an accurate record of my interview' : 'Interviewee: signed as an accurate record', date: '' },
    { type: 'signature', name: io, role: 'Investigating Officer' },
  ];
  return finish(ctx, 'interview-record', `Interview record: ${who}`, `Record of interview for case ${r.reference}`, io, b, { letterToComplainant: own });
}

const yesNo = (x: boolean | null, yes: string, no: string, unknown: string) => (x === true ? yes : x === false ? no : unknown);

/**
 * The independent person's report: their independence, what they took part in, their view of the
 * investigation, the timescales, and agreement (with reasons) on each finding that exists.
 */
export function buildIpReport(ctx: BuildContext): DocumentModel {
  const r = ctx.record;
  const ip = r.roles.independentPerson?.name ?? 'Independent Person';
  const rv = r.ipReview;
  const live = r.points.filter((p) => p.status === 'active');
  const b: Block[] = [
    { type: 'title', text: 'Independent person report' },
    para(`Case ${r.reference}, ${r.council.name}. Dated ${longDate(ctx.today)}.`),
    heading(1, '1. My role and independence'),
    para(`I was appointed as independent person for this Stage 2 investigation. My role is to take part in the investigation and to make sure it is open, transparent, fair and focused on the child, and to report my view to the council.`),
    para(rv.independence || `I am not a member or an officer of ${r.council.name}, nor the spouse or civil partner of one, as the Children Act 1989 Representations Procedure (England) Regulations 2006 require. I have had no involvement with the matters complained about.`),
    heading(1, '2. What I took part in'),
  ];
  const participation = [...rv.participation].sort((a, z) => (a.date ?? '9999').localeCompare(z.date ?? '9999'));
  if (participation.length) {
    b.push({ type: 'table', header: ['Date', 'What I took part in'], widths: [0.25, 0.75], rows: participation.map((x) => [plain(longDate(x.date)), plain(x.what)]) });
  } else {
    const attended = r.interviews.filter((v) => isHeld(v) && v.attendees.some((a) => a.role === 'independent person'));
    b.push(para(attended.length ? `I attended ${attended.length} interview${attended.length === 1 ? '' : 's'}: ${attended.map((v) => `${personName(r, v.personId)} on ${longDate(v.date)}`).join('; ')}.` : 'Not yet recorded.'));
  }
  b.push(heading(1, '3. The investigation'));
  const views: [string, RichNode][] = [
    ['Fairness', rv.fairness],
    ['Thoroughness', rv.thoroughness],
    ['Openness and transparency', rv.transparency],
    ['Focus on the child', rv.childFocus],
  ];
  for (const [title, text] of views) {
    b.push(heading(2, title));
    b.push(...(isRichEmpty(text) ? [para('Not yet recorded.')] : richToBlocks(text, 3)));
  }
  b.push(heading(2, 'Timescales and keeping the complainant informed'));
  b.push(para(`${yesNo(rv.timescalesMet, 'The statutory timescales were met.', 'The statutory timescales were not met.', 'Whether the timescales were met is not yet recorded.')} ${yesNo(rv.keptInformed, 'The complainant was kept informed of progress.', 'The complainant was not kept informed of progress as they should have been.', 'Whether the complainant was kept informed is not yet recorded.')}`));
  if (rv.timescalesComment) b.push(para(rv.timescalesComment));
  b.push(heading(1, '4. The findings'));
  const withFinding = live.filter((p) => r.findings[p.id]?.finding);
  if (withFinding.length) {
    b.push({
      type: 'table',
      header: ['Point', 'Investigating officer’s finding', 'Do I agree?'],
      widths: [0.5, 0.3, 0.2],
      rows: withFinding.map((p) => {
        const mine = rv.perPoint[p.id];
        return [plain(`${p.number}. ${p.summary}`), plain(cap(r.findings[p.id]!.finding!)), plain(mine?.agrees === true ? 'Yes' : mine?.agrees === false ? 'No' : 'Not yet said')];
      }),
    });
  }
  // Each point's reasons once, under its own heading; a point with no finding has nothing to agree with.
  for (const p of live) {
    const mine = rv.perPoint[p.id];
    const finding = r.findings[p.id]?.finding;
    b.push(heading(2, `Point ${p.number}`));
    const comment = mine && !isRichEmpty(mine.comment) ? richToRuns(mine.comment) : null;
    const said = (lead: string, runs: Run[]): Block => ({ type: 'paragraph', runs: [{ text: lead }, ...runs] });
    if (!finding) b.push(said(`The investigating officer has made no finding on point ${p.number} yet, so there is nothing to agree or disagree with.`, comment ? [{ text: ' ' }, ...sentenceRuns(comment)] : []));
    else if (mine?.agrees === true) b.push(said(finding === 'unable to reach a finding' ? 'I agree that no finding could be reached' : `I agree with the finding (${finding})`, comment ? [{ text: ': ' }, ...sentenceRuns(comment)] : [{ text: '.' }]));
    else if (mine?.agrees === false) b.push(said(`${finding === 'unable to reach a finding' ? 'I do not agree that no finding could be reached' : `I do not agree with the finding (${finding})`}: `, comment ? sentenceRuns(comment) : [{ text: 'reasons not recorded yet.' }]));
    else b.push(para(`I have not yet said whether I agree with the finding (${finding}).`));
  }
  if (!isRichEmpty(rv.observations)) {
    b.push(heading(1, '5. Further observations'));
    b.push(...richToBlocks(rv.observations, 3));
  }
  b.push({ type: 'signature', name: ip, role: 'Independent Person', date: longDate(ctx.today) });
  return finish(ctx, 'ip-report', `Independent person report: ${r.reference}`, `Independent person report for case ${r.reference}`, ip, b);
}

const DECISION_WORDS = { accepted: 'accepted', 'accepted in part': 'accepted in part', 'not accepted': 'not accepted' } as const;

/** The council's decision on each finding and recommendation, the actions, the remedy and the complainant's rights. */
export function buildAdjudicationLetter(ctx: BuildContext): DocumentModel {
  const r = ctx.record;
  const adj = r.adjudication;
  const aoRef = r.roles.adjudicatingOfficer;
  const ao = aoRef?.name ?? 'Adjudicating Officer';
  const dated = adj.decidedOn ?? ctx.today;
  const live = r.points.filter((p) => p.status === 'active');
  // A decision counts only on a finding that exists.
  const decisionOn = (pid: string) => (r.findings[pid]?.finding ? adj.perPoint[pid]?.decision ?? null : null);
  // Fault is what the council accepts: an upheld or partly upheld finding the adjudicating officer accepted.
  const faultAccepted = live.filter((p) => ['upheld', 'partially upheld'].includes(r.findings[p.id]?.finding ?? '') && ['accepted', 'accepted in part'].includes(decisionOn(p.id) ?? ''));
  const dctx = { ...ctx, today: dated };
  const b: Block[] = [
    ...opening(dctx, 'Your complaint: the council’s response at Stage 2'),
    para(`I am writing as the council’s adjudicating officer for your complaint. I have read the investigating officer’s report and the independent person’s report. This letter gives the council’s decision on each finding and on each recommendation, what the council will do, and what you can do if you are not satisfied.`),
  ];
  const rv = r.ipReview;
  const agreed = live.filter((p) => r.findings[p.id]?.finding && rv.perPoint[p.id]?.agrees === true);
  const disagreed = live.filter((p) => r.findings[p.id]?.finding && rv.perPoint[p.id]?.agrees === false);
  b.push(heading(1, 'The independent person’s view'));
  b.push(para(
    agreed.length || disagreed.length
      ? `The independent person ${agreed.length ? `agreed with the investigating officer’s finding on point${agreed.length === 1 ? '' : 's'} ${listInWords(agreed.map((p) => String(p.number)))}` : ''}${agreed.length && disagreed.length ? ' and ' : ''}${disagreed.length ? `did not agree with the finding on point${disagreed.length === 1 ? '' : 's'} ${listInWords(disagreed.map((p) => String(p.number)))}` : ''}. I have taken their view into account in my decisions.`
      : 'The independent person’s view on the findings is not yet recorded.',
  ));
  b.push(heading(1, 'Your points of complaint'));
  for (const p of live) {
    const finding = r.findings[p.id]?.finding ?? null;
    const d = decisionOn(p.id);
    const reasons = adj.perPoint[p.id]?.reasons;
    b.push(heading(2, `Point ${p.number}`));
    b.push(para(p.summary, 'quote'));
    b.push({ type: 'paragraph', runs: [{ text: 'The investigating officer’s finding: ', bold: true }, { text: finding ? cap(finding) : 'No finding made yet' }] });
    b.push({ type: 'paragraph', runs: [{ text: 'My decision: ', bold: true }, { text: !finding ? 'There is no finding to decide on yet.' : d ? `I have ${DECISION_WORDS[d]} the finding.` : 'Not yet decided.' }] });
    if (finding && reasons && !isRichEmpty(reasons)) b.push(...richToBlocks(reasons, 3));
  }
  if (r.recommendations.length) {
    b.push(heading(1, 'The recommendations'));
    b.push({
      type: 'table',
      header: ['Recommendation', 'Decision', 'Reasons'],
      widths: [0.45, 0.18, 0.37],
      rows: r.recommendations.map((x) => {
        const d = adj.perRecommendation[x.id];
        return [[{ text: `${recommendationNumber(r, x)}. ` }, ...richToRuns(x.text)], plain(d?.decision ? cap(d.decision) : 'Not yet decided'), d ? richToRuns(d.reasons) : plain('')];
      }),
    });
  }
  b.push(heading(1, 'What the council will do'));
  if (adj.actions.length) {
    b.push(
      actionsTable(adj.actions, 'Recommendation', (id) => {
        const rec = r.recommendations.find((x) => x.id === id);
        return rec ? String(recommendationNumber(r, rec)) : null;
      }),
    );
  } else b.push(para('No actions are recorded yet.'));
  const cm = r.roles.complaintsManager;
  b.push(para(adj.monitoring || `${cm ? `${cm.name}, the complaints manager,` : 'The complaints manager'} will monitor these actions until each is done, and will write to you when they are complete, or if any date changes.`));
  if (adj.remedy) {
    b.push(heading(1, 'Putting things right'));
    b.push(para(adj.remedy));
  }
  if (faultAccepted.length) {
    b.push(heading(1, 'An apology'));
    b.push(...(isRichEmpty(adj.apology) ? [para(`On behalf of the council, I am sorry for the faults found on point${faultAccepted.length === 1 ? '' : 's'} ${listInWords(faultAccepted.map((p) => String(p.number)))}, and for the distress and inconvenience they caused.`)] : richToBlocks(adj.apology, 3)));
  }
  b.push(heading(1, 'If you are not satisfied'));
  // The 20 working days run from the day the letter reaches the complainant: the day it is e-mailed, or the
  // second working day after posting (first class), as the letter says.
  const received = adj.sentBy === 'post' ? addWorkingDays(dated, 2, { closures: r.council.closures }) : dated;
  b.push({
    type: 'paragraph',
    runs: [
      { text: `You can ask for your complaint to be considered by a Stage 3 review panel. Please ask within 20 working days of receiving this letter. ${adj.sentBy === 'post' ? `We are posting it first class on ${longDate(dated)}, so we expect it to reach you by ${longDate(received)}` : `We are sending it by e-mail on ${longDate(dated)}, so it reaches you that day`}, and the 20 working days end on ` },
      { text: longDate(stage3Deadline(ctx, received)), bold: true },
      { text: '. Please contact the complaints team on the details at the top of this letter.' },
    ],
  });
  b.push(para(r.council.ombudsmanParagraph));
  b.push(heading(1, 'Who to contact'));
  const contactBits = cm ? [cm.phone && `on ${cm.phone}`, cm.email && `at ${cm.email}`].filter(Boolean) : [];
  b.push(para(cm ? `If you have any questions about this letter, please contact ${cm.name}, complaints manager${contactBits.length ? `, ${contactBits.join(' or ')}` : ', on the details at the top of this letter'}.` : 'If you have any questions about this letter, please contact the complaints team on the details at the top of this letter.'));
  b.push(para('Yours sincerely,'));
  b.push({ type: 'signature', name: ao, role: `Adjudicating Officer${aoRef?.organisation ? `, ${aoRef.organisation}` : ''}` });
  const copies = [r.advocate && r.advocate.writtenConsentHeld ? `${r.advocate.name} (advocate)` : null, r.representative && r.representative.writtenConsentHeld ? `${r.representative.name} (representative)` : null].filter((x): x is string => !!x);
  if (copies.length) b.push({ type: 'paragraph', runs: [{ text: 'Copy to: ', bold: true }, { text: copies.join('; ') }] });
  return finish(dctx, 'adjudication-letter', `Adjudication letter: ${r.reference}`, `Stage 2 adjudication for case ${r.reference}`, ao, b, { letterToComplainant: true, notes: letterNotes(r) });
}
