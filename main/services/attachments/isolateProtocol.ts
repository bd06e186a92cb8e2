import type { LeakRules } from '../bundle/redactJobs';
import type { RedactRequest } from '../bundle/redact';
import type { FileKind } from './fileTypes';
import type { ReadLimits } from './limits';

/** Messages between the main thread (isolate.ts) and the extraction worker (extractWorker.ts). */
export type WorkerRequest =
  | { task: 'extract'; kind: FileKind; data: Uint8Array; limits: ReadLimits; subject: string; outcome: string }
  | { task: 'docxToRich'; data: Uint8Array; limits: ReadLimits }
  /** The hearing pack's pages drawn with redactions (bundle/redactJobs.ts). */
  | { task: 'redactFile'; data: Uint8Array; requests: RedactRequest[]; leak: LeakRules | null; only?: number }
  | { task: 'pageImage'; data: Uint8Array; pageIndex: number }
  /** A PDF added to the pack: its pages' facts (bundle/pdfFacts.ts), read with pdf-lib and pdf.js. */
  | { task: 'pdfFacts'; data: Uint8Array; name: string };

export type WorkerReply =
  | { ok: true; value: unknown }
  /** A sentence for the person: the file is refused. */
  | { ok: false; refusal: string }
  /** The file nests deeper than the reader's stack. */
  | { ok: false; tooDeep: true }
  /** Any other failure, in the reader's words. */
  | { ok: false; error: string };
