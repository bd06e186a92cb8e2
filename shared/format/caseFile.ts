import { z } from 'zod';
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
 * apology rich text (so they can mention people), which a Casewright reading only 4 would refuse as invalid.
 */
export const CASE_FILE_VERSION = 5;

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
    version: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(CASE_FILE_VERSION)]),
    exportedAt: z.string().optional(),
    exportedBy: z.string().optional(),
    case: caseRecordSchema,
    attachments: z.array(attachmentFileSchema).default([]),
    /** The exporting store's audit log as it stood after recording the export (version 3). */
    storeAudit: auditAnchorSchema.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const held = new Set(f.attachments.map((a) => a.id));
    f.case.evidence.forEach((e, i) => {
      if (e.attachmentId !== null && !held.has(e.attachmentId)) {
        ctx.addIssue({ code: 'custom', path: ['case', 'evidence', i, 'attachmentId'], message: `refers to attachment ${e.attachmentId}, which is not in the file` });
      }
    });
  });
export type CaseFile = z.output<typeof caseFileSchema>;

export function caseFileJsonSchema(): unknown {
  return z.toJSONSchema(caseFileSchema, { io: 'input', unrepresentable: 'any' });
}
