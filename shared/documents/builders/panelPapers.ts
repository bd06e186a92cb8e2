import { addWorkingDays } from '../../calendar/workingDays';
import { panelPapersOf, type PanelRecommendation } from '../../domain/panelPapers';
import { isRichEmpty } from '../../domain/richText';
import { HEARING_WITHIN_WORKING_DAYS } from '../../bundle/panel';
import { REPORT_WITHIN_WORKING_DAYS, RESPONSE_WITHIN_WORKING_DAYS } from '../../bundle/papers';
import { richToBlocks, richToRuns } from '../fromRich';
import { type Block, type DocumentModel, heading, para, plain, type Run, factsTable } from '../model';
import { cap, listInWords } from '../prose';
import { type BuildContext, finish, longDate } from '../context';
import { actionsTable, letterNotes, opening } from './letters';

/**
 * The Stage 3 papers (issue 16), from the same model as the Stage 2 documents and with the same rules: both
 * versions under one number, mentions written for the variant (the complainant's version names nobody from the
 * people register but, in the letter, the complainant, their child and copied supporters), incomplete drafts
 * marked and unsigned, a response printed only where the panel has found on the points it answers.
 */

const livePoints = (ctx: BuildContext) => ctx.record.points.filter((p) => p.status === 'active' && p.inProcedure);

function panelOf(ctx: BuildContext) {
  const panel = ctx.stage3?.panel ?? [];
  return { chair: panel.find((m) => m.role === 'chair')?.name ?? null, members: panel.filter((m) => m.role === 'member').map((m) => m.name) };
}

/** "Panel recommendation 2: …" as runs, the text as the panel wrote it (mentions resolved later, per variant). */
const recRuns = (n: number, x: PanelRecommendation): Run[] => [{ text: `Panel recommendation ${n}: `, bold: true }, ...richToRuns(x.text)];

/** Who, and by when, as the panel says (or "not said"). */
const whoWhen = (x: PanelRecommendation) => [x.owner || 'not said', x.timescale || 'not said'] as const;

/** The panel's report: its finding and reasons on each point, its recommendations and conclusions, signed by the chair. */
export function buildPanelReport(ctx: BuildContext): DocumentModel {
  const r = ctx.record;
  const pp = panelPapersOf(r);
  const live = livePoints(ctx);
  const { chair, members } = panelOf(ctx);
  const held = r.keyDates.panelHeld;
  const dated = r.keyDates.panelReportSent ?? ctx.today;
  const cal = { closures: r.council.closures };
  const complainants = listInWords(r.complainants.map((c) => `${c.name} (${c.relationshipToChild})`));
  const b: Block[] = [
    { type: 'title', text: 'Review panel’s report' },
    para(`Stage 3 review of a complaint about children’s social care, ${r.council.name}`),
    factsTable([
      ['Case reference', r.reference],
      ['Complainant', complainants],
      ['Child or young person', r.child.name],
      ['Chair of the panel', chair ?? 'not recorded'],
      ['Panel members', members.length ? listInWords(members) : 'not recorded'],
      ['Review panel requested', longDate(r.keyDates.stage3Requested)],
      ['Hearing', held ? longDate(held) : ctx.stage3?.hearingDate ? `planned for ${longDate(ctx.stage3.hearingDate)}` : 'not recorded'],
      ['Date of this report', longDate(dated)],
    ]),
    heading(1, '1. The panel’s role'),
    para(
      `The review panel is the third stage of the complaints procedure for children’s social care (the Children Act 1989 Representations Procedure (England) Regulations 2006). The panel does not investigate the complaint again: it considers whether the Stage 2 investigation dealt with it adequately, reaches its own view on each point of complaint, and recommends what the council should do. Its three members are independent of ${r.council.name}, and none of them took part in the Stage 2 investigation.`,
    ),
    heading(1, '2. The hearing'),
  ];
  const req = r.keyDates.stage3Requested;
  if (held) {
    const latest = req ? addWorkingDays(req, HEARING_WITHIN_WORKING_DAYS, cal) : null;
    b.push(
      para(
        `The panel met on ${longDate(held)}.${req && latest ? ` The complainant asked for the review on ${longDate(req)}; the panel ${held <= latest ? `met within the ${HEARING_WITHIN_WORKING_DAYS} working days the regulations allow` : `met after the ${HEARING_WITHIN_WORKING_DAYS} working days the regulations allow, which ended on ${longDate(latest)}`}.` : ''} This report is made within ${REPORT_WITHIN_WORKING_DAYS} working days of the hearing, by ${longDate(addWorkingDays(held, REPORT_WITHIN_WORKING_DAYS, cal))}.`,
      ),
    );
  } else b.push(para('The date of the hearing is not recorded yet.'));

  b.push(heading(1, '3. Summary of the panel’s findings'));
  if (live.length) {
    b.push({
      type: 'table',
      header: ['Point', 'Stage 2 finding', 'The panel’s finding'],
      widths: [0.5, 0.25, 0.25],
      rows: live.map((p) => [plain(`${p.number}. ${p.summary}`), plain(cap(r.findings[p.id]?.finding ?? 'no finding made')), plain(cap(pp.perPoint[p.id]?.finding ?? 'no finding yet'))]),
    });
  } else b.push(para('There are no points of complaint yet.'));

  b.push(heading(1, '4. The panel’s findings on each point'));
  for (const p of live) {
    const mine = pp.perPoint[p.id];
    const stage2 = r.findings[p.id]?.finding ?? null;
    const decision = stage2 ? r.adjudication.perPoint[p.id]?.decision ?? null : null;
    b.push(heading(2, `Point ${p.number}`));
    b.push(para(p.summary, 'quote'));
    b.push({ type: 'paragraph', runs: [{ text: 'Stage 2: ', bold: true }, { text: stage2Words(stage2, decision) }] });
    b.push({ type: 'paragraph', runs: [{ text: 'The panel’s finding: ', bold: true }, { text: mine?.finding ? `${cap(mine.finding)}.` : 'Not made yet.' }] });
    b.push(heading(3, 'The panel’s reasons'));
    b.push(...(mine && !isRichEmpty(mine.reasons) ? richToBlocks(mine.reasons, 3) : [para('Not recorded yet.')]));
    const recs = pp.recommendations.map((x, i) => ({ x, n: i + 1 })).filter(({ x }) => x.pointIds.includes(p.id));
    if (recs.length) b.push({ type: 'list', ordered: false, items: recs.map(({ x, n }) => recRuns(n, x)) });
  }
  const outside = r.points.filter((p) => p.status === 'active' && !p.inProcedure);
  if (outside.length) b.push(para(`Point${outside.length === 1 ? '' : 's'} ${listInWords(outside.map((p) => String(p.number)))} ${outside.length === 1 ? 'is' : 'are'} outside the statutory procedure, so the panel made no finding on ${outside.length === 1 ? 'it' : 'them'}.`));

  b.push(heading(1, '5. The panel’s recommendations'));
  if (pp.recommendations.length) {
    b.push({
      type: 'table',
      header: ['Recommendation', 'Points', 'Who', 'By when'],
      widths: [0.5, 0.14, 0.18, 0.18],
      rows: pp.recommendations.map((x, i) => {
        const pts = r.points.filter((p) => x.pointIds.includes(p.id)).map((p) => String(p.number));
        const [who, when] = whoWhen(x);
        return [[{ text: `${i + 1}. ` }, ...richToRuns(x.text)], plain(pts.length ? pts.join(', ') : 'all'), plain(who), plain(when)];
      }),
    });
  } else b.push(para('The panel makes no recommendations.'));

  b.push(heading(1, '6. Conclusions'));
  b.push(...(isRichEmpty(pp.conclusions) ? [para('Not recorded yet.')] : richToBlocks(pp.conclusions, 2)));

  b.push(heading(1, '7. What happens next'));
  const copies = ['the council', 'the complainant', ...(r.advocate ? ['the complainant’s advocate'] : []), `the independent person from Stage 2${r.roles.independentPerson ? ` (${r.roles.independentPerson.name})` : ''}`];
  b.push(para(`This report goes to ${listInWords(copies)}. The council must respond in writing within ${RESPONSE_WITHIN_WORKING_DAYS} working days of receiving it${r.keyDates.panelReportSent ? `, by ${longDate(addWorkingDays(r.keyDates.panelReportSent, RESPONSE_WITHIN_WORKING_DAYS, cal))}` : ''}, saying what it will do about each recommendation and giving its reasons for any it does not accept.`));
  b.push(para('Signed on behalf of the review panel,'));
  const signer = chair ?? 'The chair of the review panel';
  b.push({ type: 'signature', name: signer, role: 'Chair of the review panel', date: longDate(dated) });
  return finish({ ...ctx, today: dated }, 'panel-report', `Review panel’s report: ${r.reference}`, `Stage 3 review panel’s report for case ${r.reference}`, signer, b);
}

/** The Stage 2 outcome of a point in a sentence: the investigating officer's finding and the council's decision on it. */
function stage2Words(finding: string | null, decision: 'accepted' | 'accepted in part' | 'not accepted' | null): string {
  if (!finding) return 'the investigation made no finding.';
  const f = finding === 'unable to reach a finding' ? 'the investigating officer was unable to reach a finding' : `the investigating officer’s finding was ${finding}`;
  const d = decision === 'accepted' ? 'accepted it' : decision === 'accepted in part' ? 'accepted it in part' : decision === 'not accepted' ? 'did not accept it' : null;
  return `${f}${d ? `, and the council ${d}` : ''}.`;
}

const DECISION_WORDS = { accepted: 'Accepted', 'accepted in part': 'Accepted in part', 'not accepted': 'Not accepted' } as const;

/** The council's response to the panel's report: a letter to the complainant, each recommendation answered, signed. */
export function buildCouncilResponse(ctx: BuildContext): DocumentModel {
  const r = ctx.record;
  const pp = panelPapersOf(r);
  const res = pp.response;
  const live = livePoints(ctx);
  const { chair } = panelOf(ctx);
  const dated = res.respondedOn ?? ctx.today;
  const dctx = { ...ctx, today: dated };
  const held = r.keyDates.panelHeld;
  const sent = r.keyDates.panelReportSent;
  const signer = res.signatory.name || 'The responsible officer';
  const b: Block[] = [
    ...opening(dctx, 'Your complaint: the council’s response to the review panel'),
    para(
      `I am writing on behalf of ${r.council.name} in response to the report of the review panel${held ? ` that met on ${longDate(held)}` : ''}${sent ? `, which we received on ${longDate(sent)}` : ''}. This letter gives the council’s response to each of the panel’s recommendations, what the council will do, and what you can do if you are still not satisfied.`,
    ),
    heading(1, 'The panel’s findings'),
  ];
  if (live.length) {
    b.push({ type: 'table', header: ['Point of complaint', 'The panel’s finding'], widths: [0.7, 0.3], rows: live.map((p) => [plain(`${p.number}. ${p.summary}`), plain(cap(pp.perPoint[p.id]?.finding ?? 'no finding yet'))]) });
  } else b.push(para('There are no points of complaint yet.'));

  b.push(heading(1, 'The panel’s recommendations and the council’s response'));
  if (!pp.recommendations.length) b.push(para('The panel made no recommendations.'));
  pp.recommendations.forEach((x, i) => {
    const n = i + 1;
    b.push(heading(2, `Panel recommendation ${n}`));
    b.push({ type: 'paragraph', style: 'quote', runs: richToRuns(x.text) });
    // A response counts only once the panel has found on every point the recommendation answers.
    const missing = r.points.filter((p) => x.pointIds.includes(p.id) && p.status === 'active' && !pp.perPoint[p.id]?.finding);
    const d = res.perRecommendation[x.id];
    if (missing.length) {
      b.push(para(`The panel has made no finding yet on point${missing.length === 1 ? '' : 's'} ${listInWords(missing.map((p) => String(p.number)))}, so the council has nothing to respond to here yet.`));
      return;
    }
    b.push({ type: 'paragraph', runs: [{ text: 'The council’s response: ', bold: true }, { text: d?.decision ? `${DECISION_WORDS[d.decision]}.` : 'Not yet decided.' }] });
    if (d?.decision && !isRichEmpty(d.reasons)) b.push(...richToBlocks(d.reasons, 3));
    else if (d?.decision && d.decision !== 'accepted') b.push(para('The reasons are not written yet.'));
  });

  b.push(heading(1, 'What the council will do'));
  if (res.actions.length) {
    b.push(
      actionsTable(res.actions, 'Panel recommendation', (id) => {
        const n = pp.recommendations.findIndex((x) => x.id === id) + 1;
        return n ? String(n) : null;
      }),
    );
  } else b.push(para('No actions are recorded yet.'));
  const cm = r.roles.complaintsManager;
  b.push(para(`${cm ? `${cm.name}, the complaints manager,` : 'The complaints manager'} will monitor these actions until each is done, and will write to you when they are complete, or if any date changes.`));
  if (!isRichEmpty(res.remarks)) {
    b.push(heading(1, 'The council’s further response'));
    b.push(...richToBlocks(res.remarks, 2));
  }
  b.push(heading(1, 'If you are still not satisfied'));
  b.push(para('The review panel is the last stage of the council’s complaints procedure for children’s social care.'));
  b.push(para(r.council.ombudsmanParagraph));
  b.push(heading(1, 'Who to contact'));
  const contactBits = cm ? [cm.phone && `on ${cm.phone}`, cm.email && `at ${cm.email}`].filter(Boolean) : [];
  b.push(para(cm ? `If you have any questions about this letter, please contact ${cm.name}, complaints manager${contactBits.length ? `, ${contactBits.join(' or ')}` : ', on the details at the top of this letter'}.` : 'If you have any questions about this letter, please contact the complaints team on the details at the top of this letter.'));
  b.push(para('Yours sincerely,'));
  b.push({ type: 'signature', name: signer, role: res.signatory.role || 'on behalf of the council' });
  const copies = [
    r.advocate && r.advocate.writtenConsentHeld ? `${r.advocate.name} (advocate)` : null,
    r.representative && r.representative.writtenConsentHeld ? `${r.representative.name} (representative)` : null,
    chair ? `${chair} (chair of the review panel)` : 'the chair of the review panel',
    r.roles.independentPerson ? `${r.roles.independentPerson.name} (independent person at Stage 2)` : null,
  ].filter((x): x is string => !!x);
  b.push({ type: 'paragraph', runs: [{ text: 'Copy to: ', bold: true }, { text: copies.join('; ') }] });
  return finish(dctx, 'council-response', `Council’s response to the review panel: ${r.reference}`, `The council’s response to the Stage 3 review panel for case ${r.reference}`, signer, b, { letterToComplainant: true, notes: letterNotes(r) });
}
