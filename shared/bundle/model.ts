import { z } from 'zod';
import { DOCUMENT_KINDS, type DocumentKind } from '../documents/model';
import { isoDateSchema } from '../domain/schemaHelpers';

/**
 * The hearing pack of a case (Stage 3, issue 16): its sections, the documents in them and where each comes
 * from, the redactions asked for, and whether it has been sent (from then on no page number may change).
 * Kept as one JSON record per case (table hearing_packs); the pages themselves come from the store at build time.
 */

export const RECIPIENTS = ['panel', 'complainant', 'council'] as const;
export type Recipient = (typeof RECIPIENTS)[number];
export const RECIPIENT_LABELS: Record<Recipient, string> = { panel: 'the review panel', complainant: 'the complainant', council: 'the council' };

export const NUMBERINGS = ['section', 'continuous'] as const;
export type Numbering = (typeof NUMBERINGS)[number];

const text = (max: number) => z.string().trim().max(max);
const title = z.string().trim().min(1, { message: 'Enter a title' }).max(300, { message: 'A title can be at most 300 characters' });

export const sectionSchema = z.object({
  id: z.string().min(1).max(50),
  /** A, B, C … printed before each page number in section numbering. */
  letter: z.string().regex(/^[A-Z]$/, { message: 'must be one capital letter' }),
  title: title,
});
export type PackSection = z.output<typeof sectionSchema>;

export const sourceSchema = z.discriminatedUnion('type', [
  /** One of our documents, as issued (never a live draft): the council's version and, if issued, the complainant's. */
  z.object({
    type: z.literal('document'),
    kind: z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]]),
    councilIssueId: z.string().min(1),
    complainantIssueId: z.string().min(1).nullable(),
  }),
  /** A PDF held in the evidence register. */
  z.object({ type: z.literal('evidence'), evidenceId: z.string().min(1), attachmentId: z.string().min(1) }),
  /** A PDF added to the pack only (kept inside the store as an attachment). */
  z.object({ type: z.literal('file'), attachmentId: z.string().min(1) }),
  /**
   * One of our documents as issued, carried as the PDFs of its versions (attachments): how a case file brings the
   * pack's documents to another store, which does not hold the issued versions themselves.
   */
  z.object({
    type: z.literal('issued-file'),
    kind: z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]]),
    councilAttachmentId: z.string().min(1),
    complainantAttachmentId: z.string().min(1).nullable(),
  }),
]);
export type PackSource = z.output<typeof sourceSchema>;

export const entrySchema = z.object({
  id: z.string().min(1).max(50),
  sectionId: z.string().min(1),
  title,
  date: isoDateSchema.nullable().default(null),
  source: sourceSchema,
  /** Pages it takes in the pack: the longer of its versions (a shorter version is padded with blank pages). */
  pages: z.number().int().min(1).max(100_000),
  /**
   * A late insert: the id of the document it follows; it is numbered from that document's last page (A12a,
   * A12b …), so it stays with that document whatever happens to the numbers before it.
   */
  after: z.string().min(1).max(50).nullable().default(null),
  addedAt: z.string(),
  /** What the checks found when it was added (pages without text, landscape pages, sizes other than A4). */
  notes: z.array(z.string().max(2000)).max(20).default([]),
  /**
   * Pages (1-based) whose text runs sideways or upside down as the file shows them, and how far (clockwise) the
   * pack turns each so it reads the right way up; found when the file was added. Never our own documents.
   */
  turns: z.array(z.object({ page: z.number().int().min(1).max(100_000), by: z.union([z.literal(90), z.literal(180), z.literal(270)]) })).max(2000).default([]),
});
export type PackEntry = z.output<typeof entrySchema>;

export const redactionSchema = z.object({
  id: z.string().min(1).max(50),
  entryId: z.string().min(1),
  phrase: z.string().trim().min(2, { message: 'Enter at least two characters to redact' }).max(300),
  reason: text(500).default(''),
  recipients: z.array(z.enum(RECIPIENTS)).min(1).default(['complainant']),
  by: z.string(),
  at: z.string(),
});
export type Redaction = z.output<typeof redactionSchema>;

export const panelMemberSchema = z.object({
  id: z.string().min(1).max(50),
  name: z.string().trim().min(1, { message: 'Enter the member’s name' }).max(200),
  role: z.enum(['chair', 'member']),
  /** Dates they can sit (YYYY-MM-DD). */
  available: z.array(isoDateSchema).max(100).default([]),
  /** Confirmed as independent of the council (not a member, officer, or their spouse or civil partner). */
  independent: z.boolean().default(false),
  /**
   * The review exchange contact (fingerprint) the member's papers are sent to: their own Casewright's card,
   * added and checked on the Review exchange screen (docs/exchange.md). Null until linked.
   */
  contact: z.string().min(1).max(40).nullable().default(null),
});
export type PanelMember = z.output<typeof panelMemberSchema>;

export const packSchema = z.object({
  numbering: z.enum(NUMBERINGS).default('section'),
  sections: z.array(sectionSchema).max(26),
  entries: z.array(entrySchema).max(2000).default([]),
  redactions: z.array(redactionSchema).max(5000).default([]),
  /** Set when the pack was first sent: from then on every page keeps its number. */
  sent: z.object({ at: z.string(), indexPages: z.number().int().min(1).max(1000) }).nullable().default(null),
  panel: z.array(panelMemberSchema).max(3).default([]),
  hearingDate: isoDateSchema.nullable().default(null),
});
export type Pack = z.output<typeof packSchema>;

export const DEFAULT_SECTIONS: PackSection[] = [
  { id: 'A', letter: 'A', title: 'Core documents' },
  { id: 'B', letter: 'B', title: 'Correspondence' },
  { id: 'C', letter: 'C', title: 'Evidence' },
  { id: 'D', letter: 'D', title: 'The council’s submission' },
];

export const emptyPack = (): Pack => packSchema.parse({ sections: DEFAULT_SECTIONS });

/** Our documents that belong in section A, in the order the court-style core bundle puts them. */
export const CORE_ORDER: DocumentKind[] = ['statement-of-complaint', 'investigation-report', 'ip-report', 'adjudication-letter'];

/** One line of the index, as shown before building and printed at the front of the pack. */
export interface IndexRow {
  entryId: string;
  sectionId: string;
  title: string;
  date: string | null;
  first: string;
  last: string;
  pages: number;
  late: boolean;
  source: PackSource['type'];
}

export interface PackView {
  pack: Pack;
  /** Page labels of the index pages, then each section with its rows. */
  indexLabels: string[];
  sections: { section: PackSection; rows: IndexRow[] }[];
  totalPages: number;
}

/** The result of building a pack for one recipient. */
export interface BuildResult {
  path: string;
  manifestPath: string;
  redactionLogPath: string | null;
  pages: number;
  warnings: string[];
  redactions: RedactionLogEntry[];
}

export interface RedactionLogEntry {
  entryId: string;
  document: string;
  page: string;
  removed: string;
  reason: string;
  occurrences: number;
}

export interface BuildProgress {
  state: 'running' | 'done' | 'cancelled' | 'failed';
  documentsDone: number;
  documentsTotal: number;
  pagesDone: number;
  pagesTotal: number;
  message: string | null;
}
