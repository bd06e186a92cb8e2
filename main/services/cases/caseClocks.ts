import { computeCaseClocks, type ClockView } from '../../../shared/clock/caseClocks';
import type { ProcedureId } from '../../../shared/clock/profiles';
import type { CaseRecord } from '../../../shared/domain/case';

/** The statutory clocks of one case, from its council profile, key dates and extension records. */
export function clocksForCase(record: CaseRecord, today: string): ClockView[] {
  return computeCaseClocks({
    procedure: record.council.procedure as ProcedureId,
    acknowledgementDays: record.council.acknowledgementDays,
    stage2StartsFrom: record.council.stage2StartsFrom,
    closures: record.council.closures,
    keyDates: record.keyDates,
    extensions: record.extensions,
    lateReasons: record.lateReasons,
    today,
  });
}
