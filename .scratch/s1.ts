import fs from 'node:fs';
import { testSession } from '../test/helpers/session';
import { textPdf, makePdf } from '../test/unit/bundle/fixtures';
const out = '/tmp/bundle-s1.pdf';
const { dir, call } = testSession({ chooseSavePath: async () => out });
await call('store.create', { path: `${dir}/s.db`, passphrase: 'correct horse battery staple 42', ownerName: 'Test', demo: true });
const c = (await call('cases.list', {}))[0]!;
for (const kind of ['statement-of-complaint', 'investigation-report', 'ip-report', 'adjudication-letter'] as const) {
  for (const variant of ['council', 'complainant'] as const) {
    try { await call('documents.issue', { caseId: c.id, kind, variant }); } catch (e) { console.log(kind, variant, (e as Error).message); }
  }
  try { await call('bundle.addDocument', { caseId: c.id, kind }); } catch (e) { console.log('add', kind, (e as Error).message); }
}
await call('bundle.addFile', { caseId: c.id, fileName: 'letter.pdf', dataBase64: textPdf('Letter to Jordan Blake', 2, () => ['Dear Jordan Blake, about Kieran']).toString('base64'), title: 'Letter from the council, 3 March', date: '2026-03-03' });
await call('bundle.addFile', { caseId: c.id, fileName: 'scan.pdf', dataBase64: makePdf([{ scan: true }, { lines: ['landscape'], size: [841.89, 595.28] }, { lines: ['letter'], size: [612, 792] }]).toString('base64'), section: 'C', title: 'Scanned notes' });
const v = await call('bundle.get', { caseId: c.id });
console.log(JSON.stringify(v.sections.map((s) => [s.section.letter, s.rows.map((r) => [r.title, r.first, r.last])]), null, 0), v.indexLabels, v.totalPages);
console.log(await call('bundle.check', { caseId: c.id, recipient: null }));
const t0 = Date.now();
const r = await call('bundle.build', { caseId: c.id, recipient: 'panel' });
console.log(Date.now() - t0, JSON.stringify(r).slice(0, 400));
await call('bundle.redact', { caseId: c.id, entry: 'B1', phrase: 'about Kieran', reason: 'test' });
const r2 = await call('bundle.build', { caseId: c.id, recipient: 'complainant' });
console.log(JSON.stringify(r2).slice(0, 1200));
