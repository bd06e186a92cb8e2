import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AttachmentService } from '../../../main/services/attachments/attachmentService';
import { CaseService } from '../../../main/services/cases/caseService';
import { search, toFtsQuery } from '../../../main/services/search/searchIndex';
import { ALIAS_SEPARATOR, aliasesOf, bodyAsWritten, bodyForIndex, cyrillicToLatin, greekToLatin, searchFold } from '../../../main/services/search/fold';
import { makeSnippet, termsOf } from '../../../main/services/search/snippet';
import { CaseStore } from '../../../main/services/store/caseStore';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

const snip = (text: string, query: string) => makeSnippet(text, termsOf(toFtsQuery(query)!));

describe('search result snippets (made from the row, not by FTS5 walking every match again)', () => {
  it('marks the query words as the index reads them: case, accents and the word still being typed', () => {
    expect(snip('Zoë Nowak met Łukasz Wróblewski at the school.', 'zoe ŁUKASZ')).toBe('[[Zoë]] Nowak met [[Łukasz]] Wróblewski at the school.');
    expect(snip('The social worker socialised the plan.', 'soc')).toBe('The [[social]] worker [[socialised]] the plan.');
    // Only the last word is a prefix: "the" does not mark "there".
    expect(snip('There the placement ended.', 'the plac')).toBe('There [[the]] [[placement]] ended.');
    expect(snip("Siobhán O'Brien-Nguyễn spoke to Çağlar.", 'nguyen caglar')).toBe("Siobhán O'Brien-[[Nguyễn]] spoke to [[Çağlar]].");
  });

  it('shows sixteen words around the densest place, with … where the text goes on', () => {
    const before = Array.from({ length: 40 }, (_x, i) => `w${i}`).join(' ');
    const after = Array.from({ length: 40 }, (_x, i) => `v${i}`).join(' ');
    const s = snip(`${before} transport delayed ${after}`, 'transport delayed');
    expect(s).toBe('…w37 w38 w39 [[transport]] [[delayed]] v0 v1 v2 v3 v4 v5 v6 v7 v8 v9 v10…');
    // The window with both words wins over an earlier one with one.
    expect(snip(`transport ${before} transport delayed`, 'transport delayed')).toMatch(/\[\[transport\]\] \[\[delayed\]\]$/);
    // Nothing to mark in the body (the match was in the title): the opening words.
    expect(snip(`${before}`, 'zzz')).toBe(`${before.split(' ').slice(0, 16).join(' ')}…`);
    expect(snip('', 'x')).toBe('');
  });

  it('for any text and query, is a piece of the text with only query words marked', () => {
    const word = fc.constantFrom('the', 'social', 'Zoë', 'Łukasz', 'Çağlar', 'Ελένη', 'Nguyễn', "O'Brien", 'May', 'Hope-Smith', 'J.', '2026', 'placement');
    fc.assert(
      fc.property(fc.array(word, { minLength: 0, maxLength: 60 }), fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', ', ', '\n'), (ws, qs, sep) => {
        const text = ws.join(sep);
        const fts = toFtsQuery(qs.join(' '));
        if (!fts) return;
        const terms = termsOf(fts);
        const s = makeSnippet(text, terms);
        expect(text.includes(s.replace(/^…|…$/g, '').replaceAll('[[', '').replaceAll(']]', ''))).toBe(true);
        for (const m of s.matchAll(/\[\[([^\]]*)\]\]/g)) {
          const f = searchFold(m[1]!);
          expect(terms.words.has(f) || terms.prefixes.some((p) => f.startsWith(p))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the store search its snippets', async () => {
    const store = CaseStore.create(path.join(tempDir(), 's.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const c = new CaseService(() => store.db, 'IO').create(buildDemoCase('2026-11-27'));
    await new AttachmentService(() => store.db, 'IO').add(c.id, 'note.txt', Buffer.from('Minutes. Ms Kowalczyk explained the delayed transport to Zoë.'));
    const hit = search(store.db, 'delayed transport zoe').find((h) => h.title === 'note.txt');
    expect(hit?.snippet).toBe('Minutes. Ms Kowalczyk explained the [[delayed]] [[transport]] to [[Zoë]].');
    store.lock();
  });

  it('finds names typed on an English keyboard: Ł, Đ, ı, Ø, ß and Greek accents, which the tokenizer does not fold', async () => {
    const store = CaseStore.create(path.join(tempDir(), 's.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const demo = buildDemoCase('2026-11-27');
    const names = ['Łukasz Wróblewski', 'Đặng Văn Minh', 'Işıl Öztürk', 'Ελένη Παπαδοπούλου', 'Søren Østergaard'];
    const c = cases.create({
      ...demo,
      people: [...(demo.people ?? []), ...names.map((name, i) => ({ id: `hard-${i}`, name, kind: 'staff' as const, role: 'Social worker', pseudonym: `Worker ${i + 1}` }))],
    });
    await new AttachmentService(() => store.db, 'IO').add(c.id, 'minutes.txt', Buffer.from('Present: Łukasz Wróblewski, Đặng Văn Minh and Ελένη Παπαδοπούλου. Herr Weiß took the minutes.'));
    for (const [query, person] of [['lukasz wroblewski', 0], ['dang van minh', 1], ['isil ozturk', 2], ['ελενη', 3], ['soren ostergaard', 4], ['Ostergaa', 4]] as const) {
      expect(search(store.db, query).map((h) => h.title), query).toContain(names[person]);
    }
    const minutes = search(store.db, 'lukasz dang weiss').find((h) => h.title === 'minutes.txt');
    expect(minutes?.snippet).toBe('Present: [[Łukasz]] Wróblewski, [[Đặng]] Văn Minh and Ελένη Παπαδοπούλου. Herr [[Weiß]] took the minutes.');
    // The aliases are for the index only: never in what is shown.
    for (const h of search(store.db, 'ελενη lukasz')) expect(h.snippet).not.toContain('\u241E');
    // Typed with the letters themselves, as before.
    expect(search(store.db, 'Łukasz').map((h) => h.title)).toContain('Łukasz Wróblewski');
    store.lock();
  });

  it('finds Greek names as written in Latin letters, in the standard spelling and the common one, and marks them', async () => {
    expect(['Ελένη', 'Θεόδωρος', 'Παπαδόπουλος', 'Ευθυμίου', 'Γιάννης', 'Μπακογιάννη', 'Ευαγγελία', 'ΧΡΉΣΤΟΣ'].map((w) => greekToLatin(searchFold(w)))).toEqual([
      ['eleni'], ['theodoros'], ['papadopoulos'], ['efthymiou', 'efthimiou'], ['giannis', 'yiannis'], ['mpakogianni', 'bakogianni'], ['evangelia'], ['christos'],
    ]);
    expect(greekToLatin('plain')).toEqual([]);
    const store = CaseStore.create(path.join(tempDir(), 's.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const demo = buildDemoCase('2026-11-27');
    const names = ['Θεόδωρος Παπαδόπουλος', 'Ευθυμία Μπακογιάννη', 'Γιάννης Ευθυμίου'];
    const c = cases.create({ ...demo, people: [...(demo.people ?? []), ...names.map((name, i) => ({ id: `gr-${i}`, name, kind: 'staff' as const, role: 'Social worker', pseudonym: `Worker ${i + 1}` }))] });
    await new AttachmentService(() => store.db, 'IO').add(c.id, 'notes.txt', Buffer.from('Ο κ. Θεόδωρος Παπαδόπουλος (Theodore) met Ms Ευθυμία Μπακογιάννη on Tuesday.'));
    for (const [query, person] of [['theodoros papadopoulos', 0], ['Papadopoulos', 0], ['bakogianni', 1], ['efthymia', 1], ['yiannis efthimiou', 2], ['giannis', 2], ['Παπαδόπουλος', 0]] as const) {
      expect(search(store.db, query).map((h) => h.title), query).toContain(names[person]);
    }
    const notes = search(store.db, 'papadopoulos bakogianni').find((h) => h.title === 'notes.txt');
    expect(notes?.snippet).toBe('Ο κ. Θεόδωρος [[Παπαδόπουλος]] (Theodore) met Ms Ευθυμία [[Μπακογιάννη]] on Tuesday.');
    // The last word is still a prefix while it is being typed, in Latin letters too.
    expect(search(store.db, 'theodoros papad').map((h) => h.title)).toContain(names[0]);
    expect(search(store.db, 'theodoros papad').find((h) => h.title === 'notes.txt')?.snippet).toContain('[[Θεόδωρος]] [[Παπαδόπουλος]]');
    // A word that is not the name's spelling finds nothing of it.
    expect(search(store.db, 'papadakis').map((h) => h.title)).toEqual([]);
    store.lock();
  });

  it('finds Ukrainian and Russian names as written in Latin letters (passport and common spellings), and marks them', async () => {
    expect(['Олександр', 'Шевченко', 'Юлія', 'Андрій', 'Григорій', 'Ольга', 'Зеленський', 'Сергей', 'Фёдор', 'Наталья'].map((w) => cyrillicToLatin(w))).toEqual([
      ['oleksandr'],
      ['shevchenko'],
      ['yuliia', 'yulia'],
      ['andrii', 'andriy'],
      ['hryhorii', 'hryhoriy'],
      ['olha', 'olga'],
      ['zelenskyi', 'zelenskyy', 'zelenskii', 'zelenskiy'],
      ['serhei', 'serhey', 'sergei', 'sergey'],
      ['fedor', 'fyodor'],
      ['natalia', 'natalya'],
    ]);
    expect(cyrillicToLatin('plain')).toEqual([]);
    expect(cyrillicToLatin('Ελένη')).toEqual([]);
    const store = CaseStore.create(path.join(tempDir(), 's.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const cases = new CaseService(() => store.db, 'IO');
    const demo = buildDemoCase('2026-11-27');
    const names = ['Олександр Шевченко', 'Юлія Ковальчук', 'Сергей Фёдоров', 'ГРИГОРІЙ ЗГУРСЬКИЙ'];
    const c = cases.create({ ...demo, people: [...(demo.people ?? []), ...names.map((name, i) => ({ id: `cy-${i}`, name, kind: 'staff' as const, role: 'Foster carer', pseudonym: `Carer ${i + 1}` }))] });
    await new AttachmentService(() => store.db, 'IO').add(c.id, 'notes.txt', Buffer.from('Олександр Шевченко (Sasha) spoke to Юлія Ковальчук at the contact centre.'));
    for (const [query, person] of [['oleksandr shevchenko', 0], ['Shevchenko', 0], ['yulia kovalchuk', 1], ['yuliia', 1], ['sergei fedorov', 2], ['sergey fyodorov', 2], ['hryhorii zghurskyi', 3], ['Шевченко', 0]] as const) {
      expect(search(store.db, query).map((h) => h.title), query).toContain(names[person]);
    }
    expect(search(store.db, 'shevchenko yulia').find((h) => h.title === 'notes.txt')?.snippet).toBe('Олександр [[Шевченко]] (Sasha) spoke to [[Юлія]] Ковальчук at the contact centre.');
    expect(search(store.db, 'oleksandr shev').find((h) => h.title === 'notes.txt')?.snippet).toContain('[[Олександр]] [[Шевченко]]');
    expect(search(store.db, 'shevchuk').map((h) => h.title)).toEqual([]);
    store.lock();
  });

  it('keeps the text as written behind its aliases, for any text', () => {
    expect(aliasesOf('Café Zoë Nguyễn İsmail plain')).toEqual([]);
    expect(aliasesOf('Łukasz', 'Đặng Weiß ΕΛΈΝΗ')).toEqual(['lukasz', 'dang', 'weiss', 'ελενη', 'eleni']);
    const piece = fc.constantFrom('Łukasz', 'Đặng', 'Işıl', 'Ελένη', 'Zoë', 'plain', '\u241E', ALIAS_SEPARATOR, '\n', ' ', '-', "O'Brien");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), fc.array(piece, { maxLength: 5 }).map((p) => p.join('')), (body, title) => {
        expect(bodyAsWritten(bodyForIndex(title, body))).toBe(body.replaceAll('\u241E', ' '));
      }),
      { numRuns: 300 },
    );
  });
});
