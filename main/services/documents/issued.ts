import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DocumentModel } from '../../../shared/documents/model';
import { UserError } from '../errors';

/**
 * An issued version's frozen model, read without loading the renderers (issue 15: the review exchange reads
 * drafts this way, so a store command does not load PDFKit and fontkit with the session).
 */
export function readIssuedModel(db: Database, caseId: string, issueId: string): DocumentModel {
  const row = db.prepare('SELECT model FROM document_issues WHERE id = ? AND case_id = ?').get(issueId, caseId) as { model: string } | undefined;
  if (!row) throw new UserError('NOT_FOUND', 'That issued document is not one of this case’s; choose it again from the case’s Documents tab.');
  return JSON.parse(row.model) as DocumentModel;
}
