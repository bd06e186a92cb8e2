import { isRichEmpty } from '../../domain/richText';
import { formatPartialDate, partialDateKey } from '../../domain/partialDate';
import { EXTENSION_REASON_LABELS } from '../../clock/extensions';
import { PROCEDURES } from '../../clock/profiles';
import { richToBlocks, richToRuns } from '../fromRich';
import { type Block, type DocumentModel, heading, para, plain, type Run } from '../model';
import type { Recommendation } from '../../domain/investigation';
import { type BuildContext, finish, longDate, personName, roleShown, stage2Clock, stage2Extension } from '../context';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The investigating officer's report, in the usual shape (DOMAIN.md, Stage 2 documents). */
export function buildInvestigationReport(ctx: BuildContext): DocumentModel {
  const r = ctx.record;
  const io = r.roles.investigatingOfficer?.name ?? 'the investigating officer';
  const ip = r.roles.independentPerson?.name ?? 'the independent person';
  const live = r.points.filter((p) => p.status === 'active');
  const clock = stage2Clock(ctx);
  const ext = stage2Extension(r);
  const complainants = r.complainants.map((c) => `${c.name} (${c.relationshipToChild})`).join(' and ');
  const b: Block[] = [];

  b.push({ type: 'title', text: 'Investigation report' });
  b.push(para(`Stage 2 investigation of a complaint about children’s social care, ${r.council.name}`));
  b.push({
    type: 'table',
    header: ['', ''],
    widths: [0.3, 0.7],
    rows: [
      ['Case reference', r.reference],
      ['Complainant', complainants],
      ['Child or young person', r.child.name],
      ['Investigating officer', io],
      ['Independent person', ip],
      ['Date of this report', longDate(ctx.today)],
    ].map(([a, v]) => [plain(a!), plain(v!)]),
  });

  b.push(heading(1, '1. Introduction'));
  b.push(para(`${r.roles.complaintsManager ? `${r.roles.complaintsManager.name}, complaints manager for ` : ''}${r.council.name} commissioned this investigation under the ${PROCEDURES[r.council.procedure].label.toLowerCase()} procedure. ${io} was appointed as investigating officer and ${ip} as independent person.`));
  b.push(para(`Stage 2 was requested on ${longDate(r.keyDates.stage2Requested)} and the statement of complaint was agreed on ${longDate(r.keyDates.statementAgreed)}.${clock?.baseDue ? ` The response was due within 25 working days of ${r.council.stage2StartsFrom === 'stage2Requested' ? 'the request' : 'the agreed statement'}, by ${longDate(clock.baseDue)}.` : ''}`));
  if (ext) {
    b.push(para(`The time for the response was extended to ${longDate(ext.newDueDate)} (${ext.reason === 'other' ? ext.reasonText ?? '' : EXTENSION_REASON_LABELS[ext.reason].toLowerCase()}); the complainant was told by ${ext.complainantToldHow} on ${longDate(ext.complainantToldOn)}.`));
  }

  b.push(heading(1, '2. The complaint'));
  b.push(para(`${complainants} made the complaint${r.teamComplainedAbout ? ` about the ${r.teamComplainedAbout}` : ''}. The agreed statement of complaint has ${live.length} point${live.length === 1 ? '' : 's'}:`));
  b.push({
    type: 'list',
    ordered: false,
    items: live.map((p) => [{ text: `Point ${p.number}: `, bold: true }, { text: p.summary }, ...(p.desiredOutcomes.length ? [{ text: ` Outcome sought: ${p.desiredOutcomes.join('; ')}.`, italic: true }] : [])]),
  });
  const outside = r.points.filter((p) => !p.inProcedure);
  if (outside.length) {
    b.push(heading(2, 'Matters outside the statutory procedure'));
    outside.forEach((p) => b.push(para(`Point ${p.number} (${p.summary}) is outside the statutory procedure: ${p.outOfProcedureReason || 'reason not recorded'}.`)));
  }
  const gone = r.points.filter((p) => p.status !== 'active');
  gone.forEach((p) => b.push(para(`Point ${p.number} was ${p.status === 'merged' ? `merged into point ${r.points.find((x) => x.id === p.mergedInto)?.number ?? '?'}` : 'withdrawn'}${p.statusReason ? `: ${p.statusReason}` : ''}.`)));

  b.push(heading(1, '3. How the investigation was carried out'));
  b.push(para(`The investigating officer read ${r.evidence.length} document${r.evidence.length === 1 ? '' : 's'} (listed in appendix B) and held ${r.interviews.filter((v) => v.status !== 'planned').length} interview${r.interviews.length === 1 ? '' : 's'} (appendix C).`));
  const interviewed = new Set(r.interviews.map((v) => v.personId));
  const notInterviewed = r.people.filter((p) => !interviewed.has(p.id) && p.kind !== 'child');
  if (notInterviewed.length) b.push(para(`Not interviewed: ${notInterviewed.map((p) => (roleShown(ctx, p) ? `${p.name} (${roleShown(ctx, p)})` : p.name)).join('; ')}.`));
  const missing = r.plan.records.filter((x) => !x.receivedOn);
  if (missing.length) b.push(para(`Records requested but not received: ${missing.map((x) => x.description).join('; ')}.`));
  b.push(para('Findings are made on the balance of probabilities: whether it is more likely than not that something happened.'));

  const key = [...r.chronology].filter((c) => c.key).sort((a, b2) => partialDateKey(a.date).localeCompare(partialDateKey(b2.date)));
  b.push(heading(1, '4. Background and key events'));
  if (!isRichEmpty(r.summary)) b.push(...richToBlocks(r.summary, 3));
  if (key.length) b.push({ type: 'table', header: ['Date', 'Key event'], widths: [0.22, 0.78], rows: key.map((c) => [plain(formatPartialDate(c.date)), richToRuns(c.event)]) });

  b.push(heading(1, '5. Findings on each point'));
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
    section('Analysis', f?.analysis);
    b.push({ type: 'paragraph', runs: [{ text: 'Finding: ', bold: true }, { text: f?.finding ? cap(f.finding) : 'No finding recorded yet' }] });
    const recs = r.recommendations.filter((x) => x.pointIds.includes(p.id));
    if (recs.length) {
      b.push(heading(3, 'Recommendations'));
      b.push({ type: 'list', ordered: true, items: recs.map((x) => richToRuns(x.text)) });
    }
  }

  b.push(heading(1, '6. Conclusions'));
  b.push({
    type: 'table',
    header: ['Point', 'Finding', 'Recommendations'],
    widths: [0.4, 0.2, 0.4],
    rows: live.map((p) => [
      plain(`${p.number}. ${p.summary}`),
      plain(r.findings[p.id]?.finding ? cap(r.findings[p.id]!.finding!) : '—'),
      recommendationRuns(r.recommendations.filter((x) => x.pointIds.includes(p.id)), r.recommendations),
    ]),
  });
  b.push({ type: 'signature', name: io, role: 'Investigating Officer', date: longDate(ctx.today) });

  b.push({ type: 'pageBreak' });
  b.push(heading(1, 'Appendix A: Chronology'));
  const chron = [...r.chronology].sort((a, b2) => partialDateKey(a.date).localeCompare(partialDateKey(b2.date)));
  b.push(chron.length ? { type: 'table', header: ['Date', 'Event', 'Source'], widths: [0.18, 0.6, 0.22], rows: chron.map((c) => [plain(formatPartialDate(c.date)), richToRuns(c.event), plain(c.source.kind === 'evidence' ? r.evidence.find((e) => e.id === c.source.id)?.ref ?? '' : c.source.kind === 'interview' ? `Interview with ${personName(r, r.interviews.find((v) => v.id === c.source.id)?.personId ?? null)}` : c.source.note)]) } : para('No chronology entries.'));
  b.push(heading(1, 'Appendix B: Documents considered'));
  b.push(r.evidence.length ? { type: 'table', header: ['Ref', 'Document', 'Source', 'Date'], widths: [0.1, 0.45, 0.27, 0.18], rows: r.evidence.map((e) => [plain(e.ref), plain(e.title), plain(e.source), plain(e.date ? formatPartialDate(e.date) : '')]) } : para('No documents.'));
  b.push(heading(1, 'Appendix C: People interviewed'));
  b.push(r.interviews.length ? { type: 'table', header: ['Person', 'Role', 'Date', 'How'], widths: [0.3, 0.3, 0.22, 0.18], rows: r.interviews.map((v) => { const p = r.people.find((x) => x.id === v.personId); return [plain(p?.name ?? 'not recorded'), plain(roleShown(ctx, p)), plain(longDate(v.date)), plain(v.mode)]; }) } : para('No interviews.'));

  return finish(ctx, 'investigation-report', `Investigation report: ${r.reference}`, `Stage 2 investigation report for case ${r.reference} (${r.council.name})`, io, b);
}

/** The recommendations on a point as one cell: each numbered as in the report, on its own line; else "None". */
function recommendationRuns(recs: Recommendation[], all: Recommendation[]): Run[] {
  if (!recs.length) return [{ text: 'None' }];
  return recs.flatMap((x, i) => [...(i ? [{ text: '\n' }] : []), { text: `${all.indexOf(x) + 1}. ` }, ...richToRuns(x.text)]);
}
