import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RECIPIENT_LABELS, type Recipient } from '../../../shared/bundle/model';
import { DOCUMENT_TITLES, type DocumentModel } from '../../../shared/documents/model';
import type { StoredCase } from '../../../shared/domain/case';
import { panelPapersBody, type OpenedPackage, type PanelPapersBody, type Payload } from '../../../shared/exchange/package';
import type { PanelSendView, ReceivedDelivery, ReceivedHearing } from '../../../shared/exchange/papers';
import { MAX_ATTACHMENT_BYTES, detectKind } from '../attachments/fileTypes';
import { DEFAULT_LIMITS } from '../attachments/limits';
import { checkPdfStreams } from '../attachments/pdfCheck';
import type { PackService } from '../bundle/packService';
import type { DocumentService } from '../documents/documentService';
import { UserError } from '../errors';
import { appendAudit } from '../store/audit';
import { exchangeRepository, type PaperRow } from './exchangeRepository';
import { UNREADABLE, whenInWords, type BuiltPackage, type ExchangeService } from './exchangeService';
import { ALTERED } from './packageFile';

/**
 * Papers for the Stage 3 review panel (issue 16, docs/exchange.md): the complaints team links each panel member
 * to their exchange contact and sends them the hearing pack (the panel's version, built when sent) and chosen
 * issued documents (the council's version) in a signed package encrypted to that member; the member's own
 * Casewright keeps what it receives inside its store, by hearing, older versions kept.
 */

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
const isPdf = (b: Uint8Array) => Buffer.from(b.subarray(0, 1024)).includes('%PDF-');

/** A document's title as issued (its title block), else the title of its kind, else its kind in words. */
export function issuedTitle(kind: string, model: DocumentModel | null): string {
  const block = model?.blocks.find((b) => (b as { type?: string }).type === 'title') as { text?: string } | undefined;
  const known = (DOCUMENT_TITLES as Record<string, string | undefined>)[kind];
  return (block?.text?.trim() || known || kind.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())).slice(0, 300);
}

export interface PaperChoice {
  kind: string;
  variant: 'council' | 'complainant';
}

export class PanelPapersService {
  constructor(
    private readonly db: () => Database,
    private readonly actor: string,
    private readonly exchange: ExchangeService,
    private readonly bundle: PackService,
    private readonly documents: () => Promise<DocumentService>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---- the complaints team's side ----

  /** The panel with each member's contact and what was sent, the documents that can go, and whether the pack can. */
  async view(c: StoredCase): Promise<PanelSendView> {
    const { pack } = this.bundle.get(c.id);
    const contacts = new Map(this.exchange.contacts().map((x) => [x.fingerprint, x]));
    const sent = exchangeRepository.sentTo(this.db(), c.id);
    const docs = await this.documents();
    const issued = docs.issued(c.id).filter((d) => d.variant === 'council' && d.subjectId === '');
    const newest = new Map<string, (typeof issued)[number]>();
    for (const d of issued) if ((newest.get(d.kind)?.version ?? 0) < d.version) newest.set(d.kind, d);
    return {
      members: pack.panel.map((m) => {
        const ct = m.contact ? contacts.get(m.contact) : undefined;
        return {
          id: m.id, name: m.name, role: m.role,
          contact: m.contact ? { fingerprint: m.contact, name: ct?.name ?? '(card no longer in your contacts)', verified: ct?.verified ?? false } : null,
          sent: sent.filter((p) => p.counterpart === m.contact).map((p) => ({ at: p.at, packageId: p.id })),
        };
      }),
      documents: [...newest.values()].map((d) => ({ kind: d.kind, title: issuedTitle(d.kind, docs.issuedModel(c.id, d.id)), version: d.version, final: d.final, issuedAt: d.issuedAt })),
      problems: this.bundle.checks(c, 'panel').problems,
    };
  }

  private member(c: StoredCase, ref: string) {
    const { pack } = this.bundle.get(c.id);
    const r = ref.trim().toLocaleLowerCase('en-GB');
    const m = pack.panel.find((x) => x.id.toLowerCase() === r) ?? pack.panel.find((x) => x.name.toLocaleLowerCase('en-GB') === r);
    if (!m) {
      throw new UserError('NOT_FOUND', pack.panel.length ? `${ref.trim()} is not on the panel of case ${c.record.reference}; the panel is ${pack.panel.map((x) => x.name).join(', ')}.` : `Case ${c.record.reference} has no review panel yet; add its members on the Hearing pack tab first.`);
    }
    return { pack, m };
  }

  /** Links a panel member to the contact (added from their card) their papers will be encrypted to. */
  async link(c: StoredCase, memberRef: string, contactRef: string | null): Promise<PanelSendView> {
    const { m } = this.member(c, memberRef);
    const contact = contactRef === null ? null : this.exchange.findContact(contactRef);
    if (contact?.revokedAt) throw new UserError('REVOKED', `You stopped trusting ${contact.name}'s card ${contact.fingerprint}, so it cannot be linked to ${m.name}; link the card they use now.`);
    this.bundle.linkMember(c, m.id, contact ? { fingerprint: contact.fingerprint, name: contact.name } : null);
    return this.view(c);
  }

  /**
   * Builds the package for one member: every refusal comes before the pack is built; the pack is built now, in
   * memory, as the panel's version. `commit` records it as sent and marks the pack as sent (page numbers fixed).
   */
  async send(c: StoredCase, memberRef: string, choices: PaperChoice[], recipient: Recipient, today: string): Promise<BuiltPackage & { pages: number; sha256: string; papers: string[]; memberName: string }> {
    const { m, contact, chosen, docs } = await this.refusals(c, memberRef, choices, recipient);
    const built = await this.bundle.buildForPanel(c, today);
    const packBytes = Buffer.from(built.bytes.buffer, built.bytes.byteOffset, built.bytes.byteLength);
    if (packBytes.length > MAX_ATTACHMENT_BYTES) {
      // The member's Casewright checks each file it receives as it checks an attachment, 50 MB at most.
      throw new UserError('INVALID_INPUT', `The panel’s pack is ${(packBytes.length / 1048576).toFixed(0)} MB, more than the 50 MB a panel member’s Casewright accepts; replace the largest scans with smaller copies (or split them), then send again.`);
    }
    const papers: { bytes: Buffer; body: PanelPapersBody['papers'][number] }[] = [];
    for (const [i, d] of chosen.entries()) {
      const model = docs.issuedModel(c.id, d.id);
      const bytes = await docs.render(model, 'pdf');
      const pages = await pageCount(bytes);
      const title = issuedTitle(d.kind, model);
      papers.push({
        bytes,
        body: { part: i + 1, sha256: sha256(bytes), pages, fileName: `${safeName(c.record.reference)}-${safeName(d.kind)}-v${d.version}.pdf`, title, kind: d.kind, variant: 'council', version: d.version, final: d.final, issuedAt: d.issuedAt },
      });
    }
    const { pack } = this.bundle.get(c.id);
    const packSha = sha256(packBytes);
    const body: PanelPapersBody = {
      origin: { caseId: c.id, reference: c.record.reference },
      hearing: { date: pack.hearingDate, memberId: m.id, memberName: m.name, memberRole: m.role },
      pack: {
        part: 0, sha256: packSha, pages: built.pages, fileName: `${safeName(c.record.reference)}-hearing-pack-panel.pdf`, title: `Hearing pack, ${c.record.reference}`, recipient: 'panel', builtOn: today, totalPages: built.pages,
        manifest: built.manifest as unknown as PanelPapersBody['pack']['manifest'],
      },
      papers: papers.map((p) => p.body),
    };
    const sealed = await this.exchange.seal('panel-papers', { to: contact.fingerprint }, body, [packBytes, ...papers.map((p) => p.bytes)]);
    return {
      bytes: sealed.bytes,
      packageId: sealed.id,
      fileName: `${safeName(c.record.reference)}-panel-papers-${safeName(m.name)}.cwpack`,
      pages: built.pages,
      sha256: packSha,
      papers: papers.map((p) => p.body.title),
      memberName: m.name,
      commit: () => {
        const db = this.db();
        db.transaction(() => {
          this.exchange.recordOut(db, 'panel-papers', sealed.id, c, sealed.to);
          appendAudit(db, { actor: this.actor, action: 'panel.papers-sent', entity: 'case', entityId: c.id, detail: { member: m.name, memberId: m.id, packageId: sealed.id, packSha256: packSha, pages: built.pages, papers: papers.map((p) => ({ kind: p.body.kind, version: p.body.version, sha256: p.body.sha256 })) } }, this.now);
          // Once the panel has it, page numbers are quoted: from now on only late inserts.
          if (!this.bundle.get(c.id).pack.sent) this.bundle.markSent(c.id);
        }).immediate();
      },
    };
  }


  /**
   * Every refusal that needs no build: asked before the save dialog (the handler) and again when sending. The
   * pack's own checks are part of it, so a pack that cannot be built is refused before anything is chosen.
   */
  async refusals(c: StoredCase, memberRef: string, choices: PaperChoice[], recipient: Recipient) {
    const r = await this.refusalsWithoutPack(c, memberRef, choices, recipient);
    const { problems } = this.bundle.checks(c, 'panel');
    if (problems.length) throw new UserError('INVALID_INPUT', `The hearing pack cannot be sent yet: ${problems.map((p) => p.replace(/\.$/, '')).join('; ')}.`);
    return r;
  }

  private async refusalsWithoutPack(c: StoredCase, memberRef: string, choices: PaperChoice[], recipient: Recipient) {
    if (c.record.handover) throw new UserError('READ_ONLY', `Case ${c.record.reference} was handed over to this store for its records and is read-only.`);
    const { m } = this.member(c, memberRef);
    if (recipient !== 'panel') {
      throw new UserError('INVALID_INPUT', `The ${recipient === 'complainant' ? 'complainant’s' : 'council’s'} version of the hearing pack is for ${RECIPIENT_LABELS[recipient]}, not for a panel member; ${m.name} gets the panel’s version, so nothing was sent.`);
    }
    const wrong = choices.find((d) => d.variant === 'complainant');
    if (wrong) {
      throw new UserError('INVALID_INPUT', `The complainant’s version of the ${issuedTitle(wrong.kind, null).toLowerCase()} is written for the complainant; the panel reads the council’s version, so nothing was sent.`);
    }
    if (!m.independent) throw new UserError('INVALID_INPUT', `Confirm that ${m.name} is independent of the council (on the Hearing pack tab) before sending them the papers.`);
    if (!m.contact) {
      throw new UserError('INVALID_INPUT', `${m.name} is not linked to a contact yet; add the contact card from their own Casewright, check its fingerprint with them, and link it to them before sending.`);
    }
    const contact = this.exchange.contacts().find((x) => x.fingerprint === m.contact);
    if (!contact) throw new UserError('NOT_FOUND', `The card linked to ${m.name} is no longer in your contacts; add their card again and link it.`);
    if (contact.revokedAt) {
      throw new UserError('REVOKED', `You stopped trusting the card linked to ${m.name} (${contact.revokedReason ?? 'no reason given'}), so nothing was sent; link the card they use now (check it with them first).`);
    }
    if (!contact.verified) {
      throw new UserError('UNVERIFIED', `Check ${contact.name}'s fingerprint (${contact.fingerprint}) with them, by phone or in person, and mark the contact as checked before sending them the papers for ${m.name}.`);
    }
    // The documents: the newest issued council version of each kind chosen, once each.
    const docs = await this.documents();
    const issued = docs.issued(c.id).filter((d) => d.variant === 'council' && d.subjectId === '');
    const kinds = [...new Set(choices.map((d) => d.kind))];
    const chosen = kinds.map((kind) => {
      const d = issued.filter((x) => x.kind === kind).sort((a, b) => b.version - a.version)[0];
      if (!d) {
        const have = [...new Set(issued.map((x) => issuedTitle(x.kind, null).toLowerCase()))];
        throw new UserError('INVALID_INPUT', `The ${issuedTitle(kind, null).toLowerCase()} of case ${c.record.reference} has not been issued, so it cannot go to the panel; ${have.length ? `the issued documents are: ${have.join(', ')}` : 'no document has been issued yet'}.`);
      }
      return d;
    });
    return { m, contact, chosen, docs };
  }


  // ---- the panel member's side ----

  /** Everything received, by hearing (newest first), each hearing's packages newest first. */
  received(): ReceivedHearing[] {
    const db = this.db();
    const papers = exchangeRepository.papers(db);
    const byPackage = new Map<string, PaperRow[]>();
    for (const p of papers) byPackage.set(p.package_id, [...(byPackage.get(p.package_id) ?? []), p]);
    const hearings = new Map<string, ReceivedHearing>();
    for (const d of exchangeRepository.deliveries(db)) {
      const key = `${d.sender_fingerprint}/${d.origin_case_id}`;
      const h = hearings.get(key) ?? { key, reference: d.reference, from: { name: d.sender_name, organisation: d.sender_organisation, fingerprint: d.sender_fingerprint }, hearingDate: d.hearing_date, deliveries: [] };
      const mine = byPackage.get(d.package_id) ?? [];
      const manifest = JSON.parse(d.manifest) as { documents?: unknown[] };
      const delivery: ReceivedDelivery = {
        packageId: d.package_id, version: h.deliveries.length + 1, newest: false, sentAt: d.sent_at, receivedAt: d.received_at, memberName: d.member_name, memberRole: d.member_role, hearingDate: d.hearing_date,
        packPages: mine.find((p) => p.kind === 'pack')?.pages ?? 0, packDocuments: manifest.documents?.length ?? 0,
        papers: mine.map((p) => ({ id: p.id, kind: p.kind, documentKind: p.document_kind, title: p.title, fileName: p.file_name, pages: p.pages, size: p.size, sha256: p.sha256, matchesManifest: p.sha256 === p.manifest_sha256 })),
      };
      // Deliveries come in the sender's order of sending: the last is the newest, its details the hearing's.
      h.deliveries.push(delivery);
      h.reference = d.reference;
      h.hearingDate = d.hearing_date;
      h.from = { name: d.sender_name, organisation: d.sender_organisation, fingerprint: d.sender_fingerprint };
      hearings.set(key, h);
    }
    const out = [...hearings.values()].map((h) => {
      h.deliveries[h.deliveries.length - 1]!.newest = true;
      return { ...h, deliveries: [...h.deliveries].reverse() };
    });
    return out.sort((a, b) => b.deliveries[0]!.sentAt.localeCompare(a.deliveries[0]!.sentAt));
  }

  /** One received paper's bytes, from the store (for the viewer, or to export when the person asks). */
  read(id: string): { fileName: string; title: string; data: Buffer; sha256: string } {
    const p = exchangeRepository.paper(this.db(), id);
    if (!p) throw new UserError('NOT_FOUND', 'That paper is no longer in this store; choose it again from Papers received.');
    if (sha256(p.data) !== p.sha256) throw new UserError('ALTERED', `“${p.title}” no longer matches the digest it arrived with; run "store verify" and restore a backup.`);
    return { fileName: p.file_name, title: p.title, data: Buffer.from(p.data), sha256: p.sha256 };
  }

  /**
   * Deletes every version of one hearing's papers, once the person has typed the case reference: a panel member
   * keeps them only as long as the panel needs them (after the hearing and the panel's report, the council holds
   * the record). The blobs go with secure_delete on (caseStore.ts); the audit log keeps what was deleted (titles
   * and digests), when and by whom, nothing of the contents. Opening the same package again is refused as
   * already opened, so a deleted hearing does not come back by accident.
   */
  deleteHearing(key: string, typedReference: string): { reference: string; packages: number; papers: number } {
    const db = this.db();
    const hearing = this.received().find((h) => h.key === key);
    if (!hearing) throw new UserError('NOT_FOUND', 'Those papers are no longer in this store; look at Papers received again.');
    if (typedReference.trim() !== hearing.reference) {
      throw new UserError('INVALID_INPUT', `To delete the papers for case ${hearing.reference}, type its reference exactly as shown; nothing was deleted.`);
    }
    const papers = hearing.deliveries.flatMap((d) => d.papers.map((p) => ({ title: p.title, sha256: p.sha256 })));
    return db
      .transaction(() => {
        const packages = exchangeRepository.deleteHearing(db, hearing.from.fingerprint, key.slice(hearing.from.fingerprint.length + 1));
        appendAudit(db, { actor: this.actor, action: 'panel.papers-delete', entity: 'store', entityId: null, detail: { reference: hearing.reference, hearing: hearing.hearingDate, from: hearing.from.name, packages, papers } }, this.now);
        return { reference: hearing.reference, packages, papers: papers.length };
      })
      .immediate();
  }

  /** Records that a received paper was exported (the file itself is written by the handler, where the person chose). */
  recordExport(id: string, path: string): void {
    const db = this.db();
    const p = exchangeRepository.paper(db, id);
    db.transaction(() => appendAudit(db, { actor: this.actor, action: 'panel.paper-export', entity: 'store', entityId: null, detail: { paperId: id, title: p?.title ?? '', sha256: p?.sha256 ?? '', path } }, this.now)).immediate();
  }
}

/**
 * Reads a carried PDF: its part, its digest as signed, a PDF at all, then the attachment checks that apply to a
 * file nobody searches (size, type by content, every compressed stream inflated with a ceiling: no compression
 * bomb), then the page count the sender gave (pdf-lib, only once those have passed). The isolated text read of
 * an attachment is not run: no text is kept, and it cost 6 s of a 500-page pack's opening (docs/decisions.md).
 */
async function carriedPdf(parts: Buffer[], used: Set<number>, item: { part: number; sha256: string; pages: number; fileName: string; title: string }): Promise<Buffer> {
  const data = parts[item.part];
  if (!data || used.has(item.part)) throw new UserError('INVALID_INPUT', UNREADABLE);
  used.add(item.part);
  if (sha256(data) !== item.sha256) throw new UserError('ALTERED', ALTERED);
  if (!isPdf(data)) throw new UserError('INVALID_INPUT', UNREADABLE);
  if (data.length > MAX_ATTACHMENT_BYTES) throw new UserError('INVALID_INPUT', UNREADABLE);
  const kind = detectKind(item.fileName.endsWith('.pdf') ? item.fileName : `${item.fileName}.pdf`, data);
  if (typeof kind === 'string' || kind.mime !== 'application/pdf') throw new UserError('INVALID_INPUT', UNREADABLE);
  try {
    checkPdfStreams(data, DEFAULT_LIMITS, item.title, 'nothing was opened');
  } catch (e) {
    // The attachment check's own sentence tells the person to print the file again, which a recipient cannot.
    throw new UserError('INVALID_INPUT', (e as Error).name === 'Refusal' ? `“${item.title}” in this package has compressed parts that unpack to far more than a PDF should (it may be damaged or built to cause harm), so nothing was opened; ask the sender to send it again.` : UNREADABLE);
  }
  let pages: number;
  try {
    pages = await pageCount(data);
  } catch {
    throw new UserError('INVALID_INPUT', UNREADABLE);
  }
  if (pages !== item.pages) throw new UserError('INVALID_INPUT', UNREADABLE);
  return data;
}

/**
 * Opens papers for the review panel in the member's store, after the envelope's checks (open() in
 * exchangeService.ts): every PDF read and checked against its signed digest first, then one transaction.
 */
/** pdf-lib's page count, loaded when a paper is sent or opened: every store command loads this module (issue 15). */
async function pageCount(bytes: Uint8Array): Promise<number> {
  const { PDFDocument } = await import('pdf-lib');
  return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
}

export async function openPanelPapers(x: ExchangeService, db: Database, payload: Payload, from: OpenedPackage['from'], parts: Buffer[], now: () => Date, actor: string): Promise<OpenedPackage> {
  const parsed = panelPapersBody.safeParse(payload.body);
  if (!parsed.success) throw new UserError('INVALID_INPUT', UNREADABLE);
  const body = parsed.data;
  const used = new Set<number>();
  const pack = await carriedPdf(parts, used, body.pack);
  const papers: Buffer[] = [];
  for (const p of body.papers) papers.push(await carriedPdf(parts, used, p));
  if (used.size !== parts.length) throw new UserError('INVALID_INPUT', UNREADABLE);
  // The pack's own manifest lists what the sender built; its digest of the whole PDF is the signed one above.
  const earlier = exchangeRepository.deliveries(db).filter((d) => d.sender_fingerprint === from.fingerprint && d.origin_case_id === body.origin.caseId);
  const hearing = body.hearing.date ? `the hearing on ${body.hearing.date}` : 'the hearing (date not fixed yet)';
  const held = [
    `The hearing pack for ${hearing}, case ${body.origin.reference}: ${body.pack.pages} pages, ${body.pack.manifest.documents.length} documents (the panel’s version, built ${body.pack.builtOn})`,
    ...body.papers.map((p) => `${p.title} (version ${p.version}${p.final ? ', final' : ''}, ${p.pages} pages)`),
    `For ${body.hearing.memberName} (${body.hearing.memberRole === 'chair' ? 'chair' : 'panel member'})`,
    ...(earlier.length ? [`A newer version: ${earlier.length} earlier package${earlier.length === 1 ? '' : 's'} for this hearing kept (the last sent on ${whenInWords(earlier.at(-1)!.sent_at)})`] : []),
  ];
  return db
    .transaction(() => {
      const at = now().toISOString();
      exchangeRepository.insertDelivery(db, {
        package_id: payload.id, sender_fingerprint: from.fingerprint, sender_name: from.name, sender_organisation: from.organisation, origin_case_id: body.origin.caseId, reference: body.origin.reference,
        hearing_date: body.hearing.date, member_name: body.hearing.memberName, member_role: body.hearing.memberRole, manifest: JSON.stringify(body.pack.manifest), sent_at: payload.createdAt, received_at: at,
      });
      const rows = [
        { data: pack, kind: 'pack' as const, documentKind: null, item: body.pack },
        ...body.papers.map((p, i) => ({ data: papers[i]!, kind: 'document' as const, documentKind: p.kind, item: p })),
      ];
      rows.forEach((r, position) => {
        exchangeRepository.insertPaper(db, {
          id: randomUUID(), package_id: payload.id, position, kind: r.kind, document_kind: r.documentKind, title: r.item.title, file_name: r.item.fileName.replace(/[^A-Za-z0-9._-]+/g, '-'),
          pages: r.item.pages, size: r.data.length, sha256: sha256(r.data), manifest_sha256: r.item.sha256, data: r.data,
        });
      });
      appendAudit(db, { actor, action: 'panel.papers-received', entity: 'store', entityId: null, detail: { packageId: payload.id, reference: body.origin.reference, hearing: body.hearing.date, from: from.name, papers: rows.map((r) => ({ title: r.item.title, sha256: r.item.sha256 })) } }, now);
      x.recordIn(db, payload, null, body.origin.reference, from, held);
      return { kind: payload.kind, packageId: payload.id, from, caseId: null, reference: body.origin.reference, held };
    })
    .immediate();
}
