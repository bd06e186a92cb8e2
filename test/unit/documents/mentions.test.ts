import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../main/services/documents/docxRenderer';
import { renderPdf } from '../../../main/services/documents/pdfRenderer';
import { buildDocument } from '../../../shared/documents/build';
import { modelText, type DocumentKind, type Variant } from '../../../shared/documents/model';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { richDocSchema, richMentions, richToPlain, type RichNode } from '../../../shared/domain/richText';
import { docxSources, findLeaks, pdfSources } from '../../../main/services/documents/leakCheck';
import { DOCUMENT_KINDS } from '../../../shared/documents/model';
import { docxParts, docxText, pdfPages } from '../../helpers/documents';

const TODAY = '2026-11-27';

const mention = (id: string, label: string): RichNode => ({ type: 'mention', attrs: { id, label } });
const text = (t: string): RichNode => ({ type: 'text', text: t });
const para = (...c: RichNode[]): RichNode => ({ type: 'paragraph', content: c });

/** The demo case with an analysis that mentions people, one of them under a misleading label. */
function withMentions(analysis: RichNode): CaseRecord {
  const r = caseRecordSchema.parse(buildDemoCase(TODAY));
  return caseRecordSchema.parse({ ...r, findings: { ...r.findings, 'point-1': { ...r.findings['point-1']!, analysis } } });
}

const analysis: RichNode = {
  type: 'doc',
  content: [
    para(mention('person-jordan', 'Jordan Blake'), text(' visited on 3 May; '), mention('person-lena', 'Lena'), text(' was told.')),
    // The label says one thing; the id says another: the register wins.
    para(text('It was '), mention('person-sam', 'Mr Nobody'), text(' who decided.')),
    para(text('A call from '), mention('person-gone', 'Pat Example'), text('.')),
  ],
};

const build = (kind: DocumentKind, variant: Variant, r: CaseRecord) => buildDocument(kind, r, { today: TODAY, variant, draft: { version: 1 } });

describe('mentions in rich text', () => {
  it('are part of the schema: an id is required, the label is optional, and the plain words use the label', () => {
    const doc = richDocSchema.parse({ type: 'doc', content: [para(text('Seen by '), mention('person-jordan', 'Jordan Blake'))] });
    expect(richToPlain(doc)).toBe('Seen by Jordan Blake');
    expect(richMentions(doc)).toEqual(['person-jordan']);
    expect(richDocSchema.safeParse({ type: 'doc', content: [para({ type: 'mention', attrs: { label: 'Jordan' } })] }).success).toBe(false);
    expect(richDocSchema.safeParse({ type: 'doc', content: [para({ type: 'mention', attrs: { id: '  ' } })] }).success).toBe(false);
    expect(richDocSchema.safeParse({ type: 'doc', content: [para({ type: 'mention', attrs: { id: 'person-sam' } })] }).success).toBe(true);
  });

  it('print the person’s name from the register in the council’s version, never the label', () => {
    const t = modelText(build('investigation-report', 'council', withMentions(analysis)));
    expect(t).toContain('Jordan Blake visited on 3 May; Lena Fischer was told.');
    expect(t).toContain('It was Sam Okafor who decided.');
    expect(t).not.toContain('Mr Nobody');
    expect(t).toContain('A call from [person removed].');
    expect(t).not.toContain('Pat Example');
  });

  it('print the person’s alias in the complainant’s version, capitalised at the start of a sentence', () => {
    const t = modelText(build('investigation-report', 'complainant', withMentions(analysis)));
    expect(t).toContain('Social Worker 1 visited on 3 May; the Designated Teacher was told.');
    expect(t).toContain('It was the Team Manager who decided.');
    expect(t).toContain('A call from [person removed].');
    for (const name of ['Jordan', 'Blake', 'Lena', 'Fischer', 'Okafor', 'Mr Nobody', 'Pat Example']) expect(t).not.toContain(name);
  });

  it('print “a third party” for a third party with no pseudonym, and keep bold on a mention', () => {
    const r = withMentions({ type: 'doc', content: [para(text('Seen by '), { ...mention('person-carers', 'the Hales'), marks: [{ type: 'bold' }] }, text('.'))] });
    const noAlias = { ...r, people: r.people.map((p) => (p.id === 'person-carers' ? { ...p, pseudonym: '' } : p)) };
    const m = build('investigation-report', 'complainant', noAlias);
    expect(modelText(m)).toContain('Seen by a third party.');
    const runs = m.blocks.flatMap((b) => (b.type === 'paragraph' && b.runs[0]?.text === 'Seen by ' ? b.runs : []));
    expect(runs.find((x) => x.text === 'a third party')).toMatchObject({ bold: true });
  });

  it('cannot be forged by typed text: the token characters are dropped from what was typed', () => {
    const t = modelText(build('investigation-report', 'council', withMentions({ type: 'doc', content: [para(text('Odd \uE000person-sam\uE001 text'))] })));
    expect(t).toContain('Odd person-sam text');
    expect(t).not.toContain('Sam Okafor text');
  });

  it('reach Word and PDF as the name or the alias, per variant', async () => {
    const r = withMentions(analysis);
    const council = docxText((await docxParts(await renderDocx(build('investigation-report', 'council', r))))['word/document.xml']!);
    expect(council).toContain('Jordan Blake visited on 3 May');
    const complainant = docxText((await docxParts(await renderDocx(build('investigation-report', 'complainant', r))))['word/document.xml']!);
    expect(complainant).toContain('Social Worker 1 visited on 3 May');
    expect(complainant).not.toContain('Jordan');
    const pdfCouncil = (await pdfPages(await renderPdf(build('investigation-report', 'council', r)))).flat().join(' ');
    expect(pdfCouncil).toContain('Sam Okafor');
    expect(pdfCouncil).toContain('[person removed]');
    const pdfComplainant = (await pdfPages(await renderPdf(build('investigation-report', 'complainant', r)))).flat().join(' ');
    expect(pdfComplainant).toContain('Social Worker 1');
    expect(pdfComplainant).not.toMatch(/Jordan|Okafor|Fischer|Mr Nobody/);
  });

  it('name the complainant in her own interview record (issue 13: she signs it in her own name), and nobody else by name', () => {
    const r = caseRecordSchema.parse(buildDemoCase(TODAY));
    const notes: RichNode = { type: 'doc', content: [para(mention('person-zoe', 'Zoë'), text(' said she was not told.'))] };
    const rec = caseRecordSchema.parse({ ...r, interviews: r.interviews.map((v, i) => (i === 0 ? { ...v, notes } : v)) });
    const complainant = modelText(buildDocument('interview-record', rec, { today: TODAY, variant: 'complainant', draft: null, interviewId: rec.interviews[0]!.id }));
    expect(complainant).toContain('Zoë Ó Súilleabháin-Nowak said she was not told.');
    expect(complainant).toContain('Signed in my own name as an accurate record of my interview');
    expect(complainant).not.toMatch(/Jordan|Okafor|Fischer/);
  });
});

describe('recommendations', () => {
  it('are rich text: a plain string is still read, and a mention prints per variant in the report and the adjudication letter', () => {
    const base = caseRecordSchema.parse(buildDemoCase(TODAY));
    expect(base.recommendations[0]!.text.type).toBe('doc');
    const r = caseRecordSchema.parse({
      ...base,
      recommendations: [{ id: 'rec-a', text: { type: 'doc', content: [para(mention('person-sam', 'Sam'), text(' should hold a planning meeting.'))] }, pointIds: ['point-1'] }],
      adjudication: { ...base.adjudication, decidedOn: '2026-12-01', perRecommendation: { 'rec-a': { decision: 'accepted', reasons: '' } } },
    });
    const council = build('investigation-report', 'council', r);
    expect(modelText(council)).toContain('Sam Okafor should hold a planning meeting.');
    const complainant = modelText(build('investigation-report', 'complainant', r));
    expect(complainant).toContain('The Team Manager should hold a planning meeting.');
    expect(complainant).toContain('1. The Team Manager should hold a planning meeting.');
    expect(complainant).not.toContain('Okafor');
    const letter = modelText(build('adjudication-letter', 'complainant', r));
    expect(letter).toContain('1. The Team Manager should hold a planning meeting.');
  });
});

describe('the demo case', () => {
  it('is written with mentions, and every complainant’s version of it exports: the leak check finds nobody', async () => {
    const base = caseRecordSchema.parse(buildDemoCase(TODAY));
    // Everything a full response needs: an extension, the IP's view and the adjudicating officer's decisions.
    const r = caseRecordSchema.parse({
      ...base,
      extensions: [{ id: 'x1', clock: 'stage2-response-from-statement', agreedOn: TODAY, reason: 'key-witness-unavailable', complainantToldOn: TODAY, complainantToldHow: 'letter', newDueDate: '2027-01-29' }],
      ipReview: { fairness: 'The investigation was fair.', thoroughness: 'Thorough.', transparency: 'Open.', childFocus: 'The child’s views were sought.', perPoint: { 'point-1': { agrees: true, comment: 'Agree.' } }, observations: '' },
      adjudication: { decidedOn: '2026-12-01', perPoint: { 'point-1': { decision: 'accepted', reasons: '' } }, perRecommendation: { 'rec-a': { decision: 'accepted', reasons: 'Will be done.' } }, actions: [{ id: 'a1', text: 'Brief the team on placement planning meetings', owner: 'the Team Manager', dueOn: '2027-01-31' }], apology: '' },
    });
    const rich = [...r.interviews.map((v) => v.notes), ...Object.values(r.findings).flatMap((f) => [f.complainantSays, f.recordsShow, f.staffSay, f.analysis])];
    const mentioned = new Set(rich.flatMap((d) => richMentions(d)));
    expect([...mentioned].sort()).toEqual(['person-carers', 'person-jordan', 'person-kieran', 'person-sam', 'person-zoe']);
    for (const d of rich) expect(richToPlain(d)).not.toMatch(/Ms Ó Súilleabháin|Team Manager/);
    expect(modelText(build('investigation-report', 'council', r))).toContain('Sam Okafor accepts that no meeting was held before the move.');
    for (const kind of DOCUMENT_KINDS) {
      const subjects = kind === 'interview-record' ? r.interviews.map((v) => v.id) : [undefined];
      for (const interviewId of subjects) {
        const m = buildDocument(kind, r, { today: TODAY, variant: 'complainant', draft: { version: 1 }, ...(interviewId ? { interviewId } : {}) });
        const sources = [...(await docxSources(await renderDocx(m))), ...(await pdfSources(await renderPdf(m)))];
        expect(findLeaks(r, kind, sources, m.letterToComplainant), `${kind} ${interviewId ?? ''}`).toEqual([]);
      }
    }
    // A chronology event is rich text too: the key events table and the appendix print the alias.
    const report = modelText(build('investigation-report', 'complainant', r));
    expect(report).toContain('Social Worker 1 on leave for three weeks; no duty cover recorded for Child A.');
    expect(modelText(build('investigation-report', 'council', r))).toContain('Jordan Blake on leave for three weeks; no duty cover recorded for Kieran Nowak.');
    const notes = modelText(buildDocument('interview-record', r, { today: TODAY, variant: 'complainant', draft: null, interviewId: 'interview-zoe' }));
    expect(notes).toContain('Zoë Ó Súilleabháin-Nowak said she learned of the move from Kieran Nowak, not from Social Worker 1.');
  });
});
