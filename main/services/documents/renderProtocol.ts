import type { LeakHit } from '../../../shared/api/types';
import type { DocumentKind, DocumentModel } from '../../../shared/documents/model';
import type { CaseRecord } from '../../../shared/domain/case';

/** What the leak check reads: a complainant's version as written (leakCheck.ts `checkRendered`). */
export interface CheckJob {
  record: CaseRecord;
  kind: DocumentKind;
  files: { docx: Uint8Array; pdf: Uint8Array | null; names: string[]; printed?: { reference: string; marking: string } };
  letterToComplainant?: boolean;
}

/** A Buffer over the same memory (bytes that crossed between threads arrive as plain Uint8Arrays). */
export const asBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

/** Messages between the render pool (renderPool.ts) and a render worker (renderWorker.ts). */
export type RenderRequest =
  | { id: number; task: 'render'; model: DocumentModel; format: 'docx' | 'pdf' }
  | { id: number; task: 'check'; job: CheckJob }
  | { id: number; task: 'warm' };

export type RenderReply =
  | { id: number; ok: true; bytes?: Uint8Array; hits?: LeakHit[] }
  /** `userFacing`: the renderer's own sentence for the user (a character the fonts cannot draw). */
  | { id: number; ok: false; userFacing: string }
  | { id: number; ok: false; error: string };
