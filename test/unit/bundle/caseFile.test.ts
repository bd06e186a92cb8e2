import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE } from '../../helpers/tmp';
import { textPdf } from './fixtures';
import { pdftotextPage, qpdfCheck, readPack } from './readBack';
import { packCase } from './setup';

interface CaseFileJson {
  version: number;
  attachments: { id: string; fileName: string; dataBase64: string; sha256?: string }[];
  hearingPack?: { entries: { id: string; title: string; pages: number; source: Record<string, unknown>; after: string | null; sectionId: string; turns: { page: number; by: number }[] }[]; sections: { id: string; letter: string }[]; redactions: { entryId: string }[]; sent: { at: string; indexPages: number } | null; panel: { name: string }[]; hearingDate: string | null };
  [k: string]: unknown;
}

/** A blank store to import into. */
async function blankStore() {
  let target = '';
  const t = { ...testSession({ chooseSavePath: async () => target }), saveTo: (p: string) => (target = p) };
  await t.call('store.create', { path: path.join(t.dir, 'other.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Other Officer', demo: false });
  return t;
}

describe('the hearing pack in the case file (version 6)', () => {
  it('comes with the case: exported, imported into a blank store, the same pack builds with the same labels and pages', async () => {
    const { call, caseId, build, dir } = await packCase();
    await call('bundle.redact', { caseId, entry: 'B1', phrase: '01632 960 123', reason: 'Staff direct line', recipients: ['complainant', 'council'] });
    await call('bundle.addPanelMember', { caseId, name: 'Dr Nguyễn Thị Hương', role: 'chair', available: ['2026-12-09'], independent: true });
    await call('bundle.addPanelMember', { caseId, name: 'Mr Ahmet Yılmaz-O’Brien', role: 'member', available: ['2026-12-09'], independent: true });
    await call('bundle.setHearingDate', { caseId, date: '2026-12-09' });
    await call('bundle.markSent', { caseId });
    await call('bundle.addFile', { caseId, fileName: 'late.pdf', dataBase64: textPdf('Late statement', 2).toString('base64'), after: 'A2', title: 'Late statement from Łucja Wiśniewska' });
    const before = await call('bundle.get', { caseId });
    await build('panel', 'before-panel.pdf');
    await build('complainant', 'before-complainant.pdf');

    const { json } = await call('cases.exportJson', { id: caseId });
    const file = JSON.parse(json) as CaseFileJson;
    expect(file.version).toBe(6);
    const hp = file.hearingPack!;
    // Our documents travel as the PDFs of their issued versions; the rest as the files they are.
    expect(hp.entries.filter((e) => e.source.type === 'issued-file').length).toBe(4);
    expect(hp.entries.some((e) => e.source.type === 'document')).toBe(false);
    for (const e of hp.entries) for (const k of ['attachmentId', 'councilAttachmentId', 'complainantAttachmentId']) {
      const id = e.source[k];
      if (typeof id === 'string') expect(file.attachments.some((a) => a.id === id), `${e.title}: ${k}`).toBe(true);
    }
    expect(hp.sent).not.toBeNull();
    expect(hp.panel.map((m) => m.name)).toEqual(['Dr Nguyễn Thị Hương', 'Mr Ahmet Yılmaz-O’Brien']);
    expect(hp.redactions.length).toBe(1);

    const other = await blankStore();
    const imported = await other.call('cases.importJson', { json });
    const after = await other.call('bundle.get', { caseId: imported.id });
    // The same index: sections, titles, dates, page ranges, late insert, sent state, panel, hearing date.
    const rowsOf = (v: typeof before) => v.sections.map((s) => [s.section.letter, s.section.title, s.rows.map((r) => [r.title, r.date, r.first, r.last, r.pages, r.late])]);
    expect(rowsOf(after)).toEqual(rowsOf(before));
    expect(after.indexLabels).toEqual(before.indexLabels);
    expect(after.pack.sent).toEqual(before.pack.sent);
    expect(after.pack.panel).toEqual(before.pack.panel);
    expect(after.pack.hearingDate).toBe('2026-12-09');
    expect(after.pack.redactions.map((r) => [r.phrase, r.recipients])).toEqual(before.pack.redactions.map((r) => [r.phrase, r.recipients]));
    // Still sent: nothing that would renumber is accepted in the new store either.
    await expect(other.call('bundle.remove', { caseId: imported.id, entry: 'A1' })).rejects.toThrow(/has been sent/);

    // Built there, both versions have the same labels and every page the same text as before.
    for (const recipient of ['panel', 'complainant'] as const) {
      const a = path.join(dir, `before-${recipient}.pdf`);
      const b = path.join(other.dir, `after-${recipient}.pdf`);
      other.saveTo(b);
      const r = await other.call('bundle.build', { caseId: imported.id, recipient });
      expect('manifestPath' in r).toBe(true);
      expect(qpdfCheck(b)).toMatch(/No syntax or stream encoding errors/);
      const [x, y] = [await readPack(fs.readFileSync(a)), await readPack(fs.readFileSync(b))];
      expect(y.labels).toEqual(x.labels);
      for (let p = x.labels.length - 1; p >= 1; p--) expect(pdftotextPage(b, p + 1), `${recipient} page ${x.labels[p]}`).toBe(pdftotextPage(a, p + 1));
    }
    // The redacted phrase stays out of the complainant's version built in the new store.
    expect(fs.readFileSync(path.join(other.dir, 'after-complainant.pdf')).includes('01632 960 123')).toBe(false);

    // Exported again from the new store, the pack is the same (its files keep their ids).
    const again = JSON.parse((await other.call('cases.exportJson', { id: imported.id })).json) as CaseFileJson;
    expect(again.hearingPack).toEqual(hp);
  }, 300_000);

  it('still imports a version 5 file (made by the previous Casewright), with an empty pack', async () => {
    const v5 = fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/caseFiles/v5-demo-case.json'), 'utf8');
    expect((JSON.parse(v5) as CaseFileJson).version).toBe(5);
    const other = await blankStore();
    const imported = await other.call('cases.importJson', { json: v5 });
    expect(imported.record.reference).toBe('DEMO-ST2-0001');
    const view = await other.call('bundle.get', { caseId: imported.id });
    expect(view.pack.entries).toEqual([]);
  }, 120_000);

  it('refuses a case file whose pack is hostile with one sentence, and imports nothing', async () => {
    const { call, caseId } = await packCase();
    const { json } = await call('cases.exportJson', { id: caseId });
    const good = JSON.parse(json) as CaseFileJson;
    const other = await blankStore();
    const variants: [string, (f: CaseFileJson) => void, RegExp][] = [
      ['a file that is not in the case file', (f) => { f.hearingPack!.entries[0]!.source.councilAttachmentId = 'no-such-file'; }, /^The case file is not valid: .*refers to attachment no-such-file, which is not in the file/],
      ['an issued document of the exporting store', (f) => { f.hearingPack!.entries[0]!.source = { type: 'document', kind: 'statement-of-complaint', councilIssueId: 'x', complainantIssueId: null }; }, /^The case file is not valid: .*carries the pack’s documents as PDF files/],
      ['absurd page counts', (f) => { f.hearingPack!.entries[0]!.pages = 99_999; }, /^The case was not imported: The case file’s hearing pack says “.*” takes 99,999 pages, but its file has \d+/],
      ['more pages than the schema allows', (f) => { f.hearingPack!.entries[0]!.pages = 1e9; }, /^The case file is not valid: /],
      ['an index of a million pages', (f) => { f.hearingPack!.sent = { at: '2026-11-25T10:00:00Z', indexPages: 1_000_000 }; }, /^The case file is not valid: /],
      ['a section that does not exist', (f) => { f.hearingPack!.entries[0]!.sectionId = 'Z'; }, /^The case file is not valid: .*refers to section Z, which is not in the pack/],
      ['late inserts in a loop', (f) => { const [a, b] = f.hearingPack!.entries; a!.after = b!.id; b!.after = a!.id; }, /^The case file is not valid: .*(loop|refers to entry)/],
      ['a redaction of nothing', (f) => { (f.hearingPack!.redactions as unknown[]).push({ id: 'r1', entryId: 'nope', phrase: 'Kieran', reason: '', recipients: ['complainant'], by: 'x', at: 'y' }); }, /^The case file is not valid: .*refers to entry nope/],
      ['a pack file that is not a PDF', (f) => { const id = f.hearingPack!.entries.find((e) => e.source.type === 'file')!.source.attachmentId as string; const a = f.attachments.find((x) => x.id === id)!; a.dataBase64 = Buffer.from('just text, not a PDF at all').toString('base64'); delete a.sha256; }, /^The case was not imported: /],
      ['a damaged PDF', (f) => { const id = f.hearingPack!.entries.find((e) => e.source.type === 'file')!.source.attachmentId as string; const a = f.attachments.find((x) => x.id === id)!; a.dataBase64 = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF').toString('base64'); delete a.sha256; }, /^The case was not imported: /],
      ['a turn of a page it does not have', (f) => { f.hearingPack!.entries.find((e) => e.source.type === 'file')!.turns = [{ page: 500, by: 90 }]; }, /^The case was not imported: .*turns a page/],
    ];
    for (const [what, spoil, sentence] of variants) {
      const f = structuredClone(good);
      spoil(f);
      const err = await other.call('cases.importJson', { json: JSON.stringify(f) }).then(() => null, (e: Error) => e.message);
      expect(err, what).toMatch(sentence);
      // One sentence, no schema path, no stack.
      expect(err!, what).not.toMatch(/\n|at .*\.ts:|ZodError|SQLITE/);
      expect(await other.call('cases.list', {}), what).toEqual([]);
    }
    // The good file still imports.
    await other.call('cases.importJson', { json });
    expect((await other.call('cases.list', {})).length).toBe(1);
  }, 300_000);
});
