import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { buildDocument } from '../../../shared/documents/build';
import { UserFacingError } from '../../../shared/documents/errors';
import { DOCUMENT_TITLES, type DocumentKind, type DocumentModel, type Variant } from '../../../shared/documents/model';
import type { StoredCase } from '../../../shared/domain/case';
import type { IssuedDocument, LeakHit } from '../../../shared/api/types';
import { UserError } from '../errors';
import { appendAudit } from '../store/audit';
import { documentRef } from '../store/digests';
import { renderDocx } from './docxRenderer';
import { renderPdf } from './pdfRenderer';
import { checkRendered, leakSentence } from './leakCheck';
import { missingGlyphs } from './fonts';

export type DocumentFormat = 'docx' | 'pdf';

export type { IssuedDocument };

interface IssueRow {
  id: string;
  kind: DocumentKind;
  variant: Variant;
  subject_id: string;
  version: number;
  final: number;
  issued_at: string;
  issued_by: string;
  model: string;
}

const toIssued = (r: IssueRow): IssuedDocument => ({ id: r.id, kind: r.kind, variant: r.variant, subjectId: r.subject_id, version: r.version, final: r.final === 1, issuedAt: r.issued_at, issuedBy: r.issued_by });

/**
 * Documents of a case: built from the current record as a draft carrying the next version number, or
 * reproduced from an issued version exactly as it was issued.
 */
export class DocumentService {
  constructor(
    private readonly db: () => Database,
    private readonly actor: string,
  ) {}

  issued(caseId: string): IssuedDocument[] {
    return (this.db().prepare('SELECT * FROM document_issues WHERE case_id = ? ORDER BY kind, variant, subject_id, version').all(caseId) as IssueRow[]).map(toIssued);
  }

  private latest(caseId: string, kind: DocumentKind, variant: Variant, subjectId: string): IssueRow | undefined {
    return this.db()
      .prepare('SELECT * FROM document_issues WHERE case_id = ? AND kind = ? AND variant = ? AND subject_id = ? ORDER BY version DESC LIMIT 1')
      .get(caseId, kind, variant, subjectId) as IssueRow | undefined;
  }

  /** The document as it stands now: the next draft version, or the final if one has been issued. */
  current(c: StoredCase, kind: DocumentKind, variant: Variant, today: string, subjectId = ''): DocumentModel {
    const last = this.latest(c.id, kind, variant, subjectId);
    if (last?.final) return JSON.parse(last.model) as DocumentModel;
    try {
      return buildDocument(kind, c.record, { today, variant, draft: { version: (last?.version ?? 0) + 1 }, ...(subjectId ? { interviewId: subjectId } : {}) });
    } catch (e) {
      if (e instanceof UserFacingError) throw new UserError('INVALID_INPUT', e.message);
      throw e;
    }
  }

  /**
   * The leak check of a complainant's version: renders it in both formats and reads them back, with the file
   * names, for register names that version must not print. Empty for the council's version.
   */
  async check(c: StoredCase, model: DocumentModel): Promise<LeakHit[]> {
    if (model.variant !== 'complainant') return [];
    const docx = await this.render(model, 'docx');
    // A PDF the fonts cannot draw is never written (renderPdf refuses, naming the characters), so there is no
    // PDF to leak from: the Word file and the file names are still checked.
    const pdf = missingGlyphs(model).length ? null : await this.render(model, 'pdf');
    const names = (['docx', 'pdf'] as const).map((f) => documentFileName(c.record.reference, model, f));
    return checkRendered(c.record, model.kind, { docx, pdf, names });
  }

  /** Refuses (LEAK, with the hits) a complainant's version that names someone it must not. */
  async guard(c: StoredCase, model: DocumentModel): Promise<void> {
    const hits = await this.check(c, model);
    if (hits.length) throw new UserError('LEAK', leakSentence(hits), { hits });
  }

  /**
   * Freezes the current draft (or makes it final); later edits to the case never change an issued version.
   * A complainant's version is issued only if the leak check finds nothing.
   */
  async issue(c: StoredCase, kind: DocumentKind, variant: Variant, today: string, final: boolean, subjectId = ''): Promise<IssuedDocument> {
    if (c.record.handover) throw new UserError('READ_ONLY', `Case ${c.record.reference} was handed over to this store for its records and is read-only.`);
    const last = this.latest(c.id, kind, variant, subjectId);
    if (last?.final) throw new UserError('CONFLICT', `The ${DOCUMENT_TITLES[kind].toLowerCase()} (${variant} version) is already final as version ${last.version}; it cannot be issued again.`);
    const version = (last?.version ?? 0) + 1;
    let model: DocumentModel;
    try {
      model = buildDocument(kind, c.record, { today, variant, draft: final ? null : { version }, ...(subjectId ? { interviewId: subjectId } : {}) });
    } catch (e) {
      if (e instanceof UserFacingError) throw new UserError('INVALID_INPUT', e.message);
      throw e;
    }
    await this.guard(c, model);
    const row: IssueRow = { id: randomUUID(), kind, variant, subject_id: subjectId, version, final: final ? 1 : 0, issued_at: new Date().toISOString(), issued_by: this.actor, model: JSON.stringify(model) };
    const db = this.db();
    db.transaction(() => {
      // Checked inside the write lock, so two windows issuing at once cannot both take this version number.
      if (this.latest(c.id, kind, variant, subjectId)?.version !== last?.version) {
        throw new UserError('CONFLICT', 'Another version of this document was issued while it was being checked; look at the list of issued versions, then try again.');
      }
      db.prepare('INSERT INTO document_issues (id, case_id, kind, variant, subject_id, version, final, issued_at, issued_by, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        row.id, c.id, kind, variant, subjectId, version, row.final, row.issued_at, row.issued_by, row.model,
      );
      appendAudit(db, { actor: this.actor, action: final ? 'document.final' : 'document.issue', entity: 'case', entityId: c.id, detail: { kind, variant, version }, covers: [documentRef(row.id)] });
    }).immediate();
    return toIssued(row);
  }

  issuedModel(caseId: string, issueId: string): DocumentModel {
    const row = this.db().prepare('SELECT * FROM document_issues WHERE id = ? AND case_id = ?').get(issueId, caseId) as IssueRow | undefined;
    if (!row) throw new UserError('NOT_FOUND', 'That issued document is not one of this case’s; choose it again from the case’s Documents tab.');
    return JSON.parse(row.model) as DocumentModel;
  }

  async render(model: DocumentModel, format: DocumentFormat): Promise<Buffer> {
    try {
      return await (format === 'pdf' ? renderPdf(model) : renderDocx(model));
    } catch (e) {
      if (e instanceof UserFacingError) throw new UserError('INVALID_INPUT', e.message);
      throw e;
    }
  }
}

/** "DEMO-ST2-0001 investigation-report complainant v2.pdf" → a safe file name. */
export function documentFileName(reference: string, model: DocumentModel, format: DocumentFormat): string {
  const status = model.draft ? `draft-v${model.draft.version}` : 'final';
  return `${reference}-${model.kind}-${model.variant}-${status}.${format}`.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** The whole Stage 2 response and the letters around it. */
export const RESPONSE_DOCUMENTS: DocumentKind[] = ['investigation-report', 'ip-report', 'adjudication-letter'];

/**
 * Writes the whole Stage 2 response (each document, both formats, both versions) and the statement of
 * complaint and any extension letter into `<parent>/<reference>-<date>/`. A document the case cannot make
 * yet is listed as skipped with the reason, not silently left out.
 */
export async function exportAll(
  service: DocumentService,
  c: StoredCase,
  parent: string,
  today: string,
  write: (file: string, data: Buffer) => void,
  join: (...p: string[]) => string,
): Promise<{ folder: string; files: string[]; skipped: string[] }> {
  const folder = join(parent, `${c.record.reference}-${today}`.replace(/[^A-Za-z0-9._-]+/g, '-'));
  const files: string[] = [];
  const skipped: string[] = [];
  const plan: [DocumentKind, Variant][] = [
    ...RESPONSE_DOCUMENTS.flatMap((k): [DocumentKind, Variant][] => [[k, 'complainant'], [k, 'council']]),
    ['statement-of-complaint', 'complainant'],
    ['extension-letter', 'complainant'],
  ];
  const out: { name: string; data: Buffer }[] = [];
  const hits: LeakHit[] = [];
  for (const [kind, variant] of plan) {
    let model: DocumentModel;
    try {
      model = service.current(c, kind, variant, today);
    } catch (e) {
      skipped.push(`${DOCUMENT_TITLES[kind]}: ${(e as Error).message}`);
      continue;
    }
    hits.push(...(await service.check(c, model)).map((h) => ({ ...h, where: `${DOCUMENT_TITLES[kind]}, ${h.where}` })));
    for (const format of ['docx', 'pdf'] as const) out.push({ name: documentFileName(c.record.reference, model, format), data: await service.render(model, format) });
  }
  // Nothing is written while any complainant's version names someone it must not.
  if (hits.length) throw new UserError('LEAK', leakSentence(hits), { hits });
  for (const f of out) {
    write(join(folder, f.name), f.data);
    files.push(f.name);
  }
  return { folder, files, skipped };
}
