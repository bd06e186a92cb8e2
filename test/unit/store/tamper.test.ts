import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/handlers';
import { memorySettings, type SettingsStore } from '../../../main/services/platform';
import { Session } from '../../../main/services/session/session';
import { appendAudit } from '../../../main/services/store/audit';
import { unlockAuditKey } from '../../../main/services/store/auditKey';
import { allRefs } from '../../../main/services/store/digests';
import { CIPHER_SETTINGS } from '../../../main/services/store/caseStore';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api/contract';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

/**
 * The seven tamperings of issue 9, each done the way someone with the file, the passphrase and a SQLCipher
 * tool would do it (better-sqlite3-multiple-ciphers opened directly, triggers dropped and put back), on a real
 * encrypted store the app has been using. `store verify` must name each one.
 */

function device(settings: SettingsStore = memorySettings()) {
  const dir = tempDir();
  const session = new Session({
    actor: 'Test Officer', appVersion: 'test', settings, vault: null,
    chooseStorePath: async () => null,
      // The test stands in for a person who chose this file in the app's dialog.
      allowsPath: () => true, chooseSavePath: async () => null, chooseFolder: async () => null, emit: () => {}, today: () => '2026-11-25',
  });
  const dispatch = createDispatcher(session);
  const call = async <N extends ApiName>(n: N, input: ApiInput<N>): Promise<ApiOutput<N>> => {
    const r = await dispatch(n, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.data as ApiOutput<N>;
  };
  return { dir, session, call, settings };
}

/** A store in use: the demo case (with its attached e-mail), an issued draft, an edit; then locked. */
async function storeInUse() {
  const d = device();
  const store = path.join(d.dir, 'cases.cwstore');
  await d.call('store.create', { path: store, passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true });
  const [summary] = await d.call('cases.list', {});
  const c = await d.call('cases.get', { id: summary!.id });
  await d.call('documents.issue', { caseId: c.id, kind: 'investigation-report', variant: 'council', final: false });
  await d.call('cases.update', { id: c.id, revision: c.revision, record: { ...c.record, summary: 'An edit after the draft was issued.' } });
  await d.call('store.lock', {});
  return { ...d, store, caseId: c.id };
}

/** What someone with a SQLCipher tool and the passphrase can do to the file. */
function attacker(store: string, act: (db: Database.Database) => void): void {
  const db = new Database(store);
  db.pragma(`cipher = '${CIPHER_SETTINGS.cipher}'`);
  db.pragma(`legacy = ${CIPHER_SETTINGS.legacy}`);
  db.pragma(`kdf_iter = ${CIPHER_SETTINGS.kdfIter}`);
  db.key(Buffer.from(GOOD_PASSPHRASE, 'utf8'));
  act(db);
  db.close();
}

/** Drops the append-only triggers, acts, and puts them back exactly as they were. */
function behindTriggers(db: Database.Database, act: () => void): void {
  const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { sql: string }[];
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  act();
  for (const t of triggers) db.exec(t.sql);
}

type Row = { seq: number; at: string; actor: string; action: string; entity: string; entity_id: string | null; detail: string; prev_hash: string; hash: string };

/** The chain rule of Casewright 0.1.0: anyone can recompute it. */
const unkeyedHash = (r: Omit<Row, 'hash'>) =>
  createHash('sha256').update(JSON.stringify([r.seq, r.at, r.actor, r.action, r.entity, r.entity_id, r.detail, r.prev_hash])).digest('hex');

async function verifyAgain(d: Awaited<ReturnType<typeof storeInUse>>) {
  await d.call('store.open', { path: d.store, passphrase: GOOD_PASSPHRASE });
  return d.call('store.verify', {});
}

describe('store verify after tampering with a store', () => {
  it('says ok for a store the app alone has written', async () => {
    const d = await storeInUse();
    expect(await verifyAgain(d)).toEqual({ ok: true, problems: [], notes: [], differsFromDevice: false });
  });

  it('has nothing to add about a store made on this device, even before it is locked', async () => {
    const d = device();
    await d.call('store.create', { path: path.join(d.dir, 'new.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true });
    expect(await d.call('store.verify', {})).toEqual({ ok: true, problems: [], notes: [], differsFromDevice: false });
  });

  it('1. reports the newest entries deleted', async () => {
    const d = await storeInUse();
    attacker(d.store, (db) => behindTriggers(db, () => db.prepare('DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 2 FROM audit_log)').run()));
    const r = await verifyAgain(d);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/The audit log is shorter than when this device last saw it \(\d+ entries, now \d+\): entries have been removed\./);
  });

  it('2. reports an edited entry whose hashes were recomputed', async () => {
    const d = await storeInUse();
    attacker(d.store, (db) =>
      behindTriggers(db, () => {
        const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];
        let prev = rows[0]!.prev_hash;
        for (const r of rows) {
          const next = { ...r, prev_hash: prev, actor: r.seq === 2 ? 'Someone Else' : r.actor };
          next.hash = unkeyedHash(next);
          db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(next.actor, next.prev_hash, next.hash, r.seq);
          prev = next.hash;
        }
      }),
    );
    const r = await verifyAgain(d);
    expect(r.ok).toBe(false);
    expect(r.problems).toContain('Audit entry 2 has been altered since it was written.');
  });

  it('3. reports a forged entry appended to the log', async () => {
    const d = await storeInUse();
    let forged = 0;
    attacker(d.store, (db) => {
      const last = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Row;
      const row = { seq: last.seq + 1, at: new Date().toISOString(), actor: 'Test Officer', action: 'case.update', entity: 'case', entity_id: d.caseId, detail: '{}', prev_hash: last.hash };
      forged = row.seq;
      db.prepare('INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.detail, row.prev_hash, unkeyedHash(row),
      );
    });
    const r = await verifyAgain(d);
    expect(r.ok).toBe(false);
    expect(r.problems).toContain(`Audit entry ${forged} has been altered since it was written.`);
  });

  it('4. reports a case record edited with no audit entry', async () => {
    const d = await storeInUse();
    attacker(d.store, (db) => db.prepare("UPDATE cases SET record = json_set(record, '$.summary', 'Quietly rewritten.') WHERE id = ?").run(d.caseId));
    const r = await verifyAgain(d);
    expect(r.ok).toBe(false);
    expect(r.problems).toContain('Case DEMO-ST2-0001 has been changed without an audit entry.');
  });

  it('5. reports a whole case deleted', async () => {
    const d = await storeInUse();
    attacker(d.store, (db) => {
      db.pragma('foreign_keys = ON');
      db.prepare('DELETE FROM cases WHERE id = ?').run(d.caseId);
    });
    const r = await verifyAgain(d);
    expect(r.ok).toBe(false);
    expect(r.problems).toContain('Case DEMO-ST2-0001 has been deleted without an audit entry.');
  });

  it('6. reports the append-only triggers dropped', async () => {
    const d = await storeInUse();
    attacker(d.store, (db) => db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;'));
    const r = await verifyAgain(d);
    expect(r.ok).toBe(false);
    expect(r.problems).toContain('The audit log’s guard audit_log_no_update is missing or has been changed, so entries could be altered in place.');
    expect(r.problems).toContain('The audit log’s guard audit_log_no_delete is missing or has been changed, so entries could be removed.');
  });

  it('7. reports a frozen issued document edited', async () => {
    const d = await storeInUse();
    attacker(d.store, (db) => db.prepare("UPDATE document_issues SET model = json_set(model, '$.title', 'Something else') WHERE case_id = ?").run(d.caseId));
    const r = await verifyAgain(d);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/^Issued document investigation-report \(council version 1\) of case DEMO-ST2-0001 has been changed without an audit entry\.$/m);
  });

  it('also reports the bytes of an attached file changed', async () => {
    const d = await storeInUse();
    attacker(d.store, (db) => db.prepare("UPDATE attachments SET data = CAST('something else' AS BLOB) WHERE case_id = ?").run(d.caseId));
    const r = await verifyAgain(d);
    expect(r.problems).toContain('File email-family-time.eml of case DEMO-ST2-0001 has been changed without an audit entry.');
  });

  it('also reports a trigger added to change records behind the app', async () => {
    const d = await storeInUse();
    attacker(d.store, (db) =>
      db.exec("CREATE TRIGGER quiet AFTER UPDATE ON cases BEGIN UPDATE cases SET council = 'Elsewhere' WHERE id = NEW.id AND council <> 'Elsewhere'; END"),
    );
    const r = await verifyAgain(d);
    expect(r.problems).toEqual(['The store holds a trigger quiet on cases that Casewright did not make, which could change records without an audit entry.']);
  });

  it('keeps reporting removed entries after the store has been used again', async () => {
    const d = await storeInUse();
    attacker(d.store, (db) => behindTriggers(db, () => db.prepare('DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 2 FROM audit_log)').run()));
    await d.call('store.open', { path: d.store, passphrase: GOOD_PASSPHRASE });
    const c = await d.call('cases.get', { id: d.caseId });
    await d.call('cases.update', { id: c.id, revision: c.revision, record: { ...c.record, summary: 'Another edit.' } });
    await d.call('cases.update', { id: c.id, revision: c.revision + 1, record: { ...c.record, summary: 'And another.' } });
    await d.call('cases.update', { id: c.id, revision: c.revision + 2, record: { ...c.record, summary: 'And a third.' } });
    await d.call('store.lock', {});
    const r = await verifyAgain(d);
    expect(r.problems.join('\n')).toMatch(/^Audit entry \d+ is not the one this device last saw there: the log has been rewritten\.$/m);
  });

  describe('by someone who has the passphrase and this code', () => {
    /** Removes the newest entries and writes a new, validly keyed one in their place. */
    const rechain = (d: Awaited<ReturnType<typeof storeInUse>>) =>
      attacker(d.store, (db) => {
        behindTriggers(db, () => db.prepare('DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 2 FROM audit_log)').run());
        unlockAuditKey(db, GOOD_PASSPHRASE);
        // …covering everything as it now is, so the digests agree too.
        appendAudit(db, { actor: 'Test Officer', action: 'case.export', entity: 'case', entityId: d.caseId, detail: {}, covers: allRefs(db) });
      });

    it('is reported by the device that last saw the store, through its anchor', async () => {
      const d = await storeInUse();
      rechain(d);
      const r = await verifyAgain(d);
      expect(r.ok).toBe(false);
      expect(r.problems).toEqual([expect.stringMatching(/^The audit log is shorter than when this device last saw it \(\d+ entries, now \d+\): entries have been removed\.$/)]);
    });

    it('is not seen by a device that never had the store open (the limit set out in docs/security.md)', async () => {
      const d = await storeInUse();
      rechain(d);
      const elsewhere = device();
      await elsewhere.call('store.open', { path: d.store, passphrase: GOOD_PASSPHRASE });
      expect(await elsewhere.call('store.verify', {})).toEqual({
        ok: true,
        problems: [],
        notes: ['This device had no record of this store before it was opened here, so entries removed from the end of its audit log before then cannot be detected.'],
        differsFromDevice: false,
      });
    });
  });

  it('reports a backup put back as entries removed, and lets the user accept it, which the log records', async () => {
    const d = await storeInUse();
    const backup = path.join(d.dir, 'backup.cwstore');
    fs.copyFileSync(d.store, backup);
    await d.call('store.open', { path: d.store, passphrase: GOOD_PASSPHRASE });
    const c = await d.call('cases.get', { id: d.caseId });
    await d.call('cases.update', { id: c.id, revision: c.revision, record: { ...c.record, summary: 'Work after the backup.' } });
    await d.call('store.lock', {});
    fs.copyFileSync(backup, d.store);
    const before = await verifyAgain(d);
    expect(before).toMatchObject({ ok: false, differsFromDevice: true });
    expect(before.problems).toEqual([expect.stringMatching(/^The audit log is shorter than when this device last saw it/)]);
    expect(await d.call('store.acceptAuditLog', {})).toEqual({ ok: true, problems: [], notes: [], differsFromDevice: false });
    await d.call('store.lock', {});
    expect(await verifyAgain(d)).toMatchObject({ ok: true });
    attacker(d.store, (db) => expect((db.prepare('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { action: string }).action).toBe('store.audit-accepted'));
    await d.call('store.open', { path: d.store, passphrase: GOOD_PASSPHRASE });
    await expect(d.call('store.acceptAuditLog', {})).rejects.toThrow('CONFLICT: The audit log still holds everything this device last saw in it, so there is nothing to accept.');
  });
});
