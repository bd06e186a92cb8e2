import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_FILE_VERSION, caseFileJsonSchema, caseFileSchema } from '../../../shared/format/caseFile';
import { findPlainNames } from '../../../shared/documents/plainNames';
import { richFromPlain, richToPlain } from '../../../shared/domain/richText';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { caseRecordSchema } from '../../../shared/domain/case';
import { hasPlainRichFields, upgradeStoredRecord } from '../../../shared/domain/upgrade';
import { describeZodError } from '../../../shared/domain/validation';

describe('the case file format', () => {
  it('has a committed JSON Schema identical to the one the zod schemas generate (run npm run schema)', () => {
    const committed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../docs/case-format.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(caseFileJsonSchema())));
  });

  it('accepts the demo case and refuses unknown top-level fields', () => {
    const demo = caseRecordSchema.parse(buildDemoCase('2026-11-27'));
    expect(caseFileSchema.safeParse({ format: 'casewright.case', version: 1, case: demo }).success).toBe(true);
    const extra = caseFileSchema.safeParse({ format: 'casewright.case', version: 1, case: demo, surprise: 1 });
    expect(extra.success).toBe(false);
    if (!extra.success) expect(describeZodError(extra.error)).toBe('has a field Casewright does not know (surprise).');
  });

  it('names the field and the problem', () => {
    const demo = buildDemoCase('2026-11-27');
    const cases: [unknown, string][] = [
      [{ ...demo, complainants: [] }, 'At least one complainant is required.'],
      [{ ...demo, reference: '  ' }, 'The case reference is required.'],
      [{ ...demo, points: [...(demo.points ?? []), { number: 1, summary: 'again' }] }, 'Point 6, number: point number 1 is used twice.'],
      [{ ...demo, child: { name: 'X', dateOfBirth: '2012-13-01' } }, 'The child, date of birth: must be a real date written as YYYY-MM-DD (for example 2024-03-07).'],
      [{ ...demo, council: undefined }, 'Council profile: is missing.'],
    ];
    for (const [input, message] of cases) {
      const r = caseRecordSchema.safeParse(input);
      expect(r.success).toBe(false);
      if (!r.success) expect(describeZodError(r.error, 'case')).toBe(message);
    }
  });

  it('carries mentions from version 4, still reads version 2 and 3 files with names in plain words, and names a broken mention', () => {
    const demo = caseRecordSchema.parse(buildDemoCase('2026-11-27'));
    expect(CASE_FILE_VERSION).toBe(6);
    const file = caseFileSchema.parse({ format: 'casewright.case', version: 5, case: demo });
    expect(JSON.stringify(file.case.findings['point-1']!.staffSay)).toContain('"type":"mention"');
    const plain = { ...demo, findings: { 'point-1': { ...demo.findings['point-1']!, staffSay: richFromPlain('Sam Okafor accepts that no meeting was held.') } } };
    for (const version of [2, 3]) {
      const old = caseFileSchema.parse({ format: 'casewright.case', version, case: plain });
      expect(findPlainNames(old.case).map((n) => n.text)).toEqual(['Sam Okafor']);
    }
    const broken = caseRecordSchema.safeParse({ ...demo, findings: { 'point-1': { ...demo.findings['point-1']!, staffSay: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { label: 'Sam' } }] }] } } } });
    expect(broken.success).toBe(false);
    if (!broken.success) expect(describeZodError(broken.error, 'case')).toMatch(/has a mention that names no person from the register/);
  });

  it('reads a version 4 file whose summary, extracts, IP review and adjudication are plain strings as rich text (version 5)', () => {
    const demo = buildDemoCase('2026-11-27');
    const v4case = {
      ...demo,
      summary: 'First line.\nSecond line.',
      evidence: demo.evidence!.map((e, i) => (i === 0 ? { ...e, extracts: [{ id: 'x1', quote: 'A quotation.', page: 1, pointIds: [] }] } : e)),
      ipReview: { perPoint: { 'point-1': { agrees: true, comment: 'Agreed.' } }, fairness: 'Fair.', thoroughness: '', transparency: '', childFocus: '', observations: '' },
      adjudication: { decidedOn: null, perPoint: { 'point-1': { decision: 'accepted', reasons: 'Because.' } }, perRecommendation: {}, actions: [{ id: 'a1', text: 'Do it.', owner: 'The team', dueOn: null, recommendationId: null }], apology: 'Sorry.' },
    };
    const file = caseFileSchema.parse({ format: 'casewright.case', version: 4, case: v4case });
    expect(file.case.summary.content?.map((p) => p.type)).toEqual(['paragraph', 'paragraph']);
    expect(richToPlain(file.case.evidence[0]!.extracts[0]!.quote)).toBe('A quotation.');
    expect(richToPlain(file.case.ipReview.perPoint['point-1']!.comment)).toBe('Agreed.');
    expect(file.case.ipReview.thoroughness).toEqual({ type: 'doc', content: [] });
    expect(richToPlain(file.case.adjudication.actions[0]!.owner)).toBe('The team');
    expect(richToPlain(file.case.adjudication.apology)).toBe('Sorry.');
    // An action and a quotation still must say something; over-long reasons are refused in words.
    const empty = caseRecordSchema.safeParse({ ...v4case, adjudication: { ...v4case.adjudication, actions: [{ id: 'a1', text: '  ', owner: '', dueOn: null, recommendationId: null }] } });
    expect(empty.success).toBe(false);
    if (!empty.success) expect(describeZodError(empty.error, 'case')).toMatch(/The action is required/);
    const long = caseRecordSchema.safeParse({ ...v4case, adjudication: { ...v4case.adjudication, apology: 'x'.repeat(40_001) } });
    expect(long.success).toBe(false);
    if (!long.success) expect(describeZodError(long.error, 'case')).toMatch(/must be at most 40,000 characters/);
    // A file from a newer version is still refused.
    expect(caseFileSchema.safeParse({ format: 'casewright.case', version: 7, case: v4case }).success).toBe(false);
  });

  it('upgrades a stored record only when it still holds plain strings where rich text now goes', () => {
    const current = caseRecordSchema.parse(buildDemoCase('2026-11-27'));
    expect(hasPlainRichFields(current)).toBe(false);
    expect(upgradeStoredRecord(current)).toBe(current);
    for (const old of [
      { ...current, summary: 'Plain.' },
      { ...current, chronology: [{ ...current.chronology[0]!, event: 'Plain.' }] },
      { ...current, adjudication: { ...current.adjudication, actions: [{ id: 'a', text: 'Do it.', owner: 'Team', dueOn: null, recommendationId: null }] } },
      { ...current, ipReview: { ...current.ipReview, perPoint: { 'point-1': { agrees: true, comment: 'Yes.' } } } },
    ]) {
      expect(hasPlainRichFields(old)).toBe(true);
      const up = upgradeStoredRecord(old);
      expect(hasPlainRichFields(up)).toBe(false);
    }
  });
});
