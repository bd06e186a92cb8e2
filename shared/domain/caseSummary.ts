import type { CaseClockInput } from '../clock/caseClocks';
import type { CaseRecord } from './case';

/** What the clock rules read from a case (everything but today): its council's procedure, key dates, extensions. */
export type StoredClockInput = Omit<CaseClockInput, 'today'>;

/**
 * The part of a case that lists and the deadlines dashboard show, kept in columns beside the record
 * (migration 008) and written in the same statement as the record on every save, so listing cases, looking a
 * reference up and counting every case's clocks read no record.
 */
export interface CaseSummaryColumns {
  childName: string;
  complainants: string[];
  archivedOn: string | null;
  clockInput: StoredClockInput;
}

export function clockInputOf(record: CaseRecord): StoredClockInput {
  return {
    procedure: record.council.procedure,
    acknowledgementDays: record.council.acknowledgementDays,
    stage2StartsFrom: record.council.stage2StartsFrom,
    ombudsmanFrom: record.council.ombudsmanFrom,
    closures: record.council.closures,
    keyDates: record.keyDates,
    extensions: record.extensions,
    lateReasons: record.lateReasons,
  };
}

export function summaryColumnsOf(record: CaseRecord): CaseSummaryColumns {
  return {
    childName: record.child.name,
    complainants: record.complainants.map((c) => c.name),
    archivedOn: record.archivedOn ?? null,
    clockInput: clockInputOf(record),
  };
}
