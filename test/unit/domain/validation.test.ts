import { describe, expect, it } from 'vitest';
import { caseRecordSchema } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { describeZodError, fieldInWords } from '../../../shared/domain/validation';

describe('messages about a bad value say where it is in words, never a schema path', () => {
  it.each([
    [['case', 'ipReview', 'observations'], 'Independent person, observations'],
    [['case', 'complainants', 0, 'relationshipToChild'], 'Complainant 1, relationship to child'],
    [['people', 2, 'role'], 'Person 3, role'],
    [['case', 'plan', 'records', 0, 'description'], 'Plan, record 1, description'],
    [['adjudication', 'perPoint', 'point-3f2a9c', 'reasons'], 'Adjudication, per point, reasons'],
    [['keyDates', 'statementAgreed'], 'Key dates, statement agreed'],
    [['today'], 'Today'],
  ])('%j → %s', (path, words) => {
    expect(fieldInWords(path)).toBe(words);
  });

  it('a too-long observation names the field and the limit, with no path or brackets', () => {
    const demo = buildDemoCase('2026-11-25');
    const r = caseRecordSchema.safeParse({ ...demo, ipReview: { ...demo.ipReview, observations: 'x'.repeat(300_000) } });
    expect(r.success).toBe(false);
    const m = describeZodError(r.error!, 'case');
    expect(m).toMatch(/^Independent person, observations: must be at most [\d,]+ characters\.$/);
    expect(m).not.toMatch(/[[\].]\w|ipReview|case\./);
  });
});
