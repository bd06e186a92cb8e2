import { EXTENSION_REASON_LABELS } from '../../clock/extensions';
import { richToBlocks, richToRuns } from '../fromRich';
import { type Block, type DocumentModel, heading, para, plain, type Run } from '../model';
import { type BuildContext, finish, longDate, personName, roleShown, stage2Clock, stage2Extension, stage2StartWords, stage3Deadline } from '../context';
import { UserFacingError } from '../errors';
import { isRichEmpty, type RichNode } from '../../domain/richText';

/** Runs ending in one full stop: a comment that ends in its own stop (or ? or !) gets no second one. */
function sentence(runs: Run[]): Run[] {
  const last = runs[runs.length - 1];
  if (last && /[.?!…]["”’)]*\s*$/u.test(last.text)) return runs;
  return [...runs, { text: '.' }];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function opening(ctx: BuildContext, subject: string): Block[] {
  const c = ctx.record.complainants[0]!;
  return [
    para(longDate(ctx.today), 'right'),
    // The recipient's name and postal address, as a letter's address block.
    ...[c.name, ...c.addressLines].map((line) => para(line)),
    { type: 'spacer' },
    { type: 'paragraph', runs: [{ text: `Our reference: ${ctx.record.reference}`, bold: true }] },
    { type: 'paragraph', runs: [{ text: subject, bold: true }] },
    para(`Dear ${c.salutation || c.name},`),
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
    outside.forEach((p) => b.push(para(`${p.summary} This is outside the statutory complaints procedure: ${p.outOfProcedureReason || 'the reason will be explained to you'}.`)));
  }
  b.push(heading(1, 'What happens next'));
  b.push(para('Please let us know within five working days whether this is an accurate statement of your complaint, or what should change. The investigation’s timescale runs from the date you agree it.'));
  b.push(para('Yours sincerely,'));
  b.push({ type: 'signature', name: io, role: 'Investigating Officer' });
  return finish(ctx, 'statement-of-complaint', `Statement of complaint: ${r.reference}`, `Statement of complaint for case ${r.reference}`, io, b, { letterToComplainant: true });
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
    para(`I am sorry that we cannot respond by then. The reason is: ${reason}.`),
    { type: 'paragraph', runs: [{ text: 'We will now send you our response by ' }, { text: longDate(ext.newDueDate), bold: true }, { text: '. The regulations allow up to 65 working days where this is needed.' }] },
    para('If you are unhappy with this, please contact us on the details at the top of this letter.'),
    para('Yours sincerely,'),
    { type: 'signature', name: signer, role: r.roles.complaintsManager ? 'Complaints Manager' : 'Investigating Officer' },
  ];
  return finish(ctx, 'extension-letter', `Extension letter: ${r.reference}`, `Extension of the Stage 2 response for case ${r.reference}`, signer, b, { letterToComplainant: true });
}

/** The notes of one interview, sent to the interviewee to agree. */
export function buildInterviewRecord(ctx: BuildContext, interviewId?: string): DocumentModel {
  const r = ctx.record;
  const v = interviewId ? r.interviews.find((x) => x.id === interviewId) : r.interviews.find((x) => x.status !== 'planned') ?? r.interviews[0];
  if (!v) throw new UserFacingError('There is no interview in this case yet; record one first.');
  const who = personName(r, v.personId);
  const role = roleShown(ctx, r.people.find((p) => p.id === v.personId));
  const io = r.roles.investigatingOfficer?.name ?? 'Investigating Officer';
  const b: Block[] = [
    { type: 'title', text: 'Record of interview' },
    {
      type: 'table',
      header: ['', ''],
      widths: [0.3, 0.7],
      rows: [
        ['Case reference', r.reference],
        ['Interviewee', role ? `${who} (${role})` : who],
        ['Date and time', `${longDate(v.date)}${v.time ? `, ${v.time}` : ''}`],
        ['How', cap(v.mode)],
        ['Present', v.attendees.map((a) => `${a.name} (${a.role})`).join('; ') || 'not recorded'],
        ['Points discussed', r.points.filter((p) => v.pointIds.includes(p.id)).map((p) => `Point ${p.number}`).join(', ') || 'not recorded'],
      ].map(([a, x]) => [plain(a!), plain(x!)]),
    },
    heading(1, 'Notes'),
    ...richToBlocks(v.notes, 2),
    heading(1, 'Agreement'),
    para('Please read these notes and tell the investigating officer within five working days whether they are an accurate record, or what should be corrected. They are a summary, not a word-for-word transcript.'),
    { type: 'signature', name: who, role: 'Interviewee: signed as an accurate record', date: '' },
    { type: 'signature', name: io, role: 'Investigating Officer' },
  ];
  return finish(ctx, 'interview-record', `Interview record: ${who}`, `Record of interview for case ${r.reference}`, io, b);
}

/** The independent person's report: their view of the investigation and of each finding. */
export function buildIpReport(ctx: BuildContext): DocumentModel {
  const r = ctx.record;
  const ip = r.roles.independentPerson?.name ?? 'Independent Person';
  const rv = r.ipReview;
  const live = r.points.filter((p) => p.status === 'active');
  const b: Block[] = [
    { type: 'title', text: 'Independent person report' },
    para(`Case ${r.reference}, ${r.council.name}. Dated ${longDate(ctx.today)}.`),
    heading(1, '1. My role'),
    para(`I was appointed as independent person for this Stage 2 investigation. My role is to take part in the investigation and to make sure it is open, transparent, fair and focused on the child, and to report my view to the council.`),
    heading(1, '2. The investigation'),
  ];
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
  b.push(heading(1, '3. The findings'));
  b.push({
    type: 'table',
    header: ['Point', 'Investigating officer’s finding', 'I agree', 'Comment'],
    widths: [0.32, 0.2, 0.12, 0.36],
    rows: live.map((p) => {
      const mine = rv.perPoint[p.id];
      return [plain(`${p.number}. ${p.summary}`), plain(r.findings[p.id]?.finding ? cap(r.findings[p.id]!.finding!) : '—'), plain(mine?.agrees === true ? 'Yes' : mine?.agrees === false ? 'No' : '—'), mine ? richToRuns(mine.comment) : plain('')];
    }),
  });
  const disagree = live.filter((p) => rv.perPoint[p.id]?.agrees === false);
  disagree.forEach((p) => {
    const comment = rv.perPoint[p.id]?.comment;
    b.push({ type: 'paragraph', runs: [{ text: `On point ${p.number} I do not agree with the finding` }, ...(comment && !isRichEmpty(comment) ? [{ text: ': ' }, ...sentence(richToRuns(comment))] : [{ text: ': reasons not recorded.' }])] });
  });
  if (!isRichEmpty(rv.observations)) {
    b.push(heading(1, '4. Further observations'));
    b.push(...richToBlocks(rv.observations, 3));
  }
  b.push({ type: 'signature', name: ip, role: 'Independent Person', date: longDate(ctx.today) });
  return finish(ctx, 'ip-report', `Independent person report: ${r.reference}`, `Independent person report for case ${r.reference}`, ip, b);
}

/** The council's decision on each point and recommendation, the actions, and the complainant's rights. */
export function buildAdjudicationLetter(ctx: BuildContext): DocumentModel {
  const r = ctx.record;
  const adj = r.adjudication;
  const ao = r.roles.adjudicatingOfficer?.name ?? 'Adjudicating Officer';
  const dated = adj.decidedOn ?? ctx.today;
  const live = r.points.filter((p) => p.status === 'active');
  const faultFound = live.some((p) => ['upheld', 'partially upheld'].includes(r.findings[p.id]?.finding ?? ''));
  const b: Block[] = [
    ...opening({ ...ctx, today: dated }, 'Your complaint: the council’s response at Stage 2'),
    para(`I have read the investigating officer’s report and the independent person’s report on your complaint. This letter gives the council’s decision on each point of your complaint and on each recommendation.`),
    heading(1, 'Your points of complaint'),
  ];
  for (const p of live) {
    const d = adj.perPoint[p.id];
    b.push(heading(2, `Point ${p.number}`));
    b.push(para(p.summary, 'quote'));
    b.push({ type: 'paragraph', runs: [{ text: 'The investigating officer found this point: ', bold: true }, { text: r.findings[p.id]?.finding ?? 'no finding recorded' }] });
    b.push({ type: 'paragraph', runs: [{ text: 'My decision: ', bold: true }, { text: d?.decision ? `I have ${d.decision === 'not accepted' ? 'not accepted' : d.decision === 'accepted in part' ? 'accepted in part' : 'accepted'} the finding.` : 'not yet decided.' }] });
    if (d && !isRichEmpty(d.reasons)) b.push(...richToBlocks(d.reasons, 3));
  }
  if (r.recommendations.length) {
    b.push(heading(1, 'The recommendations'));
    b.push({
      type: 'table',
      header: ['Recommendation', 'Decision', 'Reasons'],
      widths: [0.45, 0.18, 0.37],
      rows: r.recommendations.map((x, i) => {
        const d = adj.perRecommendation[x.id];
        return [[{ text: `${i + 1}. ` }, ...richToRuns(x.text)], plain(d?.decision ? cap(d.decision) : 'Not yet decided'), d ? richToRuns(d.reasons) : plain('')];
      }),
    });
  }
  if (adj.actions.length) {
    b.push(heading(1, 'What the council will do'));
    b.push({ type: 'table', header: ['Action', 'Who', 'By when'], widths: [0.55, 0.25, 0.2], rows: adj.actions.map((a) => [richToRuns(a.text), richToRuns(a.owner), plain(longDate(a.dueOn))]) });
  }
  if (faultFound) {
    b.push(heading(1, 'An apology'));
    b.push(...(isRichEmpty(adj.apology) ? [para('I am sorry for the faults the investigation found, and for the distress and inconvenience they caused.')] : richToBlocks(adj.apology, 3)));
  }
  b.push(heading(1, 'If you are not satisfied'));
  b.push({ type: 'paragraph', runs: [{ text: 'You can ask for your complaint to be considered by a Stage 3 review panel. Please ask within 20 working days of receiving this letter, that is by ' }, { text: longDate(stage3Deadline(ctx, dated)), bold: true }, { text: ', by contacting the complaints team on the details at the top of this letter.' }] });
  b.push(para(r.council.ombudsmanParagraph));
  b.push(para('Yours sincerely,'));
  b.push({ type: 'signature', name: ao, role: 'Adjudicating Officer' });
  return finish({ ...ctx, today: dated }, 'adjudication-letter', `Adjudication letter: ${r.reference}`, `Stage 2 adjudication for case ${r.reference}`, ao, b, { letterToComplainant: true });
}
