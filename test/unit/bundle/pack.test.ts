import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageRange } from '../../../shared/bundle/layout';
import { damagedPdf, encryptedPdf, textPdf } from './fixtures';
import { pdftotextAll, pdftotextPage, qpdfCheck, readPack } from './readBack';
import { packCase } from './setup';

const lastToken = (s: string) => s.trim().split(/\s+/).at(-1);

describe('the hearing pack, read back as its readers’ tools see it', () => {
  it('has an index whose every entry links to its first page, bookmarks, labels equal to the stamped numbers, a manifest, and passes qpdf --check', async () => {
    const { call, caseId, build, dir } = await packCase();
    const view = await call('bundle.get', { caseId });
    const r = await build('panel', 'panel.pdf');
    const file = path.join(dir, 'panel.pdf');
    // BUNDLE_KEEP=folder keeps a copy to look at (pdftoppm); the test folder itself is removed.
    if (process.env.BUNDLE_KEEP) fs.copyFileSync(file, path.join(process.env.BUNDLE_KEEP, 'panel.pdf'));
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    const back = await readPack(fs.readFileSync(file));
    const rows = view.sections.flatMap((s) => s.rows);
    // Labels: index first (i), then A1… in order, as the view promised.
    expect(back.labels[0]).toBe('i');
    expect(back.pages).toBe(view.totalPages);
    expect(back.labels.slice(1, 3)).toEqual(['A1', 'A2']);
    // Every page carries its own label as the stamped number: the last word poppler reads on the page (the
    // scan's sideways page is turned upright, so its stamp comes last too; rotation.test.ts checks where).
    for (let p = 0; p < back.pages; p++) {
      const label = back.labels[p]!;
      const txt = pdftotextPage(file, p + 1);
      expect(lastToken(txt), `page ${p + 1}`).toBe(label);
    }
    // One link per index row, to the page labelled with the row's first page.
    expect(back.links.length).toBe(rows.length);
    for (const [k, row] of rows.entries()) expect(back.labels[back.links[k]!.target]).toBe(row.first);
    // The index shows each title, date and page range (a title with Irish letters included).
    const index = pdftotextPage(file, 1);
    for (const row of rows) expect(index.replace(/\s+/g, ' ')).toContain(pageRange(row));
    // The title wraps in its column: both of its lines are there, accents and all.
    expect(index).toContain('Letter from the Team Manager to Ms Ó');
    expect(index).toContain('Súilleabháin-Nowak');
    expect(index).toContain('3 Mar 2026');
    // Bookmarks: the index, each section with something in it, each document, pointing at its first page.
    const sections = back.outline.filter((o) => o.depth === 0);
    expect(sections.map((s) => s.title)).toEqual(['Index', 'A  Core documents', 'B  Correspondence', 'C  Evidence']);
    const docs = back.outline.filter((o) => o.depth === 1);
    expect(docs.length).toBe(rows.length);
    for (const [k, row] of rows.entries()) {
      expect(docs[k]!.title).toContain(row.title);
      expect(back.labels[docs[k]!.page]).toBe(row.first);
    }
    // Opens at the index, titled.
    expect(back.openAction).toBe(0);
    expect(back.title).toBe('Review panel hearing pack — DEMO-ST2-0001');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Title:\s+Review panel hearing pack/);
    // The manifest inside equals the one beside, and holds each source's SHA-256, pages and place.
    const beside = fs.readFileSync(r.manifestPath, 'utf8');
    expect(back.attachments['manifest.json']).toBe(beside);
    const manifest = JSON.parse(beside) as { documents: { entryId: string; sha256: string; first: string; last: string; pages: number; position: number }[] };
    expect(manifest.documents.map((d) => d.first)).toEqual(rows.map((x) => x.first));
    const pack = view.pack;
    for (const d of manifest.documents) {
      const e = pack.entries.find((x) => x.id === d.entryId)!;
      if (e.source.type === 'document' || e.source.type === 'issued-file') continue;
      const att = await call('attachments.read', { id: e.source.attachmentId });
      expect(d.sha256).toBe(createHash('sha256').update(Buffer.from(att.dataBase64, 'base64')).digest('hex'));
    }
    // The panel's version is not redacted: the social worker's name is there.
    expect(pdftotextAll(file)).toContain('Jordan Blake');
    expect(r.redactions).toEqual([]);
    expect(r.warnings.join(' ')).toMatch(/no searchable text on page 1/);
  }, 120_000);

  it('refuses encrypted, damaged and Word files with one sentence each and changes nothing; lists scans, landscape and other sizes; warns past 350 pages', async () => {
    const t = await packCase();
    const { call, caseId, dir } = t;
    const before = await call('bundle.get', { caseId });
    const attachmentsBefore = (await call('attachments.list', { caseId })).length;
    const add = (fileName: string, data: Buffer) => call('bundle.addFile', { caseId, fileName, dataBase64: data.toString('base64') });
    await expect(add('protected.pdf', encryptedPdf(dir))).rejects.toThrow(/“protected.pdf” is encrypted \(protected with a password\)/);
    await expect(add('broken.pdf', damagedPdf())).rejects.toThrow(/“broken.pdf” could not be read as a PDF/);
    await expect(add('notes.docx', Buffer.from('PK\x03\x04 not really a docx', 'latin1'))).rejects.toThrow(/“notes.docx” is a Word file that is not one of this case’s issued documents; save it as PDF first/);
    await expect(add('photo.png', Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).rejects.toThrow(/is not a PDF/);
    expect(await call('bundle.get', { caseId })).toEqual(before);
    expect((await call('attachments.list', { caseId })).length).toBe(attachmentsBefore);
    // Our own issued document saved as Word goes in from its issued version (and only once).
    const { session } = t;
    const docs = await session.documents();
    const statement = docs.issued(caseId).find((d) => d.kind === 'statement-of-complaint' && d.variant === 'council')!;
    const word = await docs.render(docs.issuedModel(caseId, statement.id), 'docx');
    await expect(add('statement.docx', word)).rejects.toThrow(/Version 1 of the statement of complaint is already in the pack/);
    await call('bundle.remove', { caseId, entry: 'A1' });
    const back = await add('statement.docx', word);
    expect(back.pack.entries.at(-1)!.source).toMatchObject({ type: 'document', kind: 'statement-of-complaint', councilIssueId: statement.id });
    const checks = await call('bundle.check', { caseId, recipient: null });
    expect(checks.problems).toEqual([]);
    expect(checks.warnings).toEqual([
      expect.stringMatching(/^“scan.pdf” has no searchable text on page 1 \(a scan or picture\)/),
      expect.stringMatching(/^“scan.pdf” has page 4 whose text runs sideways or upside down as the file shows it; the pack turns it/),
      expect.stringMatching(/^“scan.pdf” has landscape page 2, shown landscape so it reads the right way up on screen/),
      expect.stringMatching(/^“scan.pdf” has page 3 in a size other than A4 \(216 × 279 mm\)/),
    ]);
    await expect(add('huge.pdf', textPdf('Huge', 2001))).rejects.toThrow(/^“huge.pdf” has 2,001 pages, more than the 2,000 one document in a pack can have/);
    await add('long.pdf', textPdf('Long', 340));
    expect((await call('bundle.check', { caseId, recipient: null })).warnings.at(-1)).toMatch(/^The pack has \d+ pages, more than the 350/);
  }, 120_000);

  it('a late insert goes in as A2a, A2b … and every page that existed keeps its label and its content', async () => {
    const { call, caseId, build, dir } = await packCase();
    await build('panel', 'before.pdf');
    await call('bundle.markSent', { caseId });
    await call('bundle.addFile', { caseId, fileName: 'late1.pdf', dataBase64: textPdf('Late one', 2).toString('base64'), after: 'A2', title: 'Late statement from the complainant' });
    await call('bundle.addFile', { caseId, fileName: 'late2.pdf', dataBase64: textPdf('Late two', 1).toString('base64'), after: 'A2b', title: 'Second late item' });
    await call('bundle.addFile', { caseId, fileName: 'late3.pdf', dataBase64: textPdf('Late three', 1).toString('base64'), section: 'C', title: 'New evidence at the end of C' });
    // A page inside a document, or one that does not exist, is refused.
    await expect(call('bundle.addFile', { caseId, fileName: 'x.pdf', dataBase64: textPdf('X', 1).toString('base64'), after: 'A3' })).rejects.toThrow(/Page A3 is inside “Investigation report/);
    await expect(call('bundle.addFile', { caseId, fileName: 'x.pdf', dataBase64: textPdf('X', 1).toString('base64'), after: 'Z9' })).rejects.toThrow(/There is no page Z9/);
    // Nothing that would move a page is allowed once sent.
    await expect(call('bundle.remove', { caseId, entry: 'A1' })).rejects.toThrow(/has been sent/);
    await expect(call('bundle.moveSection', { caseId, section: 'B', direction: 'up' })).rejects.toThrow(/has been sent/);
    await build('panel', 'after.pdf');
    const a = await readPack(fs.readFileSync(path.join(dir, 'before.pdf')));
    const b = await readPack(fs.readFileSync(path.join(dir, 'after.pdf')));
    expect(b.labels.slice(0, 6)).toEqual(['i', 'A1', 'A2', 'A2a', 'A2b', 'A2c']);
    expect(b.pages).toBe(a.pages + 4);
    expect(b.labels.at(-1)).toBe(`C${a.labels.filter((l) => l.startsWith('C')).length + 1}`);
    // Each page that existed: same label, same text (poppler's, page by page), same stamped number.
    for (let p = 1; p < a.pages; p++) {
      const label = a.labels[p]!;
      const q = b.labels.indexOf(label);
      expect(q, label).toBeGreaterThan(0);
      expect(pdftotextPage(path.join(dir, 'after.pdf'), q + 1), label).toBe(pdftotextPage(path.join(dir, 'before.pdf'), p + 1));
    }
    // The index keeps its page number; its links still reach each document's first page.
    expect(b.labels[0]).toBe('i');
    const view = await call('bundle.get', { caseId });
    const rows = view.sections.flatMap((s) => s.rows);
    for (const [k, row] of rows.entries()) expect(b.labels[b.links[k]!.target]).toBe(row.first);
    expect(rows.filter((r) => r.late).map((r) => pageRange(r))).toEqual(['A2a–A2b', 'A2c']);
  }, 180_000);

  it('redaction removes the words: neither pdftotext nor a byte search of the file (decompressed too) finds them, the rest stays searchable, and a log says what, where and why', async () => {
    const { call, caseId, build, dir } = await packCase();
    await call('bundle.redact', { caseId, entry: 'B1', phrase: '01632 960 123', reason: 'Staff direct line' });
    await call('bundle.redact', { caseId, entry: 'B1', phrase: 'O Suilleabhain-Nowak', reason: 'Test of a hyphenated name', recipients: ['complainant', 'council'] });
    // A title naming a third party: the complainant's index, bookmarks and manifest must not carry the name.
    await call('bundle.addFile', { caseId, fileName: 'Jordan Blake note.pdf', dataBase64: textPdf('File note', 1).toString('base64'), section: 'D', title: 'File note by Jordan Blake' });
    const r = await build('complainant', 'complainant.pdf');
    const file = path.join(dir, 'complainant.pdf');
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    const qdf = path.join(dir, 'complainant-qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    const text = pdftotextAll(file);
    const bytes = fs.readFileSync(file).toString('latin1');
    const flat = fs.readFileSync(qdf).toString('latin1');
    for (const gone of ['01632 960 123', 'Suilleabhain', 'Jordan Blake', 'Sam Okafor', 'Jordan', 'Okafor']) {
      expect(text, gone).not.toContain(gone);
      expect(bytes, gone).not.toContain(gone);
      expect(flat, gone).not.toContain(gone);
    }
    // The rest of the redacted pages is still text a reader can search.
    expect(text).toContain('Letter page 1 of 2');
    expect(text).toContain('for the duty desk');
    expect(text).toContain('Placement record page 2 of 3');
    // Our own documents are in their complainant versions (pseudonyms), the evidence checked by the leak check.
    expect(text).toContain('Social Worker 1');
    const back = await readPack(fs.readFileSync(file));
    expect(back.outline.map((o) => o.title).join('\n')).not.toContain('Jordan');
    expect(back.outline.map((o) => o.title)).toContain('D1  File note by [name removed]');
    expect(back.attachments['manifest.json']).not.toMatch(/Jordan|Blake/);
    // The log beside the file.
    const log = JSON.parse(fs.readFileSync(r.redactionLogPath!, 'utf8')) as { page: string; removed: string; reason: string }[];
    expect(log).toEqual(expect.arrayContaining([
      expect.objectContaining({ page: 'B1', removed: '01632 960 123', reason: 'Staff direct line' }),
      expect.objectContaining({ page: 'B1', removed: 'O Suilleabhain-Nowak', reason: 'Test of a hyphenated name' }),
      expect.objectContaining({ page: 'B1', removed: 'Jordan Blake', reason: expect.stringMatching(/^Leak check: names Jordan Blake/) }),
      expect.objectContaining({ page: 'B2', removed: 'Sam Okafor' }),
      expect.objectContaining({ page: 'C1', removed: 'Jordan Blake' }),
      expect.objectContaining({ page: 'index', removed: 'Jordan Blake', document: '(its title in the index and bookmarks)' }),
    ]));
    // Any page can be looked at before building, as each version shows it.
    const pv = await call('bundle.previewPage', { caseId, page: 'b1', recipient: 'complainant' });
    expect(pv).toMatchObject({ label: 'B1', title: 'Letter from the Team Manager to Ms Ó Súilleabháin-Nowak', note: 'Redacted in this version: 4 phrases.' });
    expect(Buffer.from(pv.pngBase64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    const pp = await call('bundle.previewPage', { caseId, page: 'B1', recipient: 'panel' });
    expect(pp.note).toBeNull();
    expect(pp.pngBase64).not.toBe(pv.pngBase64);
    await expect(call('bundle.previewPage', { caseId, page: 'i', recipient: 'panel' })).rejects.toThrow(/part of the index/);
    await expect(call('bundle.previewPage', { caseId, page: 'Q7', recipient: 'panel' })).rejects.toThrow(/There is no page Q7/);
    // The same page numbers as the panel's version.
    const panel = await build('panel', 'panel.pdf');
    const c = await readPack(fs.readFileSync(file));
    const p = await readPack(fs.readFileSync(path.join(dir, 'panel.pdf')));
    expect(c.labels).toEqual(p.labels);
    expect(panel.redactions).toEqual([]);
    // The council's version has the redaction asked for it, not the complainant's.
    await build('council', 'council.pdf');
    const council = pdftotextAll(path.join(dir, 'council.pdf'));
    expect(council).not.toContain('Suilleabhain');
    expect(council).toContain('01632 960 123');
    expect(council).toContain('Jordan Blake');
  }, 180_000);

  it('through the API: progress is reported while a build runs, and Cancel stops it with nothing written', async () => {
    const { call, dispatch, caseId, dir, setTarget } = await packCase();
    const out = path.join(dir, 'exports-cancelled.pdf');
    setTarget(out);
    const before = fs.readdirSync(dir).sort();
    const running = dispatch('bundle.build', { caseId, recipient: 'panel', jobId: 'job-1' });
    let seen = null;
    for (let i = 0; i < 2000 && !seen; i++) {
      const { progress } = await call('bundle.progress', { jobId: 'job-1' });
      if (progress && progress.documentsDone >= 1) seen = progress;
      else await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen).toMatchObject({ state: 'running', documentsTotal: 7 });
    expect(seen!.pagesTotal).toBeGreaterThan(seen!.pagesDone);
    expect(await call('bundle.cancel', { jobId: 'job-1' })).toEqual({ cancelled: true });
    expect(await running).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'The build was cancelled; nothing was written.' } });
    expect((await call('bundle.progress', { jobId: 'job-1' })).progress?.state).toBe('cancelled');
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  }, 120_000);

  it('a cancelled build leaves nothing behind', async () => {
    const { session, caseId, dir } = await packCase();
    const c = session.cases().get(caseId);
    const controller = new AbortController();
    const seen: number[] = [];
    const out = path.join(dir, 'cancelled.pdf');
    const before = fs.readdirSync(dir).sort();
    await expect(
      (await session.bundle()).build(c, 'panel', out, '2026-11-25', {
        signal: controller.signal,
        onProgress: (pr) => {
          seen.push(pr.documentsDone);
          if (pr.documentsDone === 2) controller.abort();
        },
      }),
    ).rejects.toThrow(/cancelled; nothing was written/);
    expect(seen).toContain(2);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  }, 120_000);
});
