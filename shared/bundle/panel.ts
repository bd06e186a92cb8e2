import { addWorkingDays, type CalendarOptions } from '../calendar/workingDays';
import { foldName } from '../documents/fold';
import type { PanelMember } from './model';

/**
 * The Stage 3 review panel (reg. 19–20 of the 2006 Regulations, the DOMAIN notes): three people independent
 * of the council, one of them chairing, never the Stage 2 independent person; it meets within 30 working days
 * of the complainant's request.
 */
export const PANEL_SIZE = 3;
export const HEARING_WITHIN_WORKING_DAYS = 30;

/** Sentences for what is wrong with the panel as it stands (empty when it is complete and sound). */
export function panelProblems(panel: PanelMember[], stage2Ip: string | null): string[] {
  const out: string[] = [];
  const chairs = panel.filter((m) => m.role === 'chair').length;
  if (panel.length < PANEL_SIZE) out.push(`The panel has ${panel.length} of its ${PANEL_SIZE} people; add ${PANEL_SIZE - panel.length} more.`);
  if (chairs === 0 && panel.length > 0) out.push('Nobody on the panel is the chair; choose one member to chair it.');
  const notConfirmed = panel.filter((m) => !m.independent).map((m) => m.name);
  if (notConfirmed.length) out.push(`Confirm that ${notConfirmed.join(' and ')} ${notConfirmed.length === 1 ? 'is' : 'are'} independent of the council before the hearing.`);
  if (stage2Ip) for (const m of panel) if (sameName(m.name, stage2Ip)) out.push(`${m.name} was the Stage 2 independent person and cannot sit on the panel.`);
  return out;
}

/** The refusal when a member is added, or null. */
export function memberRefusal(panel: PanelMember[], next: Pick<PanelMember, 'name' | 'role'>, stage2Ip: string | null): string | null {
  if (stage2Ip && sameName(next.name, stage2Ip)) return `${next.name} was the Stage 2 independent person on this case, and the Stage 2 independent person cannot sit on the review panel; choose someone else.`;
  if (panel.length >= PANEL_SIZE) return `The panel already has its ${PANEL_SIZE} people; remove one before adding ${next.name}.`;
  if (panel.some((m) => sameName(m.name, next.name))) return `${next.name} is already on the panel.`;
  if (next.role === 'chair' && panel.some((m) => m.role === 'chair')) return `The panel already has a chair (${panel.find((m) => m.role === 'chair')!.name}); add ${next.name} as a member, or remove the chair first.`;
  return null;
}

/** Names compared as people write them: accents, case, titles and spacing aside. */
export function sameName(a: string, b: string): boolean {
  const clean = (s: string) => foldName(s).replace(/\b(dr|mr|mrs|ms|miss|mx|prof|professor)\b\.?/g, ' ').replace(/\s+/g, ' ').trim();
  return clean(a) !== '' && clean(a) === clean(b);
}

export interface HearingCheck {
  latest: string;
  ok: boolean;
  sentence: string;
  /** Members not available on that date. */
  unavailable: string[];
}

/** The hearing date against the 30-working-day limit from the Stage 3 request, and the members' availability. */
export function checkHearingDate(requested: string, hearing: string, panel: PanelMember[], cal: CalendarOptions = {}): HearingCheck {
  const latest = addWorkingDays(requested, HEARING_WITHIN_WORKING_DAYS, cal);
  const ok = hearing > requested && hearing <= latest;
  const unavailable = panel.filter((m) => m.available.length > 0 && !m.available.includes(hearing)).map((m) => m.name);
  const sentence =
    hearing <= requested
      ? `The hearing (${hearing}) is not after the Stage 3 request (${requested}); check both dates.`
      : ok
        ? `The hearing on ${hearing} is within ${HEARING_WITHIN_WORKING_DAYS} working days of the request (by ${latest}).`
        : `The hearing on ${hearing} is after ${latest}, the last day within ${HEARING_WITHIN_WORKING_DAYS} working days of the request on ${requested}; record why, or choose an earlier date.`;
  return { latest, ok, sentence, unavailable };
}
