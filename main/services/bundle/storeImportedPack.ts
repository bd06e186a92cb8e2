import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { packSchema, type Pack } from '../../../shared/bundle/model';
import { appendAudit } from '../store/audit';

/**
 * Writes a hearing pack that came in a case file (already checked by `PackService.checkImported`), inside the
 * import's transaction. Its own module so that the case service, which every store command loads, does not
 * load the pack's PDF libraries to do it (issue 15).
 */
export function storeImportedPack(db: Database, caseId: string, pack: Pack, actor: string): void {
  const parsed = packSchema.parse(pack);
  db.prepare('INSERT INTO hearing_packs (case_id, model, revision, updated_at) VALUES (?, ?, 1, ?)').run(caseId, JSON.stringify(parsed), new Date().toISOString());
  appendAudit(db, { actor, action: 'pack.import', entity: 'case', entityId: caseId, detail: { entries: parsed.entries.length, panel: parsed.panel.length, sent: parsed.sent !== null, sha256: createHash('sha256').update(JSON.stringify(parsed)).digest('hex') } });
}
