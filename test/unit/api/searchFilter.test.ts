import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE } from '../../helpers/tmp';

describe('search filtered by case and by kind of item (issue 11)', () => {
  it('narrows the hits, and refuses a kind it does not know with a sentence', async () => {
    const { dir, dispatch, call } = testSession();
    await call('store.create', { path: path.join(dir, 's.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Alex Morgan', demo: true });
    const other = await call('cases.create', { record: { ...buildDemoCase('2026-11-25'), reference: 'OTHER-2026-1' } });
    const all = (await call('search.query', { query: 'transport', limit: 200 })).hits;
    expect(new Set(all.map((h) => h.reference))).toEqual(new Set(['DEMO-ST2-0001', 'OTHER-2026-1']));
    const one = (await call('search.query', { query: 'transport', limit: 200, caseId: other.id })).hits;
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((h) => h.caseId === other.id)).toBe(true);
    const points = (await call('search.query', { query: 'transport', limit: 200, kinds: ['point'] })).hits;
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((h) => h.kind === 'point')).toBe(true);
    expect((await call('search.query', { query: 'transport', limit: 200, kinds: ['chronology', 'finding'] })).hits.every((h) => h.kind !== 'point')).toBe(true);
    const r = await dispatch('search.query', { query: 'transport', kinds: ['passwords'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((r as { error: { message: string } }).error.message).not.toMatch(/\[\d\]/);
  });
});
