import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentService } from '../../../main/services/attachments/attachmentService';
import { CaseService } from '../../../main/services/cases/caseService';
import { UserError } from '../../../main/services/errors';
import { docxToRich } from '../../../main/services/import/docxToRich';
import { search, searchDetailed, toFtsQuery } from '../../../main/services/search/searchIndex';
import { CaseStore } from '../../../main/services/store/caseStore';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { richToPlain } from '../../../shared/domain/richText';
import { SAMPLE_EML, makeDocx, makePdf } from '../../fixtures/makeFiles';
import { GOOD_PASSPHRASE, storeFiles, tempDir } from '../../helpers/tmp';

function openStore() {
  const file = path.join(tempDir(), 'cases.cwstore');
  const store = CaseStore.create(file, GOOD_PASSPHRASE, { actor: 'IO' });
  const cases = new CaseService(() => store.db, 'IO');
  const files = new AttachmentService(() => store.db, 'IO');
  const c = cases.create(buildDemoCase('2026-11-27'));
  return { file, store, cases, files, c };
}

async function rejects(p: Promise<unknown>, re: RegExp) {
  await expect(p).rejects.toBeInstanceOf(UserError);
  await expect(p).rejects.toThrow(re);
}

describe('attachments inside the encrypted store', () => {
  it('finds a phrase inside an attached PDF, on the right page, without it ever being on disk in the clear', async () => {
    const { file, store, files, c } = openStore();
    const pdf = await makePdf([['Placement plan, page one.'], ['Review notes.', 'The placement moved with only two days notice XYLOPHONE-7731.']]);
    const a = await files.add(c.id, 'placement-plan.pdf', pdf);
    expect(a).toMatchObject({ mimeType: 'application/pdf', size: pdf.length, textProblem: null });
    const hits = search(store.db, 'two days notice');
    expect(hits[0]).toMatchObject({ kind: 'attachment', itemId: a.id, caseId: c.id, reference: 'DEMO-ST2-0001', page: 2 });
    expect(hits[0]!.snippet).toMatch(/\[\[two\]\] \[\[days\]\] \[\[notice\]\]/);
    expect(search(store.db, '"only two days"')[0]?.itemId).toBe(a.id);
    expect(search(store.db, 'xylophone')).toHaveLength(1);
    expect(files.read(a.id).data.equals(pdf)).toBe(true);
    for (const f of storeFiles(file)) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from('XYLOPHONE-7731'))).toBe(false);
      expect(bytes.includes(Buffer.from('%PDF-'))).toBe(false);
    }
    store.lock();
  });

  it('reads the text of Word files and e-mails for search', async () => {
    const { store, files, c } = openStore();
    await files.add(c.id, 'notes.docx', await makeDocx());
    await files.add(c.id, 'email.eml', Buffer.from(SAMPLE_EML));
    expect(search(store.db, 'unplanned').map((h) => h.title)).toContain('notes.docx');
    expect(search(store.db, 'fortnightly').map((h) => h.title)).toContain('email.eml');
    // Diacritics are folded: "Zoe" finds "Zoë".
    expect(search(store.db, 'zoe nowak').some((h) => h.title === 'email.eml')).toBe(true);
    store.lock();
  });

  it('refuses files it cannot take, with the reason, and stores nothing', async () => {
    const { store, files, c } = openStore();
    await rejects(files.add(c.id, 'run.exe', Buffer.from('MZ...')), /not a kind of file the evidence register takes/);
    await rejects(files.add(c.id, 'fake.pdf', Buffer.from('hello, not a pdf')), /does not contain what its name says \(PDF\)/);
    await rejects(files.add(c.id, 'empty.txt', Buffer.alloc(0)), /is empty/);
    await rejects(files.add(c.id, 'huge.txt', Buffer.alloc(50 * 1024 * 1024 + 1, 97)), /more than the 50 MB/);
    await rejects(files.add('no-such-case', 'a.txt', Buffer.from('text')), /not in this store/);
    expect(files.list(c.id)).toEqual([]);
    store.lock();
  });
});

describe('search', () => {
  it('covers everything in the case and opens at the place found', async () => {
    const { store, cases, c } = openStore();
    const rec = cases.get(c.id).record;
    cases.update(c.id, c.revision, {
      ...rec,
      chronology: [{ id: 'ch1', date: '2023-03', event: 'Family time reduced to fortnightly by the team manager', pointIds: [rec.points[1]!.id], key: true }],
    });
    expect(search(store.db, 'fortnightly team')[0]).toMatchObject({ kind: 'chronology', itemId: 'ch1', title: 'March 2023' });
    expect(search(store.db, 'transport')[0]).toMatchObject({ kind: 'point', itemId: rec.points[3]!.id, title: 'Point 4' });
    expect(search(store.db, 'Kieran').map((h) => h.kind)).toContain('case');
    store.lock();
  });

  it('ranks only the newest matches when a query matches nearly everything, and says so', async () => {
    const { store, files, c } = openStore();
    for (let i = 0; i < 6; i++) await files.add(c.id, `note-${i}.txt`, Buffer.from(`common word here, number ${i}`));
    expect(searchDetailed(store.db, 'common', 50, 100)).toMatchObject({ capped: false });
    expect(searchDetailed(store.db, 'common', 50, 100).hits).toHaveLength(6);
    const capped = searchDetailed(store.db, 'common', 50, 3);
    expect(capped.capped).toBe(true);
    expect(capped.hits.map((h) => h.title).sort()).toEqual(['note-3.txt', 'note-4.txt', 'note-5.txt']);
    store.lock();
  });

  it('treats the search box as words, never as query syntax', () => {
    expect(toFtsQuery('two days')).toBe('"two" "days"*');
    expect(toFtsQuery('"two days" notice')).toBe('"two days" "notice"*');
    expect(toFtsQuery('NEAR(a b) OR -x "')).toBe('"NEAR" "a" "b" "OR" "x"');
    expect(toFtsQuery('   ')).toBeNull();
    const { store } = openStore();
    for (const q of ['"', 'AND', '*', 'a:b', '((', 'NOT x', "o'brien"]) expect(() => search(store.db, q)).not.toThrow();
    store.lock();
  });
});

describe('interview notes from Word', () => {
  it('keeps headings, lists and emphasis', async () => {
    const { doc } = await docxToRich(await makeDocx());
    const types = (doc.content ?? []).map((n) => n.type);
    expect(types).toEqual(['heading', 'paragraph', 'bulletList', 'paragraph']);
    const para = doc.content![1]!;
    expect(para.content).toEqual([
      { type: 'text', text: 'The manager said the move was ' },
      { type: 'text', text: 'urgent', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' and ' },
      { type: 'text', text: 'unplanned', marks: [{ type: 'italic' }] },
      { type: 'text', text: '.' },
    ]);
    expect(doc.content![2]!.content).toHaveLength(2);
    expect(richToPlain(doc)).toContain('Second concern raised');
  });

  it('refuses a file that is not a .docx', async () => {
    await expect(docxToRich(Buffer.from('not a word file'))).rejects.toThrow(/not a Word \.docx document/);
  });
});

describe('the search index on save', () => {
  it('re-indexes only what changed and forgets what was removed', async () => {
    const { store, cases, c } = openStore();
    const rows = () => (store.db.prepare('SELECT count(*) AS n FROM search_index').get() as { n: number }).n;
    const rowidOf = (kind: string, itemId: string) =>
      (store.db.prepare('SELECT fts_rowid AS r FROM search_rows WHERE case_id = ? AND kind = ? AND item_id = ?').get(c.id, kind, itemId) as { r: number } | undefined)?.r;
    const before = rows();
    const person = rowidOf('person', 'person-jordan');
    const rec = cases.get(c.id);
    const changed = cases.update(c.id, rec.revision, { ...rec.record, chronology: rec.record.chronology.map((e) => (e.id === 'chron-1' ? { ...e, event: 'Leave cover arranged late by the PELICAN team' } : e)) });
    expect(rows()).toBe(before);
    expect(rowidOf('person', 'person-jordan')).toBe(person); // untouched
    expect(search(store.db, 'pelican')[0]).toMatchObject({ kind: 'chronology', itemId: 'chron-1' });
    cases.update(c.id, changed.revision, { ...changed.record, chronology: changed.record.chronology.filter((e) => e.id !== 'chron-1') });
    expect(search(store.db, 'pelican')).toEqual([]);
    expect(rows()).toBe(before - 1);
    store.lock();
  });
});
