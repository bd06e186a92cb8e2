import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE } from '../../helpers/tmp';

const setup = () => testSession();

describe('the council directory (issue 11, finding 9)', () => {
  it('keeps a council once, picks it for a new case, and an edit reaches every linked case but no issued document', async () => {
    const { dir, session, dispatch, call } = setup();
    await call('store.create', { path: path.join(dir, 's.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Alex Morgan', demo: true });
    const [demo] = await call('cases.list', {});
    const demoCase = await call('cases.get', { id: demo!.id });
    // Save the demo case's profile to the directory, linking the case.
    const { council } = await call('councils.save', { profile: { ...demoCase.record.council, closures: ['2026-12-24'] }, linkCaseId: demo!.id });
    expect((await call('cases.get', { id: demo!.id })).record.council).toMatchObject({ directoryId: council.id, closures: ['2026-12-24'] });
    // A second case picks it from the directory.
    const second = await call('cases.create', { record: { ...buildDemoCase('2026-11-25'), reference: 'SECOND-1', council: { ...council.profile, directoryId: council.id } } });
    const issued = await call('documents.issue', { caseId: second.id, kind: 'investigation-report', variant: 'council', final: false });
    expect((await call('councils.list', {})).map((c) => [c.profile.name, c.caseCount])).toEqual([[council.profile.name, 2]]);
    // Edited once, for all its cases.
    const edited = await call('councils.save', { id: council.id, profile: { ...council.profile, contactLines: ['new-desk@eastmarsh.example'] } });
    expect(edited.casesUpdated).toBe(2);
    for (const id of [demo!.id, second.id]) expect((await call('cases.get', { id })).record.council.contactLines).toEqual(['new-desk@eastmarsh.example']);
    // The issued version keeps the profile it was issued with.
    const frozen = (await call('documents.list', { caseId: second.id })).find((d) => d.id === issued.id)!;
    expect(frozen.version).toBe(1);
    expect(JSON.stringify((await session.documents()).issuedModel(second.id, issued.id))).not.toContain('new-desk@eastmarsh.example');
    expect(JSON.stringify(await call('documents.preview', { caseId: second.id, kind: 'investigation-report', variant: 'council' }))).toContain('new-desk@eastmarsh.example');
    // A second entry with the same name is refused with a sentence.
    expect(await dispatch('councils.save', { profile: { ...council.profile, name: council.profile.name.toUpperCase() } })).toMatchObject({ ok: false, error: { code: 'EXISTS' } });
    expect(await call('store.verify', {})).toMatchObject({ ok: true });
  });
});
