import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../../fixtures/makeFiles';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE } from '../../helpers/tmp';

const setup = () => testSession();

describe('deleting a case (issue 11)', () => {
  it('needs the reference typed, then removes the case, its files, issued documents and search entries, audited, and the store verifies', async () => {
    const { dir, session, dispatch, call } = setup();
    await call('store.create', { path: path.join(dir, 's.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Alex Morgan', demo: true });
    const [c] = await call('cases.list', {});
    await call('attachments.add', { caseId: c!.id, fileName: 'note.pdf', dataBase64: (await makePdf([['Wallaby supervision record']])).toString('base64') });
    await call('documents.issue', { caseId: c!.id, kind: 'investigation-report', variant: 'council', final: false });
    expect((await call('search.query', { query: 'wallaby', limit: 10 })).hits.length).toBeGreaterThan(0);

    // A wrong or missing reference deletes nothing.
    for (const typed of ['', 'DEMO-ST2-0002', 'demo-st2-0001']) {
      const r = await dispatch('cases.delete', { id: c!.id, confirmReference: typed });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'To delete case DEMO-ST2-0001, type its reference exactly as shown; nothing was deleted.' } });
    }
    expect(await call('cases.list', {})).toHaveLength(1);

    expect(await call('cases.delete', { id: c!.id, confirmReference: ' DEMO-ST2-0001 ' })).toEqual({ reference: 'DEMO-ST2-0001' });
    expect(await call('cases.list', {})).toEqual([]);
    expect((await call('search.query', { query: 'wallaby', limit: 10 })).hits).toEqual([]);
    const db = session.requireStore().db;
    for (const t of ['attachments', 'document_issues', 'search_rows']) expect((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n).toBe(0);
    const last = db.prepare('SELECT actor, action, detail FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { actor: string; action: string; detail: string };
    expect(last).toMatchObject({ actor: 'Alex Morgan', action: 'case.delete' });
    expect(JSON.parse(last.detail)).toEqual({ reference: 'DEMO-ST2-0001' });
    expect(await call('store.verify', {})).toMatchObject({ ok: true, problems: [] });
  });
});
