import { describe, expect, it } from 'vitest';
import { findPlainNames, makeMentions, mentionCount, plainNameFinder } from '../../../shared/documents/plainNames';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { richMentions, richToPlain, type RichNode } from '../../../shared/domain/richText';

const TODAY = '2026-11-27';

/** The demo case as a case made before mentions: the analysis names people in plain words. */
function oldCase(text: RichNode[]): CaseRecord {
  const r = caseRecordSchema.parse(buildDemoCase(TODAY));
  return caseRecordSchema.parse({ ...r, findings: { ...r.findings, 'point-1': { ...r.findings['point-1']!, analysis: { type: 'doc', content: [{ type: 'paragraph', content: text }] } } } });
}

describe('plain names to mentions', () => {
  it('lists each name typed as plain words, in context, with who it could be', () => {
    const r = oldCase([{ type: 'text', text: 'On 3 May Jordan Blake told Mr Okafor, who did not reply.' }]);
    const found = findPlainNames(r).filter((n) => n.where === 'Point 1: analysis');
    expect(found.map((n) => [n.text, n.personIds])).toEqual([['Jordan Blake', ['person-jordan']], ['Mr Okafor', ['person-sam']]]);
    expect(found[0]).toMatchObject({ before: 'On 3 May ', after: ' told Mr Okafor, who did not reply.' });
    // Mentions are not plain names.
    expect(findPlainNames(caseRecordSchema.parse(buildDemoCase(TODAY))).map((n) => n.text)).toEqual([]);
  });

  it('converts one place, keeping the words and formatting around it; nothing else changes', () => {
    const r = oldCase([{ type: 'text', text: 'Jordan Blake told Mr Okafor.', marks: [{ type: 'italic' }] }]);
    const [jordan] = findPlainNames(r).filter((n) => n.where === 'Point 1: analysis');
    const next = makeMentions(r, [{ name: jordan!, personId: 'person-jordan' }]);
    const para = next.findings['point-1']!.analysis.content![0]!.content!;
    expect(para).toEqual([
      { type: 'mention', attrs: { id: 'person-jordan', label: 'Jordan Blake' }, marks: [{ type: 'italic' }] },
      { type: 'text', text: ' told Mr Okafor.', marks: [{ type: 'italic' }] },
    ]);
    expect(findPlainNames(next).map((n) => n.text)).toEqual(['Mr Okafor']);
    expect(next.findings['point-1']!.staffSay).toEqual(r.findings['point-1']!.staffSay);
  });

  it('converts them all at once, across text nodes and fields, and the record stays valid', () => {
    const r = oldCase([{ type: 'text', text: 'Jordan Blake and Lena Fischer met; ' }, { type: 'text', text: 'Sam Okafor', marks: [{ type: 'bold' }] }, { type: 'text', text: ' decided.' }]);
    const withNotes = { ...r, interviews: r.interviews.map((v, i) => (i === 1 ? { ...v, notes: { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Kieran said hello.' }] }] } } : v)) };
    const all = findPlainNames(withNotes);
    const next = caseRecordSchema.parse(makeMentions(withNotes, all.map((name) => ({ name, personId: name.personIds[0]! }))));
    expect(findPlainNames(next)).toEqual([]);
    expect(richMentions(next.findings['point-1']!.analysis)).toEqual(['person-jordan', 'person-lena', 'person-sam']);
    expect(richToPlain(next.findings['point-1']!.analysis)).toBe('Jordan Blake and Lena Fischer met; Sam Okafor decided.');
    expect(richMentions(next.interviews[1]!.notes)).toEqual(['person-kieran']);
  });

  it('leaves a place alone when its words changed since it was listed, or the person picked is not one it could be', () => {
    const r = oldCase([{ type: 'text', text: 'Jordan Blake rang.' }]);
    const [jordan] = findPlainNames(r).filter((n) => n.where === 'Point 1: analysis');
    const changed = oldCase([{ type: 'text', text: 'Somebody rang Jordan.' }]);
    expect(makeMentions(changed, [{ name: jordan!, personId: 'person-jordan' }])).toEqual(changed);
    expect(makeMentions(r, [{ name: jordan!, personId: 'person-sam' }])).toEqual(r);
  });

  it('counts the mentions of a person, to say so before they are removed', () => {
    const r = caseRecordSchema.parse(buildDemoCase(TODAY));
    // Interview notes, staffSay, the IP's comment on point 1 and who does action 1.
    expect(mentionCount(r, 'person-sam')).toBe(4);
    // Chronology, the IP on thoroughness.
    expect(mentionCount(r, 'person-jordan')).toBe(2 + 1);
    // Complainant says, an interview, the case summary.
    expect(mentionCount(r, 'person-zoe')).toBe(3);
    expect(mentionCount(r, 'person-priya')).toBe(0);
  });

  it('reads a chronology event stored as a plain string (before issue 10) as rich text, and offers its names', () => {
    const r = caseRecordSchema.parse({ ...buildDemoCase(TODAY), chronology: [{ id: 'c1', date: '2026-05', event: 'Sam Okafor reduced family time.\nNobody was told.', pointIds: [], key: true }] });
    expect(r.chronology[0]!.event.content?.map((p) => p.type)).toEqual(['paragraph', 'paragraph']);
    const found = findPlainNames(r).filter((n) => n.field === 'chronology:c1');
    expect(found.map((n) => [n.where, n.text])).toEqual([['Chronology, May 2026', 'Sam Okafor']]);
    const next = makeMentions(r, [{ name: found[0]!, personId: 'person-sam' }]);
    expect(richMentions(next.chronology[0]!.event)).toEqual(['person-sam']);
    expect(caseRecordSchema.safeParse({ ...buildDemoCase(TODAY), chronology: [{ id: 'c1', date: '2026-05', event: '  ', pointIds: [] }] }).success).toBe(false);
  });

  it('gives the same answers through a remembering finder, after the text changes too', () => {
    const r = oldCase([{ type: 'text', text: 'Jordan Blake rang.' }]);
    const finder = plainNameFinder(r);
    expect(findPlainNames(r, finder)).toEqual(findPlainNames(r));
    const next = makeMentions(r, findPlainNames(r, finder).map((name) => ({ name, personId: name.personIds[0]! })));
    expect(findPlainNames(next, finder)).toEqual([]);
    const typed = oldCase([{ type: 'text', text: 'Lena Fischer rang.' }]);
    expect(findPlainNames(typed, finder).map((n) => n.text)).toEqual(['Lena Fischer']);
  });

  it('offers the names in a recommendation stored as a plain string', () => {
    const r = caseRecordSchema.parse({ ...buildDemoCase(TODAY), recommendations: [{ id: 'rec-a', text: 'Lena Fischer to review the PEP.', pointIds: ['point-1'] }] });
    const found = findPlainNames(r).filter((n) => n.field === 'recommendation:rec-a');
    expect(found.map((n) => [n.where, n.text])).toEqual([['Recommendation 1', 'Lena Fischer']]);
    expect(richMentions(makeMentions(r, [{ name: found[0]!, personId: 'person-lena' }]).recommendations[0]!.text)).toEqual(['person-lena']);
  });

  it('finds and converts plain names in the fields that became rich text in format 5 (summary, extracts, IP review, adjudication)', () => {
    const demo = buildDemoCase(TODAY);
    const r = caseRecordSchema.parse({
      ...demo,
      summary: 'Mrs O’Neill-Nowak complains; Jordan Blake was the social worker.',
      evidence: demo.evidence!.map((e, i) => (i === 0 ? { ...e, extracts: [{ id: 'x1', quote: 'JORDAN BLAKE to call mum.', page: 2, pointIds: [] }] } : e)),
      ipReview: { perPoint: { 'point-1': { agrees: false, comment: 'Lena Fischer was not asked.' } }, fairness: 'Fair to Sam Okafor.', thoroughness: '', transparency: '', childFocus: '', observations: 'Ms Fischer helped.' },
      adjudication: {
        decidedOn: null,
        perPoint: { 'point-1': { decision: 'accepted', reasons: 'As Mr Okafor accepted.' } },
        perRecommendation: { 'rec-a': { decision: 'accepted', reasons: 'Jordan agrees.' } },
        actions: [{ id: 'a1', text: 'Sam Okafor to brief the team.', owner: 'Sam Okafor', dueOn: null, recommendationId: null }],
        apology: 'I am sorry Jordan Blake did not call.',
      },
    });
    const found = findPlainNames(r);
    const where = [...new Set(found.map((n) => n.where))];
    expect(where).toEqual(
      expect.arrayContaining([
        'Case summary',
        'E1 extract 1',
        'Independent person: was the investigation fair',
        'Independent person: further observations',
        'Independent person: comment on point 1',
        'Adjudication: reasons on point 1',
        'Adjudication: reasons on recommendation 1',
        'Action 1',
        'Who does action 1',
        'Adjudication: apology',
      ]),
    );
    expect(found.find((n) => n.where === 'E1 extract 1')?.text).toBe('JORDAN BLAKE');
    const next = caseRecordSchema.parse(makeMentions(r, found.map((name) => ({ name, personId: name.personIds[0]! }))));
    expect(findPlainNames(next)).toEqual([]);
    expect(richMentions(next.adjudication.actions[0]!.owner)).toEqual(['person-sam']);
    expect(richToPlain(next.adjudication.apology)).toBe('I am sorry Jordan Blake did not call.');
    expect(richMentions(next.evidence[0]!.extracts[0]!.quote)).toEqual(['person-jordan']);
  });
});
