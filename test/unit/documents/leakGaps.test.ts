import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseService } from '../../../main/services/cases/caseService';
import { DocumentService } from '../../../main/services/documents/documentService';
import { findLeaks } from '../../../main/services/documents/leakCheck';
import { foldName } from '../../../shared/documents/fold';
import { nameFinder } from '../../../shared/documents/names';
import { findPlainNames } from '../../../shared/documents/plainNames';
import { AMBIGUOUS, pseudonymiser } from '../../../shared/documents/pseudonymise';
import { buildDocument } from '../../../shared/documents/build';
import { modelText } from '../../../shared/documents/model';
import { caseRecordSchema } from '../../../shared/domain/case';
import type { Person } from '../../../shared/domain/investigation';
import { docxParts, docxText, tool, writeTemp } from '../../helpers/documents';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';
import { hardCase } from './hardCase';

/**
 * Ways a name got past both the pseudonymiser and the leak check (the leak2 review): each test here failed
 * before its fix.
 */

const TODAY = '2026-11-27';
const person = (id: string, name: string, pseudonym: string, extra: Partial<Person> = {}): Person => ({
  id, name, kind: 'staff', role: '', organisation: '', pseudonym, actsForId: null, consentHeld: false, thirdParty: true, ...extra,
});
const mary = person('mary', "Mary O'Neill", 'the grandmother', { kind: 'family' });
const lucja = person('lucja', 'Łucja Wójcik', 'Teacher 3');
const hans = person('hans', 'Hans Strauß', 'the uncle', { kind: 'family' });
const tom = person('tom', 'Tom Jones', 'Carer 1');
const jordan = person('jordan', 'Jordan Blake', 'Social Worker 1');
const jo = person('jo', 'Jo Hart', 'Manager 1');

describe('a family’s name in the plural', () => {
  const find = nameFinder([mary, lucja, hans, tom, jordan, jo]);
  const found = (t: string) => find(t).map((h) => `${h.text}=${h.personIds.join('+')}${h.plural ? ' (plural)' : ''}`);

  it('is found after "the" or "both", or with a plural possessive’s apostrophe, ending and all', () => {
    expect(found('The Blakes moved away.')).toEqual(['Blakes=jordan (plural)']);
    expect(found('the O’Neills’ flat was cold')).toEqual(['O’Neills’=mary (plural)']);
    expect(found("THE O'NEILLS came")).toEqual(["O'NEILLS=mary (plural)"]);
    expect(found('at the Wojciks house')).toEqual(['Wojciks=lucja (plural)']);
    expect(found('the Wójciks’ car')).toEqual(['Wójciks’=lucja (plural)']);
    expect(found('both Strausses agreed')).toEqual(['Strausses=hans (plural)']);
    expect(found('the Joneses came')).toEqual(['Joneses=tom (plural)']);
  });

  it('is not another name that happens to end in s, and a possessive stays a possessive', () => {
    expect(found('Jos rang')).toEqual([]);
    expect(found('Blakes rang')).toEqual([]);
    expect(found('the Jons came')).toEqual([]);
    expect(found('Jordan Blake’s report')).toEqual(['Jordan Blake=jordan']);
    expect(found('Mrs O’Neill’s note')).toEqual(['Mrs O’Neill=mary']);
  });

  it('becomes "[name removed]" in the complainant’s version, and never the name', () => {
    const fn = pseudonymiser([mary, lucja, hans, tom, jordan]);
    expect(fn('The O’Neills’ flat was cold; the Blakes and both Strausses were told.')).toBe(`The ${AMBIGUOUS} flat was cold; the ${AMBIGUOUS} and both ${AMBIGUOUS} were told.`);
    expect(fn('Mrs O’Neill’s note')).toBe('The grandmother’s note');
  });

  it('is reported by the leak check', () => {
    const r = hardCase();
    const hits = findLeaks(r, 'investigation-report', [{ where: 'PDF, page 1', text: 'We visited the O’Neills and the Wójciks’ house.' }]);
    expect(hits.map((h) => [h.personId, h.matched])).toEqual([['p-mary', 'O’Neills'], ['p-lucja', 'Wójciks’']]);
  });

  it('is found whatever the surname, its spelling and the plural (property)', () => {
    // Not "Nowak" or "Ó Súilleabháin": the hard case's complainant (named on its Overview) shares them.
    const family = ['Wójcik', 'Yılmaz', 'Llŷr', 'Popescu', "O'Neill", 'Smith-Jones', 'Strauß', 'Kowalczyk', 'Nguyễn', 'Ó Briain', 'Đặng'];
    const spell = (s: string, how: number) => [s, s.toUpperCase(), s.normalize('NFD'), s.normalize('NFD').replace(/\p{M}/gu, ''), s.replace(/'/g, '’')][how]!;
    fc.assert(
      fc.property(fc.constantFrom(...family), fc.nat(4), fc.constantFrom('the ', 'The ', 'both ', 'all the '), fc.constantFrom('', '’', "'"), (f, how, lead, apos) => {
        const p = person('x', `Ann ${f}`, 'the aunt', { kind: 'family' });
        const spelt = spell(f, how);
        const plural = /(?:s|x|z|ch|sh|ß)$/iu.test(f) ? 'es' : 's';
        const text = `Later ${lead}${spelt}${spelt === spelt.toUpperCase() && /\p{Lu}/u.test(spelt) ? plural.toUpperCase() : plural}${apos} home was visited.`;
        const out = pseudonymiser([p])(text);
        expect(foldName(out), text).not.toContain(foldName(f));
        expect(findLeaks({ ...hardCase(), people: [p] }, 'investigation-report', [{ where: 'PDF, page 1', text }]).map((h) => h.personId), text).toContain('x');
      }),
      { numRuns: 200 },
    );
  });
});

describe('invisible characters inside a name', () => {
  it('are read past, as a reader’s eye reads past them (every format character, not only the zero-width ones)', () => {
    const find = nameFinder([jordan]);
    for (const ch of ['\u2062', '\u2063', '\u2064', '\u2066', '\u2069', '\u180e', '\u061c', '\u{e0041}', '\u00ad', '\u200b']) {
      const text = `On Monday Jor${ch}dan Bla${ch}ke rang.`;
      expect(find(text).map((h) => h.personIds[0]), JSON.stringify(text)).toEqual(['jordan']);
    }
    expect(pseudonymiser([jordan])('Jor\u2063dan Bla\u2062ke rang.')).toBe('Social Worker 1 rang.');
  });
});

describe('end to end: the complainant’s report of a case whose notes use the families’ names in the plural', () => {
  it('prints none of them, in Word or PDF, and the leak check passes it', async () => {
    const store = (await import('../../../main/services/store/caseStore')).CaseStore.create(path.join(tempDir(), 'g.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const docs = new DocumentService(() => store.db, 'IO');
    const base = hardCase();
    const c = cases.create({
      ...caseRecordSchema.parse({ ...base, reference: 'GAPS-1' }),
      summary: 'The O’Neills’ flat was cold when the Wójciks visited; both Strausses wrote. Jor\u2063dan Bla\u2062ke rang.',
    });
    const model = docs.current(c, 'investigation-report', 'complainant', TODAY);
    const dir = tempDir();
    const pdfText = tool('pdftotext', ['-enc', 'UTF-8', writeTemp(dir, 'r.pdf', await docs.render(model, 'pdf')), '-']);
    const wordText = Object.values(await docxParts(await docs.render(model, 'docx'))).map(docxText).join('\n');
    for (const text of [pdfText, wordText]) {
      const folded = foldName(text);
      for (const part of ['oneill', 'wojcik', 'strauss', 'jordan', 'blake']) expect(folded, part).not.toContain(part);
    }
    expect(await docs.check(c, model)).toEqual([]);
    store.lock();
  });
});

describe('the case reference and the protective marking', () => {
  it('shield only themselves, as whole words: a short reference no longer hides every name it is part of', () => {
    const r = { ...hardCase(), reference: 'RAUS' };
    // "Strauß" folds to "strauss", which holds "raus": before, the whole name was taken for the reference.
    expect(findLeaks(r, 'investigation-report', [{ where: 'PDF, page 1', text: 'Then Strauß wrote to the school.' }]).map((h) => h.personId)).toEqual(['p-hans']);
    expect(findLeaks({ ...hardCase(), reference: 'AN 1' }, 'investigation-report', [{ where: 'PDF, page 1', text: 'Then Hans wrote.' }]).map((h) => h.personId)).toEqual(['p-hans']);
    // The reference itself is still never a name inside the text.
    expect(findLeaks({ ...hardCase(), reference: 'HOPE-7' }, 'investigation-report', [{ where: 'PDF, page 1', text: 'Case HOPE-7, page 2' }])).toEqual([]);
  });

  it('are checked themselves: a reference or marking that names someone is reported once each, and refuses the export', async () => {
    const store = (await import('../../../main/services/store/caseStore')).CaseStore.create(path.join(tempDir(), 'r.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const docs = new DocumentService(() => store.db, 'IO');
    const base = caseRecordSchema.parse(hardCase());
    // The council files the case under the child's name; the complainant's report names the child nowhere else.
    const c = cases.create({ ...base, reference: 'KIERAN NOWAK ST2', council: { ...base.council, protectiveMarking: 'OFFICIAL-SENSITIVE WOJCIK' } });
    const hits = await docs.check(c, docs.current(c, 'investigation-report', 'complainant', TODAY));
    expect(hits.filter((h) => !h.where.startsWith('file name')).map((h) => [h.where, h.person, h.matched])).toEqual([
      ['case reference (every page header and the file names)', 'Kieran Nowak', 'KIERAN NOWAK'],
      ['protective marking (every page header)', 'Łucja Wójcik', 'WOJCIK'],
    ]);
    await expect(docs.guard(c, docs.current(c, 'investigation-report', 'complainant', TODAY))).rejects.toMatchObject({ code: 'LEAK' });
    // The demo's own reference and marking name nobody.
    const demo = cases.create({ ...base, reference: 'GAPS-2' });
    expect((await docs.check(demo, docs.current(demo, 'ip-report', 'complainant', TODAY))).filter((h) => /^case reference|^protective marking/.test(h.where))).toEqual([]);
    store.lock();
  });
});

describe('a name inside an e-mail address', () => {
  it('is found whole, however the address is built from the name, and not in an address that only looks alike', () => {
    const find = nameFinder([jordan, lucja, person('lee', 'Marcus Lee', 'Manager 2'), person('anna', 'Anna Smith-Jones', 'the IRO')]);
    const found = (t: string) => find(t).map((h) => `${h.text}=${h.personIds.join('+')}`);
    expect(found('An e-mail from jordanb@harrowfield.gov.uk at 9.')).toEqual(['jordanb@harrowfield.gov.uk=jordan']);
    expect(found('cc blakej@harrowfield.gov.uk; jblake2@school.example; J.Blake@x.org')).toEqual(['blakej@harrowfield.gov.uk=jordan', 'jblake2@school.example=jordan', 'J.Blake@x.org=jordan']);
    expect(found('lucja@wojcik-family.example and ajones@school.example and smith-jones.a@school.example')).toEqual(['lucja@wojcik-family.example=lucja', 'ajones@school.example=anna', 'smith-jones.a@school.example=anna']);
    // "Lee" is not "leeds", nor "care" anyone.
    expect(found('complaints.leeds@x.gov.uk, socialcare@x.gov.uk')).toEqual([]);
  });

  it('becomes the person’s alias in the complainant’s version, and the leak check reports one left in the letterhead', () => {
    expect(pseudonymiser([jordan])('E-mails from jordanb@harrowfield.gov.uk were not answered.')).toBe('E-mails from Social Worker 1 were not answered.');
    const r = caseRecordSchema.parse(hardCase());
    const hits = findLeaks(r, 'investigation-report', [{ where: 'Word, document body', text: 'Contact: blakej@harrowfield.gov.uk' }]);
    expect(hits.map((h) => [h.personId, h.matched])).toEqual([['person-jordan', 'blakej@harrowfield.gov.uk']]);
  });

  it('and a user name as a case system logs it ("BLAKEJ", "jblake2", "jordan_b") are found too, but not "ANNE" for Ann or "JANE" for Jan', () => {
    const find = nameFinder([jordan, person('ann', 'Ann Lee', 'Manager 4'), person('jan', 'Jan Kowalski', 'the father', { kind: 'family' })]);
    const found = (t: string) => find(t).map((h) => `${h.text}=${h.personIds.join('+')}`);
    expect(found('Case note entered by BLAKEJ on 12/03/2026; updated by jblake2, then jordan_b and JORDANB.')).toEqual(['BLAKEJ=jordan', 'jblake2=jordan', 'jordan_b=jordan', 'JORDANB=jordan']);
    expect(found('ANNE SAID THAT JANE WOULD CALL. Version 2_draft, point_1, DEMO-ST2-0001.')).toEqual([]);
    expect(pseudonymiser([jordan])('Case note entered by BLAKEJ on 12/03/2026.')).toBe('Case note entered by Social Worker 1 on 12/03/2026.');
  });

  it('is not offered as a mention (converting it would print the name where the address was)', () => {
    const r = caseRecordSchema.parse({ ...hardCase(), summary: 'Write to jordanb@harrowfield.gov.uk.' });
    expect(findPlainNames(r).filter((x) => x.text.includes('@'))).toEqual([]);
  });

  it('is found for any hard surname and any usual way of building the address (property)', () => {
    const given = ['Łucja', 'İlkay', 'Siân', 'Ștefan', 'Aoife', 'Bartłomiej'];
    const family = ['Wójcik', 'Yılmaz', 'Popescu', 'Strauß', 'Nowak', 'Kowalczyk', "O'Neill"];
    fc.assert(
      fc.property(fc.constantFrom(...given), fc.constantFrom(...family), fc.nat(5), fc.nat(99), (g, f, how, n) => {
        const p = person('x', `${g} ${f}`, 'the aunt');
        const gf = foldName(g).replace(/[^a-z]/g, '');
        const ff = foldName(f).replace(/[^a-z]/g, '');
        const local = [`${gf}.${ff}`, `${gf[0]}${ff}`, `${ff}${gf[0]}`, `${gf}${ff[0]}`, `${gf[0]}.${ff}${n}`, `${ff}.${gf}`][how]!;
        const text = `Sent to ${local}@council.example on Monday.`;
        expect(pseudonymiser([p])(text), text).toBe('Sent to the aunt on Monday.');
      }),
      { numRuns: 200 },
    );
  });
});

describe('letters from another script that look Latin', () => {
  it('do not hide a name ("Jоrdan Blаke" with a Cyrillic о and а, "ΗOPE" with a Greek Η), and Greek and Cyrillic names still find themselves', () => {
    const find = nameFinder([jordan, person('olga', 'Ольга Петрова', 'the aunt'), person('giorgos', 'Γιώργος Παπαδόπουλος', 'Doctor 1'), person('hope', 'Hope Rose', 'Health Visitor 1')]);
    const ids = (t: string) => find(t).map((h) => h.personIds.join('+'));
    expect(ids('On Monday J\u043erdan Bl\u0430ke rang.')).toEqual(['jordan']);
    expect(ids('Then B\u039bAKE rang.')).toEqual([]);
    expect(ids('Then \u0392LAKE rang and Mrs \u0397OPE wrote.')).toEqual(['jordan', 'hope']);
    expect(ids('ОЛЬГА ПЕТРОВА and Петрова; ΠΑΠΑΔΟΠΟΥΛΟΣ and Dr Παπαδοπουλος.')).toEqual(['olga', 'olga', 'giorgos', 'giorgos']);
    expect(pseudonymiser([jordan])('J\u043erdan Bl\u0430ke rang.')).toBe('Social Worker 1 rang.');
  });
});

describe('a name that is also an ordinary word, at the start of a sentence', () => {
  it('is found when a person’s verb follows it, and left alone otherwise', () => {
    const grace = person('grace', 'Grace Hill', 'Teacher 1');
    const will = person('will', 'Will Mayer', 'Manager 3');
    const find = nameFinder([grace, will, person('hope', 'Hope Rose', 'Health Visitor 1')]);
    const found = (t: string) => find(t).map((h) => `${h.text}=${h.personIds.join('+')}`);
    expect(found('Grace rang the office. Will said no. Hope visited on Monday.')).toEqual(['Grace=grace', 'Will=will', 'Hope=hope']);
    expect(found('Grace, who was on leave, said nothing.')).toEqual([]);
    expect(found('Hope is fading. Will the council act? Grace periods apply.')).toEqual([]);
    expect(pseudonymiser([grace, will])('Grace rang the office. Will said no.')).toBe('Teacher 1 rang the office. Manager 3 said no.');
  });
});

describe('other names a person goes by (the register’s “also known as”)', () => {
  it('are found and replaced like the name, and reported by the leak check with the registered name', () => {
    const kez = person('kez', 'Kieran Nowak', 'Child A', { kind: 'child', alsoKnownAs: 'Kez, Kieran Nowak-Hale; Kiki' });
    const fn = pseudonymiser([kez]);
    expect(fn('Kez told his teacher; KEZ’s bag; Kieran Nowak-Hale moved; Kiki cried.')).toBe('Child A told his teacher; Child A’s bag; Child A moved; Child A cried.');
    const r = { ...caseRecordSchema.parse(hardCase()), people: [kez] };
    expect(findLeaks(r, 'investigation-report', [{ where: 'PDF, page 2', text: 'At school Kez was upset.' }]).map((h) => [h.person, h.matched])).toEqual([['Kieran Nowak', 'Kez']]);
  });

  it('is optional: a record or case file from before reads, and a list too long is refused with a sentence', () => {
    const r = caseRecordSchema.parse(hardCase());
    expect(r.people.every((p) => p.alsoKnownAs === undefined)).toBe(true);
    const long = caseRecordSchema.safeParse({ ...hardCase(), people: [{ ...hardCase().people[0]!, alsoKnownAs: 'x'.repeat(301) }] });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe('must be at most 300 characters');
  });

  it('keep a nickname out of the complainant’s report end to end', async () => {
    const store = (await import('../../../main/services/store/caseStore')).CaseStore.create(path.join(tempDir(), 'k.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const docs = new DocumentService(() => store.db, 'IO');
    const base = caseRecordSchema.parse(hardCase());
    const people = base.people.map((p) => (p.id === 'p-hans' ? { ...p, alsoKnownAs: 'Hansi' } : p));
    const c = cases.create({ ...base, reference: 'AKA-1', people, summary: 'Hansi collected the child from school on Fridays.' });
    const model = docs.current(c, 'investigation-report', 'complainant', TODAY);
    const wordText = Object.values(await docxParts(await docs.render(model, 'docx'))).map(docxText).join('\n');
    expect(wordText).not.toMatch(/Hansi/i);
    expect(wordText).toContain('The uncle collected the child');
    // The council's text as it was, had the pseudonymiser not known the nickname, is caught by the leak check.
    const leaky = { ...model, blocks: [...model.blocks, { type: 'paragraph' as const, runs: [{ text: 'Hansi collected the child.' }] }] };
    expect((await docs.check(c, leaky)).map((h) => h.person)).toContain('Hans Strauß');
    store.lock();
  });
});

describe('people the Overview names whom the register does not hold by that name', () => {
  it('are replaced in the complainant’s report and looked for by the leak check; a letter still names the child', async () => {
    const store = (await import('../../../main/services/store/caseStore')).CaseStore.create(path.join(tempDir(), 'o.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const docs = new DocumentService(() => store.db, 'IO');
    const base = caseRecordSchema.parse(hardCase());
    // The child's name was corrected on the Overview, not in the register; a representative was added on the
    // Overview later and never put in the register.
    const people = base.people.map((p) => (p.id === 'person-kieran' ? { ...p, name: 'Keiran Nowak' } : p));
    const c = cases.create({
      ...base,
      reference: 'OVR-1',
      people,
      representative: { name: 'Tomasz Zieliński', writtenConsentHeld: false },
      summary: 'Tomasz Zieliński rang on behalf of the family; Kieran was upset.',
    });
    const model = docs.current(c, 'investigation-report', 'complainant', TODAY);
    const wordText = Object.values(await docxParts(await docs.render(model, 'docx'))).map(docxText).join('\n');
    for (const gone of ['Kieran', 'Zieli', 'Tomasz']) expect(wordText, gone).not.toContain(gone);
    expect(await docs.check(c, model)).toEqual([]);
    // What the pseudonymiser would have missed is what the leak check now reports.
    const leaky = { ...model, blocks: [...model.blocks, { type: 'paragraph' as const, runs: [{ text: 'Kieran and Mr Zieliński met.' }] }] };
    expect(new Set((await docs.check(c, leaky)).map((h) => h.person))).toEqual(new Set(['Kieran Nowak', 'Tomasz Zieliński']));
    // The adjudication letter is to the complainant about her child: it names him, as before.
    const letter = docs.current(c, 'adjudication-letter', 'complainant', TODAY);
    const letterText = Object.values(await docxParts(await docs.render(letter, 'docx'))).map(docxText).join('\n');
    expect(letterText).toContain('Kieran');
    expect(await docs.check(c, letter)).toEqual([]);
    store.lock();
  });
});

describe('every way of writing a name found in this review, in every text field that reaches the complainant’s report (property)', () => {
  const KINDS = ['investigation-report', 'ip-report', 'adjudication-letter', 'statement-of-complaint', 'panel-report', 'council-response'] as const;
  it('never leaves the surname in the complainant’s version', () => {
    const given = ['Łucja', 'İlkay', 'Siân', 'Ștefan', 'Aoife', 'Thắng', 'Γιάννης'];
    // Surnames nobody in the hard case shares.
    const family = ['Kowalczyk', 'Wiśniewska', 'Yıldız', 'Đặng', 'Papadakis', 'Ó Briain', 'Szczęsny', 'Çelik', 'MacAulay'];
    const letters = (s: string) => foldName(s).replace(/[^\p{L}]/gu, '');
    const cyr: Record<string, string> = { o: 'о', a: 'а', e: 'е', c: 'с', p: 'р' };
    const forms = [
      (g: string, f: string) => `Then ${f} rang.`,
      (_g: string, f: string) => `Later the ${f}${/(?:s|x|z|ch|sh)$/iu.test(f) ? 'es' : 's'}’ flat was visited.`,
      (_g: string, f: string) => `A note of ${f}’s visit.`,
      (g: string, f: string) => `${g.toUpperCase()} ${f.toUpperCase()} WROTE.`,
      (g: string, f: string) => `${g.normalize('NFD')} ${f.normalize('NFD')} wrote.`,
      (g: string, f: string) => { const a = [...f]; const h = Math.ceil(a.length / 2); return `Then ${g} ${a.slice(0, h).join('')}\u2063${a.slice(h).join('')} wrote.`; },
      (g: string, f: string) => `E-mails from ${letters(g)[0]}${letters(f)}@council.example went unanswered.`,
      (_g: string, f: string) => `Mrs ${f} agreed.`,
      (g: string, f: string) => `${[...g][0]}. ${f} signed.`,
      (_g: string, f: string) => `Then ${[...f].map((ch) => cyr[ch] ?? ch).join('')} rang.`,
    ];
    const base = caseRecordSchema.parse(hardCase());
    fc.assert(
      fc.property(fc.constantFrom(...given), fc.constantFrom(...family), fc.nat(forms.length - 1), fc.nat(4), fc.constantFrom(...KINDS), (g, f, how, where, kind) => {
        const text = forms[how]!(g, f);
        const p = person('p-x', `${g} ${f}`, 'the aunt', { kind: 'family' });
        const withText = [
          { summary: text },
          { chronology: [...base.chronology, { id: 'c-p', date: '2026-05', event: text, pointIds: ['point-1'], key: true }] },
          { evidence: [...base.evidence, { id: 'e-p', ref: 'E99', title: text.slice(0, 300), source: 'Council', date: '2026-02-10', description: '', attachmentId: null, pointIds: [], extracts: [] }] },
          { recommendations: base.recommendations.map((x, i) => (i === 0 ? { ...x, text } : x)) },
          { points: base.points.map((x, i) => (i === 0 ? { ...x, summary: text } : x)) },
        ][where]!;
        const r = caseRecordSchema.parse({ ...base, people: [...base.people, p], ...withText });
        const out = foldName(modelText(buildDocument(kind, r, { today: TODAY, variant: 'complainant', draft: { version: 1 } })));
        const surname = foldName(f).split(' ').at(-1)!;
        expect(out.includes(surname), `${text} (field ${where}, ${kind})`).toBe(false);
      }),
      { numRuns: Number(process.env.LEAK_RUNS ?? 150) },
    );
  });
});
