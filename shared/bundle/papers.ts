import { formatLongDate } from '../calendar/date';
import { addWorkingDays, countWorkingDays, type CalendarOptions } from '../calendar/workingDays';
import type { CaseRecord } from '../domain/case';
import { panelPapersOf } from '../domain/panelPapers';

/**
 * The two clocks of the panel's papers (issue 16; DOMAIN.md, Stage 3): the panel's report within 5 working days
 * of the hearing, the council's response within 15 working days of receiving the report. Counted as every clock
 * is (shared/calendar: the N-th working day after the start, bank holidays and the council's closure days
 * excluded), and said in a sentence, so lateness never rests on a colour.
 */
export const REPORT_WITHIN_WORKING_DAYS = 5;
export const RESPONSE_WITHIN_WORKING_DAYS = 15;

export interface PaperClock {
  id: 'panel-report' | 'council-response';
  label: string;
  start: string | null;
  due: string | null;
  end: string | null;
  /** Past its due date (sent late, or not sent and overdue). */
  late: boolean;
  sentence: string;
}

const day = (d: string) => formatLongDate(d);
const wd = (n: number) => (n === 1 ? '1 working day' : `${n} working days`);

function clock(
  id: PaperClock['id'],
  label: string,
  what: string,
  within: number,
  startWords: string,
  start: string | null,
  end: string | null,
  today: string,
  cal: CalendarOptions,
  planned: string | null,
  noStart: string,
): PaperClock {
  if (!start) {
    let sentence = noStart;
    if (planned !== null) {
      const due = addWorkingDays(planned, within, cal);
      sentence +=
        planned <= today
          ? ` The hearing was planned for ${day(planned)}: if it was held that day, ${what} ${due < today ? `was due by ${day(due)} and is late` : `is due by ${day(due)}`}.`
          : ` If it is held on ${day(planned)}, as planned, ${what} will be due by ${day(due)}.`;
    }
    return { id, label, start: null, due: null, end, late: false, sentence };
  }
  const due = addWorkingDays(start, within, cal);
  if (end) {
    const taken = countWorkingDays(start, end, cal);
    const late = end > due;
    const sentence = late
      ? `${cap(what)} was sent on ${day(end)}, ${wd(taken)} after ${startWords}: late by ${wd(countWorkingDays(due, end, cal))} (it was due by ${day(due)}).`
      : `${cap(what)} was sent on ${day(end)}, ${wd(taken)} after ${startWords}, within the ${within} allowed (due by ${day(due)}).`;
    return { id, label, start, due, end, late, sentence };
  }
  if (today > due) {
    return { id, label, start, due, end: null, late: true, sentence: `${cap(what)} is late: it was due by ${day(due)}, ${within} working days after ${startWords}, and is now ${wd(countWorkingDays(due, today, cal))} overdue.` };
  }
  const left = countWorkingDays(today, due, cal);
  return { id, label, start, due, end: null, late: false, sentence: `${cap(what)} is due by ${day(due)}, ${within} working days after ${startWords}: ${left === 0 ? 'that is today' : `${wd(left)} left`}.` };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Both clocks, from the case's key dates: the hearing as held (`panelHeld`), the report as sent
 * (`panelReportSent`), the response as sent (`councilResponseSent`). `plannedHearing` (the hearing pack's date)
 * only says when the report would fall due while the hearing has not been held yet.
 */
export function paperClocks(r: CaseRecord, today: string, plannedHearing: string | null = null): PaperClock[] {
  const cal: CalendarOptions = { closures: r.council.closures };
  const k = r.keyDates;
  return [
    clock('panel-report', 'The panel’s report', 'the panel’s report', REPORT_WITHIN_WORKING_DAYS, `the hearing on ${k.panelHeld ? day(k.panelHeld) : ''}`, k.panelHeld, k.panelReportSent, today, cal, plannedHearing, 'The panel’s report is due 5 working days after the hearing; the date the hearing was held is not recorded yet.'),
    clock('council-response', 'The council’s response', 'the council’s response', RESPONSE_WITHIN_WORKING_DAYS, `the panel’s report was sent on ${k.panelReportSent ? day(k.panelReportSent) : ''}`, k.panelReportSent, k.councilResponseSent, today, cal, null, 'The council’s response is due 15 working days after the panel’s report is sent; the date the report was sent is not recorded yet.'),
  ];
}

/**
 * A council decision on a panel recommendation can be recorded only once the panel has made its finding on
 * every point the recommendation answers (as at Stage 2 a decision needs a finding). Returns the refusal, or
 * null. Only a decision newly set or changed is refused, so taking a finding back is never blocked.
 */
export function responseRefusal(before: CaseRecord, after: CaseRecord): string | null {
  const pa = panelPapersOf(after);
  const pb = panelPapersOf(before);
  for (const [i, rec] of pa.recommendations.entries()) {
    const d = pa.response.perRecommendation[rec.id]?.decision ?? null;
    if (d === null || d === (pb.response.perRecommendation[rec.id]?.decision ?? null)) continue;
    const missing = after.points.filter((p) => rec.pointIds.includes(p.id) && p.status === 'active' && !pa.perPoint[p.id]?.finding);
    if (missing.length) {
      return `The panel has made no finding yet on point${missing.length === 1 ? '' : 's'} ${missing.map((p) => p.number).join(', ')}, which panel recommendation ${i + 1} answers, so the council cannot respond to it yet; record the panel’s finding first. Nothing was saved.`;
    }
  }
  return null;
}
