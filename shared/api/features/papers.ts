import { z } from 'zod';
import { none, op } from '../op';
import { RECIPIENTS } from '../../bundle/model';
import type { PanelSendView, ReceivedHearing } from '../../exchange/papers';

/**
 * Papers for the Stage 3 review panel in the review exchange's packages (handlers: main/api/papers.ts, service:
 * main/services/exchange/panelPapers.ts, docs/exchange.md). Sending side: link a panel member to a contact,
 * send them the pack and papers. Receiving side (a panel member's store): list, read and export what came.
 */
const caseId = z.string().min(1).max(100);
const member = z.string().trim().min(1, { message: 'Choose a panel member' }).max(200);
/** A document kind of the case's issued documents (any kind: the list grows), and which version. */
const paper = z.object({ kind: z.string().trim().min(1).max(60), variant: z.enum(['council', 'complainant']).default('council') }).strict();

export const papersContract = {
  'papers.panel': op<PanelSendView>()(z.object({ caseId }).strict()),
  /** `contact`: a contact's name or fingerprint; null unlinks. */
  'papers.link': op<PanelSendView>()(z.object({ caseId, member, contact: z.string().trim().min(1, { message: 'Choose a contact' }).max(200).nullable() }).strict()),
  /** Builds the panel's pack now and saves the package where the person chooses (cancelling sends nothing). */
  'papers.send': op<{ path: string | null; packageId: string | null; pages: number | null; sha256: string | null; papers: string[] }>()(
    z.object({ caseId, member, documents: z.array(paper).max(50).default([]), recipient: z.enum(RECIPIENTS).default('panel') }).strict(),
  ),
  'papers.received': op<ReceivedHearing[]>()(none),
  /** One received paper for the viewer (the same shape as attachments.read gives it). */
  'papers.read': op<{ fileName: string; title: string; mimeType: string; dataBase64: string; sha256: string }>()(z.object({ id: z.string().min(1).max(100) }).strict()),
  /** Deletes every version of one hearing's papers (`hearing`: the key Papers received gives), confirmed by typing its case reference. */
  'papers.deleteHearing': op<{ reference: string; packages: number; papers: number }>()(
    z.object({ hearing: z.string().min(1).max(400), confirmReference: z.string().max(200) }).strict(),
  ),
  /** Saves a received paper where the person chooses: the only way one leaves the store. */
  'papers.export': op<{ path: string | null }>()(z.object({ id: z.string().min(1).max(100) }).strict()),
} as const;
