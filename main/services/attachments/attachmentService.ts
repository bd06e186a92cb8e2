import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AttachmentInfo } from '../../../shared/api/types';
import { UserError, isUserError } from '../errors';
import { indexAttachment } from '../search/searchIndex';
import { appendAudit } from '../store/audit';
import { attachmentRef } from '../store/digests';
import { capText, decodeText, type Extracted } from './text';
import { MAX_ATTACHMENT_BYTES, detectKind, type FileKind } from './fileTypes';
import { runIsolated } from './isolate';
import { DEFAULT_LIMITS, type ReadLimits } from './limits';

interface Row {
  id: string;
  case_id: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  added_at: string;
}

const info = (r: Row): AttachmentInfo => ({
  id: r.id,
  caseId: r.case_id,
  fileName: r.file_name,
  mimeType: r.mime_type,
  size: r.size,
  sha256: r.sha256,
  addedAt: r.added_at,
});

/** A file checked and read, ready to be stored. */
export interface PreparedFile {
  fileName: string;
  mime: string;
  data: Buffer;
  text: string;
  problem: string | null;
  /** Set when only part of the file is searchable ("Only the first 2 million characters …"). */
  notice: string | null;
}

/** Files held inside the encrypted store: added, listed, read back for the viewer and exported on request. */
export class AttachmentService {
  constructor(
    private readonly db: () => Database,
    private readonly actor: string,
    private readonly limits: ReadLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * The file's searchable text. Plain text is only decoded; everything else is read in a worker thread with a
   * time and memory limit (isolate.ts). Past a limit the file is refused (UserError); a reader that fails for
   * any other reason keeps the file without searchable text and says why.
   */
  private async extract(kind: FileKind, data: Buffer, name: string): Promise<Extracted> {
    if (kind.mime === 'text/plain') return capText(decodeText(data), this.limits);
    if (kind.viewable === 'image') return { text: '', problem: null, notice: null };
    try {
      return await runIsolated<Extracted>({ task: 'extract', kind, data, limits: this.limits, subject: name, outcome: 'it was not added' }, this.limits, { subject: name, outcome: 'it was not added' });
    } catch (e) {
      if (isUserError(e)) throw e;
      // The reader's own words ("Corrupted zip ?", stack details) are not for the person; the file is kept.
      return { text: '', problem: 'Its text could not be read for search (it may be damaged or unusually made); the file itself is kept.', notice: null };
    }
  }

  async add(caseId: string, fileName: string, data: Buffer, opts: { id?: string; audit?: boolean } = {}): Promise<AttachmentInfo> {
    this.refuseHandedOver(caseId);
    const file = await this.prepare(fileName, data);
    const db = this.db();
    return db.transaction(() => {
      this.refuseHandedOver(caseId);
      return this.insert(caseId, file, opts);
    }).immediate();
  }

  /** A case handed over to this store for its records (issue 14) takes no new files. */
  private refuseHandedOver(caseId: string): void {
    const row = this.db().prepare("SELECT reference, json_extract(record, '$.handover') AS handover FROM cases WHERE id = ?").get(caseId) as { reference: string; handover: string | null } | undefined;
    if (row?.handover) throw new UserError('READ_ONLY', `Case ${row.reference} was handed over to this store for its records and is read-only.`);
  }

  /** Checks a file and reads its text for search: the slow part, done before any transaction. */
  async prepare(fileName: string, data: Buffer): Promise<PreparedFile> {
    const cleanName = fileName.replace(/[\\/]/g, '_').trim().slice(0, 255);
    if (!cleanName) throw new UserError('INVALID_INPUT', 'The file has no name; rename it and add it again.');
    if (data.length === 0) throw new UserError('INVALID_INPUT', `${cleanName} is empty; check it opens in its own program, then add it again.`);
    if (data.length > MAX_ATTACHMENT_BYTES) {
      throw new UserError('INVALID_INPUT', `${cleanName} is ${(data.length / 1048576).toFixed(0)} MB, more than the 50 MB an attachment can be; split or compress it first.`);
    }
    const kind = detectKind(cleanName, data);
    if (typeof kind === 'string') throw new UserError('INVALID_INPUT', kind);
    // Extract before any transaction: it is slow and needs no lock.
    const { text, problem, notice } = await this.extract(kind, data, cleanName);
    return { fileName: cleanName, mime: kind.mime, data, text, problem, notice };
  }

  /** Stores a prepared file; call inside the caller's transaction so the file and its case commit together. */
  insert(caseId: string, file: PreparedFile, opts: { id?: string; audit?: boolean } = {}): AttachmentInfo {
    const db = this.db();
    const exists = db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId);
    if (!exists) throw new UserError('NOT_FOUND', 'That case is not in this store; choose it again from the case list.');
    const row: Row = {
      id: opts.id ?? randomUUID(),
      case_id: caseId,
      file_name: file.fileName,
      mime_type: file.mime,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      added_at: new Date().toISOString(),
    };
    db.prepare('INSERT INTO attachments (id, case_id, file_name, mime_type, size, sha256, added_at, text, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      row.id, row.case_id, row.file_name, row.mime_type, row.size, row.sha256, row.added_at, file.text, file.data,
    );
    indexAttachment(db, caseId, row.id, file.fileName, file.text);
    // Every file gets an entry with its digest; one brought in with an imported case is marked as such.
    appendAudit(db, {
      actor: this.actor, action: opts.audit === false ? 'attachment.import' : 'attachment.add', entity: 'case', entityId: caseId,
      detail: { attachmentId: row.id, fileName: file.fileName, size: row.size, sha256: row.sha256 }, covers: [attachmentRef(row.id)],
    });
    return { ...info(row), textProblem: file.problem, textNotice: file.notice };
  }

  list(caseId: string): AttachmentInfo[] {
    // A PDF's pages are counted from the page breaks of its text; unknown when its text could not be read or
    // was cut at the searchable limit.
    const rows = this.db()
      .prepare(
        `SELECT id, case_id, file_name, mime_type, size, sha256, added_at,
                CASE WHEN mime_type = 'application/pdf' AND length(text) > 0 AND length(text) < ? THEN length(text) - length(replace(text, char(12), '')) + 1 END AS pages
           FROM attachments WHERE case_id = ? ORDER BY added_at`,
      )
      .all(this.limits.maxTextChars, caseId) as (Row & { pages: number | null })[];
    return rows.map((r) => ({ ...info(r), pages: r.pages !== null && r.pages < this.limits.maxPdfPages ? r.pages : null }));
  }

  read(id: string): { info: AttachmentInfo; data: Buffer; text: string } {
    const r = this.db().prepare('SELECT * FROM attachments WHERE id = ?').get(id) as (Row & { data: Buffer; text: string }) | undefined;
    if (!r) throw new UserError('NOT_FOUND', 'That file is no longer in the store.');
    return { info: info(r), data: r.data, text: r.text };
  }
}
