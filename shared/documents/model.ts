/**
 * The neutral document model (DESIGN.md, Documents): every output document is built once from the case as
 * these blocks, and two renderers turn the same blocks into DOCX and PDF, so Word and PDF say the same thing.
 */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A web or e-mail address the text links to (council version only: the complainant's carries no links). */
  link?: string;
}

export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; runs: Run[]; style?: 'normal' | 'quote' | 'small' | 'right' }
  | { type: 'list'; ordered: boolean; items: Run[][] }
  /**
   * `widths` are fractions of the text width; the header row repeats on every page. `rowHeaders`: the first
   * cell of each row is the row's header (a key/value table), tagged TH with Scope Row in the PDF.
   */
  | { type: 'table'; header: string[]; rows: Run[][][]; widths: number[]; rowHeaders?: boolean }
  | { type: 'pageBreak' }
  | { type: 'signature'; name: string; role: string; date?: string }
  | { type: 'spacer' };

export type DocumentKind =
  | 'investigation-report'
  | 'ip-report'
  | 'adjudication-letter'
  | 'statement-of-complaint'
  | 'extension-letter'
  | 'interview-record'
  | 'panel-report'
  | 'council-response';

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'investigation-report',
  'ip-report',
  'adjudication-letter',
  'statement-of-complaint',
  'extension-letter',
  'interview-record',
  'panel-report',
  'council-response',
];

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  'investigation-report': 'Investigation report',
  'ip-report': 'Independent person report',
  'adjudication-letter': 'Adjudication letter',
  'statement-of-complaint': 'Statement of complaint',
  'extension-letter': 'Extension letter',
  'interview-record': 'Interview record',
  'panel-report': 'Review panel’s report',
  'council-response': 'Council’s response to the review panel',
};

/** The Stage 3 documents (issue 16): built from the panel's papers, with the panel from the hearing pack. */
export const STAGE3_KINDS: readonly DocumentKind[] = ['panel-report', 'council-response'];

export type Variant = 'complainant' | 'council';

export interface Letterhead {
  council: string;
  logo: { mime: 'image/png' | 'image/jpeg'; dataBase64: string } | null;
  addressLines: string[];
  contactLines: string[];
}

export interface DocumentModel {
  kind: DocumentKind;
  /** PDF/DOCX metadata and the running header. */
  title: string;
  subject: string;
  author: string;
  reference: string;
  /** e.g. OFFICIAL-SENSITIVE; in the header of every page. */
  marking: string;
  variant: Variant;
  /** "Version for the complainant: people are referred to by role" etc.; printed under the title. */
  variantNote: string;
  /** Null once final; otherwise DRAFT and the version number go in the header and on the title page. */
  draft: { version: number } | null;
  letterhead: Letterhead;
  blocks: Block[];
  /**
   * Issue 13: why the document is not complete yet (no points, no findings, undecided points); empty when it
   * is. The draft prints it as a visible note and carries no signature; it cannot be marked final.
   */
  incomplete?: string[];
  /** Issue 13: things to check before sending that do not make the document incomplete (no salutation chosen). */
  notes?: string[];
  /** Addressed to the complainant (a letter, or her own interview record): names her, her child and copied supporters. */
  letterToComplainant?: boolean;
  /** For an issued version: to whom it was sent (issue 13). */
  sentTo?: string;
  /** Issue 13: a digest of the findings and decisions it was built from, to tell when a final is out of date. */
  basis?: string;
}

export const plain = (text: string): Run[] => [{ text }];
export const para = (text: string, style?: 'normal' | 'quote' | 'small' | 'right'): Block => ({ type: 'paragraph', runs: plain(text), ...(style ? { style } : {}) });
export const heading = (level: 1 | 2 | 3, text: string): Block => ({ type: 'heading', level, text });
/** The table of facts at the top of a document: a label in the first column (read as the row's header), its value. */
export const factsTable = (rows: readonly (readonly [string, string])[]): Block => ({
  type: 'table',
  header: ['', ''],
  widths: [0.3, 0.7],
  rowHeaders: true,
  rows: rows.map(([label, value]) => [plain(label), plain(value)]),
});

/** The words of a model (for tests, search and checking the variants). */
export function modelText(m: DocumentModel): string {
  const parts: string[] = [m.title, m.subject, m.reference, m.variantNote, m.letterhead.council, ...m.letterhead.addressLines, ...m.letterhead.contactLines];
  for (const b of m.blocks) {
    if (b.type === 'title' || b.type === 'heading') parts.push(b.text);
    else if (b.type === 'paragraph') parts.push(b.runs.map((r) => r.text).join(''));
    else if (b.type === 'list') b.items.forEach((i) => parts.push(i.map((r) => r.text).join('')));
    else if (b.type === 'table') {
      parts.push(b.header.join(' '));
      b.rows.forEach((row) => parts.push(row.map((cell) => cell.map((r) => r.text).join('')).join(' ')));
    } else if (b.type === 'signature') parts.push(b.name, b.role, b.date ?? '');
  }
  return parts.join('\n');
}
