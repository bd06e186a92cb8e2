import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFString, StandardFonts, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE } from '../../helpers/tmp';
import { pdftotextAll } from './readBack';
import { packCase } from './setup';

/**
 * The leak2 review of the complainant's hearing pack: words a reader sees or follows that the page-text leak
 * check never read (annotations: a form's filled-in fields, comments, typed-on text, links), and our own
 * documents issued before a person was added to the register.
 */

/**
 * A one-page "referral form" whose words about the referrer are all in annotations: a filled-in form field
 * (with the appearance a viewer draws), a typewriter (FreeText) note, a sticky-note comment and an e-mail link.
 */
async function annotatedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Referral form page 1 of 1', { x: 50, y: 780, size: 12, font });
  page.drawText('Referrer:', { x: 50, y: 740, size: 12, font });
  const form = doc.getForm();
  const field = form.createTextField('referrer');
  field.setText('Jordan Blake');
  field.addToPage(page, { x: 120, y: 732, width: 200, height: 20, font });
  field.updateAppearances(font);
  const ctx = doc.context;
  // A typewriter note: its words are drawn by its own appearance stream, not the page's content.
  const apRef = ctx.register(ctx.stream('BT /Helv 11 Tf 2 6 Td (Typed on: Jordan Blake visited) Tj ET', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 300, 20], Resources: { Font: { Helv: font.ref } } }));
  const freeText = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'FreeText', Rect: [50, 690, 350, 710], Contents: PDFString.of('Typed on: Jordan Blake visited'), DA: PDFString.of('/Helv 11 Tf 0 g'), AP: { N: apRef } }));
  const note = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Text', Rect: [400, 740, 420, 760], Contents: PDFString.of('Comment: ask Jordan Blake before sharing'), T: PDFString.of('Jordan Blake') }));
  const link = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [50, 650, 250, 670], Border: [0, 0, 0], A: { S: 'URI', URI: PDFString.of('mailto:jordan.blake@council.example') } }));
  page.drawText('Write to the duty desk', { x: 50, y: 655, size: 12, font, color: rgb(0, 0, 0.8) });
  const annots = page.node.lookup(PDFName.of('Annots')) as unknown as { push(r: unknown): void };
  for (const r of [freeText, note, link]) annots.push(r);
  // The page's own metadata and an application's private data, which no reader shows on the page.
  const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jordan Blake</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';
  page.node.set(PDFName.of('Metadata'), ctx.register(ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
  page.node.set(PDFName.of('PieceInfo'), ctx.obj({ Casework: { LastModified: PDFString.of('D:20260301'), Private: PDFString.of('Drafted by Jordan Blake') } }));
  return Buffer.from(await doc.save());
}

describe('the complainant’s hearing pack', () => {
  it('carries no annotation words from a file it did not make: form entries, typed-on notes, comments and links are taken out, and the log says so', async () => {
    const { call, caseId, build, dir } = await packCase();
    await call('bundle.addFile', { caseId, fileName: 'referral.pdf', section: 'C', title: 'Referral form', dataBase64: (await annotatedPdf()).toString('base64') });
    const r = await build('complainant', 'complainant.pdf');
    const file = path.join(dir, 'complainant.pdf');
    const qdf = path.join(dir, 'complainant-qdf.pdf');
    // Unreferenced objects too: a copied annotation unlinked from its page would still be in the file.
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', '--preserve-unreferenced', file, qdf]);
    const flat = fs.readFileSync(qdf).toString('latin1');
    const text = pdftotextAll(file);
    for (const gone of ['Jordan', 'Blake', 'jordan.blake']) {
      expect(flat, gone).not.toContain(gone);
      expect(text, gone).not.toContain(gone);
    }
    // The page itself is still there, with its own words.
    expect(text).toContain('Referral form page 1 of 1');
    expect(text).toContain('Write to the duty desk');
    const log = JSON.parse(fs.readFileSync(r.redactionLogPath!, 'utf8')) as { document: string; removed: string; reason: string; occurrences: number }[];
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ document: 'Referral form', removed: 'comments, links and form entries', occurrences: 4 })]));
    // The panel's version keeps the file as it came.
    await build('panel', 'panel.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', path.join(dir, 'panel.pdf'), path.join(dir, 'panel-qdf.pdf')]);
    expect(fs.readFileSync(path.join(dir, 'panel-qdf.pdf')).toString('latin1')).toContain('jordan.blake@council.example');
  }, 180_000);
});

describe('our own documents in the complainant’s hearing pack', () => {
  it('are checked again against the register as it is now: a person added after the issue is not printed, the build is refused with the list', async () => {
    let target = '';
    const { dir, call, dispatch } = testSession({ chooseSavePath: async () => target });
    await call('store.create', { path: path.join(dir, 'cases.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true });
    const caseId = (await call('cases.list', {}))[0]!.id;
    let got = await call('cases.get', { id: caseId });
    // A neighbour named in the notes, not yet in the people register when the report is issued.
    const summary = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Mrs Dorota Wiśniewska, a neighbour, called the police on 3 March 2026.' }] }] };
    await call('cases.update', { id: caseId, revision: got.revision, record: { ...got.record, summary } });
    await call('documents.issue', { caseId, kind: 'investigation-report', variant: 'council' });
    await call('bundle.addDocument', { caseId, kind: 'investigation-report' });
    got = await call('cases.get', { id: caseId });
    const people = [...got.record.people, { id: 'person-dorota', name: 'Dorota Wiśniewska', kind: 'family', role: 'Neighbour', organisation: '', pseudonym: 'a neighbour', actsForId: null, consentHeld: false, thirdParty: true }];
    await call('cases.update', { id: caseId, revision: got.revision, record: { ...got.record, people } });
    target = path.join(dir, 'complainant.pdf');
    expect(await dispatch('bundle.build', { caseId, recipient: 'complainant' })).toMatchObject({
      ok: false,
      error: {
        code: 'LEAK',
        message: expect.stringMatching(/^The issued complainant’s version of “Investigation report \(version 1\)” names a person from the people register \(“Dorota Wiśniewska”\) in \d+ places?; .*issue a new version.*\.$/),
        details: { hits: expect.arrayContaining([expect.objectContaining({ personId: 'person-dorota', matched: expect.stringMatching(/Wiśniewska/) })]) },
      },
    });
    expect(fs.existsSync(target)).toBe(false);
    // The same issued version exported on its own is refused the same way (as it was before this review).
    const issueId = (await call('documents.list', { caseId })).find((d) => d.variant === 'complainant')!.id;
    expect(await dispatch('documents.export', { caseId, kind: 'investigation-report', variant: 'complainant', format: 'pdf', issueId })).toMatchObject({ ok: false, error: { code: 'LEAK' } });
    // The panel's version is the council's and is built as before.
    target = path.join(dir, 'panel.pdf');
    await call('bundle.build', { caseId, recipient: 'panel' });
    expect(pdftotextAll(target)).toContain('Wiśniewska');

    // The case file carries the issued versions as PDFs; in another store they are files it did not make, read
    // and redacted like evidence in the complainant's pack (before, copied as they came).
    const { json } = await call('cases.exportJson', { id: caseId });
    let otherTarget = '';
    const other = testSession({ chooseSavePath: async () => otherTarget });
    await other.call('store.create', { path: path.join(other.dir, 'other.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Other Officer', demo: false });
    const imported = await other.call('cases.importJson', { json });
    otherTarget = path.join(other.dir, 'complainant.pdf');
    const built = await other.call('bundle.build', { caseId: imported.id, recipient: 'complainant' });
    if (!('manifestPath' in built)) throw new Error('not built');
    expect(pdftotextAll(otherTarget)).not.toContain('Wiśniewska');
    const log = JSON.parse(fs.readFileSync(built.redactionLogPath!, 'utf8')) as { removed: string; reason: string }[];
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ removed: expect.stringMatching(/Wiśniewska/), reason: expect.stringMatching(/^Leak check: names Dorota Wiśniewska/) })]));
  }, 240_000);
});
