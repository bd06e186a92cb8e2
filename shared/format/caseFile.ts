import { z } from 'zod';
import { packSchema } from '../bundle/model';
import { caseRecordSchema } from '../domain/case';

/**
 * The case exchange file (`case export` / `case import`). Versioned so that a later Casewright can read an
 * older file; a file from a newer version is refused rather than half-read. Documented in docs/case-format.md,
 * whose JSON Schema is generated from this zod schema (npm run schema).
 */
export const CASE_FILE_FORMAT = 'casewright.case';
/**
 * 2 added the investigation (people, plan, interviews, evidence, chronology, findings) and attachments;
 * 3 added `storeAudit`, the exporting store's audit log length and newest hash; 4 lets rich text carry
 * mentions of people (issue 10), which a Casewright reading only 3 would refuse as invalid rather than as newer;
 * 5 makes the case summary, extracts, the independent person's review and the adjudication's reasons, actions and
 * apology rich text (so they can mention people), which a Casewright reading only 4 would refuse as invalid;
 * 6 adds `hearingPack`, the Stage 3 hearing pack and panel (issue 16), its documents carried as PDF files.
 */
export const CASE_FILE_VERSION = 6;

/** An audit log's length and newest entry's hash: what a later check of the store compares with. */
export const auditAnchorSchema = z
  .object({
    length: z.number().int().min(1),
    head: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 in hex' }),
  })
  .strict();

export const attachmentFileSchema = z
  .object({
    id: z.string().min(1).max(100),
    fileName: z.string().min(1).max(255),
    /** The file's bytes, base64-encoded. */
    dataBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64-encoded data' }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  })
  .strict();

export const caseFileSchema = z
  .object({
    format: z.literal(CASE_FILE_FORMAT),
    // Version 1 files (no investigation, no attachments) are read as they are; the defaults fill the rest.
    version: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(CASE_FILE_VERSION)]),
    exportedAt: z.string().optional(),
    exportedBy: z.string().optional(),
    case: caseRecordSchema,
    attachments: z.array(attachmentFileSchema).default([]),
    /** The exporting store's audit log as it stood after recording the export (version 3). */
    storeAudit: auditAnchorSchema.optional(),
    /**
     * The hearing pack and the panel (version 6): sections, entries, redactions, numbering, sent state, panel and
     * hearing date. Our documents in it are `issued-file` entries whose PDFs are in `attachments`.
     */
    hearingPack: packSchema.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const held = new Set(f.attachments.map((a) => a.id));
    f.case.evidence.forEach((e, i) => {
      if (e.attachmentId !== null && !held.has(e.attachmentId)) {
        ctx.addIssue({ code: 'custom', path: ['case', 'evidence', i, 'attachmentId'], message: `refers to attachment ${e.attachmentId}, which is not in the file` });
      }
    });
    const pack = f.hearingPack;
    if (!pack) return;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['hearingPack', ...path], message });
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    if (!unique(pack.sections.map((x) => x.id)) || !unique(pack.sections.map((x) => x.letter))) issue(['sections'], 'has two sections with the same id or letter');
    if (!unique(pack.entries.map((x) => x.id))) issue(['entries'], 'has two entries with the same id');
    const sections = new Set(pack.sections.map((x) => x.id));
    const entries = new Set(pack.entries.map((x) => x.id));
    const evidence = new Map(f.case.evidence.map((e) => [e.id, e.attachmentId]));
    pack.entries.forEach((e, i) => {
      if (!sections.has(e.sectionId)) issue(['entries', i, 'sectionId'], `refers to section ${e.sectionId}, which is not in the pack`);
      if (e.after !== null && (!entries.has(e.after) || e.after === e.id)) issue(['entries', i, 'after'], `refers to entry ${e.after}, which is not in the pack`);
      const src = e.source;
      if (src.type === 'document') issue(['entries', i, 'source'], 'refers to an issued document of another store; a case file carries the pack’s documents as PDF files');
      const files = src.type === 'issued-file' ? [src.councilAttachmentId, src.complainantAttachmentId] : src.type === 'document' ? [] : [src.attachmentId];
      for (const a of files) if (a !== null && !held.has(a)) issue(['entries', i, 'source'], `refers to attachment ${a}, which is not in the file`);
      if (src.type === 'evidence' && evidence.get(src.evidenceId) !== src.attachmentId) issue(['entries', i, 'source', 'evidenceId'], `refers to evidence ${src.evidenceId} with file ${src.attachmentId}, which the register does not hold`);
    });
    pack.redactions.forEach((r, i) => {
      if (!entries.has(r.entryId)) issue(['redactions', i, 'entryId'], `refers to entry ${r.entryId}, which is not in the pack`);
    });
    // A late insert's chain must end at a document placed in its section (no loop).
    for (const e of pack.entries) {
      const seen = new Set<string>();
      let cur: string | null = e.id;
      while (cur !== null && !seen.has(cur)) {
        seen.add(cur);
        cur = pack.entries.find((x) => x.id === cur)?.after ?? null;
      }
      if (cur !== null) {
        issue(['entries'], `has late inserts that follow each other in a loop (entry ${e.id})`);
        break;
      }
    }
  });
export type CaseFile = z.output<typeof caseFileSchema>;

export function caseFileJsonSchema(): unknown {
  return z.toJSONSchema(caseFileSchema, { io: 'input', unrepresentable: 'any' });
}
