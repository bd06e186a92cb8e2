import { computeCaseClocks, validateExtensionForCase, type CaseClockInput, type ClockView } from '../../../shared/clock/caseClocks';
import type { Extension, ExtensionValidation } from '../../../shared/clock/extensions';
import type { CaseRecord } from '../../../shared/domain/case';
import { clockInputOf } from '../../../shared/domain/caseSummary';

/** What the clock rules need from a case: its council profile, key dates and extension records. */
export function clockInputForCase(record: CaseRecord, today: string): CaseClockInput {
  return { ...clockInputOf(record), today };
}

export function clocksForCase(record: CaseRecord, today: string): ClockView[] {
  return computeCaseClocks(clockInputForCase(record, today));
}

export function checkExtension(record: CaseRecord, ext: Extension, today: string): ExtensionValidation {
  return validateExtensionForCase(clockInputForCase(record, today), ext);
}
