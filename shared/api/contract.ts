import { z } from 'zod';
import { id, none, op, passphrase } from './op';
import { backupContract } from './features/backup';
import { exchangeContract } from './features/exchange';
import { reviewContract } from './features/review';
import { bundleContract } from './features/bundle';
import { papersContract } from './features/papers';
import type { AttachmentInfo, AuditView, AppStatus, DashboardRow, SearchHit, Settings, VerifyResult } from './types';
import type { RichNode } from '../domain/richText';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentModel } from '../documents/model';
import { SEARCH_KINDS, type IssuedDocument, type LeakHit } from './types';
import type { CaseSummary, DirectoryCouncil, StoredCase } from '../domain/case';
import type { ClockView } from '../clock/caseClocks';
import { isoDateSchema } from '../domain/schemaHelpers';
import { auditAnchorSchema } from '../format/caseFile';

/**
 * The one API of the app: name -> input schema (checked at runtime by main/api) and output type (checked 
 * by the compiler). Electron IPC, the CLI and the browser test bridge all carry exactly these calls.
 */
const today = isoDateSchema.optional();
/**
 * Which store file: a token from store.choosePath (a file chosen in the platform's dialog during this run) or a
 * path from the recent-stores list. Any other path is refused by main (see main/services/session/storeTargets.ts).
 */
const storeTarget = { token: z.string().min(1).max(200).optional(), path: z.string().min(1).max(4096).optional() };
const oneStoreTarget = (o: { token?: string | undefined; path?: string | undefined }) => (o.token === undefined) !== (o.path === undefined);
const ONE_STORE_TARGET = 'Choose the case store file with the dialog or from the recent stores.';
const docInput = z
  .object({
    caseId: z.string().min(1),
    kind: z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]]),
    variant: z.enum(['complainant', 'council']).default('council'),
    /** For an interview record: which interview. */
    subjectId: z.string().max(100).default(''),
  })
  .strict();

export const contract = {
  'app.status': op<AppStatus>()(none),
  /** The platform's dialog; `token` stands for the chosen file in store.create/store.open, `path` is for showing. */
  'store.choosePath': op<{ token: string | null; path: string | null }>()(z.object({ mode: z.enum(['create', 'open']) }).strict()),
  'store.create': op<AppStatus>()(
    z
      .object({ ...storeTarget, passphrase, ownerName: z.string().trim().min(1, { message: 'Enter your name' }).max(200), demo: z.boolean().default(false) })
      .strict()
      .refine(oneStoreTarget, { message: ONE_STORE_TARGET }),
  ),
  'store.open': op<AppStatus>()(z.object({ ...storeTarget, passphrase, remember: z.boolean().default(false) }).strict().refine(oneStoreTarget, { message: ONE_STORE_TARGET })),
  'store.openRemembered': op<AppStatus>()(z.object({ path: z.string().min(1) }).strict()),
  'store.forget': op<AppStatus>()(z.object({ path: z.string().min(1) }).strict()),
  'store.lock': op<AppStatus>()(none),
  'store.changePassphrase': op<{ changed: true }>()(z.object({ current: passphrase, next: passphrase }).strict()),
  /** `exported`: the audit log as a case file exported from this store recorded it, to compare with too. */
  'store.verify': op<VerifyResult>()(z.object({ exported: auditAnchorSchema.optional() }).strict()),
  /** After a backup was put back on purpose: record in the log that it was accepted, and start this device's record afresh. */
  'store.acceptAuditLog': op<VerifyResult>()(none),
  'session.touch': op<{ lockAt: number | null }>()(none),
  'settings.get': op<Settings>()(none),
  'settings.update': op<Settings>()(
    z.object({ idleLockMinutes: z.number().int().min(1, { message: 'The idle lock must be at least 1 minute' }).max(240, { message: 'The idle lock can be at most 240 minutes' }).optional() }).strict(),
  ),
  'cases.list': op<CaseSummary[]>()(none),
  'cases.get': op<StoredCase>()(id),
  'cases.create': op<StoredCase>()(z.object({ record: z.unknown() }).strict()),
  'cases.update': op<StoredCase>()(z.object({ id: z.string().min(1), revision: z.number().int().min(1), record: z.unknown() }).strict()),
  'cases.addDemo': op<StoredCase>()(none),
  'councils.list': op<DirectoryCouncil[]>()(none),
  'councils.save': op<{ council: DirectoryCouncil; casesUpdated: number }>()(
    z.object({ id: z.string().min(1).max(100).optional(), profile: z.record(z.string(), z.unknown()), linkCaseId: z.string().min(1).max(100).optional() }).strict(),
  ),
  'cases.delete': op<{ reference: string }>()(z.object({ id: z.string().min(1), confirmReference: z.string().max(200) }).strict()),
  'cases.importJson': op<StoredCase>()(z.object({ json: z.string() }).strict()),
  'cases.exportJson': op<{ json: string }>()(id),
  'cases.exportFile': op<{ path: string | null }>()(id),
  'cases.recordExtension': op<StoredCase>()(
    z.object({ id: z.string().min(1), revision: z.number().int().min(1), extension: z.record(z.string(), z.unknown()), today }).strict(),
  ),
  'cases.setLateReason': op<StoredCase>()(
    z.object({ id: z.string().min(1), revision: z.number().int().min(1), clock: z.string().min(1), reason: z.string().max(2000) }).strict(),
  ),
  'cases.audit': op<AuditView[]>()(id),
  'cases.deadlines': op<ClockView[]>()(z.object({ id: z.string().min(1), today }).strict()),
  'attachments.add': op<AttachmentInfo>()(
    z.object({ caseId: z.string().min(1), fileName: z.string().min(1).max(255), dataBase64: z.string().max(70_000_000, { message: 'The file is larger than the 50 MB an attachment can be' }) }).strict(),
  ),
  'attachments.list': op<AttachmentInfo[]>()(z.object({ caseId: z.string().min(1) }).strict()),
  'attachments.read': op<{ info: AttachmentInfo; dataBase64: string; text: string }>()(id),
  'attachments.exportCopy': op<{ path: string | null }>()(id),
  'search.query': op<{ hits: SearchHit[]; capped: boolean }>()(
    z
      .object({
        query: z.string().max(500),
        limit: z.number().int().min(1).max(200).default(50),
        caseId: z.string().min(1).max(100).optional(),
        kinds: z.array(z.enum(SEARCH_KINDS)).max(SEARCH_KINDS.length).optional(),
      })
      .strict(),
  ),
  'import.docxToRich': op<{ doc: RichNode; warnings: string[] }>()(z.object({ dataBase64: z.string().max(70_000_000) }).strict()),
  'documents.preview': op<DocumentModel>()(docInput),
  'documents.export': op<{ path: string | null }>()(docInput.extend({ format: z.enum(['docx', 'pdf']), issueId: z.string().optional() }).strict()),
  /** Issues the council's and the complainant's versions together, under one version number (issue 13). */
  'documents.issue': op<IssuedDocument>()(
    docInput.extend({ final: z.boolean().default(false), complainantSentTo: z.string().trim().max(500, { message: 'must be at most 500 characters' }).optional(), councilSentTo: z.string().trim().max(500, { message: 'must be at most 500 characters' }).optional() }).strict(),
  ),
  'documents.list': op<IssuedDocument[]>()(z.object({ caseId: z.string().min(1) }).strict()),
  /** The leak check of the complainant's version as it would be exported (empty for the council's). */
  'documents.check': op<LeakHit[]>()(docInput.extend({ issueId: z.string().optional() }).strict()),
  /** Records that a place the leak check found is not that person (who and when), in the case record. */
  'documents.notThisPerson': op<StoredCase>()(
    z
      .object({
        caseId: z.string().min(1),
        revision: z.number().int().min(1),
        personId: z.string().min(1).max(100),
        key: z.string().min(1).max(1000),
        matched: z.string().max(300),
        context: z.string().max(1000).default(''),
      })
      .strict(),
  ),
  'documents.exportAll': op<{ folder: string | null; files: string[]; skipped: string[] }>()(z.object({ caseId: z.string().min(1) }).strict()),
  'dashboard.deadlines': op<DashboardRow[]>()(z.object({ today }).strict()),
  'calendar.exportIcs': op<{ path: string | null }>()(z.object({ id: z.string().min(1).optional() }).strict()),
  // Each feature's own part (shared/api/features/<feature>.ts).
  ...backupContract,
  ...exchangeContract,
  ...reviewContract,
  ...bundleContract,
  ...papersContract,
} as const;

export type Contract = typeof contract;
export type ApiName = keyof Contract;
export type ApiInput<N extends ApiName> = z.input<Contract[N]['input']>;
export type ApiParsedInput<N extends ApiName> = z.output<Contract[N]['input']>;
export type ApiOutput<N extends ApiName> = NonNullable<Contract[N]['output']>;

export interface ApiError {
  code: string;
  message: string;
  /** For some refusals, what the screen lists (LEAK: `{ hits: LeakHit[] }`). */
  details?: unknown;
}
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** The object the renderer sees as window.casewright: one async method per API name. */
export type CasewrightApi = {
  [N in ApiName]: (input: ApiInput<N>) => Promise<Envelope<ApiOutput<N>>>;
} & {
  /** Events pushed by main (for now only 'locked'). Returns an unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * The answer to an `app.status` asked for as the window was created (by the preload, before the page's own
   * script has even been fetched), so the first screen does not wait for that round trip (issue 15). Given once;
   * null after that.
   */
  takeEarlyStatus(): Promise<Envelope<ApiOutput<'app.status'>>> | null;
};

export type AppEvent = { type: 'locked'; reason: 'idle' | 'user' };

export const API_NAMES = Object.keys(contract) as ApiName[];
