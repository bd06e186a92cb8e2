import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { PDFDocument } from 'pdf-lib';
import { lateAnchor, layoutPack } from '../../../shared/bundle/layout';
import {
  CORE_ORDER, RECIPIENT_LABELS, emptyPack, packSchema, type BuildProgress, type Pack, type PackEntry, type RedactionLogEntry, type PackSource, type PackView, type PanelMember, type Recipient,
} from '../../../shared/bundle/model';
import { checkHearingDate, memberRefusal, panelProblems, type HearingCheck } from '../../../shared/bundle/panel';
import { DOCUMENT_TITLES, type DocumentKind } from '../../../shared/documents/model';
import type { StoredCase } from '../../../shared/domain/case';
import { AttachmentService } from '../attachments/attachmentService';
import { todayInLondon } from '../clockToday';
import { DocumentService } from '../documents/documentService';
import { docxSources, findLeaks } from '../documents/leakCheck';
import { UserError } from '../errors';
import { appendAudit } from '../store/audit';
import { buildPack, indexPageCount, type BuildOutput, type SourceFile } from './build';
import { factNotes, loadPdf, turnsOf } from './pdfFacts';
import { pageImageIsolated, pdfFactsIsolated, redactIsolated } from './redactIsolated';
import type { LeakRules } from './redactJobs';

/** The courts' guide: a bundle should not usually exceed 350 pages. */
export const PAGE_GUIDE = 350;
/** One document in a pack: far past the guide, and past what pdf.js should read on the main thread when it is added. */
export const MAX_SOURCE_PAGES = 2000;

interface Row {
  model: string;
  revision: number;
}

type NewEntry = Omit<PackEntry, 'id' | 'addedAt' | 'after' | 'notes' | 'pages' | 'turns'> & { notes?: string[]; turns?: PackEntry['turns'] };

const isWord = (name: string, data: Uint8Array) => /\.(docx?|rtf|odt)$/i.test(name) || (data[0] === 0xd0 && data[1] === 0xcf) || (data[0] === 0x50 && data[1] === 0x4b && /\.docx$/i.test(name));
const isPdf = (data: Uint8Array) => Buffer.from(data.subarray(0, 1024)).includes('%PDF-');

/**
 * The hearing pack of each case: kept as one validated record (table hearing_packs) with a revision, every
 * change audited. Sources: issued documents (never a live draft), PDFs of the evidence register, and PDFs
 * added to the pack (stored as attachments, inside the encrypted store).
 */
export class PackService {
  constructor(
    private readonly db: () => Database,
    private readonly actor: string,
  ) {}

  private documents() {
    return new DocumentService(this.db, this.actor);
  }
  private attachments() {
    return new AttachmentService(this.db, this.actor);
  }

  get(caseId: string): { pack: Pack; revision: number } {
    const row = this.db().prepare('SELECT model, revision FROM hearing_packs WHERE case_id = ?').get(caseId) as Row | undefined;
    if (!row) return { pack: emptyPack(), revision: 0 };
    return { pack: packSchema.parse(JSON.parse(row.model)), revision: row.revision };
  }

  private save(caseId: string, pack: Pack, action: string, detail: Record<string, unknown>, extra?: () => void): Pack {
    const parsed = packSchema.parse(pack);
    const db = this.db();
    db.transaction(() => {
      if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new UserError('NOT_FOUND', 'That case is not in this store; choose it again from the case list.');
      extra?.();
      const now = new Date().toISOString();
      db.prepare(
        `INSERT INTO hearing_packs (case_id, model, revision, updated_at) VALUES (?, ?, 1, ?)
         ON CONFLICT(case_id) DO UPDATE SET model = excluded.model, revision = revision + 1, updated_at = excluded.updated_at`,
      ).run(caseId, JSON.stringify(parsed), now);
      appendAudit(db, { actor: this.actor, action, entity: 'case', entityId: caseId, detail: { ...detail, sha256: createHash('sha256').update(JSON.stringify(parsed)).digest('hex') } });
    }).immediate();
    return parsed;
  }

  view(caseId: string, pack = this.get(caseId).pack): PackView {
    const lay = layoutPack(pack, indexPageCount(pack));
    return {
      pack,
      indexLabels: lay.indexLabels,
      sections: pack.sections.map((section) => ({ section, rows: lay.rows.get(section.id) ?? [] })),
      totalPages: lay.totalPages,
    };
  }

  private nextId(pack: Pack, prefix: string, ids: string[]): string {
    let n = 1;
    while (ids.includes(`${prefix}${n}`)) n++;
    void pack;
    return `${prefix}${n}`;
  }

  private section(pack: Pack, sectionRef: string | undefined, fallback: string): string {
    const ref = (sectionRef ?? fallback).trim();
    const s = pack.sections.find((x) => x.id.toLowerCase() === ref.toLowerCase() || x.letter.toLowerCase() === ref.toLowerCase());
    if (!s) throw new UserError('INVALID_INPUT', `The pack has no section ${ref}; its sections are ${pack.sections.map((x) => `${x.letter} (${x.title})`).join(', ')}.`);
    return s.id;
  }

  /** Adds an entry at the end of its section, or, with `after`, as a late insert after that page. */
  private place(caseId: string, pack: Pack, entry: NewEntry & { pages: number }, after: string | null, extra?: () => void): Pack {
    let anchor: string | null = null;
    if (after !== null) {
      const found = lateAnchor(pack, after, indexPageCount(pack));
      if ('problem' in found) throw new UserError('INVALID_INPUT', found.problem);
      anchor = found.entry.id;
      entry = { ...entry, sectionId: found.entry.sectionId };
    } else if (pack.sent && pack.numbering === 'continuous' && pack.sections.at(-1)?.id !== entry.sectionId) {
      throw new UserError('CONFLICT', 'The pack has been sent and is numbered continuously, so a document added to this section would change the numbers of the pages after it; add it as a late insert after a page (pack insert) instead.');
    }
    const full: PackEntry = { ...entry, id: this.nextId(pack, 'd', pack.entries.map((e) => e.id)), after: anchor, addedAt: new Date().toISOString(), notes: entry.notes ?? [], turns: entry.turns ?? [] };
    const next = { ...pack, entries: [...pack.entries, full] };
    this.save(caseId, next, anchor ? 'pack.insert' : 'pack.add', { entryId: full.id, title: full.title, after: anchor, source: full.source.type }, extra);
    return next;
  }

  /** One of our documents, as issued: the council's version, and the complainant's if it has been issued. */
  async addDocument(c: StoredCase, kind: DocumentKind, opts: { section?: string; title?: string; date?: string | null; after?: string | null } = {}): Promise<PackView> {
    const { pack } = this.get(c.id);
    const issued = this.documents().issued(c.id).filter((d) => d.kind === kind);
    const latest = (variant: 'council' | 'complainant') => issued.filter((d) => d.variant === variant).sort((a, b) => b.version - a.version)[0] ?? null;
    const council = latest('council');
    if (!council) throw new UserError('INVALID_INPUT', `The ${DOCUMENT_TITLES[kind].toLowerCase()} has not been issued; issue it on the Documents tab first, because a pack takes issued versions only, never a live draft.`);
    const complainant = latest('complainant');
    if (pack.entries.some((e) => e.source.type === 'document' && e.source.councilIssueId === council.id)) {
      throw new UserError('EXISTS', `Version ${council.version} of the ${DOCUMENT_TITLES[kind].toLowerCase()} is already in the pack.`);
    }
    const pages = Math.max(...(await Promise.all([council, complainant].filter((d) => d !== null).map(async (d) => (await PDFDocument.load(await this.renderIssue(c.id, d.id))).getPageCount()))));
    const source: PackSource = { type: 'document', kind, councilIssueId: council.id, complainantIssueId: complainant?.id ?? null };
    const sectionId = this.section(pack, opts.section, CORE_ORDER.includes(kind) ? 'A' : 'B');
    const notes = complainant ? [] : [`The complainant’s version of the ${DOCUMENT_TITLES[kind].toLowerCase()} has not been issued; issue it before building the complainant’s pack.`];
    const next = this.place(c.id, pack, { sectionId, title: opts.title?.trim() || `${DOCUMENT_TITLES[kind]}${council.final ? '' : ` (version ${council.version})`}`, date: opts.date ?? todayInLondon(new Date(council.issuedAt)), source, pages, notes }, opts.after ?? null);
    return this.view(c.id, next);
  }

  /**
   * The issued document a Word file is, if it is one of ours: its body text equals the body of that issued
   * version as our renderer writes it. Only the newest issued version of a kind is accepted.
   */
  private async issuedWordFile(c: StoredCase, data: Buffer) {
    let body: string;
    try {
      body = (await docxSources(data)).filter((s) => s.where === 'Word, document body').map((s) => s.text).join('\n');
    } catch {
      return null;
    }
    if (!body.trim()) return null;
    const docs = this.documents();
    for (const d of docs.issued(c.id)) {
      const mine = await docs.render(docs.issuedModel(c.id, d.id), 'docx');
      const text = (await docxSources(mine)).filter((s) => s.where === 'Word, document body').map((s) => s.text).join('\n');
      if (text !== body) continue;
      const newer = docs.issued(c.id).some((x) => x.kind === d.kind && x.variant === d.variant && x.version > d.version);
      if (newer) throw new UserError('INVALID_INPUT', `That Word file is version ${d.version} of the ${DOCUMENT_TITLES[d.kind as DocumentKind].toLowerCase()}, and a newer version has been issued since; add the newest issued version instead.`);
      return d;
    }
    return null;
  }

  private async renderIssue(caseId: string, issueId: string): Promise<Buffer> {
    const docs = this.documents();
    return docs.render(docs.issuedModel(caseId, issueId), 'pdf');
  }

  /** A PDF from the evidence register. */
  async addEvidence(c: StoredCase, evidenceId: string, opts: { section?: string; title?: string; after?: string | null } = {}): Promise<PackView> {
    const ev = c.record.evidence.find((e) => e.id === evidenceId || e.ref.toLowerCase() === evidenceId.toLowerCase());
    if (!ev) throw new UserError('NOT_FOUND', `There is no evidence ${evidenceId} in the register of this case.`);
    if (!ev.attachmentId) throw new UserError('INVALID_INPUT', `${ev.ref} (${ev.title}) has no file attached; attach its PDF in the evidence register first.`);
    const file = this.attachments().read(ev.attachmentId);
    if (!isPdf(file.data)) throw new UserError('INVALID_INPUT', `${ev.ref} is “${file.info.fileName}”, which is not a PDF; a pack holds PDF pages only, so save it as PDF, attach that to ${ev.ref}, then add it again.`);
    await this.refuseHuge(file.info.fileName, file.data);
    const facts = await pdfFactsIsolated(file.info.fileName, file.data);
    const { pack } = this.get(c.id);
    const next = this.place(c.id, pack, {
      sectionId: this.section(pack, opts.section, 'C'), title: opts.title?.trim() || `${ev.ref} ${ev.title}`, date: ev.date && /^\d{4}-\d{2}-\d{2}$/.test(ev.date) ? ev.date : null,
      source: { type: 'evidence', evidenceId: ev.id, attachmentId: ev.attachmentId }, pages: facts.pages.length, notes: factNotes(file.info.fileName, facts), turns: turnsOf(facts),
    }, opts.after ?? null);
    return this.view(c.id, next);
  }

  /** A PDF added to the pack only; checked first, stored inside the store with the pack's change. */
  async addFile(c: StoredCase, fileName: string, data: Buffer, opts: { section?: string; title?: string; date?: string | null; after?: string | null } = {}): Promise<PackView> {
    if (isWord(fileName, data) && !isPdf(data)) {
      // One of our own issued documents, saved as Word: it goes in from its issued version, drawn by our renderer.
      const ours = await this.issuedWordFile(c, data);
      if (ours) return this.addDocument(c, ours.kind as DocumentKind, { section: opts.section, title: opts.title, date: opts.date ?? null, after: opts.after ?? null });
      throw new UserError('INVALID_INPUT', `“${fileName}” is a Word file that is not one of this case’s issued documents; save it as PDF first, then add that (Casewright’s own documents go in from their issued versions).`);
    }
    if (!isPdf(data)) throw new UserError('INVALID_INPUT', `“${fileName}” is not a PDF; a pack holds PDF pages only, so save or print it to PDF, then add that.`);
    // The attachment checks first (size, stream bombs, text read in the isolated worker with its limits), then
    // the pack's own: page count, encryption, damage, pages.
    const attachments = this.attachments();
    const prepared = await attachments.prepare(fileName, data);
    await this.refuseHuge(fileName, data);
    const facts = await pdfFactsIsolated(fileName, data);
    const { pack } = this.get(c.id);
    const sectionId = this.section(pack, opts.section, 'B');
    let attachmentId = '';
    const draft: NewEntry & { pages: number } = {
      sectionId, title: opts.title?.trim() || fileName.replace(/\.pdf$/i, ''), date: opts.date ?? null, source: { type: 'file', attachmentId: 'pending' }, pages: facts.pages.length, notes: factNotes(fileName, facts), turns: turnsOf(facts),
    };
    // The file and the pack change commit together.
    attachmentId = randomUUID();
    draft.source = { type: 'file', attachmentId };
    const next = this.place(c.id, pack, draft, opts.after ?? null, () => void attachments.insert(c.id, prepared, { id: attachmentId }));
    return this.view(c.id, next);
  }

  /** One source of more pages than a whole pack should hold is refused before pdf.js reads every page. */
  private async refuseHuge(name: string, data: Uint8Array): Promise<void> {
    const pages = (await loadPdf(name, data)).getPageCount();
    if (pages > MAX_SOURCE_PAGES) {
      throw new UserError('INVALID_INPUT', `“${name}” has ${pages.toLocaleString('en-GB')} pages, more than the ${MAX_SOURCE_PAGES.toLocaleString('en-GB')} one document in a pack can have; add only the pages the panel needs (split the file first).`);
    }
  }

  private entry(pack: Pack, ref: string): PackEntry {
    const r = ref.trim().toLowerCase();
    const direct = pack.entries.find((e) => e.id.toLowerCase() === r);
    if (direct) return direct;
    const lay = layoutPack(pack, indexPageCount(pack));
    const byLabel = lay.order.find((e) => lay.labels.get(e.id)!.some((l) => l.toLowerCase() === r));
    if (!byLabel) throw new UserError('NOT_FOUND', `There is no document ${ref} in the pack; use the ID or a page number shown by the index (pack list).`);
    return byLabel;
  }

  remove(caseId: string, ref: string): PackView {
    const { pack } = this.get(caseId);
    const e = this.entry(pack, ref);
    if (pack.sent) throw new UserError('CONFLICT', `The pack has been sent, so taking “${e.title}” out would change page numbers people may already quote; leave it in, and say in a covering note that it is withdrawn.`);
    const followers = pack.entries.filter((x) => x.after === e.id);
    if (followers.length) throw new UserError('CONFLICT', `“${followers[0]!.title}” is inserted after “${e.title}”; take the insert out first.`);
    const next = { ...pack, entries: pack.entries.filter((x) => x.id !== e.id), redactions: pack.redactions.filter((r) => r.entryId !== e.id) };
    this.save(caseId, next, 'pack.remove', { entryId: e.id, title: e.title });
    return this.view(caseId, next);
  }

  private refuseIfSent(pack: Pack, what: string) {
    if (pack.sent) throw new UserError('CONFLICT', `The pack has been sent, so ${what} would change page numbers people may already quote; add new material as a late insert instead.`);
  }

  moveEntry(caseId: string, ref: string, direction: 'up' | 'down'): PackView {
    const { pack } = this.get(caseId);
    this.refuseIfSent(pack, 'moving a document');
    const e = this.entry(pack, ref);
    const same = pack.entries.filter((x) => x.sectionId === e.sectionId && !x.after);
    const i = same.findIndex((x) => x.id === e.id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (e.after || j < 0 || j >= same.length) return this.view(caseId, pack);
    const other = same[j]!;
    const entries = pack.entries.map((x) => (x.id === e.id ? other : x.id === other.id ? e : x));
    const next = { ...pack, entries };
    this.save(caseId, next, 'pack.move', { entryId: e.id, direction });
    return this.view(caseId, next);
  }

  moveSection(caseId: string, sectionRef: string, direction: 'up' | 'down'): PackView {
    const { pack } = this.get(caseId);
    this.refuseIfSent(pack, 'reordering the sections');
    const id = this.section(pack, sectionRef, sectionRef);
    const i = pack.sections.findIndex((s) => s.id === id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= pack.sections.length) return this.view(caseId, pack);
    const sections = [...pack.sections];
    [sections[i], sections[j]] = [sections[j]!, sections[i]!];
    // Letters follow the order, so section A is always first.
    const relettered = sections.map((s, k) => ({ ...s, letter: String.fromCharCode(65 + k) }));
    const next = { ...pack, sections: relettered };
    this.save(caseId, next, 'pack.sections', { order: relettered.map((s) => s.title) });
    return this.view(caseId, next);
  }

  setNumbering(caseId: string, numbering: Pack['numbering']): PackView {
    const { pack } = this.get(caseId);
    if (pack.numbering === numbering) return this.view(caseId, pack);
    this.refuseIfSent(pack, 'changing the numbering');
    const next = { ...pack, numbering };
    this.save(caseId, next, 'pack.numbering', { numbering });
    return this.view(caseId, next);
  }

  /** From now on no page may change its number: later material goes in as late inserts. */
  markSent(caseId: string): PackView {
    const { pack } = this.get(caseId);
    if (pack.sent) throw new UserError('CONFLICT', `The pack was already marked as sent on ${pack.sent.at.slice(0, 10)}.`);
    if (!pack.entries.length) throw new UserError('INVALID_INPUT', 'The pack has no documents yet; add them before marking it as sent.');
    const next = { ...pack, sent: { at: new Date().toISOString(), indexPages: indexPageCount(pack) } };
    this.save(caseId, next, 'pack.sent', {});
    return this.view(caseId, next);
  }

  redact(caseId: string, ref: string, phrase: string, reason: string, recipients: Recipient[] = ['complainant']): PackView {
    const { pack } = this.get(caseId);
    const e = this.entry(pack, ref);
    const text = phrase.trim();
    if (text.replace(/\s/g, '').length < 2) throw new UserError('INVALID_INPUT', 'Enter at least two letters or digits to redact.');
    if (pack.redactions.some((r) => r.entryId === e.id && r.phrase.toLowerCase() === text.toLowerCase())) throw new UserError('EXISTS', `“${text}” is already redacted in “${e.title}”.`);
    const id = this.nextId(pack, 'r', pack.redactions.map((r) => r.id));
    const next = { ...pack, redactions: [...pack.redactions, { id, entryId: e.id, phrase: text, reason: reason.trim(), recipients, by: this.actor, at: new Date().toISOString() }] };
    // The phrase itself stays inside the store; the audit log names the document and the reason only.
    this.save(caseId, next, 'pack.redact', { entryId: e.id, reason: reason.trim(), recipients });
    return this.view(caseId, next);
  }

  /** The checks before building, each a sentence: problems stop the build, warnings do not. */
  checks(c: StoredCase, recipient: Recipient | null = null): { problems: string[]; warnings: string[] } {
    const { pack } = this.get(c.id);
    const problems: string[] = [];
    const warnings: string[] = pack.entries.flatMap((e) => e.notes.filter((n) => !n.startsWith('The complainant’s version')));
    if (!pack.entries.length) problems.push('The pack has no documents yet; add the core documents first.');
    const total = this.view(c.id, pack).totalPages;
    if (total > PAGE_GUIDE) warnings.push(`The pack has ${total} pages, more than the ${PAGE_GUIDE} the courts’ guidance suggests; consider whether every document is needed.`);
    if (recipient === 'complainant' || recipient === null) {
      for (const e of pack.entries) {
        if ((e.source.type === 'document' && !e.source.complainantIssueId) || (e.source.type === 'issued-file' && !e.source.complainantAttachmentId)) {
          (recipient === 'complainant' ? problems : warnings).push(`The complainant’s version of “${e.title}” has not been issued; issue it on the Documents tab, then take the document out and add it again.`);
        }
      }
    }
    return { problems, warnings };
  }

  /** The bytes of an entry's pages for one recipient, with what must be redacted from them. */
  private async sourceFor(c: StoredCase, pack: Pack, e: PackEntry, recipient: Recipient): Promise<SourceFile> {
    const redact = pack.redactions.filter((r) => r.entryId === e.id && r.recipients.includes(recipient)).map((r) => ({ phrase: r.phrase, reason: r.reason || 'Redacted by the preparer' }));
    // A letter to the complainant (brought as an issued file) names her, her child and a copied supporter, as
    // its own leak check allowed; anything else names nobody from the register but her.
    const rules: DocumentKind = e.source.type === 'issued-file' ? e.source.kind : 'investigation-report';
    const leakCheck: LeakRules | undefined = recipient === 'complainant' ? { record: c.record, rules, title: e.title } : undefined;
    if (e.source.type === 'document') {
      const issueId = recipient === 'complainant' ? e.source.complainantIssueId : e.source.councilIssueId;
      if (!issueId) throw new UserError('INVALID_INPUT', `The complainant’s version of “${e.title}” has not been issued; issue it on the Documents tab, then build the complainant’s pack again.`);
      if (recipient === 'complainant') {
        // Checked at its issue against the register as it was then; the register may have grown since (a
        // neighbour named in the notes, added later), so it is checked again, as an export of it would be.
        const docs = this.documents();
        const hits = await docs.check(c, docs.issuedModel(c.id, issueId));
        if (hits.length) {
          const people = [...new Set(hits.map((h) => h.person))];
          const shown = people.slice(0, 3).map((p) => `“${p}”`).join(', ') + (people.length > 3 ? ` and ${people.length - 3} more` : '');
          throw new UserError(
            'LEAK',
            `The issued complainant’s version of “${e.title}” names ${people.length === 1 ? 'a person' : `${people.length} people`} from the people register (${shown}) in ${hits.length} place${hits.length === 1 ? '' : 's'}; issue a new version on the Documents tab and add it to the pack again, or mark each place “not this person”.`,
            { hits },
          );
        }
      }
      return { name: e.title, describe: `${e.source.kind}, issued version (${recipient === 'complainant' ? 'complainant' : 'council'}), issue ${issueId}`, data: await this.renderIssue(c.id, issueId), redact };
    }
    if (e.source.type === 'issued-file') {
      const attachmentId = recipient === 'complainant' ? e.source.complainantAttachmentId : e.source.councilAttachmentId;
      if (!attachmentId) throw new UserError('INVALID_INPUT', `The complainant’s version of “${e.title}” did not come with the case file; the pack cannot be built for the complainant until it is added again from an issued version.`);
      const file = this.attachments().read(attachmentId);
      // Bytes another store rendered, brought by a case file: read like any file we did not make.
      return { name: e.title, describe: `${e.source.kind}, issued version (${recipient === 'complainant' ? 'complainant' : 'council'}) as brought by a case file, attachment ${file.info.id}`, data: file.data, redact, ...(leakCheck ? { leakCheck } : {}) };
    }
    const file = this.attachments().read(e.source.attachmentId);
    const describe = e.source.type === 'evidence' ? `evidence register, attachment ${file.info.id}` : `file added to the pack, attachment ${file.info.id}`;
    return { name: file.info.fileName, describe, data: file.data, redact, ...(leakCheck ? { leakCheck } : {}) };
  }

  async build(c: StoredCase, recipient: Recipient, out: string, today: string, opts: { onProgress?: (p: BuildProgress) => void; signal?: AbortSignal } = {}): Promise<BuildOutput & { warnings: string[] }> {
    const { pack } = this.get(c.id);
    const { problems, warnings } = this.checks(c, recipient);
    if (problems.length) throw new UserError('INVALID_INPUT', problems.join(' '));
    // The complainant's index, bookmarks and manifest name nobody their version must not: a title that does has
    // those words replaced, and the log says so.
    const titleLog: RedactionLogEntry[] = [];
    const shown =
      recipient === 'complainant'
        ? {
            ...pack,
            entries: pack.entries.map((e) => {
              let title = e.title;
              for (const h of findLeaks(c.record, 'investigation-report', [{ where: 'title', text: e.title }])) {
                title = title.split(h.matched).join('[name removed]');
                titleLog.push({ entryId: e.id, document: '(its title in the index and bookmarks)', page: 'index', removed: h.matched, reason: `Leak check: names ${h.person}, whom the complainant’s version must not name`, occurrences: 1 });
              }
              return { ...e, title };
            }),
          }
        : pack;
    const built = await buildPack({ pack: shown, recipient, reference: c.record.reference, builtOn: today, out, source: (e) => this.sourceFor(c, pack, e, recipient), titleLog, ...opts });
    const result = built;
    const db = this.db();
    db.transaction(() =>
      appendAudit(db, { actor: this.actor, action: 'pack.build', entity: 'case', entityId: c.id, detail: { recipient, path: out, pages: result.pages, redactions: result.redactions.length, for: RECIPIENT_LABELS[recipient] } }),
    ).immediate();
    return { ...result, warnings };
  }

  /**
   * A page as the recipient's version will show it (redactions made), before the build stamps its number: for
   * looking at any page before building.
   */
  async previewPage(c: StoredCase, label: string, recipient: Recipient): Promise<{ label: string; title: string; png: Uint8Array; note: string | null }> {
    const { pack } = this.get(c.id);
    const lay = layoutPack(pack, indexPageCount(pack));
    const wanted = label.trim().toLowerCase();
    const e = lay.order.find((x) => lay.labels.get(x.id)!.some((l) => l.toLowerCase() === wanted));
    if (!e) throw new UserError('NOT_FOUND', lay.indexLabels.some((l) => l.toLowerCase() === wanted) ? `Page ${label} is part of the index, which is shown above as it will print.` : `There is no page ${label} in the pack; look at the index for the pages there are.`);
    const labels = lay.labels.get(e.id)!;
    const i = labels.findIndex((l) => l.toLowerCase() === wanted);
    const src = await this.sourceFor(c, pack, e, recipient);
    // Drawn in the isolated worker, with its time and memory limits (redactIsolated.ts).
    const red = src.redact.length || src.leakCheck ? (await redactIsolated(src.name, src.data, src.redact, src.leakCheck ?? null, i, 'the page cannot be shown'))[0] : undefined;
    if (red) {
      const { createCanvas, loadImage } = await import('@napi-rs/canvas');
      const img = await loadImage(Buffer.from(red.jpeg));
      const w = 700;
      const canvas = createCanvas(w, Math.round((img.height * w) / img.width));
      canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
      return { label: labels[i]!, title: e.title, png: new Uint8Array(await canvas.encode('png')), note: `Redacted in this version: ${red.removed.length} phrase${red.removed.length === 1 ? '' : 's'}.` };
    }
    const png = await pageImageIsolated(src.name, src.data, i);
    if (!png) return { label: labels[i]!, title: e.title, png: new Uint8Array(), note: `Page ${labels[i]} is a blank page, so that every version of the pack has the same page numbers.` };
    return { label: labels[i]!, title: e.title, png, note: null };
  }

  // The pack in the case file (version 6).

  /**
   * The pack as a case file carries it: our documents as the PDFs of their issued versions (added to the file's
   * attachments under ids made from the issue's), everything else as it is. Null when the case has no pack.
   */
  async forCaseFile(caseId: string): Promise<{ pack: Pack; files: { id: string; fileName: string; data: Buffer }[] } | null> {
    const row = this.db().prepare('SELECT 1 FROM hearing_packs WHERE case_id = ?').get(caseId);
    if (!row) return null;
    const { pack } = this.get(caseId);
    const files = new Map<string, { id: string; fileName: string; data: Buffer }>();
    const fileFor = async (kind: DocumentKind, issueId: string, variant: string) => {
      const id = `issued-${issueId}`;
      if (!files.has(id)) files.set(id, { id, fileName: `${kind}-${variant}.pdf`, data: await this.renderIssue(caseId, issueId) });
      return id;
    };
    const entries: PackEntry[] = [];
    for (const e of pack.entries) {
      if (e.source.type !== 'document') {
        entries.push(e);
        continue;
      }
      const { kind, councilIssueId, complainantIssueId } = e.source;
      entries.push({
        ...e,
        source: { type: 'issued-file', kind, councilAttachmentId: await fileFor(kind, councilIssueId, 'council'), complainantAttachmentId: complainantIssueId ? await fileFor(kind, complainantIssueId, 'complainant') : null },
      });
    }
    return { pack: { ...pack, entries }, files: [...files.values()] };
  }

  /**
   * Checks a pack from a case file against its files before anything is stored: each file it names is a PDF
   * pdf-lib can read, and each entry's page count is what its files hold (the longer version for our documents),
   * so the pack builds with the labels it had. `file` gives a file's bytes by its id in the case file.
   */
  static async checkImported(pack: Pack, file: (id: string) => { fileName: string; data: Uint8Array } | undefined): Promise<void> {
    for (const e of pack.entries) {
      const s = e.source;
      const ids = s.type === 'issued-file' ? [s.councilAttachmentId, s.complainantAttachmentId] : s.type === 'document' ? [] : [s.attachmentId];
      let pages = 0;
      for (const id of ids) {
        if (id === null) continue;
        const f = file(id);
        if (!f) throw new UserError('INVALID_INPUT', `The case file’s hearing pack names a file that is not in the case file (for “${e.title}”); export the case again.`);
        if (!isPdf(f.data)) throw new UserError('INVALID_INPUT', `The case file’s hearing pack holds “${e.title}” as “${f.fileName}”, which is not a PDF; export the case again.`);
        let n: number;
        try {
          n = (await loadPdf(f.fileName, f.data)).getPageCount();
        } catch (err) {
          throw err instanceof UserError ? new UserError('INVALID_INPUT', `The case file’s hearing pack cannot be used: ${err.message}`) : err;
        }
        if (n > MAX_SOURCE_PAGES) throw new UserError('INVALID_INPUT', `The case file’s hearing pack holds “${e.title}” with ${n.toLocaleString('en-GB')} pages, more than the ${MAX_SOURCE_PAGES.toLocaleString('en-GB')} one document in a pack can have.`);
        pages = Math.max(pages, n);
      }
      if (s.type !== 'document' && pages !== e.pages) {
        throw new UserError('INVALID_INPUT', `The case file’s hearing pack says “${e.title}” takes ${e.pages.toLocaleString('en-GB')} pages, but its file has ${pages.toLocaleString('en-GB')}; export the case again.`);
      }
      if (e.turns.some((t) => t.page > e.pages)) throw new UserError('INVALID_INPUT', `The case file’s hearing pack turns a page of “${e.title}” that it does not have; export the case again.`);
    }
  }

  /** Stores an imported pack for a new case (inside the import's transaction). */
  // The panel.
  addMember(c: StoredCase, member: Omit<PanelMember, 'id' | 'contact'> & { contact?: string | null }): { pack: Pack; problems: string[] } {
    const { pack } = this.get(c.id);
    const refusal = memberRefusal(pack.panel, member, c.record.roles.independentPerson?.name ?? null);
    if (refusal) throw new UserError('INVALID_INPUT', refusal);
    const next = { ...pack, panel: [...pack.panel, { ...member, contact: member.contact ?? null, id: this.nextId(pack, 'm', pack.panel.map((m) => m.id)) }] };
    this.save(c.id, next, 'panel.add', { role: member.role });
    return { pack: next, problems: panelProblems(next.panel, c.record.roles.independentPerson?.name ?? null) };
  }

  removeMember(c: StoredCase, memberId: string): { pack: Pack; problems: string[] } {
    const { pack } = this.get(c.id);
    if (!pack.panel.some((m) => m.id === memberId)) throw new UserError('NOT_FOUND', 'That person is no longer on the panel.');
    const next = { ...pack, panel: pack.panel.filter((m) => m.id !== memberId) };
    this.save(c.id, next, 'panel.remove', { memberId });
    return { pack: next, problems: panelProblems(next.panel, c.record.roles.independentPerson?.name ?? null) };
  }

  /** Links a panel member to the exchange contact their papers go to (a fingerprint), or unlinks them (null). */
  linkMember(c: StoredCase, memberId: string, contact: { fingerprint: string; name: string } | null): Pack {
    const { pack } = this.get(c.id);
    const m = pack.panel.find((x) => x.id === memberId);
    if (!m) throw new UserError('NOT_FOUND', 'That person is no longer on the panel.');
    const other = contact && pack.panel.find((x) => x.id !== memberId && x.contact === contact.fingerprint);
    if (other) throw new UserError('CONFLICT', `${contact!.name}'s card is already linked to ${other.name}; each panel member needs their own card, so that only they can open their papers.`);
    const next = { ...pack, panel: pack.panel.map((x) => (x.id === memberId ? { ...x, contact: contact?.fingerprint ?? null } : x)) };
    this.save(c.id, next, 'panel.link', { memberId, contact: contact?.fingerprint ?? null });
    return next;
  }

  /** The pack as the panel's version, built in memory (nothing written to disk): for sending in a package. */
  async buildForPanel(c: StoredCase, today: string): Promise<{ bytes: Uint8Array; pages: number; manifest: BuildOutput['manifest'] }> {
    const { pack } = this.get(c.id);
    const { problems } = this.checks(c, 'panel');
    if (problems.length) throw new UserError('INVALID_INPUT', `The hearing pack cannot be sent yet: ${problems.map((p) => p.replace(/\.$/, '')).join('; ')}.`);
    const built = await buildPack({ pack, recipient: 'panel', reference: c.record.reference, builtOn: today, out: null, source: (e) => this.sourceFor(c, pack, e, 'panel') });
    return { bytes: built.bytes!, pages: built.pages, manifest: built.manifest };
  }

  setHearingDate(c: StoredCase, date: string | null): { pack: Pack; check: HearingCheck | null } {
    const { pack } = this.get(c.id);
    const requested = c.record.keyDates.stage3Requested;
    const check = date && requested ? checkHearingDate(requested, date, pack.panel, { closures: c.record.council.closures }) : null;
    const next = { ...pack, hearingDate: date };
    this.save(c.id, next, 'panel.hearing-date', { date });
    return { pack: next, check };
  }
}

