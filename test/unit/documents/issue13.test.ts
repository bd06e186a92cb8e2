import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../main/services/documents/docxRenderer';
import { renderPdf } from '../../../main/services/documents/pdfRenderer';
import { buildDocument } from '../../../shared/documents/build';
import { incompleteReasons } from '../../../shared/documents/completeness';
import type { DocumentKind, DocumentModel, Variant } from '../../../shared/documents/model';
import { sentence } from '../../../shared/documents/prose';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { docxParts, docxText, has, pdfDocument, pdfPages, writeTemp } from '../../helpers/documents';
import { completeDemo, longChronology, nothingDecided, sixtyPoints, TODAY } from '../../helpers/sampleCases';
import { tempDir } from '../../helpers/tmp';

/**
 * Issue 13: each document read back in both formats (the Word XML through jszip, the PDF through pdf.js) and
 * checked for what the statutory guidance and councils' Stage 2 templates ask it to contain, for consistency
 * between documents, and for a layout that holds for any case.
 */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const build = (kind: DocumentKind, r: CaseRecord, variant: Variant = 'council', draft: { version: number } | null = { version: 1 }) => buildDocument(kind, r, { today: TODAY, variant, draft });

async function readBack(m: DocumentModel): Promise<{ word: string; pdf: string; pages: string[][]; docx: Buffer; pdfData: Buffer; parts: Record<string, string> }> {
  const docx = await renderDocx(m);
  const pdfData = await renderPdf(m);
  const parts = await docxParts(docx);
  const pages = await pdfPages(pdfData);
  // A line break inside a paragraph reads as a space; pdf.js gives a bold run and the stop after it apart.
  const word = squash(docxText(parts['word/document.xml']!.replace(/<w:br\/>/g, '<w:t> </w:t>')));
  return { word, pdf: squash(pages.flat().join(' ')).replace(/ ([.,;:])/g, '$1'), pages, docx, pdfData, parts };
}

/** Checks a phrase is in both formats. */
const inBoth = (t: { word: string; pdf: string }, phrase: string) => {
  expect(t.word, `Word: ${phrase}`).toContain(phrase);
  expect(t.pdf, `PDF: ${phrase}`).toContain(phrase);
};
const inNeither = (t: { word: string; pdf: string }, phrase: string | RegExp) => {
  if (typeof phrase === 'string') {
    expect(t.word).not.toContain(phrase);
    expect(t.pdf).not.toContain(phrase);
  } else {
    expect(t.word).not.toMatch(phrase);
    expect(t.pdf).not.toMatch(phrase);
  }
};

/** Three recommendations on three points, so a per-point list would restart at 1 where the case counts 1–3. */
function threeRecommendations(): CaseRecord {
  const r = completeDemo();
  return caseRecordSchema.parse({
    ...r,
    recommendations: [
      { id: 'r1', text: 'Hold a placement planning meeting before every planned move.', pointIds: ['point-1'], owner: 'Head of Service', timescale: 'Within 3 months' },
      { id: 'r2', text: 'Record the reasons for any change to family time.', pointIds: ['point-2'], owner: 'Team manager', timescale: 'Within 1 month' },
      { id: 'r3', text: 'Name a duty worker whenever a social worker is on leave.', pointIds: ['point-3'], owner: '', timescale: '' },
    ],
    adjudication: {
      ...r.adjudication,
      perRecommendation: { r1: { decision: 'accepted', reasons: '' }, r2: { decision: 'accepted in part', reasons: 'Only for new decisions.' }, r3: { decision: 'not accepted', reasons: 'Duty cover already exists.' } },
      actions: [{ id: 'a1', text: 'Issue a practice note on family time decisions', owner: 'Sam Okafor', dueOn: '2027-01-29', recommendationId: 'r2' }],
    },
  });
}

describe('consistency between the documents', () => {
  it('numbers each recommendation once, the same under its point, in the conclusions and in the letter', async () => {
    const r = threeRecommendations();
    const report = await readBack(build('investigation-report', r));
    inBoth(report, 'Recommendation 2: Record the reasons for any change to family time.');
    inBoth(report, 'Recommendation 3: Name a duty worker whenever a social worker is on leave.');
    inNeither(report, 'Recommendation 1: Record the reasons');
    // The conclusions' table and the full list number them the same.
    expect(report.word).toContain('2. Record the reasons for any change to family time.');
    expect(report.word).toMatch(/Recommendations No\. Recommendation Points Suggested owner Timescale 1 Hold a placement planning meeting before every planned move\. 1 Head of Service Within 3 months 2 Record the reasons/);
    const letter = await readBack(build('adjudication-letter', r, 'complainant'));
    expect(letter.word).toContain('2. Record the reasons for any change to family time.');
    expect(letter.pdf).toContain('2. Record the reasons');
    expect(letter.word).toContain('Issue a practice note on family time decisions 2 The Team Manager 29 January 2027');
  });

  it('counts as held only interviews held, never lists a planned one as interviewed, and lists who was not interviewed and why', async () => {
    const r = caseRecordSchema.parse({
      ...completeDemo(),
      people: [...completeDemo().people, { id: 'person-neighbour', name: 'Dorota Kowalczyk-Byrne', kind: 'other', role: 'Neighbour across the road', pseudonym: '', thirdParty: true }, { id: 'person-irrelevant', name: 'Wiremu Tane', kind: 'staff', role: 'Finance officer', pseudonym: 'Officer F' }],
      interviews: [...completeDemo().interviews, { id: 'interview-n', personId: 'person-neighbour', status: 'planned', declined: true, notHeldReason: 'Did not want to be involved..' }],
    });
    const held = r.interviews.filter((v) => v.status !== 'planned').length;
    expect(held).toBe(2);
    for (const variant of ['council', 'complainant'] as const) {
      const t = await readBack(build('investigation-report', r, variant));
      inBoth(t, `held ${held} interviews (appendix C)`);
      inBoth(t, 'These people were relevant to the complaint and were not interviewed:');
      inNeither(t, 'Wiremu');
      inNeither(t, 'Officer F');
      inNeither(t, 'Did not want to be involved..');
      const appendixC = t.word.slice(t.word.indexOf('Appendix C: People interviewed'));
      expect(appendixC).not.toContain('Fischer');
      expect(appendixC).not.toContain('Designated Teacher');
      if (variant === 'council') {
        inBoth(t, 'Lena Fischer (Designated teacher): declined to be interviewed. She did not reply to three invitations.');
        inBoth(t, 'Dorota Kowalczyk-Byrne (Neighbour across the road): declined to be interviewed. Did not want to be involved.');
      } else {
        // A third party's role never reaches the complainant's version, nor their name.
        inNeither(t, 'Neighbour');
        inNeither(t, 'Designated teacher)');
        inNeither(t, 'Dorota');
        inBoth(t, 'A third party: declined to be interviewed. Did not want to be involved.');
      }
    }
  });

  it('marks an unfinished document incomplete on screen and in the draft, unsigned, and a finished one not', async () => {
    const none = nothingDecided();
    for (const kind of ['investigation-report', 'ip-report', 'adjudication-letter'] as const) {
      const m = build(kind, none, 'complainant');
      expect(m.incomplete?.length, kind).toBeGreaterThan(0);
      const t = await readBack(m);
      inBoth(t, 'Incomplete draft: No finding yet on points 1, 2, 3, 4, 5.');
      inBoth(t, 'must not be sent as the council’s response');
      inNeither(t, 'Signed: ___');
      inBoth(t, 'Not signed:');
    }
    const empty = caseRecordSchema.parse({ ...none, points: [], recommendations: [], adjudication: undefined, plan: { ...none.plan, linesOfEnquiry: {}, records: [] }, chronology: [], evidence: [], interviews: [] });
    expect(incompleteReasons('investigation-report', empty)).toEqual(['There are no points of complaint yet.']);
    expect(incompleteReasons('statement-of-complaint', empty)).toEqual(['There are no points of complaint yet.']);
    const adj = incompleteReasons('adjudication-letter', caseRecordSchema.parse({ ...completeDemo(), adjudication: { ...completeDemo().adjudication, perPoint: {}, decidedOn: null } }));
    expect(adj).toEqual(['No decision yet on the finding on points 1, 2, 3, 4, 5.', 'The date of the decision is not recorded.']);
    for (const kind of ['investigation-report', 'ip-report', 'adjudication-letter'] as const) {
      const m = build(kind, completeDemo(), 'council', null);
      expect(m.incomplete, kind).toEqual([]);
      const t = await readBack(m);
      inNeither(t, 'Incomplete draft');
      inBoth(t, 'Signed: ___');
    }
  });

  it('never doubles punctuation and gives each comment once', async () => {
    expect(sentence('why this happened..')).toBe('why this happened.');
    expect(sentence('Really?')).toBe('Really?');
    expect(sentence('no stop;')).toBe('no stop.');
    const r = caseRecordSchema.parse({
      ...completeDemo(),
      // Typed text that already ends in a full stop or question mark, where the documents add their own.
      points: completeDemo().points.map((p, i) => (i === 0 ? { ...p, summary: 'Why did this happen?', desiredOutcomes: ['An explanation of why this happened.'] } : i === 1 ? { ...p, inProcedure: false, outOfProcedureReason: 'It is a court matter.' } : p)),
      plan: { ...completeDemo().plan, records: completeDemo().plan.records.map((x) => ({ ...x, description: 'Notes for March.' })) },
    });
    for (const kind of ['investigation-report', 'ip-report', 'adjudication-letter', 'statement-of-complaint'] as const) {
      for (const variant of ['council', 'complainant'] as const) {
        const t = await readBack(build(kind, r, variant));
        // "e.g." and the ellipsis character are fine; two full stops, or a stop after ? or !, are not.
        expect(t.word.replace(/…/g, ''), `${kind} ${variant}`).not.toMatch(/\.\.|[?!]\.|\.\s\./);
        expect(t.pdf.replace(/…/g, ''), `${kind} ${variant}`).not.toMatch(/\.\.|[?!]\.|\.\s\./);
      }
    }
    const ip = await readBack(build('ip-report', completeDemo()));
    expect(ip.word.split('The records show the calls were returned.').length - 1).toBe(1);
    expect(ip.pdf.split('The records show the calls were returned.').length - 1).toBe(1);
  });

  it('apologises only where the adjudicating officer accepts a finding of fault', async () => {
    const base = completeDemo();
    // Points 1 and 4 upheld, 2 partially: accepted on 1 only.
    const some = caseRecordSchema.parse({ ...base, adjudication: { ...base.adjudication, perPoint: { ...base.adjudication.perPoint, 'point-2': { decision: 'not accepted', reasons: 'No.' }, 'point-4': { decision: 'not accepted', reasons: 'No.' } } } });
    const t = await readBack(build('adjudication-letter', some, 'complainant'));
    inBoth(t, 'I am sorry for the faults found on point 1, and for the distress');
    const none = caseRecordSchema.parse({ ...base, adjudication: { ...base.adjudication, perPoint: Object.fromEntries(base.points.map((p) => [p.id, { decision: 'not accepted', reasons: 'No.' }])) } });
    const n = await readBack(build('adjudication-letter', none, 'complainant'));
    inNeither(n, 'An apology');
    inNeither(n, 'sorry');
    // A decision recorded on a point with no finding is not a decision: the letter says there is nothing to decide.
    const noFinding = caseRecordSchema.parse({ ...base, findings: { ...base.findings, 'point-1': { ...base.findings['point-1']!, finding: null } } });
    const nf = await readBack(build('adjudication-letter', noFinding, 'complainant'));
    inBoth(nf, 'My decision: There is no finding to decide on yet.');
  });

  it('counts the Stage 3 days from when the letter is received, as it says', async () => {
    const base = completeDemo();
    const post = await readBack(build('adjudication-letter', base, 'complainant'));
    // Posted Tuesday 1 December 2026, received Thursday 3 December; 20 working days on (25 and 28 December and
    // 1 January are holidays) is Tuesday 5 January 2027.
    inBoth(post, 'Please ask within 20 working days of receiving this letter. We are posting it first class on 1 December 2026, so we expect it to reach you by 3 December 2026, and the 20 working days end on 5 January 2027.');
    const email = await readBack(build('adjudication-letter', caseRecordSchema.parse({ ...base, adjudication: { ...base.adjudication, sentBy: 'email' } }), 'complainant'));
    inBoth(email, 'We are sending it by e-mail on 1 December 2026, so it reaches you that day, and the 20 working days end on 31 December 2026.');
  });

  it('addresses every complainant, each at their address, with the salutation chosen', async () => {
    const base = completeDemo();
    const r = caseRecordSchema.parse({
      ...base,
      complainants: [...base.complainants, { name: 'Tomasz Nowak', relationshipToChild: 'parent', salutation: 'Dear Mr Nowak,', addressLines: ['2 Quay Street', 'Harrowfield HF1 4TT'] }],
      people: [...base.people, { id: 'person-tomasz', name: 'Tomasz Nowak', kind: 'complainant', role: 'Father', pseudonym: 'Mr N' }],
    });
    for (const kind of ['adjudication-letter', 'statement-of-complaint'] as const) {
      const t = await readBack(build(kind, r, 'complainant'));
      inBoth(t, 'Dear Ms Ó Súilleabháin-Nowak and Mr Nowak,');
      inBoth(t, 'Zoë Ó Súilleabháin-Nowak 14 Larch Close Harrowfield HF3 9QP');
      inBoth(t, 'Tomasz Nowak 2 Quay Street Harrowfield HF1 4TT');
      inNeither(t, 'Dear Dear');
    }
    // Without a chosen salutation the letter uses the name as recorded and the Documents tab says so.
    const plain = caseRecordSchema.parse({ ...base, complainants: base.complainants.map((c) => ({ ...c, salutation: '' })) });
    const m = build('adjudication-letter', plain, 'complainant');
    expect(m.notes).toContain('No salutation is chosen for Zoë Ó Súilleabháin-Nowak, so the letter greets them by their full name; choose one on the Overview tab.');
  });
});

describe('what each document contains', () => {
  it('the investigation report: summary, scope and period, confidentiality and distribution, references, the child, outcomes, missing records, learning, owners and timescales', async () => {
    const r = threeRecommendations();
    for (const variant of ['council', 'complainant'] as const) {
      const t = await readBack(build('investigation-report', r, variant));
      for (const h of ['Confidentiality and distribution', '1. Executive summary', '3. Scope and period investigated', '6. The child’s views', 'Legislation, guidance and policy', 'The outcomes sought', 'Records not obtained', 'Learning for the service']) inBoth(t, h);
      inBoth(t, 'The complaint has 5 points. On the balance of probabilities the findings are: 2 upheld, 1 partially upheld, 1 not upheld and 1 where no finding could be reached. The report makes 3 recommendations.');
      inBoth(t, 'The move was not planned as the regulations require');
      inBoth(t, 'over the period 1 January 2026 to 30 June 2026');
      inBoth(t, 'This report is confidential.');
      inBoth(t, 'Children Act 1989, section 22 (duties to looked after children)');
      inBoth(t, 'Harrowfield placement moves procedure (2025)');
      inBoth(t, 'was seen as part of the investigation');
      inBoth(t, 'wanted more notice of moves');
      inBoth(t, 'An explanation of why the move happened so quickly. This report explains it at paragraph 1.');
      inBoth(t, 'An apology to Kieran. No response recorded yet.'.replace('Kieran', variant === 'council' ? 'Kieran' : 'Child A'));
      inBoth(t, 'Without the personal education plan the finding on point 4 rests on the school’s account.');
      inBoth(t, 'Placement moves need a planning meeting even when they are urgent.');
      inBoth(t, '(Suggested owner: Head of Service; timescale: Within 3 months.)');
    }
    const c = await readBack(build('investigation-report', r, 'council'));
    inBoth(c, 'Marcus Lee, complaints manager');
    inBoth(c, 'Priya Raman, advocate (the version for the complainant)');
  });

  it('the IP report: independence, participation with dates, timescales and keeping informed, agreement only on findings that exist', async () => {
    const t = await readBack(build('ip-report', completeDemo()));
    inBoth(t, '1. My role and independence');
    inBoth(t, 'I am not a member or an officer of Harrowfield Borough Council (demo), nor the spouse or civil partner of one');
    inBoth(t, 'Meeting to agree the statement of complaint');
    expect(t.word).toMatch(/10 November 2026 Meeting to agree the statement of complaint 16 November 2026 Interview with the complainant/);
    inBoth(t, 'The statutory timescales were not met. The complainant was kept informed of progress.');
    inBoth(t, 'I do not agree with the finding (not upheld): The records show the calls were returned.');
    inBoth(t, 'I agree with the finding (upheld).');
    inBoth(t, 'I agree that no finding could be reached.');
    const partial = caseRecordSchema.parse({ ...completeDemo(), findings: { ...completeDemo().findings, 'point-5': { ...completeDemo().findings['point-5']!, finding: null } } });
    const p = await readBack(build('ip-report', partial));
    inBoth(p, 'The investigating officer has made no finding on point 5 yet, so there is nothing to agree or disagree with.');
    // The table of agreement holds only points with a finding.
    expect(p.word).not.toMatch(/5\. The Stage 1 response did not address the concerns about family time\. .{0,40}(Yes|No|Not yet said)/);
  });

  it('the adjudication letter: address, salutation, copies, the IP’s view, decisions, linked actions, monitoring, contact, remedy, Ombudsman', async () => {
    const r = threeRecommendations();
    const t = await readBack(build('adjudication-letter', r, 'complainant'));
    inBoth(t, 'Dear Ms Ó Súilleabháin-Nowak,');
    inBoth(t, 'The independent person agreed with the investigating officer’s finding on points 1, 2, 4 and 5 and did not agree with the finding on point 3.');
    inBoth(t, 'My decision: I have not accepted the finding.');
    inBoth(t, 'Marcus Lee, the complaints manager, will monitor these actions until each is done');
    inBoth(t, 'please contact Marcus Lee, complaints manager, on 01632 960 001 or at marcus.lee@harrowfield.example.gov.uk.');
    inBoth(t, 'The council will pay £250 in recognition of the time and trouble the complaint took.');
    inBoth(t, 'Local Government and Social Care Ombudsman');
    inBoth(t, 'Copy to: Priya Raman (advocate)');
    expect(t.word).toMatch(/Action Recommendation Who By when Issue a practice note on family time decisions 2/);
    const noConsent = caseRecordSchema.parse({ ...r, advocate: { ...r.advocate!, writtenConsentHeld: false } });
    inNeither(await readBack(build('adjudication-letter', noConsent, 'council')), 'Copy to');
  });
});

describe('layout that holds for any case', () => {
  it('splits a 5,000-character chronology event across pages: every word printed, nothing in the bottom margin, no page of only a heading or a table header', async () => {
    const r = longChronology();
    for (const variant of ['council', 'complainant'] as const) {
      const m = build('investigation-report', r, variant);
      const data = await renderPdf(m);
      const doc = await pdfDocument(data);
      const event = r.chronology.find((c) => c.id === 'chron-long')!;
      expect(JSON.stringify(event.event).length).toBeGreaterThan(5000);
      for (let i = 1; i <= doc.numPages; i++) {
        const page = await doc.getPage(i);
        const tc = await page.getTextContent();
        const items = tc.items.filter((it): it is typeof it & { str: string; transform: number[] } => 'str' in it && !!it.str.trim());
        // Body text stays above the bottom margin (72 pt); only the footer's "Page X of Y" sits below it.
        for (const it of items) if (!/^Page \d+ of \d+$/.test(it.str)) expect(it.transform[5], `page ${i}: ${it.str}`).toBeGreaterThan(68);
        const body = items.map((it) => it.str).filter((s) => !/^Page \d+ of \d+$/.test(s) && !s.includes('OFFICIAL-SENSITIVE') && !/^(DRAFT v\d+|FINAL)$/.test(s));
        const joined = squash(body.join(' '));
        expect(joined, `page ${i} is only a heading`).not.toMatch(/^(Appendix [ABC]: [A-Za-z ]+|\d+\. [A-Za-z’ ]+)$/);
        expect(joined, `page ${i} is only a table header`).not.toMatch(/^(Date Event Source|Date Key event)$/);
      }
      await doc.destroy();
      // Every sentence of the long event, in order, in the appendix (and the key events table).
      const text = squash((await pdfPages(data)).flat().join(' '));
      const appendix = text.slice(text.indexOf('Appendix A: Chronology'));
      let at = 0;
      for (let n = 1; n <= 30; n++) {
        const i = appendix.indexOf(`Sentence ${n} of the record`, at);
        expect(i, `sentence ${n}`).toBeGreaterThan(at - 1);
        at = i;
      }
      // Word lets the long row split (a row that may not split is clipped at the page's foot) and keeps short ones whole.
      const xml = (await docxParts(await renderDocx(m)))['word/document.xml']!;
      const rows = xml.split('<w:tr>').slice(1);
      const longRow = rows.find((x) => x.includes('Sentence 30 of the record'))!;
      expect(longRow).not.toContain('<w:cantSplit/>');
      expect(rows.filter((x) => x.includes('<w:cantSplit/>')).length).toBeGreaterThan(5);
    }
  });

  it('keeps the running header on one line for a long reference and council, and a signature never alone on a page', async () => {
    const base = completeDemo();
    const r = caseRecordSchema.parse({ ...base, reference: 'HFD/CSC/STAGE2/2026-0001234567/COMPLEX-MULTI-AGENCY-REVIEW', council: { ...base.council, name: 'The Royal Borough of Kensington and Chelsea and Westminster City Council Children’s Services (bi-borough)', protectiveMarking: 'OFFICIAL-SENSITIVE: PERSONAL AND CONFIDENTIAL' } });
    const m = build('investigation-report', r, 'council', { version: 12 });
    const pages = await pdfPages(await renderPdf(m));
    for (const p of pages) {
      expect(p[0]).toContain('HFD/CSC/STAGE2/2026-0001234567/COMPLEX-MULTI-AGENCY-REVIEW');
      expect(p[0]).toContain('DRAFT v12');
    }
    const header = Object.entries(await docxParts(await renderDocx(m))).find(([k]) => k.startsWith('word/header'))![1];
    const size = Number(header.match(/<w:sz w:val="(\d+)"/)![1]);
    expect(size).toBeLessThan(17);
    expect(size).toBeGreaterThanOrEqual(12);
    // Signature blocks: the page that carries one also carries the paragraph before it.
    for (const [name, rec] of [['sixty', sixtyPoints()], ['long', longChronology()], ['demo', completeDemo()]] as const) {
      for (const kind of ['investigation-report', 'ip-report', 'adjudication-letter'] as const) {
        const pp = await pdfPages(await renderPdf(build(kind, rec, 'complainant', null)));
        const page = pp.find((p) => p.some((l) => l.startsWith('Signed: ')))!;
        const before = page.slice(1, page.findIndex((l) => l.startsWith('Signed: ')));
        expect(before.length, `${name} ${kind}`).toBeGreaterThan(0);
      }
    }
  });

  it('never leaves one line of a paragraph alone at the foot or the top of a page (orphans and widows)', async () => {
    const base = build('ip-report', completeDemo());
    const long = Array.from({ length: 60 }, (_x, i) => `ww${i}`).join(' ');
    for (let n = 15; n < 70; n++) {
      const blocks: DocumentModel['blocks'] = [...Array.from({ length: n }, (_x, i) => ({ type: 'paragraph' as const, runs: [{ text: `Filler ${i}.` }] })), { type: 'paragraph', runs: [{ text: long }] }];
      const pages = await pdfPages(await renderPdf({ ...base, blocks }));
      const counts = pages.map((p) => p.filter((l) => /\bww\d+/.test(l)).length);
      for (const c of counts) expect([0, 1].includes(c) ? c === 0 : true, `${n} fillers: ${counts.join(',')}`).toBe(true);
    }
  });

  it('sets Word’s language to en-GB, an explicit line rule and the PDF’s font for every script', async () => {
    const parts = await docxParts(await renderDocx(build('adjudication-letter', completeDemo())));
    const styles = parts['word/styles.xml']!;
    expect(styles).toMatch(/<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="en-GB"\/>/);
    expect(styles).toMatch(/<w:spacing w:after="120" w:line="276" w:lineRule="auto"\/>/);
    expect(styles).toMatch(/<w:rFonts w:ascii="Liberation Sans" w:cs="Liberation Sans" w:eastAsia="Liberation Sans" w:hAnsi="Liberation Sans"\/>/);
    expect(parts['word/document.xml']).toContain('w:lineRule="auto"');
  });

  it.runIf(has('qpdf'))('writes the PDF/UA identifier, TH cells with Scope, and a RoleMap for Title', async () => {
    const data = await renderPdf(build('investigation-report', completeDemo()));
    const doc = await pdfDocument(data);
    const meta = await doc.getMetadata();
    expect(meta.metadata?.get('pdfuaid:part')).toBe('1');
    expect(meta.info).toMatchObject({ Title: 'Investigation report: DEMO-ST2-0001' });
    await doc.destroy();
    const f = writeTemp(tempDir(), 'r.pdf', data);
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', f, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1');
    expect(qdf).toMatch(/\/RoleMap <<\s*\/Title \/H1\s*>>/);
    expect(qdf).toMatch(/\/S \/TH[\s\S]{0,200}?\/Scope \/Column|\/Scope \/Column[\s\S]{0,200}?\/S \/TH/);
    expect(qdf).toMatch(/\/Scope \/Row/);
    // A council with an ampersand still gives well-formed XMP.
    const amp = await renderPdf(build('investigation-report', caseRecordSchema.parse({ ...completeDemo(), council: { ...completeDemo().council, name: 'Brighton & Hove <City> Council' } })));
    const ampDoc = await pdfDocument(amp);
    expect((await ampDoc.getMetadata()).metadata?.get('dc:description')).toContain('Brighton & Hove <City> Council');
    await ampDoc.destroy();
  });
});
