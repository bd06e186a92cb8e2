import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { UserError } from '../errors';
import { auditKeyOf } from './auditKey';
import { allRefs, digestOf, type Digest } from './digests';

/**
 * The audit log: every mutation appends who, when, what and a detail object, and names the records, files and
 * issued documents it changed with a digest of each as it left them (`covers`). Each entry's hash covers its
 * content and the previous entry's hash; from the store's `keyedFrom` entry on it is an HMAC-SHA256 under the
 * store's audit key (auditKey.ts), so it cannot be recomputed without the passphrase. Entries written by 0.1.0
 * keep their unkeyed SHA-256 and are checked under that rule. What verify can and cannot detect is set out in
 * docs/security.md.
 */
export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
  /** What the change touched ("case:<id>", "attachment:<id>", "document:<id>"); their digests are taken now. */
  covers?: readonly string[];
}

export interface AuditRow extends Omit<AuditEntry, 'covers'> {
  seq: number;
  at: string;
  covers: Record<string, Digest> | null;
  prevHash: string;
  hash: string;
}

/** The newest entry this device has seen for a store: kept outside the store, so removal and rewriting show. */
export interface AuditAnchor {
  length: number;
  head: string;
}

interface DbRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string;
  covers: string | null;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** 0.1.0's rule: anyone can recompute it, so it shows accidents, not tampering. */
function unkeyedHash(r: Omit<DbRow, 'hash' | 'covers'>): string {
  const canonical = JSON.stringify([r.seq, r.at, r.actor, r.action, r.entity, r.entity_id, r.detail, r.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

function keyedHash(key: Buffer, r: Omit<DbRow, 'hash'>): string {
  const canonical = JSON.stringify(['casewright audit 2', r.seq, r.at, r.actor, r.action, r.entity, r.entity_id, r.detail, r.covers, r.prev_hash]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function appendAudit(db: Database, e: AuditEntry, now: () => Date = () => new Date()): void {
  const k = auditKeyOf(db);
  if (!k) {
    throw new UserError('READ_ONLY', 'Nothing can be changed in this store because its audit log’s key cannot be unlocked; run "Check the store" and restore it from a backup.');
  }
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const covers = e.covers && e.covers.length > 0 ? JSON.stringify(Object.fromEntries(e.covers.map((ref) => [ref, digestOf(db, ref)]))) : null;
  const row: Omit<DbRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: now().toISOString(),
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    detail: JSON.stringify(e.detail ?? {}),
    covers,
    prev_hash: last?.hash ?? GENESIS,
  };
  if (row.seq < k.keyedFrom) throw new Error(`audit entry ${row.seq} would come before the keyed part (${k.keyedFrom})`);
  db.prepare(
    'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, covers, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.detail, row.covers, row.prev_hash, keyedHash(k.key, row));
}

export function listAudit(db: Database, entityId?: string): AuditRow[] {
  const rows = (
    entityId
      ? db.prepare('SELECT * FROM audit_log WHERE entity_id = ? ORDER BY seq').all(entityId)
      : db.prepare('SELECT * FROM audit_log ORDER BY seq').all()
  ) as DbRow[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: JSON.parse(r.detail) as unknown,
    covers: r.covers === null ? null : (JSON.parse(r.covers) as Record<string, Digest>),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** The length and newest hash of the log, for the anchor; null for an empty log. */
export function auditHead(db: Database): AuditAnchor | null {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return last ? { length: last.seq, head: last.hash } : null;
}

/** True when the log still holds, at the anchor's length, the entry the anchor recorded. */
export function extendsAnchor(db: Database, anchor: AuditAnchor): boolean {
  const r = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchor.length) as { hash: string } | undefined;
  return r?.hash === anchor.head;
}

/**
 * The append-only guards as migration 001 made them (whitespace aside). These are the only triggers Casewright
 * makes; a migration that ever adds another must list it here, or verify will report it as foreign.
 */
const GUARDS: [name: string, sql: string, sentence: string][] = [
  ['audit_log_no_update', "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END", 'so entries could be altered in place'],
  ['audit_log_no_delete', "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END", 'so entries could be removed'],
];
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function guardProblems(db: Database): string[] {
  const triggers = db.prepare("SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string; tbl: string; sql: string }[];
  const present = new Map(triggers.map((t) => [t.name, squash(t.sql)]));
  const known = new Set(GUARDS.map(([name]) => name));
  return [
    ...GUARDS.filter(([name, sql]) => present.get(name) !== sql).map(([name, , why]) => `The audit log’s guard ${name} is missing or has been changed, ${why}.`),
    // Casewright makes no other trigger: one added could change records behind the app's back, and the app's
    // own next entry would then record the changed record as if it were the app's doing.
    ...triggers.filter((t) => !known.has(t.name)).map((t) => `The store holds a trigger ${t.name} on ${t.tbl} that Casewright did not make, which could change records without an audit entry.`),
  ];
}

/**
 * Returns the problems found, each one sentence; empty when intact. Checks the append-only guards, walks the
 * chain from the first entry (unkeyed rule before `keyedFrom`, HMAC after), compares every case, file and issued
 * document with the digest its latest entry recorded, and compares the log with the anchor this device kept
 * and with one a case file exported from the store carried.
 */
export function verifyAuditChain(db: Database, opts: { anchor?: AuditAnchor | null; exported?: AuditAnchor | null } = {}): string[] {
  const problems: string[] = guardProblems(db);
  const k = auditKeyOf(db) ?? null;
  // Without the key, where the keyed part starts is taken from meta (unauthenticated) just to skip it.
  const keyedFrom = k?.keyedFrom ?? (Number((db.prepare("SELECT value FROM meta WHERE key = 'audit_keyed_from'").get() as { value: string } | undefined)?.value) || Number.POSITIVE_INFINITY);
  let prev = GENESIS;
  let expectedSeq = 1;
  let lastSeq = 0;
  let unchecked = false;
  let hashAtAnchor: string | undefined;
  let hashAtExport: string | undefined;
  const state = new Map<string, Digest>();
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<DbRow>) {
    if (r.seq !== expectedSeq) problems.push(`Audit entry ${expectedSeq} is missing (the next entry is ${r.seq}).`);
    if (r.prev_hash !== prev) problems.push(`Audit entry ${r.seq} does not follow on from the entry before it.`);
    const keyed = r.seq >= keyedFrom;
    if (keyed && !k) unchecked = true;
    else if (!(keyed ? same(keyedHash(k!.key, r), r.hash) : r.covers === null && unkeyedHash(r) === r.hash)) {
      problems.push(`Audit entry ${r.seq} has been altered since it was written.`);
    }
    if (keyed && r.covers !== null) {
      try {
        for (const [ref, d] of Object.entries(JSON.parse(r.covers) as Record<string, Digest>)) {
          state.set(ref, { sha256: d.sha256, label: d.label ?? state.get(ref)?.label ?? null });
        }
      } catch {
        problems.push(`Audit entry ${r.seq} has been altered since it was written.`);
      }
    }
    prev = r.hash;
    expectedSeq = r.seq + 1;
    lastSeq = r.seq;
    if (r.seq === opts.anchor?.length) hashAtAnchor = r.hash;
    if (r.seq === opts.exported?.length) hashAtExport = r.hash;
  }
  if (unchecked) problems.push('The audit log’s key cannot be unlocked with this passphrase, so its newer entries cannot be checked.');
  if (k && lastSeq < k.keyedFrom) {
    problems.push(`The audit log ends at entry ${lastSeq}, before entry ${k.keyedFrom} where its keyed part begins: entries have been removed.`);
  }
  if (k) {
    const now = new Set<string>();
    for (const ref of allRefs(db)) {
      now.add(ref);
      const cur = digestOf(db, ref);
      const seen = state.get(ref);
      if (!seen) problems.push(`${cur.label} is in the store but no audit entry records it being added.`);
      else if (seen.sha256 !== cur.sha256) problems.push(`${cur.label} has been changed without an audit entry.`);
    }
    for (const [ref, seen] of state) {
      if (seen.sha256 !== null && !now.has(ref)) problems.push(`${seen.label ?? ref} has been deleted without an audit entry.`);
    }
  }
  if (opts.anchor) {
    if (lastSeq < opts.anchor.length) {
      problems.push(`The audit log is shorter than when this device last saw it (${opts.anchor.length} entries, now ${lastSeq}): entries have been removed.`);
    } else if (hashAtAnchor !== opts.anchor.head) {
      problems.push(`Audit entry ${opts.anchor.length} is not the one this device last saw there: the log has been rewritten.`);
    }
  }
  if (opts.exported) {
    if (lastSeq < opts.exported.length) {
      problems.push(`The audit log is shorter than when the case file was exported (${opts.exported.length} entries, now ${lastSeq}): entries have been removed, or the file came from another store.`);
    } else if (hashAtExport !== opts.exported.head) {
      problems.push(`Audit entry ${opts.exported.length} is not the one the case file recorded: the log has been rewritten, or the file came from another store.`);
    }
  }
  return problems;
}
