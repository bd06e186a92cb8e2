import { createCipheriv, createDecipheriv, randomBytes, scrypt, scryptSync } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The audit chain's key. Each store has its own random 32-byte key, made once and never changed, so the chain
 * stays checkable across passphrase changes. It is kept in `meta` only wrapped (AES-256-GCM) under a key
 * derived from the passphrase with scrypt and a random salt: whoever holds the file, or even SQLCipher's page
 * key, cannot re-chain a log without the passphrase. Whoever has the passphrase can; that is what the anchor
 * outside the store is for (docs/security.md, "The audit log").
 *
 * The wrapped record also authenticates `keyedFrom`, the first entry written under the key (1 for a store made
 * by this version; later for a store whose older entries were written under 0.1.0's unkeyed rule), so that
 * point cannot be moved to make keyed entries checkable by the unkeyed rule.
 *
 * The key belongs to a database handle. Code that opens another handle on a store (a backup, the copy written
 * for a passphrase change, an import) gives it the key with `useAuditKey(other, auditKeyOf(db)!)` before any
 * `appendAudit`, and a copy under a new passphrase gets the key wrapped for that passphrase with
 * `stageAuditKeyRewrap(copy, next)` then `commitAuditKeyRewrap(copy)`.
 */
export interface AuditKey {
  key: Buffer;
  /** Entries from this sequence number on are HMAC-SHA256 under `key`. */
  keyedFrom: number;
}

interface Wrapped {
  v: 1;
  keyedFrom: number;
  salt: string;
  N: number;
  r: number;
  p: number;
  iv: string;
  tag: string;
  ct: string;
}

/**
 * scrypt, 2^15 × 8 (32 MiB, ≈90 ms here): the wrap is readable only by someone who can already decrypt the
 * store, and it must not be a cheaper test of a guessed passphrase than the store's own key derivation
 * is for such a person; memory-hard scrypt at this size is no cheaper on a GPU than 256,000 PBKDF2-SHA512.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_ROW = 'audit_key';
/** A wrap under the next passphrase, written before a rekey and promoted after it, so a crash in between loses nothing. */
const NEXT_ROW = 'audit_key_next';

/** Keys of open handles. `null` means the store has a key that this passphrase did not unlock. */
const keys = new WeakMap<Database, AuditKey | null>();

/** Key-encryption keys derived ahead of time (`deriveAuditKek`), by the wrap parameters they were derived for. */
export type DerivedKeks = ReadonlyMap<string, Buffer>;
const kekId = (w: Pick<Wrapped, 'salt' | 'N' | 'r' | 'p'>) => `${w.salt}|${w.N}|${w.r}|${w.p}`;
const scryptArgs = (passphrase: string, w: Pick<Wrapped, 'salt' | 'N' | 'r' | 'p'>) =>
  [Buffer.from(passphrase.normalize('NFC'), 'utf8'), Buffer.from(w.salt, 'base64'), 32, { N: w.N, r: w.r, p: w.p, maxmem: 128 * w.N * w.r * 2 }] as const;
/** The wrap parameters Casewright will run scrypt for: no more than 2^20 × 16 × 4, whatever a file says. */
const sane = (w: Wrapped) => w.v === 1 && Number.isInteger(w.keyedFrom) && w.keyedFrom >= 1 && w.N <= 2 ** 20 && w.r <= 16 && w.p <= 4;

function kek(passphrase: string, w: Pick<Wrapped, 'salt' | 'N' | 'r' | 'p'>, ready?: DerivedKeks): Buffer {
  return ready?.get(kekId(w)) ?? scryptSync(...scryptArgs(passphrase, w));
}

/**
 * The scrypt of the store's audit key wrap, run on libuv's thread pool instead of the calling thread (issue 15),
 * so an open that awaits it leaves the thread free (the command line loads the document renderers meanwhile).
 * Read from a handle already keyed; `unlockAuditKey(db, passphrase, ready)` then uses it instead of running
 * scrypt again. A store without a wrap, or one Casewright would not run scrypt for, gives an empty map.
 */
export async function deriveAuditKek(db: Database, passphrase: string): Promise<DerivedKeks> {
  const ready = new Map<string, Buffer>();
  const stored = metaValue(db, KEY_ROW);
  if (stored === null) return ready;
  let w: Wrapped;
  try {
    w = JSON.parse(stored) as Wrapped;
  } catch {
    return ready;
  }
  if (!sane(w)) return ready;
  const [pass, salt, keylen, opts] = scryptArgs(passphrase, w);
  const k = await new Promise<Buffer>((resolve, reject) => scrypt(pass, salt, keylen, opts, (e, key) => (e ? reject(e) : resolve(key))));
  ready.set(kekId(w), k);
  return ready;
}

const aad = (w: Pick<Wrapped, 'v' | 'keyedFrom' | 'salt' | 'N' | 'r' | 'p'>) =>
  Buffer.from(JSON.stringify(['casewright audit key', w.v, w.keyedFrom, w.salt, w.N, w.r, w.p]), 'utf8');

function wrap(k: AuditKey, passphrase: string): string {
  const head = { v: 1 as const, keyedFrom: k.keyedFrom, salt: randomBytes(16).toString('base64'), ...SCRYPT };
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek(passphrase, head), iv);
  c.setAAD(aad(head));
  const ct = Buffer.concat([c.update(k.key), c.final()]);
  const w: Wrapped = { ...head, iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), ct: ct.toString('base64') };
  return JSON.stringify(w);
}

function unwrap(text: string, passphrase: string, ready?: DerivedKeks): AuditKey | null {
  try {
    const w = JSON.parse(text) as Wrapped;
    if (!sane(w)) return null;
    const d = createDecipheriv('aes-256-gcm', kek(passphrase, w, ready), Buffer.from(w.iv, 'base64'));
    d.setAAD(aad(w));
    d.setAuthTag(Buffer.from(w.tag, 'base64'));
    const key = Buffer.concat([d.update(Buffer.from(w.ct, 'base64')), d.final()]);
    return key.length === 32 ? { key, keyedFrom: w.keyedFrom } : null;
  } catch {
    return null;
  }
}

const metaValue = (db: Database, key: string) =>
  (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
const putMeta = (db: Database, key: string, value: string) =>
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);

/**
 * Called once the store is open and migrated: unlocks the audit key with the passphrase, or makes it for a
 * store that has none yet (a new store, or one from 0.1.0 on its first open). Returns true when it was made
 * now. A store whose key this passphrase cannot unlock opens for reading only: writes are refused and verify
 * says why. `ready`: the wrap's scrypt already run (`deriveAuditKek`).
 */
export function unlockAuditKey(db: Database, passphrase: string, ready?: DerivedKeks): boolean {
  return db.transaction(() => {
    const stored = metaValue(db, KEY_ROW);
    if (stored !== null) {
      let k = unwrap(stored, passphrase, ready);
      const next = metaValue(db, NEXT_ROW);
      if (!k && next !== null) {
        // A passphrase change stopped between the rekey and the promotion: finish it.
        k = unwrap(next, passphrase);
        if (k) putMeta(db, KEY_ROW, next);
      }
      if (k && next !== null) db.prepare('DELETE FROM meta WHERE key = ?').run(NEXT_ROW);
      keys.set(db, k);
      return false;
    }
    const keyedFrom = Number(metaValue(db, 'audit_keyed_from') ?? '1');
    const valid = Number.isInteger(keyedFrom) && keyedFrom >= 1;
    if (!valid || db.prepare('SELECT 1 FROM audit_log WHERE seq >= ? LIMIT 1').get(keyedFrom)) {
      // Keyed entries exist but their key has gone: making a new one would hide that.
      keys.set(db, null);
      return false;
    }
    const k: AuditKey = { key: randomBytes(32), keyedFrom };
    putMeta(db, KEY_ROW, wrap(k, passphrase));
    keys.set(db, k);
    return true;
  })();
}

/** The unlocked key of an open handle: undefined if none was unlocked, null if the passphrase did not unlock it. */
export function auditKeyOf(db: Database): AuditKey | null | undefined {
  return keys.get(db);
}

/** For tests and tools that build a log on a bare handle. */
export function useAuditKey(db: Database, k: AuditKey): void {
  keys.set(db, k);
}

/** Before a rekey: the same key wrapped under the next passphrase, kept beside the current wrap. */
export function stageAuditKeyRewrap(db: Database, nextPassphrase: string): void {
  const k = keys.get(db);
  if (k) putMeta(db, NEXT_ROW, wrap(k, nextPassphrase));
}

/** After a successful rekey: the staged wrap replaces the old one. */
export function commitAuditKeyRewrap(db: Database): void {
  const next = metaValue(db, NEXT_ROW);
  if (next === null) return;
  db.transaction(() => {
    putMeta(db, KEY_ROW, next);
    db.prepare('DELETE FROM meta WHERE key = ?').run(NEXT_ROW);
  })();
}
