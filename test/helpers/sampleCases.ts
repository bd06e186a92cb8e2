import { caseRecordSchema, type CaseRecord } from '../../shared/domain/case';
import { buildDemoCase } from '../../shared/domain/demoCase';

/**
 * The cases issue 13 asks every document to be read and looked at in: the demo case completed (every finding
 * made and decided), a case of 60 points, a case with a 5,000-character chronology event, and a case with
 * nothing decided yet.
 */
export const TODAY = '2026-11-27';

const para = (n: number) =>
  Array.from({ length: n }, (_x, i) => `Sentence ${i + 1} of the record: the social worker’s note says the carers asked for a review, and Łucja Wójcik-Ó Briain’s reply followed.`).join(' ');

/** The demo case with everything a complete response needs, the new issue 13 fields included. */
export function completeDemo(): CaseRecord {
  const r = caseRecordSchema.parse(buildDemoCase(TODAY));
  const outcomes = ['upheld', 'partially upheld', 'not upheld', 'upheld', 'unable to reach a finding'] as const;
  const findings = Object.fromEntries(
    r.points.map((p, i) => [
      p.id,
      {
        ...(r.findings[p.id] ?? {}),
        finding: outcomes[i % outcomes.length],
        references: i === 0 ? ['Children Act 1989, section 22 (duties to looked after children)', 'The Care Planning, Placement and Case Review (England) Regulations 2010', 'Harrowfield placement moves procedure (2025)'] : [],
        outcomeResponses: p.desiredOutcomes.map((o, k) => (k === 0 ? `This report explains it at paragraph ${i + 1}..` : '')),
      },
    ]),
  );
  return caseRecordSchema.parse({
    ...r,
    complainants: r.complainants.map((c) => ({ ...c, salutation: 'Ms Ó Súilleabháin-Nowak', addressLines: ['14 Larch Close', 'Harrowfield HF3 9QP'] })),
    roles: { ...r.roles, complaintsManager: { ...r.roles.complaintsManager!, phone: '01632 960 001', email: 'marcus.lee@harrowfield.example.gov.uk' } },
    findings,
    recommendations: r.recommendations.map((x, i) => ({ ...x, owner: i === 0 ? 'Head of Service, Children in Care' : '', timescale: i === 0 ? 'Within 3 months' : '' })),
    interviews: [...r.interviews, { id: 'interview-lena', personId: 'person-lena', status: 'planned', declined: true, notHeldReason: 'She did not reply to three invitations.' }],
    report: {
      executiveSummary: 'The move was not planned as the regulations require, and the family were not told why family time changed.',
      scope: 'The investigation did not look at the court proceedings, which are outside the procedure.',
      periodFrom: '2026-01-01',
      periodTo: '2026-06-30',
      distribution: [],
      childViews: 'Kieran said he wanted more notice of moves and to see his mother every week.',
      childSeen: true,
      childNotSeenReason: '',
      missingRecordsImpact: 'Without the personal education plan the finding on point 4 rests on the school’s account.',
      learning: 'Placement moves need a planning meeting even when they are urgent.',
    },
    ipReview: {
      ...r.ipReview,
      fairness: 'Fair.',
      thoroughness: 'Thorough.',
      transparency: 'Open.',
      childFocus: 'Kieran’s views were sought.',
      perPoint: Object.fromEntries(r.points.map((p, i) => [p.id, { agrees: i !== 2, comment: i === 2 ? 'The records show the calls were returned.' : '' }])),
      participation: [{ id: 'pp1', date: '2026-11-10', what: 'Meeting to agree the statement of complaint' }, { id: 'pp2', date: '2026-11-16', what: 'Interview with the complainant' }],
      timescalesMet: false,
      keptInformed: true,
    },
    adjudication: {
      decidedOn: '2026-12-01',
      perPoint: Object.fromEntries(r.points.map((p, i) => [p.id, { decision: i === 1 ? 'not accepted' : 'accepted', reasons: i === 1 ? 'The records show the change was explained at the review.' : '' }])),
      perRecommendation: Object.fromEntries(r.recommendations.map((x) => [x.id, { decision: 'accepted', reasons: '' }])),
      actions: r.recommendations.map((x, i) => ({ id: `a${i}`, text: `Action for recommendation ${i + 1}`, owner: 'Sam Okafor', dueOn: '2027-02-26', recommendationId: x.id })),
      apology: '',
      remedy: 'The council will pay £250 in recognition of the time and trouble the complaint took.',
      monitoring: '',
      sentBy: 'post',
    },
  });
}

/** A case of 60 points, each with a finding, and 60 recommendations. */
export function sixtyPoints(): CaseRecord {
  const base = completeDemo();
  const points = Array.from({ length: 60 }, (_x, i) => ({ id: `point-${i + 1}`, number: i + 1, summary: `Point ${i + 1}: ${para(1)}`, desiredOutcomes: ['An apology'] }));
  return caseRecordSchema.parse({
    ...base,
    points,
    findings: Object.fromEntries(points.map((p, i) => [p.id, { finding: (['upheld', 'not upheld', 'partially upheld'] as const)[i % 3], outcomeResponses: ['See the finding.'] }])),
    recommendations: points.map((p, i) => ({ id: `rec-${i}`, text: `Recommendation about point ${i + 1}`, pointIds: [p.id], owner: 'Team manager', timescale: '3 months' })),
    ipReview: { ...base.ipReview, perPoint: Object.fromEntries(points.map((p) => [p.id, { agrees: true, comment: '' }])) },
    adjudication: {
      ...base.adjudication,
      perPoint: Object.fromEntries(points.map((p) => [p.id, { decision: 'accepted', reasons: '' }])),
      perRecommendation: Object.fromEntries(points.map((_p, i) => [`rec-${i}`, { decision: 'accepted', reasons: '' }])),
      actions: [],
    },
    plan: { ...base.plan, linesOfEnquiry: {} },
    chronology: base.chronology.map((c) => ({ ...c, pointIds: [] })),
    evidence: base.evidence.map((e) => ({ ...e, pointIds: [], extracts: e.extracts.map((x) => ({ ...x, pointIds: [] })) })),
    interviews: base.interviews.map((v) => ({ ...v, pointIds: [] })),
  });
}

/** The complete demo with one chronology event of 5,000 characters (a key event, so it is in the report twice). */
export function longChronology(): CaseRecord {
  const base = completeDemo();
  const long = para(40).slice(0, 5000);
  return caseRecordSchema.parse({ ...base, chronology: [...base.chronology, { id: 'chron-long', date: '2026-02-14', event: long, source: { kind: 'other', id: null, note: 'Case file' }, pointIds: [], key: true }] });
}

/** The demo case before anything is decided: no findings, no IP view, no adjudication. */
export function nothingDecided(): CaseRecord {
  const r = caseRecordSchema.parse(buildDemoCase(TODAY));
  return caseRecordSchema.parse({ ...r, findings: {}, ipReview: undefined, adjudication: undefined });
}

const mention = (id: string, label: string) => ({ type: 'mention', attrs: { id, label } });
const doc = (...content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content }] });
const t = (text: string) => ({ type: 'text', text });

/**
 * Stage 3 (issue 16): a case the review panel has heard, with its report and the council's response: the panel's
 * finding and reasons on every point (reasons mention people from the register and name them in plain text, as
 * panels write), recommendations with and without who and when, conclusions, and a response to each
 * recommendation (one not accepted, with reasons), actions and who signs. `points` widens it to that many points.
 */
export function stage3Case(base: CaseRecord = completeDemo(), opts: { points?: number } = {}): CaseRecord {
  let r = base;
  if (opts.points) {
    const points = Array.from({ length: opts.points }, (_x, i) => ({ id: `point-${i + 1}`, number: i + 1, summary: `Point ${i + 1}: ${para(1)}`, desiredOutcomes: ['An apology'] }));
    r = caseRecordSchema.parse({
      ...sixtyPoints(),
      points,
      findings: Object.fromEntries(points.map((p, i) => [p.id, { finding: (['upheld', 'not upheld', 'partially upheld'] as const)[i % 3] }])),
      recommendations: [],
      ipReview: undefined,
      adjudication: { ...base.adjudication, perPoint: Object.fromEntries(points.map((p) => [p.id, { decision: 'accepted', reasons: '' }])), perRecommendation: {}, actions: [] },
    });
  }
  const outcomes = ['upheld', 'partially upheld', 'not upheld', 'unable to reach a finding'] as const;
  const live = r.points.filter((p) => p.status === 'active');
  const recs = live
    .filter((_p, i) => i % 2 === 0)
    .map((p, i) => ({
      id: `prec-${i + 1}`,
      text: i === 0 ? doc(t('The council should apologise to '), mention('person-kieran', 'Kieran'), t(' in writing and review how '), mention('person-jordan', 'Jordan'), t(' plans placement moves.')) : `The council should review its practice on point ${p.number}.`,
      pointIds: [p.id],
      owner: i === 0 ? 'Director of Children’s Services' : '',
      timescale: i === 0 ? 'Within 2 months' : '',
    }));
  return caseRecordSchema.parse({
    ...r,
    keyDates: { ...r.keyDates, stage2ResponseSent: '2026-12-01', stage3Requested: '2026-12-10', panelHeld: '2027-01-14', panelReportSent: '2027-01-20', councilResponseSent: null },
    panelPapers: {
      perPoint: Object.fromEntries(
        live.map((p, i) => [
          p.id,
          {
            finding: outcomes[i % outcomes.length],
            reasons: doc(t(`On point ${p.number} the panel heard from `), mention('person-sam', 'Sam'), t(' and read the notes of Jordan Blake and Mrs Hale; '), mention('person-zoe', 'Zoë'), t(' told the panel how it felt for the family.')),
          },
        ]),
      ),
      recommendations: recs,
      conclusions: doc(t('The panel thanks '), mention('person-zoe', 'Zoë'), t(' and '), mention('person-priya', 'Priya'), t(' for attending. The Stage 2 investigation was thorough; the panel differs from it on one point.')),
      response: {
        respondedOn: '2027-02-05',
        perRecommendation: Object.fromEntries(recs.map((x, i) => [x.id, i === 1 ? { decision: 'not accepted', reasons: 'The practice was reviewed in December 2026, and a further review now would not add to it.' } : { decision: 'accepted', reasons: '' }])),
        actions: recs.slice(0, 2).map((x, i) => ({ id: `pa-${i}`, text: `Action on panel recommendation ${i + 1}`, owner: doc(mention('person-sam', 'Sam')), dueOn: '2027-03-31', recommendationId: x.id })),
        remarks: '',
        signatory: { name: 'Dr Aoife Ní Bhriain', role: 'Director of Children’s Services' },
      },
    },
  });
}
