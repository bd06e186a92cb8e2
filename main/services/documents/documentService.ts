import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { buildDocument } from '../../../shared/documents/build';
import { basisOf } from '../../../shared/documents/context';
import { UserFacingError } from '../../../shared/documents/errors';
import { packSchema } from '../../../shared/bundle/model';
import type { Stage3Facts } from '../../../shared/documents/context';
import { DOCUMENT_TITLES, STAGE3_KINDS, type DocumentKind, type DocumentModel, type Variant } from '../../../shared/documents/model';
import type { StoredCase } from '../../../shared/domain/case';
import type { IssuedDocument, LeakHit } from '../../../shared/api/types';
import { UserError } from '../errors';
import { appendAudit } from '../store/audit';
import { documentRef } from '../store/digests';
import { checkRendered, leakSentence } from './leakCheck';
import { RenderPool, renderThreads, type OnThread } from './renderPool';
import { asBuffer } from './renderProtocol';
import { readIssuedModel } from './issued';

export type DocumentFormat = 'docx' | 'pdf';

export type { IssuedDocument };

interface IssueRow {
  id: string;
  kind: DocumentKind;
  variant: Variant;
  subject_id: string;
  version: number;
  final: number;
  issued_at: string;
  issued_by: string;
  model: string;
  sent_to?: string | null;
}

const toIssued = (r: IssueRow): IssuedDocument => ({
  id: r.id,
  kind: r.kind,
  variant: r.variant,
  subjectId: r.subject_id,
  version: r.version,
  final: r.final === 1,
  issuedAt: r.issued_at,
  issuedBy: r.issued_by,
  sentTo: r.sent_to ?? '',
});

/** The list of issued versions reads who each was sent to from the frozen model, without loading the model. */
const LIST_COLUMNS = "id, kind, variant, subject_id, version, final, issued_at, issued_by, '' AS model, json_extract(model, '$.sentTo') AS sent_to";

const VARIANTS: readonly Variant[] = ['council', 'complainant'];

/**
 * Documents of a case: built from the current record as a draft carrying the next version number, or
 * reproduced from an issued version exactly as it was issued.
 */
export class DocumentService {
  constructor(
    private readonly db: () => Database,
    private readonly actor: string,
    /** Where documents are drawn: the process's pool unless a benchmark or test brings its own. */
    private readonly pool: RenderPool = renderPool,
  ) {}

  issued(caseId: string): IssuedDocument[] {
    return (this.db().prepare(`SELECT ${LIST_COLUMNS} FROM document_issues WHERE case_id = ? ORDER BY kind, subject_id, version, variant`).all(caseId) as IssueRow[]).map(toIssued);
  }

  private latest(caseId: string, kind: DocumentKind, variant: Variant, subjectId: string): IssueRow | undefined {
    return this.db()
      .prepare('SELECT * FROM document_issues WHERE case_id = ? AND kind = ? AND variant = ? AND subject_id = ? ORDER BY version DESC LIMIT 1')
      .get(caseId, kind, variant, subjectId) as IssueRow | undefined;
  }

  /** The highest version number either version of the document has had: both versions share the numbers. */
  private lastVersion(caseId: string, kind: DocumentKind, subjectId: string): number {
    const row = this.db().prepare('SELECT MAX(version) AS v FROM document_issues WHERE case_id = ? AND kind = ? AND subject_id = ?').get(caseId, kind, subjectId) as { v: number | null };
    return row.v ?? 0;
  }

  /** The final issued version, if any, and whether the findings or decisions changed since it was marked final. */
  private finalState(c: StoredCase, kind: DocumentKind, variant: Variant, subjectId: string): { row: IssueRow; model: DocumentModel; stale: boolean } | null {
    const last = this.latest(c.id, kind, variant, subjectId);
    if (!last?.final) return null;
    const model = JSON.parse(last.model) as DocumentModel;
    // A final issued before issue 13 has no basis recorded: it is taken as current.
    return { row: last, model, stale: model.basis !== undefined && model.basis !== basisOf(c.record, kind) };
  }

  private build(c: StoredCase, kind: DocumentKind, variant: Variant, today: string, subjectId: string, draft: { version: number } | null): DocumentModel {
    try {
      const stage3 = STAGE3_KINDS.includes(kind) ? this.stage3(c.id) : undefined;
      return buildDocument(kind, c.record, { today, variant, draft, ...(subjectId ? { interviewId: subjectId } : {}), ...(stage3 ? { stage3 } : {}) });
    } catch (e) {
      if (e instanceof UserFacingError) throw new UserError('INVALID_INPUT', e.message);
      throw e;
    }
  }

  /** The panel and the planned hearing date, from the case's hearing pack (table hearing_packs), if it has one. */
  private stage3(caseId: string): Stage3Facts {
    const row = this.db().prepare('SELECT model FROM hearing_packs WHERE case_id = ?').get(caseId) as { model: string } | undefined;
    if (!row) return { panel: [], hearingDate: null };
    const pack = packSchema.parse(JSON.parse(row.model));
    return { panel: pack.panel.map((m) => ({ name: m.name, role: m.role })), hearingDate: pack.hearingDate };
  }

  /**
   * The document as it stands now: the final if one has been issued and nothing it decides has changed since;
   * otherwise a draft carrying the next version number, shared by the council's and the complainant's
   * versions. A draft made after a final whose findings changed says so (issue 13).
   */
  current(c: StoredCase, kind: DocumentKind, variant: Variant, today: string, subjectId = ''): DocumentModel {
    const fin = this.finalState(c, kind, variant, subjectId);
    if (fin && !fin.stale) return fin.model;
    const model = this.build(c, kind, variant, today, subjectId, { version: this.lastVersion(c.id, kind, subjectId) + 1 });
    if (fin) {
      model.notes = [
        `A finding or decision has changed since version ${fin.row.version} was marked final, so this is a new draft, version ${model.draft!.version}; issue it to replace the final that was sent.`,
        ...(model.notes ?? []),
      ];
    }
    return model;
  }

  /**
   * The leak check of a complainant's version: renders it in both formats and reads them back, with the file
   * names, for register names that version must not print. Empty for the council's version.
   */
  async check(c: StoredCase, model: DocumentModel, rendered?: { docx: Buffer; pdf: Buffer | null }): Promise<LeakHit[]> {
    if (model.variant !== 'complainant') return [];
    const docx = rendered?.docx ?? (await this.render(model, 'docx'));
    // A PDF the renderer refuses (a character the fonts cannot draw) is never written, so there is no PDF to
    // leak from: the Word file and the file names are still checked.
    const pdf = rendered ? rendered.pdf : await this.render(model, 'pdf').catch((e: unknown) => {
      if (e instanceof UserError && e.code === 'INVALID_INPUT') return null;
      throw e;
    });
    const names = (['docx', 'pdf'] as const).map((f) => documentFileName(c.record.reference, model, f));
    return this.pool.check({ record: c.record, kind: model.kind, files: { docx, pdf, names, printed: { reference: model.reference, marking: model.marking } }, letterToComplainant: model.letterToComplainant });
  }

  /** Refuses (LEAK, with the hits) a complainant's version that names someone it must not. */
  async guard(c: StoredCase, model: DocumentModel): Promise<void> {
    const hits = await this.check(c, model);
    if (hits.length) throw new UserError('LEAK', leakSentence(hits), { hits });
  }

  /**
   * Freezes the current draft (or makes it final) in both versions at once, under one version number: what
   * the council and the complainant were sent always match, and later edits never change either. The
   * complainant's version is issued only if the leak check finds nothing; a final only when the document is
   * complete; a final again only when a finding or decision changed after the last one (issue 13).
   */
  async issue(c: StoredCase, kind: DocumentKind, variant: Variant, today: string, final: boolean, subjectId = '', sentTo: Partial<Record<Variant, string>> = {}): Promise<IssuedDocument> {
    if (c.record.handover) throw new UserError('READ_ONLY', `Case ${c.record.reference} was handed over to this store for its records and is read-only.`);
    const title = DOCUMENT_TITLES[kind].toLowerCase();
    for (const v of VARIANTS) {
      const fin = this.finalState(c, kind, v, subjectId);
      if (fin && !fin.stale) throw new UserError('CONFLICT', `The ${title} is already final as version ${fin.row.version}, and no finding or decision has changed since; it cannot be issued again.`);
    }
    const before = this.lastVersion(c.id, kind, subjectId);
    const version = before + 1;
    const models = VARIANTS.map((v) => this.build(c, kind, v, today, subjectId, final ? null : { version }));
    const incomplete = models[0]!.incomplete ?? [];
    if (final && incomplete.length) throw new UserError('INVALID_INPUT', `The ${title} cannot be marked final while it is incomplete: ${incomplete.join(' ')}`);
    for (const m of models) await this.guard(c, m);
    const issuedAt = new Date().toISOString();
    const rows: IssueRow[] = models.map((m) => {
      const to = (sentTo[m.variant] ?? defaultRecipients(c, m.variant)).trim();
      return { id: randomUUID(), kind, variant: m.variant, subject_id: subjectId, version, final: final ? 1 : 0, issued_at: issuedAt, issued_by: this.actor, model: JSON.stringify({ ...m, sentTo: to }), sent_to: to };
    });
    const db = this.db();
    db.transaction(() => {
      // Checked inside the write lock, so two windows issuing at once cannot both take this version number.
      if (this.lastVersion(c.id, kind, subjectId) !== before) {
        throw new UserError('CONFLICT', 'Another version of this document was issued while it was being checked; look at the list of issued versions, then try again.');
      }
      for (const row of rows) {
        db.prepare('INSERT INTO document_issues (id, case_id, kind, variant, subject_id, version, final, issued_at, issued_by, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
          row.id, c.id, kind, row.variant, subjectId, version, row.final, row.issued_at, row.issued_by, row.model,
        );
      }
      appendAudit(db, { actor: this.actor, action: final ? 'document.final' : 'document.issue', entity: 'case', entityId: c.id, detail: { kind, version, sentTo: rows.map((r) => `${r.variant}: ${r.sent_to}`) }, covers: rows.map((r) => documentRef(r.id)) });
    }).immediate();
    return toIssued(rows.find((r) => r.variant === variant) ?? rows[0]!);
  }

  issuedModel(caseId: string, issueId: string): DocumentModel {
    return readIssuedModel(this.db(), caseId, issueId);
  }

  async render(model: DocumentModel, format: DocumentFormat): Promise<Buffer> {
    try {
      return await this.pool.render(model, format);
    } catch (e) {
      if (e instanceof UserFacingError) throw new UserError('INVALID_INPUT', e.message);
      throw e;
    }
  }
}

/** The renderers and the check on this thread (when the pool has no worker threads), loaded on first use. */
export const ON_THREAD: OnThread = {
  render: async (model, format) => (format === 'pdf' ? (await import('./pdfRenderer')).renderPdf(model) : (await import('./docxRenderer')).renderDocx(model)),
  check: ({ record, kind, files, letterToComplainant }) =>
    checkRendered(record, kind, { ...files, docx: asBuffer(files.docx), pdf: files.pdf && asBuffer(files.pdf) }, letterToComplainant),
};

/** Every document of the process is rendered and checked through this pool (renderPool.ts says how many threads). */
export const renderPool = new RenderPool(renderThreads(), ON_THREAD);

/**
 * Loads what the first document would otherwise wait for: the renderers and the fonts, parsed once per thread
 * (issue 15). The command line calls it while the store's keys are derived on other threads. (The leak check
 * reads our own PDFs without pdf.js, so pdf.js is no longer loaded ahead.)
 */
export async function prepareRenderers(): Promise<void> {
  if (renderPool.threads) renderPool.warm();
  else (await import('./fonts')).pdfFaces();
}

/** "DEMO-ST2-0001 investigation-report complainant v2.pdf" → a safe file name. */
export function documentFileName(reference: string, model: DocumentModel, format: DocumentFormat, subjectId = ''): string {
  const status = model.draft ? `draft-v${model.draft.version}` : 'final';
  // Interview records carry their interview's id, so one per interview fits in a folder.
  return `${reference}-${model.kind}${subjectId ? `-${subjectId}` : ''}-${model.variant}-${status}.${format}`.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** The whole Stage 2 response and the letters around it. */
export const RESPONSE_DOCUMENTS: DocumentKind[] = ['investigation-report', 'ip-report', 'adjudication-letter'];

/**
 * Writes the whole Stage 2 response (each document, both formats, both versions) and the statement of
 * complaint and any extension letter into `<parent>/<reference>-<date>/`. A document the case cannot make
 * yet is listed as skipped with the reason, not silently left out.
 */
export async function exportAll(
  service: DocumentService,
  c: StoredCase,
  parent: string,
  today: string,
  write: (file: string, data: Buffer) => void,
  join: (...p: string[]) => string,
): Promise<{ folder: string; files: string[]; skipped: string[] }> {
  const folder = join(parent, `${c.record.reference}-${today}`.replace(/[^A-Za-z0-9._-]+/g, '-'));
  const files: string[] = [];
  const skipped: string[] = [];
  const plan: [DocumentKind, Variant, string][] = [
    ...RESPONSE_DOCUMENTS.flatMap((k): [DocumentKind, Variant, string][] => [[k, 'complainant', ''], [k, 'council', '']]),
    ['statement-of-complaint', 'complainant', ''],
    ['extension-letter', 'complainant', ''],
    // The record of each interview held, in the version its interviewee is sent: the complainant's own in hers
    // (which names her), anyone else's in the council's.
    ...c.record.interviews
      .filter((v) => v.status !== 'planned')
      .map((v): [DocumentKind, Variant, string] => ['interview-record', c.record.people.find((p) => p.id === v.personId)?.kind === 'complainant' ? 'complainant' : 'council', v.id]),
  ];
  const made: { kind: DocumentKind; subjectId: string; model: DocumentModel }[] = [];
  for (const [kind, variant, subjectId] of plan) {
    try {
      made.push({ kind, subjectId, model: service.current(c, kind, variant, today, subjectId) });
    } catch (e) {
      skipped.push(`${DOCUMENT_TITLES[kind]}: ${(e as Error).message}`);
    }
  }
  // Every file is asked for at once, so the render pool's threads share them out (issue 15). Each is rendered
  // once: the leak check reads the very bytes that are written.
  const rendered = await Promise.all(
    made.map(async ({ kind, subjectId, model }) => {
      const [docx, pdf] = await Promise.all([service.render(model, 'docx'), service.render(model, 'pdf')]);
      const found = (await service.check(c, model, { docx, pdf })).map((h) => ({ ...h, where: `${DOCUMENT_TITLES[kind]}, ${h.where}` }));
      const files = [{ name: documentFileName(c.record.reference, model, 'docx', subjectId), data: docx }, { name: documentFileName(c.record.reference, model, 'pdf', subjectId), data: pdf }];
      return { found, files };
    }),
  );
  const hits = rendered.flatMap((r) => r.found);
  const out = rendered.flatMap((r) => r.files);
  // Nothing is written while any complainant's version names someone it must not.
  if (hits.length) throw new UserError('LEAK', leakSentence(hits), { hits });
  for (const f of out) {
    write(join(folder, f.name), f.data);
    files.push(f.name);
  }
  return { folder, files, skipped };
}

/** Who a version goes to unless the user says otherwise: the complainants (and copied supporters), or the council. */
export function defaultRecipients(c: StoredCase, variant: Variant): string {
  const r = c.record;
  if (variant === 'complainant') {
    const copied = [r.advocate, r.representative].filter((x) => x?.writtenConsentHeld).map((x) => x!.name);
    return [...r.complainants.map((x) => x.name), ...copied].join('; ');
  }
  return [r.roles.complaintsManager?.name, r.roles.adjudicatingOfficer?.name].filter(Boolean).join('; ') || 'The council';
}
