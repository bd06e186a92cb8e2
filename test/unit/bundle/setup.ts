import path from 'node:path';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE } from '../../helpers/tmp';
import { makePdf, textPdf } from './fixtures';

export const CORE = ['statement-of-complaint', 'investigation-report', 'ip-report', 'adjudication-letter'] as const;

/**
 * A store with the demo case, its core documents issued (council's and complainant's versions) and in the
 * pack, a letter naming third parties (section B), a register PDF (E5) naming the social worker, and a scan
 * with a landscape and a US Letter page (section C). Builds go to `out()`, set per build.
 */
export async function packCase() {
  let target = '';
  const t = testSession({ chooseSavePath: async () => target });
  const { dir, call } = t;
  await call('store.create', { path: path.join(dir, 'cases.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true });
  const c = (await call('cases.list', {}))[0]!;
  for (const kind of CORE) {
    // One issue writes both versions under one number (issue 13).
    await call('documents.issue', { caseId: c.id, kind, variant: 'council' });
    await call('bundle.addDocument', { caseId: c.id, kind });
  }
  await call('bundle.addFile', {
    caseId: c.id, fileName: 'letter.pdf', title: 'Letter from the Team Manager to Ms Ó Súilleabháin-Nowak', date: '2026-03-03',
    dataBase64: textPdf('Letter', 2, (p) => (p === 1 ? ['Dear Ms O Suilleabhain-Nowak,', 'Jordan Blake will visit Kieran on Tuesday.', 'Telephone 01632 960 123 for the duty desk.'] : ['Yours sincerely, Sam Okafor'])).toString('base64'),
  });
  // A register item with its own PDF.
  const file = await call('attachments.add', { caseId: c.id, fileName: 'placement-record.pdf', dataBase64: textPdf('Placement record', 3, (p) => [`Recorded by Jordan Blake on day ${p}.`, 'The move was discussed with Zoë’s family.']).toString('base64') });
  const got = await call('cases.get', { id: c.id });
  const evidence = [...got.record.evidence, { id: 'evidence-pdf', ref: 'E5', title: 'Placement record', source: 'Council', date: '2026-02-10', description: '', attachmentId: file.id, pointIds: [], extracts: [] }];
  await call('cases.update', { id: c.id, revision: got.revision, record: { ...got.record, evidence } });
  await call('bundle.addEvidence', { caseId: c.id, evidenceId: 'E5' });
  await call('bundle.addFile', {
    caseId: c.id, fileName: 'scan.pdf', section: 'C', title: 'Contact notes (scanned)',
    dataBase64: makePdf([{ scan: true }, { lines: ['A landscape table of contact dates'], size: [841.89, 595.28] }, { lines: ['A US Letter page'], size: [612, 792] }, { lines: ['A page turned a quarter (Rotate 90)'], rotate: 90 }]).toString('base64'),
  });
  const build = async (recipient: 'panel' | 'complainant' | 'council', name: string) => {
    target = path.join(dir, name);
    const r = await call('bundle.build', { caseId: c.id, recipient });
    if (!('manifestPath' in r)) throw new Error('not built');
    return r;
  };
  return { ...t, caseId: c.id, build, setTarget: (p: string) => (target = p) };
}
