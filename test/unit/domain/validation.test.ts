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

  it('tells a field of the wrong kind from a missing one (a number where text goes is not "missing")', async () => {
    const { z } = await import('zod');
    const schema = z.object({ id: z.string(), count: z.number(), names: z.array(z.string()), final: z.boolean() }).strict();
    const say = (v: unknown) => describeZodError(schema.safeParse(v).error!);
    const good = { id: 'a', count: 1, names: [], final: false };
    expect(say({ ...good, id: 5 })).toBe('Id: should be text.');
    expect(say({ ...good, id: null })).toBe('Id: should be text.');
    expect(say({ ...good, id: undefined })).toBe('Id: is missing.');
    expect(say({ ...good, count: '3' })).toBe('Count: should be a number.');
    expect(say({ ...good, names: 'Ewa' })).toBe('Names: should be a list.');
    expect(say({ ...good, final: 'yes' })).toBe('Final: should be yes or no.');
  });
});
