import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Digests of the things the audit log describes, so that verify can compare each record, file and issued
 * document with what its latest audit entry says it was left as. A reference names one thing:
 * "case:<id>", "attachment:<id>" or "document:<id>" (an issued document version).
 */
export type Ref = `${'case' | 'attachment' | 'document'}:${string}`;

export interface Digest {
  /** SHA-256 of every column of the row (of the bytes, for a file); null when the thing is gone. */
  sha256: string | null;
  /** How a sentence names it, e.g. "Case DEMO-ST2-0001"; null when gone. */
  label: string | null;
}

const sha = (x: string | Buffer) => createHash('sha256').update(x).digest('hex');
const canon = (xs: unknown[]) => sha(JSON.stringify(xs));

function caseReference(db: Database, caseId: string): string {
  const r = db.prepare('SELECT reference FROM cases WHERE id = ?').get(caseId) as { reference: string } | undefined;
  return r?.reference ?? caseId;
}

export const caseRef = (id: string): Ref => `case:${id}`;
export const attachmentRef = (id: string): Ref => `attachment:${id}`;
export const documentRef = (id: string): Ref => `document:${id}`;

/** The digest of one thing as it is in the store now. */
export function digestOf(db: Database, ref: string): Digest {
  const colon = ref.indexOf(':');
  const kind = ref.slice(0, colon);
  const id = ref.slice(colon + 1);
  if (kind === 'case') {
    const r = db.prepare('SELECT id, reference, council, revision, created_at, updated_at, record FROM cases WHERE id = ?').get(id) as
      | { id: string; reference: string; council: string; revision: number; created_at: string; updated_at: string; record: string }
      | undefined;
    if (!r) return { sha256: null, label: null };
    return { sha256: canon([r.id, r.reference, r.council, r.revision, r.created_at, r.updated_at, r.record]), label: `Case ${r.reference}` };
  }
  if (kind === 'attachment') {
    const r = db.prepare('SELECT id, case_id, file_name, mime_type, size, sha256, added_at, text, data FROM attachments WHERE id = ?').get(id) as
      | { id: string; case_id: string; file_name: string; mime_type: string; size: number; sha256: string; added_at: string; text: string; data: Buffer }
      | undefined;
    if (!r) return { sha256: null, label: null };
    return {
      // The bytes themselves are hashed, not trusted from the sha256 column.
      sha256: canon([r.id, r.case_id, r.file_name, r.mime_type, r.size, r.sha256, r.added_at, sha(r.text), sha(r.data)]),
      label: `File ${r.file_name} of case ${caseReference(db, r.case_id)}`,
    };
  }
  if (kind === 'document') {
    const r = db.prepare('SELECT id, case_id, kind, variant, subject_id, version, final, issued_at, issued_by, model FROM document_issues WHERE id = ?').get(id) as
      | { id: string; case_id: string; kind: string; variant: string; subject_id: string; version: number; final: number; issued_at: string; issued_by: string; model: string }
      | undefined;
    if (!r) return { sha256: null, label: null };
    return {
      sha256: canon([r.id, r.case_id, r.kind, r.variant, r.subject_id, r.version, r.final, r.issued_at, r.issued_by, r.model]),
      label: `Issued document ${r.kind} (${r.variant} version ${r.version}${r.subject_id ? `, ${r.subject_id}` : ''}) of case ${caseReference(db, r.case_id)}`,
    };
  }
  throw new Error(`unknown audit reference ${ref}`);
}

/** Every case, file and issued document in the store now. */
export function allRefs(db: Database): Ref[] {
  const ids = (sql: string) => (db.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  return [
    ...ids('SELECT id FROM cases ORDER BY id').map(caseRef),
    ...ids('SELECT id FROM attachments ORDER BY id').map(attachmentRef),
    ...ids('SELECT id FROM document_issues ORDER BY id').map(documentRef),
  ];
}

/** The files and issued documents of a case (what goes with it when it is removed). */
export function refsOfCase(db: Database, caseId: string): Ref[] {
  const ids = (sql: string) => (db.prepare(sql).all(caseId) as { id: string }[]).map((r) => r.id);
  return [
    caseRef(caseId),
    ...ids('SELECT id FROM attachments WHERE case_id = ? ORDER BY id').map(attachmentRef),
    ...ids('SELECT id FROM document_issues WHERE case_id = ? ORDER BY id').map(documentRef),
  ];
}
