import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, countWorkingDays, isWorkingDay } from '../../../shared/calendar/workingDays';
import { CaseService } from '../../../main/services/cases/caseService';
import { CaseStore } from '../../../main/services/store/caseStore';
import { paperClocks, responseRefusal } from '../../../shared/bundle/papers';
import { buildDocument } from '../../../shared/documents/build';
import type { Stage3Facts } from '../../../shared/documents/context';
import { modelText, type DocumentModel, type Variant } from '../../../shared/documents/model';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { completeDemo, stage3Case, TODAY } from '../../helpers/sampleCases';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

/** The panel as the hearing pack keeps it: a chair with an apostrophe and two members with Irish and Turkish letters. */
export const PANEL: Stage3Facts = {
  panel: [
    { name: 'Ruth D’Arcy-Ellery', role: 'chair' },
    { name: 'Tomás Ó Floinn', role: 'member' },
    { name: 'Gülşen Aydın', role: 'member' },
  ],
  hearingDate: '2027-01-14',
};

const build = (kind: 'panel-report' | 'council-response', r: CaseRecord, variant: Variant = 'council', stage3: Stage3Facts | undefined = PANEL): DocumentModel =>
  buildDocument(kind, r, { today: TODAY, variant, draft: { version: 1 }, ...(stage3 ? { stage3 } : {}) });

const withPapers = (r: CaseRecord, change: (p: NonNullable<CaseRecord['panelPapers']>) => NonNullable<CaseRecord['panelPapers']>): CaseRecord =>
  caseRecordSchema.parse({ ...r, panelPapers: change(r.panelPapers!) });

describe('the panel’s papers: data', () => {
  it('are optional: a case without them (every store and case file made before) still parses, and the documents say what is missing', () => {
    const old = caseRecordSchema.parse(buildDemoCase(TODAY));
    expect(old.panelPapers).toBeUndefined();
    const m = build('panel-report', old);
    expect(m.incomplete).toEqual(['The panel has made no finding yet on points 1, 2, 3, 4, 5.', 'The date the panel met is not recorded.']);
  });

  it('refuse a link to a point or a panel recommendation that is not in the case', () => {
    const r = stage3Case();
    const bad = (change: (p: NonNullable<CaseRecord['panelPapers']>) => unknown) => caseRecordSchema.safeParse({ ...r, panelPapers: change(r.panelPapers!) });
    expect(bad((p) => ({ ...p, perPoint: { ...p.perPoint, 'point-99': { finding: 'upheld' } } })).success).toBe(false);
    expect(bad((p) => ({ ...p, recommendations: [...p.recommendations, { id: 'x', text: 'A', pointIds: ['point-99'] }] })).success).toBe(false);
    expect(bad((p) => ({ ...p, response: { ...p.response, perRecommendation: { nope: { decision: 'accepted' } } } })).success).toBe(false);
    expect(bad((p) => ({ ...p, response: { ...p.response, actions: [{ id: 'a', text: 'Do it', recommendationId: 'nope' }] } })).success).toBe(false);
    expect(bad((p) => ({ ...p, perPoint: { 'point-1': { finding: 'mostly upheld' } } })).success).toBe(false);
    const twice = bad((p) => ({ ...p, recommendations: [...p.recommendations, p.recommendations[0]] }));
    expect(twice.success || twice.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['panelPapers.recommendations.3.id', 'panel recommendation id prec-1 is used twice']]);
  });
});

describe('the panel’s report', () => {
  it('gives every point its Stage 2 finding, the panel’s finding and reasons, every recommendation with who and when, the conclusions, and the chair’s signature', () => {
    const r = stage3Case();
    const m = build('panel-report', r);
    expect(m.incomplete).toEqual([]);
    const text = modelText(m);
    for (const p of r.points) {
      expect(text).toContain(`Point ${p.number}`);
      expect(text).toContain(`On point ${p.number} the panel heard from Sam Okafor and read the notes of Jordan Blake and Mrs Hale; Zoë Ó Súilleabháin-Nowak told the panel`);
    }
    expect(text).toMatch(/The panel’s finding: Upheld\./);
    expect(text).toMatch(/The panel’s finding: Unable to reach a finding\./);
    expect(text).toContain('Stage 2: the investigating officer’s finding was partially upheld, and the council did not accept it.');
    expect(text).toContain('Stage 2: the investigating officer was unable to reach a finding, and the council accepted it.');
    // Recommendations: numbered in the panel's own list, under their point and in the table, with who and when.
    expect(text).toContain('Panel recommendation 1: The council should apologise to Kieran Nowak in writing and review how Jordan Blake plans placement moves.');
    expect(text).toContain('Director of Children’s Services Within 2 months');
    expect(text).toContain('The council should review its practice on point 5. 5 not said not said');
    expect(text).toContain('The panel thanks Zoë Ó Súilleabháin-Nowak and Priya Raman for attending.');
    expect(text).toContain('The panel met on 14 January 2027. The complainant asked for the review on 10 December 2026; the panel met within the 30 working days the regulations allow.');
    expect(text).toContain('by 21 January 2027');
    expect(text).toContain('within 15 working days of receiving it, by 10 February 2027');
    const sig = m.blocks.find((b) => b.type === 'signature');
    expect(sig).toEqual({ type: 'signature', name: 'Ruth D’Arcy-Ellery', role: 'Chair of the review panel', date: '20 January 2027' });
    expect(text).toContain('Tomás Ó Floinn and Gülşen Aydın');
  });

  it('is an incomplete, unsigned draft while a point has no panel finding, the hearing date is missing or nobody chairs', () => {
    const r = withPapers(stage3Case(), (p) => ({ ...p, perPoint: { ...p.perPoint, 'point-3': { ...p.perPoint['point-3']!, finding: null } } }));
    const noDate = caseRecordSchema.parse({ ...r, keyDates: { ...r.keyDates, panelHeld: null } });
    const m = build('panel-report', noDate, 'council', { panel: PANEL.panel.filter((x) => x.role === 'member'), hearingDate: null });
    expect(m.incomplete).toEqual(['The panel has made no finding yet on point 3.', 'The date the panel met is not recorded.', 'The panel has no chair recorded to sign the report (Hearing pack tab).']);
    const text = modelText(m);
    expect(text).toContain('Incomplete draft: ');
    expect(text).toContain('Not signed: The chair of the review panel (Chair of the review panel) signs once the document is complete.');
    expect(m.blocks.some((b) => b.type === 'signature')).toBe(false);
    expect(text).toContain('The panel’s finding: Not made yet.');
  });

  it('in the complainant’s version names nobody from the people register, the complainant included; mentions become pseudonyms', () => {
    const m = build('panel-report', stage3Case(), 'complainant');
    const text = modelText(m);
    for (const name of ['Zoë', 'Súilleabháin', 'Kieran', 'Jordan Blake', 'Sam Okafor', 'Priya', 'Hale']) expect(text).not.toContain(name);
    expect(text).toContain('Panel recommendation 1: The council should apologise to Child A in writing and review how Social Worker 1 plans placement moves.');
    expect(text).toContain('the panel heard from the Team Manager and read the notes of Social Worker 1 and the foster carers; Ms N told the panel');
    // The panel and the Stage 2 IP are officials who sign, not people in the register: named as the IO is at Stage 2.
    expect(text).toContain('Ruth D’Arcy-Ellery');
  });
});

describe('the council’s response', () => {
  it('answers every panel recommendation with its decision and reasons, lists the actions, and is signed by the officer named', () => {
    const r = stage3Case();
    const m = build('council-response', r);
    expect(m.incomplete).toEqual([]);
    expect(m.letterToComplainant).toBe(true);
    const text = modelText(m);
    const recs = r.panelPapers!.recommendations;
    recs.forEach((_x, i) => expect(text).toContain(`Panel recommendation ${i + 1}`));
    expect(text.match(/The council’s response: Accepted\./g)).toHaveLength(recs.length - 1);
    expect(text).toContain('The council’s response: Not accepted.\nThe practice was reviewed in December 2026, and a further review now would not add to it.');
    expect(text).toContain('Action on panel recommendation 1 1 Sam Okafor 31 March 2027');
    expect(text).toContain('which we received on 20 January 2027');
    expect(text).toContain('The review panel is the last stage');
    expect(text).toContain('Local Government and Social Care Ombudsman');
    expect(m.blocks.find((b) => b.type === 'signature')).toEqual({ type: 'signature', name: 'Dr Aoife Ní Bhriain', role: 'Director of Children’s Services' });
    expect(text).toContain('Copy to: Priya Raman (advocate); Ruth D’Arcy-Ellery (chair of the review panel); Dr Femi Adebayo (independent person at Stage 2)');
    expect(text).toContain('5 February 2027');
  });

  it('needs a finding before a response: none is printed where the panel has not found on the recommendation’s points, and the letter is incomplete', () => {
    const r = withPapers(stage3Case(), (p) => ({ ...p, perPoint: { ...p.perPoint, 'point-1': { ...p.perPoint['point-1']!, finding: null } } }));
    const m = build('council-response', r);
    const text = modelText(m);
    expect(text).toContain('The panel has made no finding yet on point 1, so the council has nothing to respond to here yet.');
    expect(m.incomplete![0]).toBe('The panel has made no finding yet on point 1.');
    expect(m.blocks.some((b) => b.type === 'signature')).toBe(false);
  });

  it('is incomplete without a decision on each recommendation, reasons for one not accepted in full, the dates and who signs', () => {
    const r = withPapers(stage3Case(), (p) => ({
      ...p,
      response: {
        ...p.response,
        respondedOn: null,
        signatory: { name: '', role: '' },
        perRecommendation: { 'prec-1': { decision: 'accepted in part', reasons: { type: 'doc', content: [] } } },
      },
    }));
    const noSent = caseRecordSchema.parse({ ...r, keyDates: { ...r.keyDates, panelReportSent: null } });
    expect(build('council-response', noSent).incomplete).toEqual([
      'The council has not yet responded to panel recommendations 2, 3.',
      'Panel recommendation 1 is not accepted in full, and the reasons are not written yet.',
      'The date the panel’s report was sent is not recorded.',
      'The date of the council’s response is not recorded.',
      'Who signs the council’s response is not recorded.',
    ]);
  });

  it('in the complainant’s version names the complainant, her child and the copied advocate, and nobody else from the register', () => {
    const text = modelText(build('council-response', stage3Case(), 'complainant'));
    expect(text).toContain('Dear Ms Ó Súilleabháin-Nowak,');
    expect(text).toContain('The council should apologise to Kieran Nowak in writing and review how Social Worker 1 plans placement moves.');
    for (const name of ['Jordan Blake', 'Sam Okafor', 'Hale', 'Lena']) expect(text).not.toContain(name);
    expect(text).toContain('Action on panel recommendation 1 1 The Team Manager 31 March 2027');
  });
});

describe('the papers’ clocks', () => {
  it('count 5 working days from the hearing across Christmas, the bank holidays and the council’s closure days', () => {
    const base = stage3Case();
    const at = (held: string | null, sent: string | null, closures: string[] = [], today = '2026-12-23') =>
      paperClocks(caseRecordSchema.parse({ ...base, council: { ...base.council, closures }, keyDates: { ...base.keyDates, panelHeld: held, panelReportSent: sent, councilResponseSent: null } }), today);
    // Tue 22 Dec 2026: 23, 24, (25 and 28 bank holidays), 29, 30, 31.
    expect(at('2026-12-22', null)[0]).toMatchObject({ due: '2026-12-31', late: false, sentence: 'The panel’s report is due by Thursday 31 December 2026, 5 working days after the hearing on Tuesday 22 December 2026: 4 working days left.' });
    // The council closed 29–31 December: New Year's Day is a bank holiday, so the 5th working day is Wed 6 Jan 2027.
    expect(at('2026-12-22', null, ['2026-12-29', '2026-12-30', '2026-12-31'])[0]!.due).toBe('2027-01-06');
    // Sent late, said in words.
    expect(at('2026-12-22', '2027-01-08', ['2026-12-29', '2026-12-30', '2026-12-31'], '2027-01-20')[0]!.sentence).toBe(
      'The panel’s report was sent on Friday 8 January 2027, 7 working days after the hearing on Tuesday 22 December 2026: late by 2 working days (it was due by Wednesday 6 January 2027).',
    );
    // Not sent, and past due.
    const overdue = at('2026-12-22', null, [], '2027-01-05')[0]!;
    expect(overdue).toMatchObject({ late: true, sentence: 'The panel’s report is late: it was due by Thursday 31 December 2026, 5 working days after the hearing on Tuesday 22 December 2026, and is now 2 working days overdue.' });
  });

  it('count the council’s 15 working days from the report across Easter, and say when the report would fall due from a planned hearing', () => {
    const base = stage3Case();
    const r = caseRecordSchema.parse({ ...base, keyDates: { ...base.keyDates, panelHeld: '2027-03-16', panelReportSent: '2027-03-19', councilResponseSent: '2027-04-13' } });
    // Fri 19 Mar 2027: Good Friday 26 Mar and Easter Monday 29 Mar are not counted: the 15th working day is Tue 13 Apr.
    const [report, response] = paperClocks(r, '2027-04-20');
    expect(report).toMatchObject({ due: '2027-03-23', late: false });
    expect(report!.sentence).toContain('within the 5 allowed');
    expect(response).toMatchObject({ due: '2027-04-13', late: false, sentence: 'The council’s response was sent on Tuesday 13 April 2027, 15 working days after the panel’s report was sent on Friday 19 March 2027, within the 15 allowed (due by Tuesday 13 April 2027).' });
    const none = caseRecordSchema.parse({ ...base, keyDates: { ...base.keyDates, panelHeld: null, panelReportSent: null } });
    expect(paperClocks(none, '2027-01-04', '2027-01-14')[0]!.sentence).toBe(
      'The panel’s report is due 5 working days after the hearing; the date the hearing was held is not recorded yet. If it is held on Thursday 14 January 2027, as planned, the panel’s report will be due by Thursday 21 January 2027.',
    );
    expect(paperClocks(none, '2027-01-25', '2027-01-14')[0]!.sentence).toContain('if it was held that day, the panel’s report was due by Thursday 21 January 2027 and is late');
    expect(paperClocks(none, '2027-01-04')[1]!.sentence).toBe('The council’s response is due 15 working days after the panel’s report is sent; the date the report was sent is not recorded yet.');
  });


  it('say “late” exactly when a clock is past its due date, for any hearing, sending date, today and closure days (fast-check)', () => {
    const base = stage3Case();
    const day = fc.integer({ min: 0, max: 800 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }), fc.integer({ min: 0, max: 60 }), fc.array(day, { maxLength: 6 }), (held, sentAfter, respondedAfter, todayAfter, closures) => {
        const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        const sent = plus(held, sentAfter);
        const responded = respondedAfter === null ? null : plus(sent, respondedAfter);
        const today = plus(held, todayAfter);
        const r = caseRecordSchema.parse({ ...base, council: { ...base.council, closures }, keyDates: { ...base.keyDates, panelHeld: held, panelReportSent: sent, councilResponseSent: responded } });
        const [report, response] = paperClocks(r, today);
        const cal = { closures };
        expect(report!.due).toBe(addWorkingDays(held, 5, cal));
        expect(isWorkingDay(report!.due!, cal)).toBe(true);
        expect(countWorkingDays(held, report!.due!, cal)).toBe(5);
        expect(report!.late).toBe(sent > report!.due!);
        expect(response!.due).toBe(addWorkingDays(sent, 15, cal));
        expect(response!.late).toBe(responded === null ? today > response!.due! : responded > response!.due!);
        for (const c of [report!, response!]) expect(/\blate\b|overdue/.test(c.sentence)).toBe(c.late);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a council response needs the panel’s finding', () => {
  it('is refused with a sentence on a recommendation whose point has no panel finding, saves nothing, and is accepted once the finding is made', () => {
    const before = withPapers(stage3Case(), (p) => ({ ...p, perPoint: { ...p.perPoint, 'point-1': { ...p.perPoint['point-1']!, finding: null } }, response: { ...p.response, perRecommendation: {} } }));
    const after = withPapers(before, (p) => ({ ...p, response: { ...p.response, perRecommendation: { 'prec-1': { decision: 'accepted', reasons: { type: 'doc', content: [] } } } } }));
    expect(responseRefusal(before, after)).toBe(
      'The panel has made no finding yet on point 1, which panel recommendation 1 answers, so the council cannot respond to it yet; record the panel’s finding first. Nothing was saved.',
    );
    const store = CaseStore.create(path.join(tempDir(), 'p.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const c = cases.create(before);
    expect(() => cases.update(c.id, c.revision, after)).toThrow(/no finding yet on point 1, which panel recommendation 1 answers/);
    expect(cases.get(c.id).revision).toBe(c.revision);
    const found = cases.update(c.id, c.revision, withPapers(before, (p) => ({ ...p, perPoint: { ...p.perPoint, 'point-1': { ...p.perPoint['point-1']!, finding: 'upheld' } } })));
    const decided = cases.update(c.id, found.revision, withPapers(found.record, (p) => ({ ...p, response: { ...p.response, perRecommendation: { 'prec-1': { decision: 'accepted', reasons: { type: 'doc', content: [] } } } } })));
    // Taking the finding back is never blocked by the response recorded on it.
    const back = cases.update(c.id, decided.revision, withPapers(decided.record, (p) => ({ ...p, perPoint: { ...p.perPoint, 'point-1': { ...p.perPoint['point-1']!, finding: null } } })));
    expect(back.record.panelPapers!.response.perRecommendation['prec-1']!.decision).toBe('accepted');
    store.lock();
  });

  it('does not touch Stage 2: a Stage 2 document’s basis is the same with or without the panel’s papers', async () => {
    const { basisOf } = await import('../../../shared/documents/context');
    const s2 = completeDemo();
    expect(basisOf(stage3Case(s2), 'investigation-report')).toBe(basisOf(s2, 'investigation-report'));
    expect(basisOf(stage3Case(s2), 'panel-report')).not.toBe(basisOf(s2, 'panel-report'));
  });
});
