import { createEvents, type EventAttributes } from 'ics';
import type { ClockView } from '../../shared/clock/caseClocks';
import { UserError } from './errors';

/**
 * Deadlines as an iCalendar file for Outlook and other calendars: one all-day event per open clock.
 * The summary carries the case reference and the clock only, never a child's or complainant's name,
 * because calendars are synced to servers outside the encrypted store.
 */
export function deadlinesToIcs(cases: { reference: string; clocks: ClockView[] }[]): string {
  const events: EventAttributes[] = [];
  for (const c of cases) {
    for (const clock of c.clocks) {
      if (!clock.due || clock.state === 'met' || clock.state === 'met-late' || clock.state === 'not-started') continue;
      const [y, m, d] = clock.due.split('-').map(Number) as [number, number, number];
      events.push({
        uid: `${c.reference}-${clock.id}@casewright`,
        title: `${c.reference}: ${clock.label} due`,
        description: `${clock.label} for case ${c.reference} is due on ${clock.due}${clock.statutory ? ' (statutory limit)' : ''}.${clock.provisional ? ' Bank holidays for this year are provisional.' : ''}`,
        start: [y, m, d],
        duration: { days: 1 },
        startInputType: 'local',
        startOutputType: 'local',
        categories: ['Casewright'],
        productId: 'casewright',
      });
    }
  }
  if (events.length === 0) {
    throw new UserError('NOT_FOUND', 'There are no open deadlines to export; deadlines appear once a clock has started.');
  }
  const { error, value } = createEvents(events);
  if (error || !value) throw new UserError('INTERNAL', `The calendar file could not be made: ${error?.message ?? 'unknown error'}.`);
  return value;
}
