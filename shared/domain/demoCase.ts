import { addCalendarDays } from '../calendar/date';
import { isWorkingDay } from '../calendar/workingDays';
import type { CaseRecordInput } from './case';
import type { RichNode } from './richText';

/**
 * A fictional investigation for training and trying the app out. Every name, place and event is invented.
 * Dates are placed relative to `today` so the demo always shows a live Stage 2 clock.
 */
function workingDaysBefore(today: string, n: number): string {
  let d = today;
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, -1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

export const DEMO_REFERENCE = 'DEMO-ST2-0001';

/** A mention of someone in the register (issue 10): the documents print them from the register by id. */
const at = (id: string, label: string): RichNode => ({ type: 'mention', attrs: { id, label } });
const words = (text: string): RichNode => ({ type: 'text', text });

export function buildDemoCase(today: string): CaseRecordInput {
  const statementAgreed = workingDaysBefore(today, 12);
  const stage2Requested = workingDaysBefore(today, 24);
  const stage1Responded = workingDaysBefore(today, 35);
  const stage1Received = workingDaysBefore(today, 48);
  const stage1Acknowledged = workingDaysBefore(today, 46);
  return {
    reference: DEMO_REFERENCE,
    council: {
      name: 'Harrowfield Borough Council (demo)',
      procedure: 'children-statutory',
      acknowledgementDays: 3,
      stage2StartsFrom: 'statementAgreed',
      closures: [],
      addressLines: ['Complaints and Customer Relations', 'Civic Centre, Market Street', 'Harrowfield HF1 2AB'],
      contactLines: ['complaints@harrowfield.example.gov.uk', '01632 960 000'],
    },
    teamComplainedAbout: 'Children in Care Team (North)',
    summary: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            at('person-zoe', 'Zoë Ó Súilleabháin-Nowak'),
            words(' complains, on behalf of her son '),
            at('person-kieran', 'Kieran Nowak'),
            words(', about how his placement move was planned, the frequency of family time, and how her concerns were answered.'),
          ],
        },
      ],
    },
    child: { name: 'Kieran Nowak', dateOfBirth: '2012-04-17', legalStatus: 'Looked after (section 20 accommodation)' },
    complainants: [
      {
        name: 'Zoë Ó Súilleabháin-Nowak',
        relationshipToChild: 'parent',
        email: 'zoe.demo@example.org',
        phone: '01632 960 418',
        organisation: '',
      },
    ],
    advocate: { name: 'Priya Raman', organisation: 'Brightside Advocacy (demo)', writtenConsentHeld: true, email: '', phone: '' },
    representative: null,
    roles: {
      investigatingOfficer: { name: 'Alex Morgan', organisation: 'Independent investigator', email: '', phone: '' },
      independentPerson: { name: 'Dr Femi Adebayo', organisation: 'Independent person', email: '', phone: '' },
      adjudicatingOfficer: { name: 'Helen Carter', organisation: 'Assistant Director, Children’s Social Care', email: '', phone: '' },
      complaintsManager: { name: 'Marcus Lee', organisation: 'Complaints and Customer Relations', email: '', phone: '' },
    },
    keyDates: {
      matterKnown: workingDaysBefore(today, 90),
      stage1Received,
      stage1Acknowledged,
      stage1Responded,
      stage2Requested,
      statementAgreed,
      stage2ResponseSent: null,
      stage3Requested: null,
      panelHeld: null,
      panelReportSent: null,
      councilResponseSent: null,
    },
    points: [
      {
        number: 1,
        summary: 'Kieran was moved to a new foster placement with two days’ notice and without a placement planning meeting.',
        desiredOutcomes: ['An explanation of why the move happened so quickly', 'An apology to Kieran'],
        category: 'Assessment, care management or review',
      },
      {
        number: 2,
        summary: 'Family time was reduced from weekly to fortnightly without the reasons being explained or recorded.',
        desiredOutcomes: ['Weekly family time to be restored or the decision reviewed'],
        category: 'Unwelcome or disputed decision',
      },
      {
        number: 3,
        summary: 'The social worker did not return calls or e-mails for over three weeks in March.',
        desiredOutcomes: ['A named contact and an agreed way of keeping in touch'],
        category: 'Attitude or behaviour of staff',
      },
      {
        number: 4,
        summary: 'Kieran’s personal education plan was not updated after the move, and his school transport was not arranged for nine days.',
        desiredOutcomes: ['Confirmation that the plan is up to date', 'Learning for the service'],
        category: 'Delay in decision making or provision of a service',
      },
      {
        number: 5,
        summary: 'The Stage 1 response did not address the concerns about family time.',
        desiredOutcomes: ['A full response to every concern raised'],
        category: 'Concern about quality of service',
      },
    ],
    extensions: [],
    lateReasons: {},
    statement: {
      agreedHow: `Agreed at a meeting with Ms Ó Súilleabháin-Nowak, her advocate, the investigating officer and the independent person, confirmed by e-mail the same day.`,
      notes: '',
    },
    people: [
      { id: 'person-zoe', name: 'Zoë Ó Súilleabháin-Nowak', kind: 'complainant', role: 'Mother', pseudonym: 'Ms N', thirdParty: false },
      { id: 'person-kieran', name: 'Kieran Nowak', kind: 'child', role: 'Child', pseudonym: 'Child A', thirdParty: false },
      { id: 'person-priya', name: 'Priya Raman', kind: 'advocate', role: 'Advocate', organisation: 'Brightside Advocacy (demo)', pseudonym: 'the advocate', actsForId: 'person-zoe', consentHeld: true, thirdParty: false },
      { id: 'person-jordan', name: 'Jordan Blake', kind: 'staff', role: 'Social worker', organisation: 'Harrowfield Borough Council (demo)', pseudonym: 'Social Worker 1', thirdParty: true },
      { id: 'person-sam', name: 'Sam Okafor', kind: 'staff', role: 'Team manager', organisation: 'Harrowfield Borough Council (demo)', pseudonym: 'the Team Manager', thirdParty: true },
      { id: 'person-lena', name: 'Lena Fischer', kind: 'professional', role: 'Designated teacher', organisation: 'Northgate Academy (demo)', pseudonym: 'the Designated Teacher', thirdParty: true },
      { id: 'person-carers', name: 'Mr and Mrs Hale', kind: 'family', role: 'Foster carers', pseudonym: 'the foster carers', thirdParty: true },
    ],
    plan: {
      linesOfEnquiry: {
        'point-1': 'Why the move happened at two days’ notice; whether a placement planning meeting was held; what Kieran was told.',
        'point-2': 'Who decided to reduce family time, when, on what assessment, and whether it was recorded and explained.',
        'point-3': 'Contact records for March; the duty arrangements while Jordan Blake was on leave.',
        'point-4': 'PEP review dates; school transport request and approval dates.',
        'point-5': 'Whether the Stage 1 response addressed every concern raised.',
      },
      records: [
        { id: 'rec-1', description: 'Case recording system notes, January to May', source: 'Children in Care Team', requestedOn: workingDaysBefore(today, 10), receivedOn: workingDaysBefore(today, 7), pointIds: ['point-1', 'point-2', 'point-3'] },
        { id: 'rec-2', description: 'Personal education plan and transport request', source: 'Virtual School', requestedOn: workingDaysBefore(today, 10), receivedOn: null, pointIds: ['point-4'] },
      ],
      tasks: [{ id: 'task-1', text: 'Send interview notes to Sam Okafor for agreement', dueOn: today, done: false }],
      agreedOn: workingDaysBefore(today, 10),
      agreedWith: 'Dr Femi Adebayo (independent person) and Marcus Lee (complaints manager)',
    },
    interviews: [
      {
        id: 'interview-zoe',
        personId: 'person-zoe',
        date: workingDaysBefore(today, 9),
        time: '10:00',
        mode: 'in person',
        attendees: [
          { role: 'investigating officer', name: 'Alex Morgan' },
          { role: 'independent person', name: 'Dr Femi Adebayo' },
          { role: 'supporter', name: 'Priya Raman' },
        ],
        status: 'agreed',
        questions: 'What were you told about the move, and when?\nWhat difference has fortnightly family time made?',
        notes: {
          type: 'doc',
          content: [
            { type: 'paragraph', content: [at('person-zoe', 'Zoë Ó Súilleabháin-Nowak'), words(' said she learned of the move from '), at('person-kieran', 'Kieran Nowak'), words(', not from '), at('person-jordan', 'Jordan Blake'), words('.')] },
            { type: 'bulletList', content: [
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'She was phoned two days before the move.' }] }] },
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Family time was changed without a meeting.', marks: [{ type: 'bold' }] }] }] },
            ] },
          ],
        },
        pointIds: ['point-1', 'point-2', 'point-3'],
      },
      {
        id: 'interview-sam',
        personId: 'person-sam',
        date: workingDaysBefore(today, 4),
        time: '14:30',
        mode: 'video',
        attendees: [{ role: 'investigating officer', name: 'Alex Morgan' }, { role: 'independent person', name: 'Dr Femi Adebayo' }],
        status: 'sent for agreement',
        questions: 'Why was no placement planning meeting held?\nWho decided to reduce family time?',
        notes: { type: 'doc', content: [{ type: 'paragraph', content: [at('person-sam', 'Sam Okafor'), words(' said the previous placement ended at short notice and the meeting was planned for the week after the move.')] }] },
        pointIds: ['point-1', 'point-2', 'point-4'],
      },
    ],
    evidence: [
      { id: 'evidence-1', ref: 'E1', title: 'Case notes, January to May', source: 'Case recording system', date: '2026-05', description: 'Printed case notes.', pointIds: ['point-1', 'point-2', 'point-3'], extracts: [{ id: 'extract-1', quote: 'Placement ending – carers unable to continue. Move to be arranged this week.', page: 14, pointIds: ['point-1'] }] },
      { id: 'evidence-2', ref: 'E2', title: 'Stage 1 response', source: 'Complaints team', date: stage1Responded, description: 'The council’s Stage 1 response letter.', pointIds: ['point-5'], extracts: [] },
      { id: 'evidence-3', ref: 'E3', title: 'Personal education plan', source: 'Virtual School', date: '2026-04', description: 'PEP dated before the move; not reviewed after it.', pointIds: ['point-4'], extracts: [] },
    ],
    chronology: [
      { id: 'chron-1', date: '2026-03', event: { type: 'doc', content: [{ type: 'paragraph', content: [at('person-jordan', 'Jordan Blake'), words(' on leave for three weeks; no duty cover recorded for '), at('person-kieran', 'Kieran Nowak'), words('.')] }] }, source: { kind: 'evidence', id: 'evidence-1', note: '' }, pointIds: ['point-3'], key: true },
      { id: 'chron-2', date: '2026-04-20', event: 'Foster carers give notice; move arranged for 22 April.', source: { kind: 'evidence', id: 'evidence-1', note: '' }, pointIds: ['point-1'], key: true },
      { id: 'chron-3', date: '2026-04-22', event: { type: 'doc', content: [{ type: 'paragraph', content: [at('person-kieran', 'Kieran Nowak'), words(' moves to a new placement.')] }] }, source: { kind: 'interview', id: 'interview-zoe', note: '' }, pointIds: ['point-1', 'point-4'], key: true },
      { id: 'chron-4', date: '2026-05', event: 'Family time reduced to fortnightly.', source: { kind: 'interview', id: 'interview-sam', note: '' }, pointIds: ['point-2'], key: false },
    ],
    findings: {
      'point-1': {
        complainantSays: { type: 'doc', content: [{ type: 'paragraph', content: [at('person-zoe', 'Zoë Ó Súilleabháin-Nowak'), words(' says she was told of the move two days before it happened.')] }] },
        recordsShow: { type: 'doc', content: [{ type: 'paragraph', content: [words('The case notes (E1) record notice from '), at('person-carers', 'Mr and Mrs Hale'), words(' on 20 April and the move on 22 April; no placement planning meeting is recorded.')] }] },
        staffSay: { type: 'doc', content: [{ type: 'paragraph', content: [at('person-sam', 'Sam Okafor'), words(' accepts that no meeting was held before the move.')] }] },
        analysis: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'On the balance of probabilities the move was made without the planning the regulations require.' }] }] },
        finding: 'upheld',
      },
    },
    recommendations: [{ id: 'rec-a', text: 'Hold a placement planning meeting before, or within five working days of, any unplanned move, and record it.', pointIds: ['point-1'] }],
    ipReview: {
      perPoint: { 'point-1': { agrees: true, comment: { type: 'doc', content: [{ type: 'paragraph', content: [words('The records and what '), at('person-sam', 'Sam Okafor'), words(' said support the finding.')] }] } } },
      fairness: 'Both sides were heard and each point was tested against the records.',
      thoroughness: { type: 'doc', content: [{ type: 'paragraph', content: [words('Every member of staff named in the complaint was asked to take part; '), at('person-jordan', 'Jordan Blake'), words(' was interviewed by video while on a placement elsewhere.')] }] },
      transparency: '',
      childFocus: { type: 'doc', content: [{ type: 'paragraph', content: [at('person-kieran', 'Kieran Nowak'), words('’s views were sought through his advocate before the interviews.')] }] },
      observations: '',
    },
    adjudication: {
      decidedOn: null,
      perPoint: {},
      perRecommendation: {},
      actions: [
        {
          id: 'action-1',
          text: 'Brief the Children in Care Team on placement planning meetings for unplanned moves.',
          owner: { type: 'doc', content: [{ type: 'paragraph', content: [at('person-sam', 'Sam Okafor')] }] },
          dueOn: null,
          recommendationId: 'rec-a',
        },
      ],
      apology: '',
    },
  };
}
