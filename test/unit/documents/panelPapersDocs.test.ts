import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseService } from '../../../main/services/cases/caseService';
import { DocumentService } from '../../../main/services/documents/documentService';
import { CaseStore } from '../../../main/services/store/caseStore';
import { modelText } from '../../../shared/documents/model';
import { COMMON_WORDS } from '../../../shared/documents/names';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { runCliInTest } from '../../helpers/cli';
import { docxParts, docxText, has, tool, writeTemp } from '../../helpers/documents';
import { stage3Case } from '../../helpers/sampleCases';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';
import { hardCase } from './hardCase';

const TODAY = '2026-11-27';
const MEMBERS = [
  { name: 'Ruth D’Arcy-Ellery', role: 'chair' as const },
  { name: 'Tomás Ó Floinn', role: 'member' as const },
  { name: 'Gülşen Aydın', role: 'member' as const },
];

/** A store whose demo case has been through Stage 3: the panel in the hearing pack, the papers in the case. */
async function stage3Store(record: CaseRecord = stage3Case()) {
  let target = '';
  const t = testSession({ chooseSavePath: async () => target });
  await t.call('store.create', { path: path.join(t.dir, 's.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true });
  const c = (await t.call('cases.list', {}))[0]!;
  const got = await t.call('cases.get', { id: c.id });
  await t.call('cases.update', { id: c.id, revision: got.revision, record });
  for (const m of MEMBERS) await t.call('bundle.addPanelMember', { caseId: c.id, ...m, available: [], independent: true });
  const exportTo = async (name: string, input: { kind: 'panel-report' | 'council-response'; variant: 'council' | 'complainant'; format: 'docx' | 'pdf'; issueId?: string }) => {
    target = path.join(t.dir, name);
    const r = await t.call('documents.export', { caseId: c.id, ...input });
    return r.path;
  };
  return { ...t, caseId: c.id, exportTo };
}

/** The independent scan of the leak check's tests: a simple fold of each word, unlike the app's own. */
const simpleFold = (s: string) =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[łŁ]/g, 'l').replace(/ı/g, 'i').replace(/ß/g, 'ss').replace(/ς/g, 'σ').replace(/['’‘ʼ]/g, '').toLowerCase();
const PARTICLES = new Set(['o', 'de', 'van', 'mr', 'mrs', 'and', 'thi']);
function forbidden(r: CaseRecord, letter: boolean): { person: string; part: string }[] {
  const copied = [r.advocate, r.representative].filter((x) => x?.writtenConsentHeld).map((x) => x!.name);
  const allowed = letter ? r.people.filter((p) => p.kind === 'complainant' || (p.kind === 'child' && p.name === r.child.name) || (['advocate', 'representative'].includes(p.kind) && copied.includes(p.name))) : [];
  const allowedParts = new Set(allowed.flatMap((p) => p.name.split(/[\s-]+/).map(simpleFold)));
  return r.people
    .filter((p) => !allowed.includes(p))
    .flatMap((p) => p.name.split(/[\s-]+/).map((part) => ({ person: p.name, part: simpleFold(part) })))
    .filter(({ part }) => part.length >= 2 && !PARTICLES.has(part) && !COMMON_WORDS.has(part) && !allowedParts.has(part));
}
const scan = (text: string, r: CaseRecord, letter: boolean) => {
  const words = new Set(text.split(/[^\p{L}\p{M}'’]+/u).map(simpleFold));
  return forbidden(r, letter).filter(({ part }) => words.has(part)).map(({ person, part }) => `${person}: ${part}`);
};

/** The hard case (Irish, Polish, Turkish, Greek, Vietnamese, German names; names that are ordinary words) at Stage 3. */
function hardStage3(): CaseRecord {
  const base = stage3Case(hardCase());
  const m = (id: string, label: string) => ({ type: 'mention', attrs: { id, label } });
  const t = (text: string) => ({ type: 'text', text });
  const doc = (...content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content }] });
  const pp = base.panelPapers!;
  return caseRecordSchema.parse({
    ...base,
    panelPapers: {
      ...pp,
      perPoint: {
        ...pp.perPoint,
        'point-1': {
          finding: 'upheld',
          reasons: doc(t('Mrs O’Neill and ONEILL both wrote; '), m('p-lucja', 'Łucja'), t(' (Łucja Wójcik) and YILMAZ gave evidence; Παπαδόπουλος examined the child on 12 May 2026; Nguyen Thi Huong saw it. '), m('p-hope', 'Hope'), t(' and Hope Rose, May Fischer and Mr Young agreed; Hans Strauss and J.S. did not. I hope young people were heard.')),
        },
      },
      recommendations: pp.recommendations.map((x, i) => (i === 0 ? { ...x, text: doc(t('Apologise to '), m('p-mary', 'Mary'), t(' and to Siân Llŷr; train '), m('p-young', 'Jordan'), t(' and Ștefan Popescu.')), owner: 'Anna Smith-Jones’s team' } : x)),
      conclusions: doc(t('The panel thanks İlkay Yılmaz, Γιώργος Παπαδόπουλος and Mrs O’Neill. '), m('p-hans', 'Hans'), t(' was not heard.')),
      response: {
        ...pp.response,
        perRecommendation: { ...pp.response.perRecommendation, 'prec-2': { decision: 'not accepted', reasons: doc(t('Jakub Sadowski reviewed it with '), m('p-anna', 'Anna'), t(' in December.')) } },
        actions: [{ id: 'pa-h', text: doc(t('Meet Lily Nowak’s school and '), m('p-may', 'May')), owner: doc(m('p-js', 'Jakub')), dueOn: '2027-03-31', recommendationId: 'prec-1' }],
      },
    },
  });
}

describe('the panel’s papers as documents', () => {
  it('export in Word and PDF, in both versions, from the Panel papers’ own calls, and read back with poppler', async () => {
    const s = await stage3Store();
    const files: string[] = [];
    for (const kind of ['panel-report', 'council-response'] as const) {
      for (const variant of ['council', 'complainant'] as const) {
        for (const format of ['docx', 'pdf'] as const) {
          const p = await s.exportTo(`${kind}-${variant}.${format}`, { kind, variant, format });
          expect(p).not.toBeNull();
          files.push(p!);
          const data = fs.readFileSync(p!);
          expect(data.subarray(0, 4).toString('latin1')).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
          const text = format === 'pdf' ? tool('pdftotext', ['-enc', 'UTF-8', p!, '-']) : docxText((await docxParts(data))['word/document.xml']!);
          expect(text).toContain(kind === 'panel-report' ? 'Review panel’s report' : 'The panel’s recommendations and the council’s response');
          expect(text).toContain(kind === 'panel-report' ? 'Ruth D’Arcy-Ellery' : 'Dr Aoife Ní Bhriain');
          if (variant === 'complainant' && kind === 'panel-report') expect(text).not.toMatch(/Jordan Blake|Sam Okafor|Zoë/);
          if (variant === 'council') expect(text).toContain('Jordan Blake');
        }
      }
    }
    if (has('qpdf')) for (const f of files.filter((x) => x.endsWith('.pdf'))) expect(tool('qpdf', ['--check', f])).toMatch(/No syntax or stream encoding errors/);
    // The papers are searchable, and a hit opens the Panel papers tab at the point.
    const found = await s.call('search.query', { query: 'thanks attending', caseId: s.caseId, kinds: ['panel'] });
    expect(found.hits.map((h) => h.title)).toContain('Panel’s conclusions and the council’s response');
    const felt = await s.call('search.query', { query: 'felt', caseId: s.caseId });
    expect(felt.hits.filter((h) => h.kind === 'panel').map((h) => h.itemId)).toEqual(expect.arrayContaining(['point:point-1', 'point:point-5']));
    const papers = await s.call('bundle.papers', { caseId: s.caseId });
    expect(papers.clocks.map((c) => c.sentence)).toEqual([
      'The panel’s report was sent on Wednesday 20 January 2027, 4 working days after the hearing on Thursday 14 January 2027, within the 5 allowed (due by Thursday 21 January 2027).',
      'The council’s response is due by Wednesday 10 February 2027, 15 working days after the panel’s report was sent on Wednesday 20 January 2027: 52 working days left.',
    ]);
  });

  it('issue both versions under one number; a final is refused while incomplete, and a changed panel finding starts a new draft without touching Stage 2', async () => {
    const s = await stage3Store();
    const v1 = await s.call('documents.issue', { caseId: s.caseId, kind: 'panel-report', variant: 'council' });
    const list = (await s.call('documents.list', { caseId: s.caseId })).filter((d) => d.kind === 'panel-report');
    expect(list.map((d) => [d.variant, d.version, d.final])).toEqual([
      ['complainant', 1, false],
      ['council', 1, false],
    ]);
    // An issued version exports word for word, and is the draft it was.
    expect(await s.exportTo('v1.pdf', { kind: 'panel-report', variant: 'complainant', format: 'pdf', issueId: list[0]!.id })).toBeTruthy();
    expect(v1.version).toBe(1);
    const fin = await s.call('documents.issue', { caseId: s.caseId, kind: 'panel-report', variant: 'council', final: true });
    expect(fin).toMatchObject({ version: 2, final: true });
    const s2 = await s.call('documents.issue', { caseId: s.caseId, kind: 'investigation-report', variant: 'council', final: false });
    expect(s2.version).toBe(1);
    // The council's response is not complete until each recommendation is answered: no final, one sentence.
    const got = await s.call('cases.get', { id: s.caseId });
    const pp = got.record.panelPapers!;
    const unanswered = { ...got.record, panelPapers: { ...pp, response: { ...pp.response, perRecommendation: {} } } };
    const after = await s.call('cases.update', { id: s.caseId, revision: got.revision, record: unanswered });
    await expect(s.call('documents.issue', { caseId: s.caseId, kind: 'council-response', variant: 'council', final: true })).rejects.toThrow(
      'The council’s response to the review panel cannot be marked final while it is incomplete: The council has not yet responded to panel recommendations 1, 2, 3.',
    );
    // A panel finding changed after the final: the report is a new draft (version 3) saying why.
    const changed = { ...after.record, panelPapers: { ...after.record.panelPapers!, perPoint: { ...after.record.panelPapers!.perPoint, 'point-2': { ...after.record.panelPapers!.perPoint['point-2']!, finding: 'upheld' as const } } } };
    await s.call('cases.update', { id: s.caseId, revision: after.revision, record: changed });
    const draft = await s.call('documents.preview', { caseId: s.caseId, kind: 'panel-report', variant: 'council' });
    expect(draft.draft).toEqual({ version: 3 });
    expect(draft.notes![0]).toMatch(/since version 2 was marked final, so this is a new draft, version 3/);
  });

  it('in the complainant’s versions of the hard case, names nobody they must not: the leak check and an independent scan of pdftotext and the Word XML agree; the council’s versions name them', async () => {
    const store = CaseStore.create(path.join(tempDir(), 'h.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const docs = new DocumentService(() => store.db, 'IO');
    const r = hardStage3();
    const c = cases.create(r);
    const dir = tempDir();
    for (const kind of ['panel-report', 'council-response'] as const) {
      const model = docs.current(c, kind, 'complainant', TODAY);
      expect(await docs.check(c, model), kind).toEqual([]);
      const pdfText = tool('pdftotext', ['-enc', 'UTF-8', writeTemp(dir, `${kind}.pdf`, await docs.render(model, 'pdf')), '-']);
      const wordText = Object.values(await docxParts(await docs.render(model, 'docx'))).join('\n').replace(/<[^>]+>/g, ' ');
      expect([...scan(pdfText, r, !!model.letterToComplainant), ...scan(wordText, r, !!model.letterToComplainant)], kind).toEqual([]);
      // Ordinary words stay ordinary words.
      if (kind === 'panel-report') {
        expect(pdfText).toMatch(/I hope young people were heard/);
        // The names became their pseudonyms (or "a third party"), not blanks.
        for (const alias of ['Teacher 2', 'Doctor 1', 'Health Visitor 1', 'the grandmother']) expect(pdfText.replace(/\s+/g, ' '), alias).toContain(alias);
      }
      const council = modelText(docs.current(c, kind, 'council', TODAY));
      for (const name of kind === 'panel-report' ? ['Łucja Wójcik', 'Παπαδόπουλος', 'Hope Rose', 'Mrs O’Neill'] : ['Mary O\'Neill', 'Jakub Sadowski', 'May Fischer']) expect(council, `${kind}: ${name}`).toContain(name);
    }
    // Issuing both versions passes the same check.
    const issued = await docs.issue(c, 'council-response', 'council', TODAY, false);
    expect(issued.version).toBe(1);
    store.lock();
  });

  it('from the command line: the panel, the hearing date, the deadlines in sentences, and doc export --kind panel-report', async () => {
    const dir = tempDir();
    const env = { CASEWRIGHT_STORE: path.join(dir, 'c.cwstore'), CASEWRIGHT_TODAY: '2027-01-25' };
    const cli = (args: string[]) => runCliInTest(args, env);
    expect((await cli(['store', 'init', '--demo'])).code).toBe(0);
    expect(await cli(['panel', 'add', '--case', 'DEMO-ST2-0001', '--name', 'Ruth D’Arcy-Ellery', '--role', 'chair', '--independent'])).toMatchObject({ code: 0, out: expect.stringMatching(/\tchair\tindependent\tRuth D’Arcy-Ellery\n$/) });
    const ip = await cli(['panel', 'add', '--case', 'DEMO-ST2-0001', '--name', 'Dr Femi Adebayo', '--role', 'member']);
    expect(ip).toMatchObject({ code: 1, err: expect.stringContaining('cannot sit on the review panel') });
    expect((await cli(['panel', 'add', '--case', 'DEMO-ST2-0001', '--name', 'X', '--role', 'vice-chair'])).code).toBe(2);
    expect(await cli(['panel', 'hearing', '--case', 'DEMO-ST2-0001', '--date', '2027-01-14'])).toMatchObject({ code: 0, out: expect.stringContaining('record the date of the Stage 3 request') });
    expect((await cli(['panel', 'papers', '--case', 'DEMO-ST2-0001'])).out).toContain('If it was held that day'.replace('If it', 'if it'));
    const out = path.join(dir, 'report.pdf');
    expect(await cli(['doc', 'export', '--case', 'DEMO-ST2-0001', '--kind', 'panel-report', '--format', 'pdf', '--variant', 'complainant', '--out', out])).toMatchObject({ code: 0 });
    const text = tool('pdftotext', ['-enc', 'UTF-8', out, '-']);
    expect(text).toContain('Incomplete draft');
    expect(text).toContain('Ruth D’Arcy-Ellery');
    expect((await cli(['doc', 'export', '--case', 'DEMO-ST2-0001', '--doc', 'ip-report', '--kind', 'panel-report', '--format', 'pdf', '--out', out])).code).toBe(2);
  });
});
