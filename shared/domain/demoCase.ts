import { addCalendarDays } from '../calendar/date';
import { isWorkingDay } from '../calendar/workingDays';
import type { CaseRecordInput } from './case';

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
    },
    teamComplainedAbout: 'Children in Care Team (North)',
    summary:
      'Ms Ó Súilleabháin-Nowak complains, on behalf of her son, about how his placement move was planned, the frequency of family time, and how her concerns were answered.',
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
  };
}
