import { z } from 'zod';
import { caseRecordSchema } from '../domain/case';

/**
 * The case exchange file (`case export` / `case import`). Versioned so that a later Casewright can read an
 * older file; a file from a newer version is refused rather than half-read. Documented in docs/case-format.md,
 * whose JSON Schema is generated from this zod schema (npm run schema).
 */
export const CASE_FILE_FORMAT = 'casewright.case';
export const CASE_FILE_VERSION = 1;

export const caseFileSchema = z
  .object({
    format: z.literal(CASE_FILE_FORMAT),
    version: z.literal(CASE_FILE_VERSION),
    exportedAt: z.string().optional(),
    exportedBy: z.string().optional(),
    case: caseRecordSchema,
  })
  .strict();
export type CaseFile = z.output<typeof caseFileSchema>;

export function caseFileJsonSchema(): unknown {
  return z.toJSONSchema(caseFileSchema, { io: 'input', unrepresentable: 'any' });
}
