import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AttachmentInfo } from '../../../shared/api/types';
import { UserError } from '../errors';
import { indexAttachment } from '../search/searchIndex';
import { appendAudit } from '../store/audit';
import { extractText } from './extractText';
import { MAX_ATTACHMENT_BYTES, detectKind } from './fileTypes';

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
}

/** Files held inside the encrypted store: added, listed, read back for the viewer and exported on request. */
export class AttachmentService {
  constructor(
    private readonly db: () => Database,
    private readonly actor: string,
  ) {}

  async add(caseId: string, fileName: string, data: Buffer, opts: { id?: string; audit?: boolean } = {}): Promise<AttachmentInfo> {
    const file = await this.prepare(fileName, data);
    const db = this.db();
    return db.transaction(() => this.insert(caseId, file, opts)).immediate();
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
    const { text, problem } = await extractText(kind, data);
    return { fileName: cleanName, mime: kind.mime, data, text, problem };
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
    if (opts.audit !== false) {
      appendAudit(db, { actor: this.actor, action: 'attachment.add', entity: 'case', entityId: caseId, detail: { attachmentId: row.id, fileName: file.fileName, size: row.size, sha256: row.sha256 } });
    }
    return { ...info(row), textProblem: file.problem };
  }

  list(caseId: string): AttachmentInfo[] {
    return (this.db().prepare('SELECT id, case_id, file_name, mime_type, size, sha256, added_at FROM attachments WHERE case_id = ? ORDER BY added_at').all(caseId) as Row[]).map(info);
  }

  read(id: string): { info: AttachmentInfo; data: Buffer; text: string } {
    const r = this.db().prepare('SELECT * FROM attachments WHERE id = ?').get(id) as (Row & { data: Buffer; text: string }) | undefined;
    if (!r) throw new UserError('NOT_FOUND', 'That file is no longer in the store.');
    return { info: info(r), data: r.data, text: r.text };
  }
}
