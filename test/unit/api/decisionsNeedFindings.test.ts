import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE } from '../../helpers/tmp';

/** Issues 11 (finding 5) and 13: a decision or an agreement only on a finding that exists, however it is sent. */
describe('decisions and agreements need a finding', () => {
  it('refuses a decision or an agreement newly recorded on a point with no finding, and keeps one made before its finding was taken back', async () => {
    const { dir, call } = testSession();
    await call('store.create', { path: path.join(dir, 's.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true });
    const c = await call('cases.get', { id: (await call('cases.list', {}))[0]!.id });
    // Point 2 of the demo case has no finding.
    expect(c.record.findings['point-2']?.finding ?? null).toBeNull();
    const decided = { ...c.record, adjudication: { ...c.record.adjudication, perPoint: { 'point-2': { decision: 'accepted' as const, reasons: '' } } } };
    await expect(call('cases.update', { id: c.id, revision: c.revision, record: decided })).rejects.toThrow('Point 2 has no finding yet, so there is no finding to decide on; record the finding first. Nothing was saved.');
    const agreed = { ...c.record, ipReview: { ...c.record.ipReview, perPoint: { 'point-2': { agrees: true, comment: '' } } } };
    await expect(call('cases.update', { id: c.id, revision: c.revision, record: agreed })).rejects.toThrow(/Point 2 has no finding yet, so there is nothing to agree or disagree with/);
    expect((await call('cases.get', { id: c.id })).revision).toBe(c.revision);

    // On point 1, which has a finding, both are saved; taking the finding back afterwards is not blocked.
    const ok = await call('cases.update', {
      id: c.id,
      revision: c.revision,
      record: { ...c.record, adjudication: { ...c.record.adjudication, perPoint: { 'point-1': { decision: 'accepted', reasons: '' } } }, ipReview: { ...c.record.ipReview, perPoint: { 'point-1': { agrees: true, comment: '' } } } },
    });
    const back = await call('cases.update', { id: c.id, revision: ok.revision, record: { ...ok.record, findings: { ...ok.record.findings, 'point-1': { ...ok.record.findings['point-1']!, finding: null } } } });
    expect(back.record.adjudication.perPoint['point-1']?.decision).toBe('accepted');
    // A comment alone needs no finding.
    const comment = await call('cases.update', { id: c.id, revision: back.revision, record: { ...back.record, ipReview: { ...back.record.ipReview, perPoint: { ...back.record.ipReview.perPoint, 'point-2': { agrees: null, comment: 'Was the family asked?' } } } } });
    expect(comment.revision).toBe(back.revision + 1);
  });
});
