import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentService } from '../../../main/services/attachments/attachmentService';
import { DEFAULT_LIMITS, type ReadLimits } from '../../../main/services/attachments/limits';
import { CaseService } from '../../../main/services/cases/caseService';
import { UserError } from '../../../main/services/errors';
import { docxToRich } from '../../../main/services/import/docxToRich';
import { search } from '../../../main/services/search/searchIndex';
import { verifyAuditChain } from '../../../main/services/store/audit';
import { CaseStore } from '../../../main/services/store/caseStore';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { SAMPLE_EML, makeDocx, makePdf } from '../../fixtures/makeFiles';
import { docxBomb, docxManyParagraphs, docxWithText, elfExecutable, flateBombPdf, makeZip, manyPagesPdf, peExecutable, svgAsGif, tinyGif, tinyPng } from '../../fixtures/hostileFiles';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

function openStore(limits: Partial<ReadLimits> = {}) {
  const file = path.join(tempDir(), 'cases.cwstore');
  const store = CaseStore.create(file, GOOD_PASSPHRASE, { actor: 'IO' });
  const cases = new CaseService(() => store.db, 'IO');
  const files = new AttachmentService(() => store.db, 'IO', { ...DEFAULT_LIMITS, ...limits });
  const c = cases.create(buildDemoCase('2026-11-27'));
  return { file, store, cases, files, c };
}

/** A refusal is a UserError of one sentence, and the store is as it was. */
async function refused(p: Promise<unknown>, re: RegExp): Promise<string> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UserError);
  const msg = (e as UserError).message;
  expect(msg).toMatch(re);
  expect(msg.match(/[.!?](\s|$)/g)?.length).toBe(1);
  expect(msg).toMatch(/\.$/);
  return msg;
}

/** The 400 MB zip bomb, made once for the tests that use it (deflating 400 MB takes a few seconds). */
let bomb400: Promise<Buffer> | null = null;
const theBomb = () => (bomb400 ??= docxBomb(400));

function unchanged(store: CaseStore, files: AttachmentService, caseId: string) {
  expect(files.list(caseId)).toEqual([]);
  expect(store.db.prepare("SELECT count(*) AS n FROM search_index WHERE kind = 'attachment'").get()).toEqual({ n: 0 });
  expect(verifyAuditChain(store.db)).toEqual([]);
  expect(store.integrityProblems()).toEqual([]);
}

describe('hostile and huge files (issue 9)', () => {
  it('refuses a Word zip bomb attached as evidence before inflating it, and changes nothing', async () => {
    const bomb = await theBomb();
    expect(bomb.length).toBeLessThan(2 * 1048576);
    const { store, files, c } = openStore();
    await refused(files.add(c.id, 'statement.docx', bomb), /^statement\.docx unpacks to more than 32 MB of text and layout .* so it was not added; /);
    unchanged(store, files, c.id);
    store.lock();
  });

  it('refuses a Word zip bomb whose archive lies about its sizes', async () => {
    const liar = await docxBomb(200, { declaredSize: 5000 });
    const { store, files, c } = openStore();
    await refused(files.add(c.id, 'liar.docx', liar), /^liar\.docx unpacks to more than 32 MB/);
    unchanged(store, files, c.id);
    store.lock();
  });

  it('refuses the same zip bomb as interview notes, in one sentence', async () => {
    await refused(docxToRich(await theBomb()), /^The Word document unpacks to more than 32 MB .* so nothing was imported; /);
  });

  it('refuses interview notes longer than notes can hold', async () => {
    await refused(docxToRich(await docxWithText(600_000)), /^The Word document has [\d,]+ characters of text, more than the 500,000 interview notes can hold/);
  });

  it('indexes only the first pages of a 20,000-page PDF and says so', async () => {
    // The limit is lowered so the test stays quick on a busy machine; `npm run bench` reads the real 2,000.
    const { store, files, c } = openStore({ maxPdfPages: 40 });
    const a = await files.add(c.id, 'bundle.pdf', manyPagesPdf(20_000));
    expect(a.textNotice).toBe('Only the first 40 pages of this file are searchable (it has 20,000).');
    expect(search(store.db, '"Page 40 of the bundle"')).toHaveLength(1);
    expect(search(store.db, '"Page 41 of the bundle"')).toHaveLength(0);
    store.lock();
  });

  it('keeps the pages read so far when a long PDF would take too long, and says so', async () => {
    // No time at all for reading: the first page is always read, the rest are left.
    const { store, files, c } = openStore({ pdfReadMs: 0 });
    const a = await files.add(c.id, 'bundle.pdf', manyPagesPdf(300));
    expect(a.textNotice).toBe('Only the first page of this file is searchable (it has 300; reading more would have taken too long).');
    expect(search(store.db, '"Page 1 of the bundle"')).toHaveLength(1);
    expect(search(store.db, '"Page 2 of the bundle"')).toHaveLength(0);
    store.lock();
  });

  it('refuses a PDF with a huge compressed stream before pdf.js inflates it', async () => {
    const { store, files, c } = openStore();
    await refused(files.add(c.id, 'flate.pdf', await flateBombPdf(300)), /^flate\.pdf has a compressed part that unpacks to more than 64 MB .* so it was not added; /);
    unchanged(store, files, c.id);
    store.lock();
  });

  it('caps the searchable text of a file at 2 million characters and says so', async () => {
    const { store, files, c } = openStore();
    const words = 'careful record keeping matters '.repeat(80_000) + 'ZANZIBAR-TAIL';
    const a = await files.add(c.id, 'long.txt', Buffer.from(words));
    expect(a.textNotice).toBe('Only the first 2 million characters of this file are searchable.');
    expect(files.read(a.id).text.length).toBe(2_000_000);
    expect(search(store.db, 'zanzibar')).toHaveLength(0);
    const d = await files.add(c.id, 'long.docx', await docxWithText(2_400_000));
    expect(d.textNotice).toBe('Only the first 2 million characters of this file are searchable.');
    expect(files.read(d.id).text.length).toBe(2_000_000);
    const ok = await files.add(c.id, 'short.pdf', await makePdf([['Short.']]));
    expect(ok.textNotice).toBeNull();
    store.lock();
  });

  it('refuses a file that passes the time limit, and one that passes the memory limit', async () => {
    const a = openStore({ timeMs: 1 });
    await refused(a.files.add(a.c.id, 'slow.pdf', await makePdf([['Hello.']])), /^slow\.pdf took longer than 0 seconds to read .* so it was not added; /);
    unchanged(a.store, a.files, a.c.id);
    a.store.lock();
    const b = openStore({ heapMb: 1 }); // raised to the 64 MB a worker needs to start; mammoth needs more for this
    await refused(b.files.add(b.c.id, 'big.docx', await docxManyParagraphs(400_000)), /^big\.docx needs more memory to read than Casewright allows .* so it was not added; /);
    unchanged(b.store, b.files, b.c.id);
    b.store.lock();
    // Memory outside the worker's heap (buffers) is caught by the watch on the process's growth.
    const d = openStore({ rssGrowthMb: 1 });
    await refused(d.files.add(d.c.id, 'buffers.pdf', await makePdf([['Hello.']])), /^buffers\.pdf needs more memory to read than Casewright allows/);
    unchanged(d.store, d.files, d.c.id);
    d.store.lock();
    await refused(docxToRich(await makeDocx(), { ...DEFAULT_LIMITS, timeMs: 1 }), /^The Word document took longer than 0 seconds to read .* so nothing was imported; /);
  });

  it('checks file types by content: programs, pictures that are not pictures, and lying names', async () => {
    const { store, files, c } = openStore();
    await refused(files.add(c.id, 'notes.txt', elfExecutable()), /^notes\.txt is a program, not a text file, so it was not added; /);
    await refused(files.add(c.id, 'notes.txt', peExecutable()), /^notes\.txt is a program, not a text file/);
    await refused(files.add(c.id, 'scan.pdf', peExecutable()), /^scan\.pdf is a program, not a PDF/);
    await refused(files.add(c.id, 'photo.gif', svgAsGif()), /^photo\.gif does not contain what its name says \(GIF image\)/);
    await refused(files.add(c.id, 'photo.gif', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), /does not contain what its name says \(GIF image\)/);
    await refused(files.add(c.id, 'photo.png', Buffer.concat([tinyPng().subarray(0, 8), Buffer.from('<svg onload="x()">')])), /does not contain what its name says \(PNG image\)/);
    await refused(files.add(c.id, 'photo.jpg', Buffer.from([0xff, 0xd8, 0xff, ...Buffer.from('<svg onload="x()">')])), /does not contain what its name says \(JPEG image\)/);
    await refused(files.add(c.id, 'photo.gif', tinyPng()), /^photo\.gif is a PNG image, not a GIF image; rename it to end in \.png and add it again\.$/);
    await refused(files.add(c.id, 'letter.txt', await makePdf([['x']])), /^letter\.txt is a PDF, not a text file; rename it to end in \.pdf/);
    await refused(files.add(c.id, 'letter.pdf', await makeDocx()), /^letter\.pdf is a Word document, not a PDF; rename it to end in \.docx/);
    await refused(files.add(c.id, 'sheet.docx', await makeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<x/>') }, { name: '[Content_Types].xml', data: Buffer.from('<x/>') }])), /^sheet\.docx is a zip archive, not a Word document; take the files out of the archive and add them one by one\.$/);
    await refused(files.add(c.id, 'mail.eml', Buffer.from('just some words, not an e-mail')), /^mail\.eml does not contain what its name says \(E-mail\)/);
    unchanged(store, files, c.id);
    // The real thing of each kind is still accepted.
    for (const [name, data] of [['a.gif', tinyGif()], ['a.png', tinyPng()], ['a.docx', await makeDocx()], ['a.eml', Buffer.from(SAMPLE_EML)], ['a.txt', Buffer.from('Plain words, £5 and café.')], ['b.txt', Buffer.from([0x50, 0x61, 0x69, 0x64, 0x20, 0xa3, 0x35])]] as const) {
      await expect(files.add(c.id, name, data)).resolves.toMatchObject({ fileName: name });
    }
    expect(files.read(files.list(c.id).find((f) => f.fileName === 'b.txt')!.id).text).toBe('Paid £5');
    store.lock();
  });
});
