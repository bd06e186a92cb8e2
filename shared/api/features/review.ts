import { z } from 'zod';
import { op } from '../op';
import { RESOLUTIONS, STANCES } from '../../exchange/review';
import type { DocumentModel } from '../../documents/model';
import type { SectionDiff } from '../../exchange/draftDiff';
import type { FindingState, Position, ReviewComment } from '../../exchange/review';
import type { StoredCase } from '../../domain/case';
import { ONE_RECIPIENT, oneRecipient, sendTo } from './exchange';

/** The independent person review of a draft (handlers: main/api/exchange.ts, service: main/services/exchange). */
const caseId = z.string().min(1).max(100);
const prose = (label: string) => z.string().max(20_000, { message: `${label} can be at most 20,000 characters` });

export interface ReviewState {
  side: 'io' | 'ip' | null;
  counterpart: string | null;
  drafts: number[];
  /** Each comment; `sentAt`, on the independent person's side, when a reply took it back (null: it can still change). */
  comments: (ReviewComment & { sentAt: string | null })[];
  findings: { pointId: string; number: number; finding: string | null; state: FindingState; position: Position | null }[];
  ipReport: boolean;
}
export interface PackageRecord {
  id: string;
  direction: 'in' | 'out';
  kind: string;
  what: string;
  counterpart: string;
  at: string;
}
type Sent = { path: string | null; packageId: string | null };

export const reviewContract = {
  /** Issues the next draft of the investigation report and sends it for review. `attachmentIds`: the files ticked. */
  'review.send': op<Sent & { version: number | null }>()(
    z.object({ caseId, ...sendTo, attachmentIds: z.array(z.string().min(1).max(100)).max(500).default([]) }).strict().refine(oneRecipient, { message: ONE_RECIPIENT }),
  ),
  'review.reply': op<Sent>()(z.object({ caseId, ...sendTo }).strict().refine(oneRecipient, { message: ONE_RECIPIENT })),
  'review.sendReport': op<Sent>()(z.object({ caseId, ...sendTo }).strict().refine(oneRecipient, { message: ONE_RECIPIENT })),
  'review.comment': op<StoredCase>()(
    z.object({ caseId, on: z.string().min(1).max(120), text: z.string().trim().min(1, { message: 'Write the comment' }).max(20_000), suggested: prose('The suggested wording').default('') }).strict(),
  ),
  'review.editComment': op<StoredCase>()(
    z.object({ caseId, comment: z.string().min(1).max(100), text: z.string().max(20_000, { message: 'A comment can be at most 20,000 characters' }), suggested: prose('The suggested wording').default('') }).strict(),
  ),
  'review.withdrawComment': op<StoredCase>()(z.object({ caseId, comment: z.string().min(1).max(100) }).strict()),
  'review.position': op<StoredCase>()(z.object({ caseId, point: z.string().min(1).max(100), stance: z.enum(STANCES), reason: prose('The reason').default('') }).strict()),
  'review.resolve': op<StoredCase>()(z.object({ caseId, comment: z.string().min(1).max(100), as: z.enum(RESOLUTIONS), text: prose('The answer').default('') }).strict()),
  'review.state': op<ReviewState>()(z.object({ caseId }).strict()),
  'review.draft': op<{ version: number; model: DocumentModel }>()(z.object({ caseId, version: z.number().int().min(1).optional() }).strict()),
  'review.diff': op<SectionDiff[]>()(z.object({ caseId, from: z.number().int().min(1), to: z.number().int().min(1) }).strict()),
  'review.packages': op<PackageRecord[]>()(z.object({ caseId }).strict()),
} as const;
