import { responseRefusal } from '../../../shared/bundle/papers';
import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { caseRecordSchema, type CaseRecord, type CaseRecordInput, type CaseSummary, type StoredCase } from '../../../shared/domain/case';
import { diffJson } from '../../../shared/domain/diff';
import { describeZodError } from '../../../shared/domain/validation';
import { CASE_FILE_FORMAT, CASE_FILE_VERSION, caseFileSchema } from '../../../shared/format/caseFile';
import { UserError } from '../errors';
import { appendAudit, auditHead } from '../store/audit';
import { caseRef, refsOfCase } from '../store/digests';
import { caseRepository } from './caseRepository';
import { dropCaseFromIndex, indexCase } from '../search/searchIndex';
import { AttachmentService, type PreparedFile } from '../attachments/attachmentService';
import { storeImportedPack } from '../bundle/storeImportedPack';
import type { Pack } from '../../../shared/bundle/model';
import { checkExtension } from './caseClocks';
import { extensionSchema, type Extension } from '../../../shared/clock/extensions';
import { CLOCK_IDS, type ClockId } from '../../../shared/clock/profiles';

/** Cases: validation, optimistic concurrency and an audit entry for every change. */
export class CaseService {
  constructor(
    private readonly db: () => Database,
    private readonly actor: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): CaseSummary[] {
    return caseRepository.list(this.db());
  }

  get(id: string): StoredCase {
    const c = caseRepository.get(this.db(), id);
    if (!c) throw new UserError('NOT_FOUND', 'That case is not in this store; it may have been removed. Choose it again from the case list.');
    return c;
  }

  findByReference(reference: string): StoredCase {
    const c = caseRepository.findByReference(this.db(), reference);
    if (!c) throw new UserError('NOT_FOUND', `There is no case with reference ${reference} in this store; run "case list" to see the references.`);
    return c;
  }

  private validate(input: unknown, root = 'case'): CaseRecord {
    const parsed = caseRecordSchema.safeParse(input);
    if (!parsed.success) throw new UserError('INVALID_INPUT', describeZodError(parsed.error, root));
    return parsed.data;
  }

  create(input: CaseRecordInput, action = 'case.create'): StoredCase {
    const record = this.validate(input);
    const db = this.db();
    return db.transaction(() => {
      if (caseRepository.idByReference(db, record.reference)) {
        throw new UserError('EXISTS', `A case with reference ${record.reference} is already in this store; use another reference.`);
      }
      const at = this.now().toISOString();
      const stored: StoredCase = { id: randomUUID(), revision: 1, createdAt: at, updatedAt: at, record };
      caseRepository.insert(db, stored);
      indexCase(db, stored.id, record);
      appendAudit(db, { actor: this.actor, action, entity: 'case', entityId: stored.id, detail: { reference: record.reference }, covers: [caseRef(stored.id)] }, this.now);
      return stored;
    }).immediate();
  }

  update(id: string, expectedRevision: number, input: CaseRecordInput): StoredCase {
    const record = this.validate(input);
    const db = this.db();
    return db.transaction(() => {
      const current = this.get(id);
      if (current.record.handover) {
        throw new UserError('READ_ONLY', `Case ${current.record.reference} was handed over to this store for its records and is read-only.`);
      }
      if (current.revision !== expectedRevision) {
        throw new UserError('CONFLICT', 'This case was changed elsewhere since you opened it; reopen it to see the latest version, then make your change again.');
      }
      const clash = caseRepository.idByReference(db, record.reference);
      if (clash && clash !== id) {
        throw new UserError('EXISTS', `A case with reference ${record.reference} is already in this store; use another reference.`);
      }
      refuseDecisionsWithoutFindings(current.record, record);
      const changes = diffJson(current.record, record);
      if (changes.length === 0) return current;
      const next: StoredCase = { ...current, revision: current.revision + 1, updatedAt: this.now().toISOString(), record };
      caseRepository.update(db, next, expectedRevision);
      indexCase(db, id, record);
      appendAudit(db, { actor: this.actor, action: 'case.update', entity: 'case', entityId: id, detail: { changes }, covers: [caseRef(id)] }, this.now);
      return next;
    }).immediate();
  }

  /**
   * Deletes a case for good, with its files, issued documents and search entries, in one transaction. The
   * person must type the case's reference to confirm; the audit log keeps a record that it was deleted (and by
   * whom), with nothing of its contents.
   */
  delete(id: string, typedReference: string): { reference: string } {
    const db = this.db();
    const current = this.get(id);
    const reference = current.record.reference;
    if (typedReference.trim() !== reference) {
      throw new UserError('INVALID_INPUT', `To delete case ${reference}, type its reference exactly as shown; nothing was deleted.`);
    }
    return db.transaction(() => {
      const covers = refsOfCase(db, id);
      dropCaseFromIndex(db, id);
      caseRepository.remove(db, id);
      appendAudit(db, { actor: this.actor, action: 'case.delete', entity: 'case', entityId: id, detail: { reference }, covers }, this.now);
      return { reference };
    }).immediate();
  }

  /** An extension is a record checked against the clock's limit, never a new date typed over the old one. */
  recordExtension(id: string, expectedRevision: number, input: Omit<Extension, 'id'>, today: string): StoredCase {
    const parsed = extensionSchema.safeParse({ ...input, id: randomUUID() });
    if (!parsed.success) throw new UserError('INVALID_INPUT', describeZodError(parsed.error, 'extension'));
    const current = this.get(id);
    const verdict = checkExtension(current.record, parsed.data, today);
    if (!verdict.ok) throw new UserError('INVALID_INPUT', verdict.message);
    return this.update(id, expectedRevision, { ...current.record, extensions: [...current.record.extensions, parsed.data] });
  }

  /** Why a clock ran late, kept with the case (an empty reason removes it). */
  setLateReason(id: string, expectedRevision: number, clock: string, reason: string): StoredCase {
    if (!(CLOCK_IDS as readonly string[]).includes(clock)) throw new UserError('INVALID_INPUT', `There is no clock called ${clock}.`);
    const current = this.get(id);
    const lateReasons = { ...current.record.lateReasons };
    if (reason.trim()) lateReasons[clock as ClockId] = reason.trim();
    else delete lateReasons[clock as ClockId];
    return this.update(id, expectedRevision, { ...current.record, lateReasons });
  }

  async exportJson(id: string): Promise<string> {
    const c = this.get(id);
    const files = new AttachmentService(this.db, this.actor);
    const attachments = files.list(id).map((a) => {
      const { data } = files.read(a.id);
      return { id: a.id, fileName: a.fileName, sha256: a.sha256, dataBase64: data.toString('base64') };
    });
    // The hearing pack (version 6), its documents drawn from their issued versions into PDF files beside the rest.
    // Loaded here, not at the top: every store command loads this service, and the pack's loads the PDF libraries.
    const { PackService } = await import('../bundle/packService');
    const pack = await new PackService(this.db, this.actor).forCaseFile(id);
    for (const f of pack?.files ?? []) {
      if (attachments.some((a) => a.id === f.id)) continue;
      attachments.push({ id: f.id, fileName: f.fileName, sha256: createHash('sha256').update(f.data).digest('hex'), dataBase64: f.data.toString('base64') });
    }
    const db = this.db();
    db.transaction(() => appendAudit(db, { actor: this.actor, action: 'case.export', entity: 'case', entityId: id, detail: { reference: c.record.reference, attachments: attachments.length, hearingPack: pack !== null } }, this.now)).immediate();
    // The store's audit log as it now stands, the export recorded: "store verify --file" compares with it later.
    const storeAudit = auditHead(db);
    return `${JSON.stringify(
      { format: CASE_FILE_FORMAT, version: CASE_FILE_VERSION, exportedAt: this.now().toISOString(), exportedBy: this.actor, case: c.record, attachments, ...(storeAudit ? { storeAudit } : {}), ...(pack ? { hearingPack: pack.pack } : {}) },
      null,
      2,
    )}\n`;
  }

  async importJson(text: string): Promise<StoredCase> {
    return this.commitImport(await this.prepareImport(text));
  }

  /** Reads and checks a case file and its files (slow, no lock); commitImport then stores it. */
  async prepareImport(text: string): Promise<PreparedImport> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new UserError('INVALID_INPUT', `The file is not valid JSON (${(e as Error).message}); export it again from Casewright or fix it in an editor.`);
    }
    const head = raw as { format?: unknown; version?: unknown } | null;
    if (typeof head !== 'object' || head === null || head.format !== CASE_FILE_FORMAT) {
      throw new UserError('INVALID_INPUT', `The file is not a Casewright case file (its "format" should be "${CASE_FILE_FORMAT}").`);
    }
    if (typeof head.version === 'number' && head.version > CASE_FILE_VERSION) {
      throw new UserError('NEWER_VERSION', `The case file is format version ${head.version}, newer than this Casewright reads (${CASE_FILE_VERSION}); install the latest Casewright to import it.`);
    }
    const parsed = caseFileSchema.safeParse(raw);
    if (!parsed.success) throw new UserError('INVALID_INPUT', `The case file is not valid: ${describeZodError(parsed.error)}`);
    const files = parsed.data.attachments.map((a, i) => {
      const data = Buffer.from(a.dataBase64, 'base64');
      if (a.sha256 && createHash('sha256').update(data).digest('hex') !== a.sha256) {
        throw new UserError('INVALID_INPUT', `The case file is not valid: attachments[${i}] (${a.fileName}) does not match its checksum; the file may be damaged. Export it again.`);
      }
      return { ...a, data };
    });
    // Files keep their ids unless this store already holds one with the same id (an earlier import of this
    // case under another reference); then they get new ids and the evidence register is pointed at them.
    const taken = this.db().prepare('SELECT 1 FROM attachments WHERE id = ?');
    const newIds = new Map(files.map((f) => [f.id, taken.get(f.id) ? randomUUID() : f.id]));
    const record = {
      ...parsed.data.case,
      evidence: parsed.data.case.evidence.map((e) => (e.attachmentId ? { ...e, attachmentId: newIds.get(e.attachmentId) ?? e.attachmentId } : e)),
    };
    // The hearing pack (version 6): every file it names checked as a PDF with the pages the pack gives it, then
    // pointed at the files' ids in this store.
    let hearingPack: Pack | null = null;
    if (parsed.data.hearingPack) {
      const byId = new Map(files.map((f) => [f.id, f]));
      const { PackService } = await import('../bundle/packService');
      await PackService.checkImported(parsed.data.hearingPack, (fid) => byId.get(fid)).catch((e: unknown) => {
        throw e instanceof UserError ? new UserError(e.code, `The case was not imported: ${e.message}`) : e;
      });
      const to = (fid: string) => newIds.get(fid) ?? fid;
      hearingPack = {
        ...parsed.data.hearingPack,
        entries: parsed.data.hearingPack.entries.map((e) => {
          const src = e.source;
          if (src.type === 'issued-file') return { ...e, source: { ...src, councilAttachmentId: to(src.councilAttachmentId), complainantAttachmentId: src.complainantAttachmentId === null ? null : to(src.complainantAttachmentId) } };
          if (src.type === 'file' || src.type === 'evidence') return { ...e, source: { ...src, attachmentId: to(src.attachmentId) } };
          return e;
        }),
      };
    }
    // Checked and read before the transaction (slow, and needs no lock); then the case, every file and the
    // audit entry commit together, so a crash or a refused file leaves nothing behind to block a retry.
    const attachments = new AttachmentService(this.db, this.actor);
    const prepared: { id: string; file: PreparedFile }[] = [];
    for (const f of files) {
      try {
        prepared.push({ id: newIds.get(f.id)!, file: await attachments.prepare(f.fileName, f.data) });
      } catch (e) {
        throw e instanceof UserError ? new UserError(e.code, `The case was not imported: ${e.message}`) : e;
      }
    }
    return { record, files: prepared, hearingPack };
  }

  /** Stores a prepared case file: the case, every file and the audit entries in one transaction. */
  commitImport(p: PreparedImport, action = 'case.import'): StoredCase {
    const db = this.db();
    const attachments = new AttachmentService(this.db, this.actor);
    return db
      .transaction(() => {
        const created = this.create(p.record, action);
        for (const f of p.files) attachments.insert(created.id, f.file, { id: f.id, audit: false });
        if (p.hearingPack) storeImportedPack(db, created.id, p.hearingPack, this.actor);
        return created;
      })
      .immediate();
  }
}

export interface PreparedImport {
  record: CaseRecordInput;
  files: { id: string; file: PreparedFile }[];
  /** The hearing pack from a version 6 file, its file ids those of this store. */
  hearingPack?: Pack | null;
}

/**
 * A decision (the adjudicating officer's) or an agreement (the independent person's) can be recorded only on a
 * finding that exists (issues 11 and 13), whichever screen, command or package the change came through. Only a
 * decision or agreement newly set or changed is refused: one recorded before its finding was taken back stays,
 * and the documents leave it out, so taking a finding back is never blocked.
 */
function refuseDecisionsWithoutFindings(before: CaseRecord, after: CaseRecord): void {
  for (const p of after.points) {
    if (after.findings[p.id]?.finding) continue;
    const decision = after.adjudication.perPoint[p.id]?.decision ?? null;
    if (decision !== null && decision !== (before.adjudication.perPoint[p.id]?.decision ?? null)) {
      throw new UserError('INVALID_INPUT', `Point ${p.number} has no finding yet, so there is no finding to decide on; record the finding first. Nothing was saved.`);
    }
    const agrees = after.ipReview.perPoint[p.id]?.agrees ?? null;
    if (agrees !== null && agrees !== (before.ipReview.perPoint[p.id]?.agrees ?? null)) {
      throw new UserError('INVALID_INPUT', `Point ${p.number} has no finding yet, so there is nothing to agree or disagree with; comment on it instead. Nothing was saved.`);
    }
  }
  // Stage 3: the council responds to a panel recommendation only once the panel has found on its points.
  const refusal = responseRefusal(before, after);
  if (refusal) throw new UserError('INVALID_INPUT', refusal);
}
