import { z } from 'zod';
import { op } from '../op';
import { isoDateSchema } from '../../domain/schemaHelpers';
import { DOCUMENT_KINDS, type DocumentKind } from '../../documents/model';
import { NUMBERINGS, RECIPIENTS, type BuildProgress, type BuildResult, type Pack, type PackView, type PanelMember } from '../../bundle/model';
import type { HearingCheck } from '../../bundle/panel';
import type { PaperClock } from '../../bundle/papers';

/** The Stage 3 hearing pack and review panel (handlers: main/api/bundle.ts, service: main/services/bundle). */
const caseId = z.string().min(1).max(100);
const section = z.string().trim().min(1).max(50).optional();
const after = z.string().trim().min(1).max(40).nullable().default(null);
const title = z.string().trim().max(300).optional();
const ref = z.string().trim().min(1).max(100);

export const bundleContract = {
  'bundle.get': op<PackView>()(z.object({ caseId }).strict()),
  'bundle.addDocument': op<PackView>()(
    z.object({ caseId, kind: z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]]), section, title, date: isoDateSchema.nullable().optional(), after }).strict(),
  ),
  'bundle.addEvidence': op<PackView>()(z.object({ caseId, evidenceId: ref, section, title, after }).strict()),
  'bundle.addFile': op<PackView>()(
    z
      .object({
        caseId,
        fileName: z.string().min(1).max(255),
        dataBase64: z.string().max(70_000_000, { message: 'The file is larger than the 50 MB a file in the pack can be' }),
        section,
        title,
        date: isoDateSchema.nullable().optional(),
        after,
      })
      .strict(),
  ),
  'bundle.remove': op<PackView>()(z.object({ caseId, entry: ref }).strict()),
  'bundle.moveEntry': op<PackView>()(z.object({ caseId, entry: ref, direction: z.enum(['up', 'down']) }).strict()),
  'bundle.moveSection': op<PackView>()(z.object({ caseId, section: ref, direction: z.enum(['up', 'down']) }).strict()),
  'bundle.setNumbering': op<PackView>()(z.object({ caseId, numbering: z.enum(NUMBERINGS) }).strict()),
  'bundle.markSent': op<PackView>()(z.object({ caseId }).strict()),
  'bundle.redact': op<PackView>()(
    z
      .object({
        caseId,
        entry: ref,
        phrase: z.string().trim().min(2, { message: 'Enter at least two characters to redact' }).max(300),
        reason: z.string().trim().max(500).default(''),
        recipients: z.array(z.enum(RECIPIENTS)).min(1).max(3).default(['complainant']),
      })
      .strict(),
  ),
  /** A page as a recipient's version will show it, before its number is stamped (PNG, base64; empty for a blank page). */
  'bundle.previewPage': op<{ label: string; title: string; pngBase64: string; note: string | null }>()(z.object({ caseId, page: z.string().trim().min(1).max(40), recipient: z.enum(RECIPIENTS).default('panel') }).strict()),
  'bundle.check': op<{ problems: string[]; warnings: string[] }>()(z.object({ caseId, recipient: z.enum(RECIPIENTS).nullable().default(null) }).strict()),
  /** Builds into a file chosen in the platform's save dialog; `jobId` lets bundle.progress and bundle.cancel follow it. */
  'bundle.build': op<BuildResult | { path: null }>()(z.object({ caseId, recipient: z.enum(RECIPIENTS), jobId: z.string().min(1).max(100).optional() }).strict()),
  'bundle.progress': op<{ progress: BuildProgress | null }>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),
  'bundle.cancel': op<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),
  'bundle.addPanelMember': op<{ pack: Pack; problems: string[] }>()(
    z
      .object({
        caseId,
        name: z.string().trim().min(1, { message: 'Enter the member’s name' }).max(200),
        role: z.enum(['chair', 'member']),
        available: z.array(isoDateSchema).max(100).default([]),
        independent: z.boolean().default(false),
      })
      .strict(),
  ),
  'bundle.removePanelMember': op<{ pack: Pack; problems: string[] }>()(z.object({ caseId, memberId: ref }).strict()),
  'bundle.setHearingDate': op<{ pack: Pack; check: HearingCheck | null }>()(z.object({ caseId, date: isoDateSchema.nullable() }).strict()),
  /** The panel's papers (issue 16): their two clocks in sentences, counted to today, with the panel and planned hearing. */
  'bundle.papers': op<{ clocks: PaperClock[]; panel: PanelMember[]; hearingDate: string | null; today: string }>()(z.object({ caseId }).strict()),
} as const;
