import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/handlers';
import { memorySettings } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import { MAX_RICH_DEPTH, richDocSchema, type RichNode } from '../../../shared/domain/richText';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

/** A document of quotes within quotes, `depth` rich-text levels deep in all. */
function nested(depth: number): RichNode {
  let node: RichNode = { type: 'paragraph', content: [{ type: 'text', text: 'deep down' }] };
  for (let i = 3; i < depth; i++) node = { type: 'blockquote', content: [node] };
  return { type: 'doc', content: [node] };
}

describe('rich text nesting', () => {
  it('accepts lists and quotes nested as deep as people write, and refuses deeper with a sentence', () => {
    expect(richDocSchema.safeParse(nested(MAX_RICH_DEPTH)).success).toBe(true);
    const r = richDocSchema.safeParse(nested(MAX_RICH_DEPTH + 1));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([]);
    expect(r.error?.issues[0]?.message).toBe(`is nested more than ${MAX_RICH_DEPTH} levels deep (quotes or lists inside each other); flatten it and save again`);
    // Far deeper: still a sentence, never a stack overflow.
    expect(richDocSchema.safeParse(nested(100_000)).success).toBe(false);
  });

  it('gives a sentence, not an internal message, when a case is saved with notes nested 500, 1,000 or 100,000 deep', async () => {
    const dir = tempDir();
    const session = new Session({
      actor: 'IO',
      appVersion: 'test',
      settings: memorySettings(),
      vault: null,
      chooseStorePath: async () => null,
      // The test stands in for a person who chose this file in the app's dialog.
      allowsPath: () => true,
      chooseSavePath: async () => null,
      chooseFolder: async () => null,
      emit: () => {},
    });
    const dispatch = createDispatcher(session);
    expect(await dispatch('store.create', { path: path.join(dir, 'a.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'IO' })).toMatchObject({ ok: true });
    const demo = (await dispatch('cases.addDemo', {})) as { ok: true; data: { id: string; revision: number } };
    const got = (await dispatch('cases.get', { id: demo.data.id })) as { ok: true; data: { revision: number; record: { interviews: { notes: RichNode }[] } } };
    for (const depth of [500, 1000, 100_000]) {
      const record = structuredClone(got.data.record);
      record.interviews[0]!.notes = nested(depth);
      const r = await dispatch('cases.update', { id: demo.data.id, revision: got.data.revision, record });
      expect(r.ok).toBe(false);
      const e = (r as { error: { code: string; message: string } }).error;
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(`Interview 1, notes: is nested more than ${MAX_RICH_DEPTH} levels deep (quotes or lists inside each other); flatten it and save again.`);
    }
    expect(await dispatch('store.verify', {})).toMatchObject({ ok: true, data: { ok: true } });
    session.lock('user');
  });
});
