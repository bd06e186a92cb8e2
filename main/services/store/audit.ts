import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The audit log: every mutation appends who, when, what and a detail object. Each row's hash covers its
 * content and the previous row's hash, so an edited, removed or reordered row breaks the chain.
 */
export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
}

export interface AuditRow extends AuditEntry {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function rowHash(r: { seq: number; at: string; actor: string; action: string; entity: string; entityId: string | null; detail: string; prevHash: string }): string {
  const canonical = JSON.stringify([r.seq, r.at, r.actor, r.action, r.entity, r.entityId, r.detail, r.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function appendAudit(db: Database, e: AuditEntry, now: () => Date = () => new Date()): void {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: now().toISOString(),
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    detail: JSON.stringify(e.detail ?? {}),
    prevHash: last?.hash ?? GENESIS,
  };
  db.prepare(
    'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(row.seq, row.at, row.actor, row.action, row.entity, row.entityId, row.detail, row.prevHash, rowHash(row));
}

export function listAudit(db: Database, entityId?: string): AuditRow[] {
  const rows = (
    entityId
      ? db.prepare('SELECT * FROM audit_log WHERE entity_id = ? ORDER BY seq').all(entityId)
      : db.prepare('SELECT * FROM audit_log ORDER BY seq').all()
  ) as { seq: number; at: string; actor: string; action: string; entity: string; entity_id: string | null; detail: string; prev_hash: string; hash: string }[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: JSON.parse(r.detail) as unknown,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** Returns the problems found walking the chain from the first row; empty when intact. */
export function verifyAuditChain(db: Database): string[] {
  const problems: string[] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<{
    seq: number; at: string; actor: string; action: string; entity: string; entity_id: string | null; detail: string; prev_hash: string; hash: string;
  }>;
  for (const r of rows) {
    if (r.seq !== expectedSeq) problems.push(`Audit entry ${expectedSeq} is missing (the next entry is ${r.seq}).`);
    if (r.prev_hash !== prev) problems.push(`Audit entry ${r.seq} does not follow on from the entry before it.`);
    const h = rowHash({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, detail: r.detail, prevHash: r.prev_hash });
    if (h !== r.hash) problems.push(`Audit entry ${r.seq} has been altered since it was written.`);
    prev = r.hash;
    expectedSeq = r.seq + 1;
  }
  return problems;
}
