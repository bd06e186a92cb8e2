import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/handlers';
import { memorySettings } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import { LATEST_VERSION } from '../../../main/services/store/migrations';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api/contract';
import { tempDir } from '../../helpers/tmp';

/**
 * Stores made by earlier versions of Casewright, kept as fixtures with their passphrases, must keep opening.
 * v0.1.0 was made with better-sqlite3-multiple-ciphers 12.11.1 under Node 20 (the demo case, an attached PDF,
 * an issued draft, a changed passphrase); this version reads it with 13.x under Node 24.
 */
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/stores');

interface FixtureFacts {
  passphrase: string;
  oldPassphrase: string;
  schemaVersion: number;
  reference: string;
  caseId: string;
  attachment: { id: string; fileName: string; sha256: string };
  issued: { id: string; kind: string; variant: string; version: number };
}

function openCopy(name: string) {
  const dir = tempDir();
  const store = path.join(dir, `${name}.cwstore`);
  // A copy: the fixture itself must never be migrated in place.
  fs.copyFileSync(path.join(FIXTURES, `${name}.cwstore`), store);
  const facts = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as FixtureFacts;
  const dispatch = createDispatcher(
    new Session({ actor: 'Test Officer', appVersion: 'test', settings: memorySettings(), vault: null, chooseStorePath: async () => null, allowsPath: (p) => p === store, chooseSavePath: async () => null, chooseFolder: async () => null, emit: () => {}, today: () => '2026-11-25' }),
  );
  const call = async <N extends ApiName>(n: N, input: ApiInput<N>): Promise<ApiOutput<N>> => {
    const r = await dispatch(n, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.data as ApiOutput<N>;
  };
  return { store, facts, dispatch, call };
}

describe('a store made by Casewright 0.1.0', () => {
  it('opens with its passphrase, migrates, verifies and keeps its case, attachment and issued document', async () => {
    const { store, facts, call } = openCopy('v0.1.0');
    expect(facts.schemaVersion).toBeLessThanOrEqual(LATEST_VERSION);
    await call('store.open', { path: store, passphrase: facts.passphrase });
    expect(await call('store.verify', {})).toMatchObject({ ok: true, problems: [] });
    const cases = await call('cases.list', {});
    expect(cases.map((c) => [c.id, c.reference])).toEqual([[facts.caseId, facts.reference]]);
    const c = await call('cases.get', { id: facts.caseId });
    expect(c.record.child.name).toBe('Kieran Nowak');
    const file = await call('attachments.read', { id: facts.attachment.id });
    expect(file.info.fileName).toBe(facts.attachment.fileName);
    expect(crypto.createHash('sha256').update(Buffer.from(file.dataBase64, 'base64')).digest('hex')).toBe(facts.attachment.sha256);
    expect(file.text).toContain('Supervision record for the fixture store');
    const issued = await call('documents.list', { caseId: facts.caseId });
    expect(issued.map((d) => [d.id, d.kind, d.variant, d.version])).toEqual([[facts.issued.id, facts.issued.kind, facts.issued.variant, facts.issued.version]]);
    // Search still finds the text of the attached file.
    const hits = await call('search.query', { query: 'supervision record', limit: 10 });
    expect(hits.hits.some((h) => h.caseId === facts.caseId)).toBe(true);
  });

  it('still refuses the passphrase it had before it was changed', async () => {
    const { store, facts, dispatch } = openCopy('v0.1.0');
    expect(await dispatch('store.open', { path: store, passphrase: facts.oldPassphrase })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
  });
});
