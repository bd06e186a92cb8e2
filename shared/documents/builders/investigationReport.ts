import { isRichEmpty } from '../../domain/richText';
import { formatPartialDate, partialDateKey } from '../../domain/partialDate';
import { EXTENSION_REASON_LABELS } from '../../clock/extensions';
import { PROCEDURES } from '../../clock/profiles';
import type { CaseRecord } from '../../domain/case';
import type { Interview, Recommendation } from '../../domain/investigation';
import { richToBlocks, richToRuns } from '../fromRich';
import { type Block, type DocumentModel, heading, para, plain, type Run, factsTable } from '../model';
import { cap, listInWords, plural, sentence } from '../prose';
import { type BuildContext, finish, longDate, personName, roleShown, stage2Clock, stage2Extension } from '../context';

/** A recommendation's one number everywhere: its place in the case's list (report sections, conclusions, letter). */
export const recommendationNumber = (r: CaseRecord, x: Recommendation) => r.recommendations.indexOf(x) + 1;

/** Held means held: a planned interview (declined or not yet held) is never counted or listed as one. */
export const isHeld = (v: Interview) => v.status !== 'planned';

/**
 * The investigating officer's report, in the usual shape (DOMAIN.md, Stage 2 documents) with what the
 * statutory guidance and councils' Stage 2 templates add (issue 13): executive summary, scope and period,
 * confidentiality and distribution, the child's views, per-point references and responses to each outcome
 * sought, who was not interviewed and why, missing records, learning, recommendations with owner and timescale.
 */
export function buildInvestigationReport(ctx: BuildContext): DocumentModel {
  const r = ctx.record;
  const rep = r.report;
  const io = r.roles.investigatingOfficer?.name ?? 'the investigating officer';
  const ip = r.roles.independentPerson?.name ?? 'the independent person';
  const live = r.points.filter((p) => p.status === 'active');
  const clock = stage2Clock(ctx);
  const ext = stage2Extension(r);
  const complainants = listInWords(r.complainants.map((c) => `${c.name} (${c.relationshipToChild})`));
  const findingOf = (pid: string) => r.findings[pid]?.finding ?? null;
  const b: Block[] = [];

  b.push({ type: 'title', text: 'Investigation report' });
  b.push(para(`Stage 2 investigation of a complaint about children’s social care, ${r.council.name}`));
  b.push(factsTable([
    ['Case reference', r.reference],
    ['Complainant', complainants],
    ['Child or young person', r.child.name],
    ['Investigating officer', io],
    ['Independent person', ip],
    ['Period investigated', periodWords(r)],
    ['Date of this report', longDate(ctx.today)],
  ]));

  b.push(heading(1, 'Confidentiality and distribution'));
  b.push(para(`This report is confidential. It contains personal information about a child and their family and about council staff, and is shared only with the people listed below for the purposes of the complaints procedure. It must not be copied or passed to anyone else. ${ctx.variant === 'complainant' ? 'In this version people other than the complainant are referred to by role or pseudonym, and third parties’ details are left out.' : 'This full version names everyone involved and must not be given to the complainant.'}`));
  b.push({ type: 'list', ordered: false, items: distribution(ctx).map((d) => plain(d)) });

  // 1. Executive summary: the figures, then the investigating officer's own words.
  const counts = (['upheld', 'partially upheld', 'not upheld', 'unable to reach a finding'] as const).map((o) => ({ o, n: live.filter((p) => findingOf(p.id) === o).length }));
  const noFinding = live.filter((p) => !findingOf(p.id)).length;
  b.push(heading(1, '1. Executive summary'));
  const tally = counts.filter((c) => c.n).map((c) => `${c.n} ${c.o === 'unable to reach a finding' ? `where no finding could be reached` : c.o}`);
  b.push(para(`The complaint has ${plural(live.length, 'point')}. ${tally.length ? `On the balance of probabilities the findings are: ${listInWords(tally)}.` : 'No findings have been made yet.'}${noFinding && tally.length ? ` ${plural(noFinding, 'point')} ${noFinding === 1 ? 'has' : 'have'} no finding yet.` : ''} The report makes ${plural(r.recommendations.length, 'recommendation')}.`));
  if (rep.executiveSummary) b.push(para(rep.executiveSummary));

  b.push(heading(1, '2. Introduction'));
  b.push(para(`${r.roles.complaintsManager ? `${r.roles.complaintsManager.name}, complaints manager for ` : ''}${r.council.name} commissioned this investigation under the ${PROCEDURES[r.council.procedure].label.toLowerCase()} procedure. ${io} was appointed as investigating officer and ${ip} as independent person.`));
  b.push(para(`Stage 2 was requested on ${longDate(r.keyDates.stage2Requested)} and the statement of complaint was agreed on ${longDate(r.keyDates.statementAgreed)}.${clock?.baseDue ? ` The response was due within 25 working days of ${r.council.stage2StartsFrom === 'stage2Requested' ? 'the request' : 'the agreed statement'}, by ${longDate(clock.baseDue)}.` : ''}`));
  if (ext) {
    const why = ext.reason === 'other' ? ext.reasonText ?? '' : EXTENSION_REASON_LABELS[ext.reason].toLowerCase();
    b.push(para(`The time for the response was extended to ${longDate(ext.newDueDate)} (${why.replace(/[.]+$/u, '')}); the complainant was told by ${ext.complainantToldHow} on ${longDate(ext.complainantToldOn)}.`));
  }

  b.push(heading(1, '3. Scope and period investigated'));
  b.push(para(`The investigation looked at the ${plural(live.length, 'point')} of the agreed statement of complaint, over ${periodWords(r) === 'not recorded' ? 'a period not recorded yet' : `the period ${periodWords(r)}`}.`));
  if (rep.scope) b.push(para(rep.scope));
  const outside = r.points.filter((p) => !p.inProcedure);
  if (outside.length) {
    b.push(heading(2, 'Matters outside the statutory procedure'));
    outside.forEach((p) => b.push(para(`Point ${p.number} (${p.summary.replace(/[.]+$/u, '')}) is outside the statutory procedure: ${sentence(p.outOfProcedureReason || 'reason not recorded')}`)));
  }

  b.push(heading(1, '4. The complaint'));
  b.push(para(`${complainants} made the complaint${r.teamComplainedAbout ? ` about the ${r.teamComplainedAbout}` : ''}. The agreed statement of complaint has ${plural(live.length, 'point')}:`));
  if (live.length) {
    b.push({
      type: 'list',
      ordered: false,
      items: live.map((p) => [{ text: `Point ${p.number}: `, bold: true }, { text: sentence(p.summary) }, ...(p.desiredOutcomes.length ? [{ text: ` Outcome sought: ${sentence(p.desiredOutcomes.map((o) => o.replace(/[.]+$/u, '')).join('; '))}`, italic: true }] : [])]),
    });
  }
  const gone = r.points.filter((p) => p.status !== 'active');
  gone.forEach((p) => b.push(para(`Point ${p.number} was ${p.status === 'merged' ? `merged into point ${r.points.find((x) => x.id === p.mergedInto)?.number ?? '?'}` : 'withdrawn'}${p.statusReason ? `: ${sentence(p.statusReason)}` : '.'}`)));

  b.push(heading(1, '5. How the investigation was carried out'));
  const held = r.interviews.filter(isHeld);
  b.push(para(`The investigating officer read ${plural(r.evidence.length, 'document')} (listed in appendix B) and held ${plural(held.length, 'interview')} (appendix C).`));
  const notHeld = r.interviews.filter((v) => !isHeld(v));
  if (notHeld.length) {
    b.push(heading(2, 'People not interviewed'));
    b.push(para('These people were relevant to the complaint and were not interviewed:'));
    b.push({ type: 'list', ordered: false, items: notHeld.map((v) => plain(notInterviewedLine(ctx, v))) });
  }
  const missing = r.plan.records.filter((x) => !x.receivedOn);
  if (missing.length || rep.missingRecordsImpact) {
    b.push(heading(2, 'Records not obtained'));
    if (missing.length) b.push({ type: 'list', ordered: false, items: missing.map((x) => plain(`${x.description.replace(/[.]+$/u, '')}${x.source ? ` (${x.source})` : ''}${x.requestedOn ? `, requested on ${longDate(x.requestedOn)}` : ''}`)) });
    b.push(para(rep.missingRecordsImpact ? rep.missingRecordsImpact : 'What the missing records mean for the findings is not recorded yet.'));
  }
  b.push(para('Findings are made on the balance of probabilities: whether it is more likely than not that something happened.'));

  b.push(heading(1, '6. The child’s views'));
  b.push(para(rep.childSeen === true ? `${r.child.name} was seen as part of the investigation.` : rep.childSeen === false ? `${r.child.name} was not seen as part of the investigation${rep.childNotSeenReason ? `: ${sentence(rep.childNotSeenReason)}` : '; the reason is not recorded yet.'}` : `Whether ${r.child.name} was seen is not recorded yet.`));
  b.push(para(rep.childViews ? rep.childViews : 'The child’s views are not recorded yet.'));

  const key = [...r.chronology].filter((c) => c.key).sort((a, b2) => partialDateKey(a.date).localeCompare(partialDateKey(b2.date)));
  b.push(heading(1, '7. Background and key events'));
  if (!isRichEmpty(r.summary)) b.push(...richToBlocks(r.summary, 3));
  if (key.length) b.push({ type: 'table', header: ['Date', 'Key event'], widths: [0.22, 0.78], rows: key.map((c) => [plain(formatPartialDate(c.date)), richToRuns(c.event)]) });
  if (!r.summary && !key.length) b.push(para('No background or key events are recorded yet.'));

  b.push(heading(1, '8. Findings on each point'));
  if (!live.length) b.push(para('There are no points of complaint yet.'));
  for (const p of live) {
    const f = r.findings[p.id];
    b.push(heading(2, `Point ${p.number}`));
    b.push(para(p.summary, 'quote'));
    const section = (title: string, doc: Parameters<typeof richToBlocks>[0] | undefined) => {
      if (!doc || isRichEmpty(doc)) return;
      b.push(heading(3, title));
      b.push(...richToBlocks(doc, 3));
    };
    section('What the complainant says', f?.complainantSays);
    section('What the records show', f?.recordsShow);
    const extracts = r.evidence.flatMap((e) => e.extracts.filter((x) => x.pointIds.includes(p.id)).map((x) => ({ e, x })));
    if (extracts.length) {
      if (!f || isRichEmpty(f.recordsShow)) b.push(heading(3, 'What the records show'));
      extracts.forEach(({ e, x }) => b.push({ type: 'paragraph', style: 'quote', runs: [{ text: '“' }, ...richToRuns(x.quote), { text: `” (${e.ref}${x.page ? `, page ${x.page}` : ''})` }] }));
    }
    section('What staff say', f?.staffSay);
    if (f?.references.length) {
      b.push(heading(3, 'Legislation, guidance and policy'));
      b.push(para('Practice on this point was measured against:'));
      b.push({ type: 'list', ordered: false, items: f.references.map((x) => plain(x)) });
    }
    section('Analysis', f?.analysis);
    b.push({ type: 'paragraph', runs: [{ text: 'Finding: ', bold: true }, { text: f?.finding ? cap(f.finding) : 'No finding recorded yet' }] });
    if (p.desiredOutcomes.length) {
      b.push(heading(3, 'The outcomes sought'));
      b.push({
        type: 'list',
        ordered: false,
        items: p.desiredOutcomes.map((o, i) => [{ text: sentence(o), italic: true }, { text: ` ${f?.outcomeResponses[i] ? sentence(f.outcomeResponses[i]!) : 'No response recorded yet.'}` }]),
      });
    }
    const recs = r.recommendations.filter((x) => x.pointIds.includes(p.id));
    if (recs.length) {
      b.push(heading(3, 'Recommendations'));
      recs.forEach((x) => b.push({ type: 'paragraph', runs: [{ text: `Recommendation ${recommendationNumber(r, x)}: `, bold: true }, ...richToRuns(x.text), ...ownerRuns(x)] }));
    }
  }

  b.push(heading(1, '9. Conclusions'));
  b.push({
    type: 'table',
    header: ['Point', 'Finding', 'Recommendations'],
    widths: [0.4, 0.2, 0.4],
    rows: live.map((p) => [
      plain(`${p.number}. ${p.summary}`),
      plain(findingOf(p.id) ? cap(findingOf(p.id)!) : '—'),
      recommendationRuns(r, r.recommendations.filter((x) => x.pointIds.includes(p.id))),
    ]),
  });
  b.push(heading(2, 'Learning for the service'));
  b.push(para(rep.learning || 'No learning is recorded yet.'));
  b.push(heading(2, 'Recommendations'));
  if (r.recommendations.length) {
    b.push({
      type: 'table',
      header: ['No.', 'Recommendation', 'Points', 'Suggested owner', 'Timescale'],
      widths: [0.07, 0.45, 0.12, 0.2, 0.16],
      rows: r.recommendations.map((x) => [
        plain(String(recommendationNumber(r, x))),
        richToRuns(x.text),
        plain(r.points.filter((p) => x.pointIds.includes(p.id)).map((p) => p.number).join(', ') || '—'),
        plain(x.owner || 'Not suggested yet'),
        plain(x.timescale || 'Not suggested yet'),
      ]),
    });
  } else b.push(para('The investigation makes no recommendations.'));
  b.push(para('I make these findings on the balance of probabilities, on the evidence set out in this report.'));
  b.push({ type: 'signature', name: io, role: 'Investigating Officer', date: longDate(ctx.today) });

  b.push({ type: 'pageBreak' });
  b.push(heading(1, 'Appendix A: Chronology'));
  const chron = [...r.chronology].sort((a, b2) => partialDateKey(a.date).localeCompare(partialDateKey(b2.date)));
  b.push(
    chron.length
      ? {
          type: 'table',
          header: ['Date', 'Event', 'Source'],
          widths: [0.18, 0.6, 0.22],
          rows: chron.map((c) => [
            plain(formatPartialDate(c.date)),
            richToRuns(c.event),
            plain(c.source.kind === 'evidence' ? r.evidence.find((e) => e.id === c.source.id)?.ref ?? '' : c.source.kind === 'interview' ? `Interview with ${personName(r, r.interviews.find((v) => v.id === c.source.id)?.personId ?? null)}` : c.source.note),
          ]),
        }
      : para('No chronology entries.'),
  );
  b.push(heading(1, 'Appendix B: Documents considered'));
  b.push(r.evidence.length ? { type: 'table', header: ['Ref', 'Document', 'Source', 'Date'], widths: [0.1, 0.45, 0.27, 0.18], rows: r.evidence.map((e) => [plain(e.ref), plain(e.title), plain(e.source), plain(e.date ? formatPartialDate(e.date) : '')]) } : para('No documents.'));
  b.push(heading(1, 'Appendix C: People interviewed'));
  b.push(
    held.length
      ? {
          type: 'table',
          header: ['Person', 'Role', 'Date', 'How'],
          widths: [0.3, 0.3, 0.22, 0.18],
          rows: held.map((v) => {
            const p = r.people.find((x) => x.id === v.personId);
            return [plain(p?.name ?? 'not recorded'), plain(roleShown(ctx, p)), plain(longDate(v.date)), plain(v.mode)];
          }),
        }
      : para('No interviews have been held.'),
  );

  return finish(ctx, 'investigation-report', `Investigation report: ${r.reference}`, `Stage 2 investigation report for case ${r.reference} (${r.council.name})`, io, b);
}

function periodWords(r: CaseRecord): string {
  const { periodFrom: a, periodTo: z } = r.report;
  if (a && z) return `${longDate(a)} to ${longDate(z)}`;
  if (a) return `from ${longDate(a)}`;
  if (z) return `up to ${longDate(z)}`;
  return 'not recorded';
}

/** Who the report goes to: the list the investigating officer typed, or the usual recipients. */
function distribution(ctx: BuildContext): string[] {
  const r = ctx.record;
  if (r.report.distribution.length) return r.report.distribution;
  const role = (x: { name: string } | null, what: string) => (x ? `${x.name}, ${what}` : null);
  return [
    role(r.roles.complaintsManager, 'complaints manager'),
    role(r.roles.adjudicatingOfficer, 'adjudicating officer'),
    role(r.roles.independentPerson, 'independent person'),
    ...r.complainants.map((c) => `${c.name}, complainant (the version for the complainant)`),
    // In the complainant's version a supporter is described by what they are, not named (their pseudonym is
    // often just "the advocate").
    ...[r.advocate, r.representative]
      .filter((x) => x?.writtenConsentHeld)
      .map((x) => {
        const what = x === r.advocate ? 'advocate' : 'representative';
        return ctx.variant === 'complainant' ? `The complainant’s ${what} (the version for the complainant)` : `${x!.name}, ${what} (the version for the complainant)`;
      }),
  ].filter((x): x is string => !!x);
}

/** "Jordan Blake (Social worker): declined to be interviewed; on long-term leave." */
function notInterviewedLine(ctx: BuildContext, v: Interview): string {
  const p = ctx.record.people.find((x) => x.id === v.personId);
  const role = roleShown(ctx, p);
  const who = p ? (role ? `${p.name} (${role})` : p.name) : 'A person not yet chosen';
  const reason = sentence(v.notHeldReason);
  if (v.declined) return `${who}: declined to be interviewed.${reason ? ` ${reason}` : ''}`;
  if (reason) return `${who}: ${reason}`;
  return `${who}: an interview was planned${v.date ? ` for ${longDate(v.date)}` : ''} and has not been held.`;
}

const ownerRuns = (x: Recommendation): Run[] =>
  x.owner || x.timescale ? [{ text: ` (Suggested owner: ${x.owner || 'not suggested yet'}; timescale: ${x.timescale || 'not suggested yet'}.)`, italic: true }] : [];

/** The recommendations on a point as one cell: each with its one number, on its own line; else "None". */
function recommendationRuns(r: CaseRecord, recs: Recommendation[]): Run[] {
  if (!recs.length) return [{ text: 'None' }];
  return recs.flatMap((x, i) => [...(i ? [{ text: '\n' }] : []), { text: `${recommendationNumber(r, x)}. ` }, ...richToRuns(x.text)]);
}
