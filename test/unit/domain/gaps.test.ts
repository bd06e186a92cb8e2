import { describe, expect, it } from 'vitest';
import { caseRecordSchema } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';

/** The demo case's parties and dates without its investigation, to build small cases from. */
function bare() {
  const { people: _p, plan: _pl, interviews: _i, evidence: _e, chronology: _c, findings: _f, recommendations: _r, ...rest } = buildDemoCase('2026-11-27');
  return rest;
}
import { pointGaps } from '../../../shared/domain/gaps';
import { richFromPlain } from '../../../shared/domain/richText';

describe('what is missing per point', () => {
  it('finds the demo investigation mostly covered', () => {
    const demo = caseRecordSchema.parse(buildDemoCase('2026-11-27'));
    expect(pointGaps(demo).find((g) => g.number === 1)!.gaps).toEqual([]);
    expect(pointGaps(demo).find((g) => g.number === 5)!.gaps).toEqual(['no interview planned', 'no finding']);
  });

  it('names each gap until the point is covered', () => {
    const base = caseRecordSchema.parse({ ...bare(), points: [{ number: 1, summary: 'A' }, { number: 2, summary: 'B', status: 'withdrawn' }] });
    expect(pointGaps(base)).toEqual([{ pointId: 'point-1', number: 1, gaps: ['no interview planned', 'no evidence linked', 'no finding'] }]);
    const covered = caseRecordSchema.parse({
      ...base,
      interviews: [{ id: 'i1', pointIds: ['point-1'] }],
      evidence: [{ id: 'e1', ref: 'E1', title: 'Case notes', pointIds: [] , extracts: [{ id: 'x1', quote: 'q', pointIds: ['point-1'] }] }],
      findings: { 'point-1': { finding: 'upheld' } },
    });
    expect(pointGaps(covered)[0]!.gaps).toEqual(['finding without analysis']);
    const done = caseRecordSchema.parse({ ...covered, findings: { 'point-1': { finding: 'upheld', analysis: richFromPlain('Because.') } } });
    expect(pointGaps(done)[0]!.gaps).toEqual([]);
  });

  it('refuses links to things that are not in the case, naming the field', () => {
    const r = caseRecordSchema.safeParse({ ...bare(), interviews: [{ id: 'i1', personId: 'ghost', pointIds: ['point-99'] }] });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
        'interviews.0.personId: refers to person ghost, who is not in the case',
        'interviews.0.pointIds.0: refers to point point-99, which is not in the case',
      ]);
    }
  });
});
