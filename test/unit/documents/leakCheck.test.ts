import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/handlers';
import { CaseService } from '../../../main/services/cases/caseService';
import { DocumentService, documentFileName } from '../../../main/services/documents/documentService';
import { renderDocx } from '../../../main/services/documents/docxRenderer';
import { checkRendered, findLeaks } from '../../../main/services/documents/leakCheck';
import { renderPdf } from '../../../main/services/documents/pdfRenderer';
import { memorySettings, type Platform } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import { CaseStore } from '../../../main/services/store/caseStore';
import type { LeakHit } from '../../../shared/api/types';
import { buildDocument } from '../../../shared/documents/build';
import { LETTERS_TO_COMPLAINANT } from '../../../shared/documents/context';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/documents/model';
import { COMMON_WORDS } from '../../../shared/documents/names';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { hardCase } from './hardCase';
import { testVault } from '../../harness/server';
import { docxParts, tool, writeTemp } from '../../helpers/documents';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

const TODAY = '2026-11-27';

/** The independent scan: a simple fold of each word, unlike the app's. */
const simpleFold = (s: string) =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[łŁ]/g, 'l').replace(/ı/g, 'i').replace(/ß/g, 'ss').replace(/ς/g, 'σ').replace(/['’‘ʼ]/g, '').toLowerCase();
const PARTICLES = new Set(['o', 'de', 'van', 'mr', 'mrs', 'and', 'thi']);

/** Name parts of the people this version must not name, that nobody allowed shares. */
function forbiddenParts(r: CaseRecord, kind: DocumentKind, letterToComplainant = LETTERS_TO_COMPLAINANT.includes(kind)): { person: string; part: string }[] {
  const letter = letterToComplainant;
  // A letter to the complainant also names the advocate or representative it is copied to (consent held).
  const copied = [r.advocate, r.representative].filter((x) => x?.writtenConsentHeld).map((x) => x!.name);
  const allowed = r.people.filter((p) => p.kind === 'complainant' || (letter && p.kind === 'child' && p.name === r.child.name) || (letter && ['advocate', 'representative'].includes(p.kind) && copied.includes(p.name)));
  const allowedParts = new Set(allowed.flatMap((p) => p.name.split(/[\s-]+/).map(simpleFold)));
  return r.people
    .filter((p) => !allowed.includes(p))
    .flatMap((p) => p.name.split(/[\s-]+/).map((part) => ({ person: p.name, part: simpleFold(part) })))
    .filter(({ part }) => part.length >= 2 && !PARTICLES.has(part) && !COMMON_WORDS.has(part) && !allowedParts.has(part));
}

function independentScan(text: string, r: CaseRecord, kind: DocumentKind, letter?: boolean): string[] {
  const words = new Set(text.split(/[^\p{L}\p{M}'’]+/u).map(simpleFold));
  return forbiddenParts(r, kind, letter).filter(({ part }) => words.has(part)).map(({ person, part }) => `${person}: ${part}`);
}

async function setupStore() {
  const store = CaseStore.create(path.join(tempDir(), 'l.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
  return { store, cases: new CaseService(() => store.db, 'IO'), docs: new DocumentService(() => store.db, 'IO') };
}

describe('the leak check', () => {
  it('finds every name a careless complainant’s version would print, in both formats, the metadata and the file name', async () => {
    const r = hardCase();
    // The council's version passed off as the complainant's: every name is still in it.
    const model = { ...buildDocument('investigation-report', r, { today: TODAY, variant: 'council', draft: null }), variant: 'complainant' as const, author: 'Jordan Blake' };
    const hits = await checkRendered(r, 'investigation-report', { docx: await renderDocx(model), pdf: await renderPdf(model), names: ['Blake-investigation-report.pdf'] });
    const found = (where: RegExp) => new Set(hits.filter((h) => where.test(h.where)).map((h) => h.personId));
    for (const where of [/^PDF, page/, /^Word, document body/]) {
      for (const id of ['p-mary', 'p-lucja', 'p-ilkay', 'p-giorgos', 'p-huong', 'p-sian', 'p-stefan', 'p-lily', 'p-young', 'p-may', 'p-anna', 'p-js', 'p-hans', 'p-hope', 'person-kieran', 'person-jordan']) {
        expect(found(where), `${id} in ${where}`).toContain(id);
      }
      expect(found(where)).not.toContain('person-zoe');
    }
    expect(found(/^PDF, file properties \(Author\)/)).toContain('person-jordan');
    expect(found(/^Word, file properties/)).toContain('person-jordan');
    expect(found(/^file name/)).toContain('person-jordan');
    const texts = hits.map((h) => h.matched);
    for (const t of ['ONEILL', 'Mrs ONeill', 'LUCJA', 'YILMAZ', 'ΠΑΠΑΔΟΠΟΥΛΟΣ', 'J.S.', 'Mr Young', 'Hans Strauss', 'Mrs O’Neill', 'Smith-Jones']) expect(texts, t).toContain(t);
    // Ordinary words and dates are not names.
    expect(texts).not.toContain('young');
    expect(hits.some((h) => /^May 2026$|^12 May/.test(h.matched))).toBe(false);
    const one = hits.find((h) => h.matched === 'ONEILL')!;
    expect(one).toMatchObject({ person: "Mary O'Neill", personId: 'p-mary' });
    expect(one.context).toContain('rang twice');
  });

  it('passes every complainant’s version of the hard case in both formats, or refuses it with the list; an independent scan agrees', async () => {
    const { store, cases, docs } = await setupStore();
    const base = hardCase();
    const c = cases.create({ ...base, extensions: [{ id: 'x1', clock: 'stage2-response-from-statement', agreedOn: TODAY, reason: 'complexity', complainantToldOn: TODAY, complainantToldHow: 'letter', newDueDate: '2027-01-29' }] });
    const dir = tempDir();
    for (const kind of DOCUMENT_KINDS) {
      const subjects = kind === 'interview-record' ? c.record.interviews.map((v) => v.id) : [''];
      for (const subject of subjects) {
        const model = docs.current(c, kind, 'complainant', TODAY, subject);
        const docx = await docs.render(model, 'docx');
        const pdf = await docs.render(model, 'pdf');
        const hits = await docs.check(c, model);
        const pdfText = tool('pdftotext', ['-enc', 'UTF-8', writeTemp(dir, `${kind}${subject}.pdf`, pdf), '-']);
        const docxText = Object.values(await docxParts(docx)).join('\n').replace(/<[^>]+>/g, ' ');
        const scan = [...independentScan(pdfText, c.record, kind, model.letterToComplainant), ...independentScan(docxText, c.record, kind, model.letterToComplainant)];
        if (hits.length === 0) expect(scan, `${kind} ${subject}`).toEqual([]);
        else {
          await expect(docs.issue(c, kind, 'complainant', TODAY, false, subject)).rejects.toMatchObject({ code: 'LEAK' });
          // Whatever the scan sees, the checker listed.
          for (const s of scan) expect(hits.map((h) => `${h.person}: `).some((p) => s.startsWith(p)), s).toBe(true);
        }
      }
    }
    store.lock();
  });

  it('refuses to issue or export a complainant’s version that names someone, with the hits; "not this person" is recorded and lets it through', async () => {
    const dir = tempDir();
    const platform: Platform = {
      actor: 'Test Officer', appVersion: 'test', settings: memorySettings(), vault: testVault,
      chooseStorePath: async () => path.join(dir, 'x.cwstore'),
      // The test stands in for a person who chose this file in the app's dialog.
      allowsPath: () => true,
      chooseSavePath: async (name) => path.join(dir, name), chooseFolder: async () => dir, emit: () => {},
    };
    const dispatch = createDispatcher(new Session(platform));
    expect((await dispatch('store.create', { path: path.join(dir, 's.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Alex', demo: true })).ok).toBe(true);
    const list = (await dispatch('cases.list', {})) as { ok: true; data: { id: string }[] };
    const caseId = list.data[0]!.id;
    const got = (await dispatch('cases.get', { id: caseId })) as { ok: true; data: { revision: number; record: CaseRecord } };
    // A real leak the pseudonymiser never sees: the council's contact line names a social worker.
    const record = { ...got.data.record, council: { ...got.data.record.council, contactLines: ['Ask for Jordan Blake on 01632 960 001'] } };
    const upd = (await dispatch('cases.update', { id: caseId, revision: got.data.revision, record })) as { ok: boolean; data: { revision: number } };
    expect(upd.ok).toBe(true);
    const refused = await dispatch('documents.export', { caseId, kind: 'ip-report', variant: 'complainant', format: 'pdf' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LEAK', message: expect.stringMatching(/^The complainant’s version still names a person from the people register \(“Jordan Blake”\) in \d+ places?; .*\.$/) } });
    const hits = (refused as { error: { details: { hits: LeakHit[] } } }).error.details.hits;
    expect(hits.map((h) => h.where)).toEqual(expect.arrayContaining(['Word, document body', 'PDF, page 1']));
    expect(hits[0]).toMatchObject({ personId: 'person-jordan', matched: 'Jordan Blake', context: expect.stringContaining('Ask for Jordan Blake on 01632') });
    expect(await dispatch('documents.issue', { caseId, kind: 'ip-report', variant: 'complainant' })).toMatchObject({ ok: false, error: { code: 'LEAK' } });
    expect(await dispatch('documents.exportAll', { caseId })).toMatchObject({ ok: false, error: { code: 'LEAK' } });
    const checked = (await dispatch('documents.check', { caseId, kind: 'ip-report', variant: 'complainant' })) as { ok: true; data: LeakHit[] };
    expect(checked.data.length).toBe(hits.length);
    // The council's own version is not checked.
    expect(await dispatch('documents.export', { caseId, kind: 'ip-report', variant: 'council', format: 'pdf' })).toMatchObject({ ok: true });
    for (const h of checked.data) {
      const cur = (await dispatch('cases.get', { id: caseId })) as { ok: true; data: { revision: number } };
      expect((await dispatch('documents.notThisPerson', { caseId, revision: cur.data.revision, personId: h.personId, key: h.key, matched: h.matched, context: h.context })).ok).toBe(true);
    }
    const after = (await dispatch('cases.get', { id: caseId })) as { ok: true; data: { record: CaseRecord } };
    expect(after.data.record.leakDismissals[0]).toMatchObject({ personId: 'person-jordan', by: 'Test Officer', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(await dispatch('documents.export', { caseId, kind: 'ip-report', variant: 'complainant', format: 'pdf' })).toMatchObject({ ok: true });
    expect(await dispatch('documents.issue', { caseId, kind: 'ip-report', variant: 'complainant' })).toMatchObject({ ok: true });
  });

  it('lets every complainant’s version of the demo case through', async () => {
    const { store, cases, docs } = await setupStore();
    const demo = caseRecordSchema.parse(buildDemoCase(TODAY));
    const c = cases.create({ ...demo, extensions: [{ id: 'x1', clock: 'stage2-response-from-statement', agreedOn: TODAY, reason: 'complexity', complainantToldOn: TODAY, complainantToldHow: 'letter', newDueDate: '2027-01-29' }] });
    for (const kind of DOCUMENT_KINDS) {
      for (const subject of kind === 'interview-record' ? c.record.interviews.map((v) => v.id) : ['']) {
        const model = docs.current(c, kind, 'complainant', TODAY, subject);
        expect({ kind, subject, file: documentFileName(c.record.reference, model, 'pdf'), hits: await docs.check(c, model) }).toMatchObject({ hits: [] });
      }
    }
    store.lock();
  });

  it('keeps old case files loading: no dismissals recorded means none', () => {
    const demo = buildDemoCase(TODAY) as Record<string, unknown>;
    delete demo.leakDismissals;
    expect(caseRecordSchema.parse(demo).leakDismissals).toEqual([]);
  });
});

describe('the leak check and characters the PDF cannot draw', () => {
  it('still checks the Word file, so a Word export can go ahead while the PDF is refused with its own sentence', async () => {
    const { store, cases, docs } = await setupStore();
    const demo = caseRecordSchema.parse(buildDemoCase(TODAY));
    const c = cases.create({ ...demo, summary: `${demo.summary} Mum drew 😀 on the form; Jordan Blake saw it.` });
    const model = docs.current(c, 'investigation-report', 'complainant', TODAY);
    expect(await docs.check(c, model)).toEqual([]);
    await expect(docs.render(model, 'pdf')).rejects.toThrow(/^The PDF cannot show “😀” \(in the paragraph under “7\. Background and key events”\)/);
    const leaky = cases.create({ ...demo, reference: 'LEAK-2', council: { ...demo.council, addressLines: ['FAO Jordan Blake'] }, summary: `${demo.summary} 😀` });
    const hits = await docs.check(leaky, docs.current(leaky, 'investigation-report', 'complainant', TODAY));
    expect(hits.map((h) => h.where)).toEqual(['Word, document body']);
    store.lock();
  });
});

describe('the leak check, whatever the spelling (property)', () => {
  it('finds a third party written in any case, accent, apostrophe or title form', () => {
    const given = ['Łucja', 'İlkay', 'Siân', 'Nguyễn', 'Ștefan', 'Γιώργος', 'Ольга', 'Seán', 'Bartłomiej', 'Aoife'];
    const family = ['Wójcik', 'Yılmaz', 'Llŷr', 'Hương', 'Popescu', 'Παπαδόπουλος', 'Петрова', "O'Neill", 'Ó Súilleabháin', 'Smith-Jones', 'Strauß', 'ap Rhys'];
    const demo = caseRecordSchema.parse(buildDemoCase(TODAY));
    const spell = (s: string, how: number) =>
      [s, s.toUpperCase(), s.toLowerCase(), s.normalize('NFD'), s.normalize('NFD').replace(/\p{M}/gu, ''), s.replace(/'/g, ''), s.replace(/'/g, '’'), s.replace(/-/g, '–')][how]!;
    fc.assert(
      fc.property(fc.constantFrom(...given), fc.constantFrom(...family), fc.nat(7), fc.nat(7), fc.nat(4), (g, f, hg, hf, form) => {
        const r = { ...demo, people: [...demo.people, { id: 'p-x', name: `${g} ${f}`, kind: 'family' as const, role: 'Aunt', organisation: '', pseudonym: 'the aunt', actsForId: null, consentHeld: false, thirdParty: true }] };
        const written = [`${spell(g, hg)} ${spell(f, hf)}`, `Mrs ${spell(f, hf)}`, `${spell(f, hf)}’s`, spell(g, hg), `${[...g][0]}. ${spell(f, hf)}`][form]!;
        const hits = findLeaks(r, 'investigation-report', [{ where: 'PDF, page 1', text: `On 3 March ${written} rang the office.` }]);
        expect(hits.map((h) => h.personId), written).toContain('p-x');
      }),
      { numRuns: 300 },
    );
  });
});
