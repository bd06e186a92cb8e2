import { z } from 'zod';
import { publicCardSchema } from './card';
import type { DocumentModel } from '../documents/model';
import { positionSchema, resolutionSchema, reviewCommentSchema } from './review';

/**
 * What a .cwpack carries once decrypted and its signature checked (docs/exchange.md). The envelope (header
 * line, age encryption, Ed25519 signature) is main/services/exchange/packageFile.ts.
 */
export const PACKAGE_FORMAT = 1;
export const PACKAGE_KINDS = ['review-request', 'review-reply', 'ip-report', 'case-handover', 'panel-papers'] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];

export const PACKAGE_KIND_LABELS: Record<PackageKind, string> = {
  'review-request': 'a draft for review',
  'review-reply': 'comments on a draft',
  'ip-report': 'the independent person’s report',
  'case-handover': 'a case handed over',
  'panel-papers': 'the hearing pack and papers for the review panel',
};

const id = z.string().min(1).max(100);
/** A file carried as a binary part of the package (`part`: its index), with its digest. */
const fileSchema = z.object({ id, fileName: z.string().min(1).max(255), sha256: z.string().regex(/^[0-9a-f]{64}$/), part: z.number().int().min(0) }).strict();
const origin = z.object({ caseId: id, reference: z.string().min(1).max(60) }).strict();
/** A document model as issued: checked for shape where it is shown, kept verbatim. */
const modelSchema = z.custom<DocumentModel>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string' && Array.isArray((v as { blocks?: unknown }).blocks),
  { message: 'is not a document' },
);
const issuedSchema = z.object({ version: z.number().int().min(1), final: z.boolean(), variant: z.enum(['complainant', 'council']), issuedAt: z.string().max(40), issuedBy: z.string().max(200), model: modelSchema }).strict();

export const reviewRequestBody = z
  .object({
    origin,
    draft: issuedSchema,
    /** The case as the independent person needs it (reviewCopy), validated again as a case record on arrival. */
    record: z.record(z.string(), z.unknown()),
    files: z.array(fileSchema).max(500),
    /** How each comment the independent person made so far was resolved. */
    resolutions: z.array(z.object({ commentId: id, resolution: resolutionSchema }).strict()).max(5000),
  })
  .strict();

export const reviewReplyBody = z
  .object({ origin, draftVersion: z.number().int().min(1), comments: z.array(reviewCommentSchema).max(5000), positions: z.array(positionSchema).max(5000) })
  .strict();

export const ipReportBody = z.object({ origin, issued: z.array(issuedSchema).min(1).max(2) }).strict();

export const handoverBody = z
  .object({
    /** The binary part holding the case file as Casewright exports it (shared/format/caseFile.ts), with its files. */
    caseFilePart: z.number().int().min(0),
    issued: z.array(issuedSchema.extend({ kind: z.string().max(40), subjectId: z.string().max(100) })).max(5000),
    audit: z.array(z.object({ seq: z.number(), at: z.string(), actor: z.string(), action: z.string(), summary: z.string() }).strict()).max(100_000),
  })
  .strict();

const sha = z.string().regex(/^[0-9a-f]{64}$/);
/** A PDF carried as a binary part: its digest (as listed in the sender's manifest), size and pages. */
const pdfPart = { part: z.number().int().min(0), sha256: sha, pages: z.number().int().min(1).max(100_000), fileName: z.string().min(1).max(255), title: z.string().min(1).max(300) };

/**
 * The Stage 3 hearing pack (the panel's version, built when sent) and chosen issued documents, for one panel
 * member (docs/exchange.md, "Papers for the review panel"). Document kinds are any string: the receiving store
 * holds no case and shows the title the sender gave, so kinds added later travel without a format change.
 */
export const panelPapersBody = z
  .object({
    origin,
    hearing: z.object({ date: z.string().max(10).nullable(), memberId: id, memberName: z.string().min(1).max(200), memberRole: z.enum(['chair', 'member']) }).strict(),
    pack: z
      .object({
        ...pdfPart,
        /** Only the panel's version is ever sent to a panel member. */
        recipient: z.literal('panel'),
        builtOn: z.string().max(10),
        totalPages: z.number().int().min(1),
        /** The pack's own manifest (each source's SHA-256, pages and place), as attached inside the PDF. */
        manifest: z.object({ documents: z.array(z.object({ title: z.string().max(300), first: z.string().max(40), last: z.string().max(40), pages: z.number().int(), sha256: sha }).passthrough()).max(2000) }).passthrough(),
      })
      .strict(),
    papers: z
      .array(z.object({ ...pdfPart, kind: z.string().min(1).max(60), variant: z.literal('council'), version: z.number().int().min(1), final: z.boolean(), issuedAt: z.string().max(40) }).strict())
      .max(50),
  })
  .strict();
export type PanelPapersBody = z.infer<typeof panelPapersBody>;

export const payloadSchema = z
  .object({
    format: z.number().int(),
    id: z.string().uuid(),
    kind: z.enum(PACKAGE_KINDS),
    createdAt: z.string().max(40),
    from: publicCardSchema,
    /** The recipient's fingerprint (compact), or "passphrase". */
    to: z.string().max(40),
    body: z.unknown(),
    /** The binary parts after the signed JSON: each one's SHA-256 and size, in order. */
    parts: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0) }).strict()).max(1000),
  })
  .strict();
export type Payload = z.infer<typeof payloadSchema>;

export interface OpenedPackage {
  kind: PackageKind;
  packageId: string;
  from: { name: string; organisation: string; role: string; fingerprint: string; verified: boolean };
  caseId: string | null;
  reference: string;
  /** What it held, one line each ("Draft 2 of the investigation report", "5 comments", …). */
  held: string[];
}

/** Refusal of a package whose sender is not a verified contact: who signed it, to show before the user decides. */
export interface SenderDetails {
  name: string;
  organisation: string;
  role: string;
  fingerprint: string;
  known: boolean;
}
