import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/handlers';
import { memorySettings } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import { CIPHER_SETTINGS } from '../../../main/services/store/caseStore';
import { LATEST_VERSION } from '../../../main/services/store/migrations';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api/contract';
import { tempDir } from '../../helpers/tmp';
import { findPlainNames } from '../../../shared/documents/plainNames';
import { richToPlain } from '../../../shared/domain/richText';

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
    // Its chronology events and recommendations were plain strings then; they are read as rich text now.
    expect(c.record.chronology.length).toBeGreaterThan(0);
    expect(c.record.chronology.every((e) => e.event.type === 'doc')).toBe(true);
    expect(c.record.recommendations.every((x) => x.text.type === 'doc')).toBe(true);
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

  it('keeps its unkeyed 0.1.0 entries checkable, keys the chain from the upgrade on, and covers what it held', async () => {
    const { store, facts, call } = openCopy('v0.1.0');
    await call('store.open', { path: store, passphrase: facts.passphrase });
    await call('store.lock', {});
    const db = new Database(store);
    db.pragma(`cipher = '${CIPHER_SETTINGS.cipher}'`);
    db.pragma(`legacy = ${CIPHER_SETTINGS.legacy}`);
    db.pragma(`kdf_iter = ${CIPHER_SETTINGS.kdfIter}`);
    db.key(Buffer.from(facts.passphrase, 'utf8'));
    const keyedFrom = Number((db.prepare("SELECT value FROM meta WHERE key = 'audit_keyed_from'").get() as { value: string }).value);
    const rows = db.prepare('SELECT seq, action, covers FROM audit_log ORDER BY seq').all() as { seq: number; action: string; covers: string | null }[];
    expect(keyedFrom).toBeGreaterThan(1);
    expect(rows.filter((r) => r.seq < keyedFrom).every((r) => r.covers === null)).toBe(true);
    // The upgrade's entry is the first keyed one and records a digest of everything the store held.
    const upgrade = rows.find((r) => r.seq === keyedFrom)!;
    expect(upgrade.action).toBe('store.migrate');
    expect(Object.keys(JSON.parse(upgrade.covers!) as object)).toEqual(
      expect.arrayContaining([`attachment:${facts.attachment.id}`, `case:${facts.caseId}`, `document:${facts.issued.id}`]),
    );
    // An old entry rewritten under the old rule, with every old hash after it recomputed, no longer meets the
    // first keyed entry, which quotes the last old hash.
    db.exec('DROP TRIGGER audit_log_no_update');
    const old = db.prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq').all(keyedFrom) as Record<string, string | number | null>[];
    let prev = '0'.repeat(64);
    for (const r of old) {
      const actor = r.seq === 1 ? 'Someone Else' : r.actor;
      const hash = crypto.createHash('sha256').update(JSON.stringify([r.seq, r.at, actor, r.action, r.entity, r.entity_id, r.detail, prev])).digest('hex');
      db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(actor, prev, hash, r.seq);
      prev = hash;
    }
    db.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END");
    db.close();
    await call('store.open', { path: store, passphrase: facts.passphrase });
    expect((await call('store.verify', {})).problems).toEqual([`Audit entry ${keyedFrom} does not follow on from the entry before it.`]);
  });

  it('still refuses the passphrase it had before it was changed', async () => {
    const { store, facts, dispatch } = openCopy('v0.1.0');
    expect(await dispatch('store.open', { path: store, passphrase: facts.oldPassphrase })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
  });
});

describe('a store made by Casewright 0.2.0 (schema 5, case file format 4)', () => {
  it('opens, migrates and reads its plain-text summary, extract, IP review and adjudication as rich text, with their names offered as mentions', async () => {
    const { store, facts, call } = openCopy('v0.2.0');
    expect(facts.schemaVersion).toBeLessThanOrEqual(LATEST_VERSION);
    await call('store.open', { path: store, passphrase: facts.passphrase });
    expect(await call('store.verify', {})).toMatchObject({ ok: true, problems: [] });
    const c = await call('cases.get', { id: facts.caseId });
    expect(c.record.reference).toBe(facts.reference);
    expect(richToPlain(c.record.summary)).toBe('Jordan Blake did not visit; Ms Ó Súilleabháin-Nowak complains.');
    expect(richToPlain(c.record.evidence[0]!.extracts[0]!.quote)).toBe('Sam Okafor: move this week.');
    expect(richToPlain(c.record.ipReview.observations)).toBe('Lena Fischer helped.');
    expect(richToPlain(c.record.adjudication.actions[0]!.owner)).toBe('Sam Okafor');
    expect(findPlainNames(c.record).map((n) => n.where)).toEqual(
      expect.arrayContaining(['Case summary', 'E1 extract 1', 'Independent person: further observations', 'Adjudication: reasons on point 1', 'Who does action 1']),
    );
    // Its issued letter is still there, and the complainant's version of the letter is refused until the plain
    // names are resolved, or prints pseudonyms.
    expect((await call('documents.list', { caseId: facts.caseId })).map((d) => d.id)).toEqual([facts.issued.id]);
    const preview = await call('documents.preview', { caseId: facts.caseId, kind: 'adjudication-letter', variant: 'complainant' });
    const words = JSON.stringify(preview.blocks);
    expect(words).not.toMatch(/Okafor|Jordan Blake/);
    // Saved again, the record is written in format 5's shape.
    const saved = await call('cases.update', { id: c.id, revision: c.revision, record: c.record });
    expect(saved.record.ipReview.fairness).toMatchObject({ type: 'doc' });
    const file = await call('attachments.read', { id: facts.attachment.id });
    expect(file.text).toContain('Supervision record for the v0.2.0 fixture store');
  });
});

describe('a store made by the release before key replacement and Greek spellings (schema 10)', () => {
  it('opens, migrates (11, 12), verifies, keeps its identity and its checked contact, and finds its Greek names in Latin letters', async () => {
    const { store, call } = openCopy('v0.3.0');
    const facts = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'v0.3.0.json'), 'utf8')) as { passphrase: string; schemaVersion: number; caseId: string; identity: { fingerprint: string }; contact: { name: string; fingerprint: string } };
    expect(facts.schemaVersion).toBe(10);
    expect(LATEST_VERSION).toBeGreaterThan(facts.schemaVersion);
    await call('store.open', { path: store, passphrase: facts.passphrase });
    expect(await call('store.verify', {})).toMatchObject({ ok: true, problems: [] });
    // The same keys, nothing replaced; the contact still trusted.
    expect(await call('exchange.identity', {})).toMatchObject({ fingerprint: facts.identity.fingerprint, previous: [] });
    expect(await call('exchange.contacts', {})).toEqual([expect.objectContaining({ name: facts.contact.name, fingerprint: facts.contact.fingerprint, verified: true, revokedAt: null, revokedReason: null })]);
    // Migration 012 on a real store: the person and the attached note found by the Latin spelling, marked.
    const person = await call('search.query', { query: 'eleni papadopoulou', limit: 10 });
    expect(person.hits.map((h) => h.title)).toContain('Ελένη Παπαδοπούλου');
    const note = (await call('search.query', { query: 'theodoros efthimiou', limit: 10 })).hits.find((h) => h.title === 'handover note.txt');
    expect(note?.snippet).toContain('[[Θεόδωρος]] [[Ευθυμίου]]');
  });
});

