import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { caseRecordSchema, type CaseRecord, type StoredCase } from '../../../shared/domain/case';
import { richFromPlain } from '../../../shared/domain/richText';
import type { DocumentModel } from '../../../shared/documents/model';
import {
  CARD_FORMAT,
  CARD_VERSION,
  cardFileSchema,
  compactFingerprint,
  fingerprintOf,
  publicCardSchema,
  type Contact,
  type ExchangeRole,
  type OwnIdentityView,
  type PublicCard,
} from '../../../shared/exchange/card';
import { blockText, diffDrafts, type SectionDiff } from '../../../shared/exchange/draftDiff';
import {
  PACKAGE_KIND_LABELS,
  handoverBody,
  ipReportBody,
  reviewReplyBody,
  reviewRequestBody,
  type OpenedPackage,
  type PackageKind,
  type Payload,
  type SenderDetails,
} from '../../../shared/exchange/package';
import { emptyReview, findingState, type Anchor, type FindingState, type Position, type Resolution, type Review, type ReviewComment, type Stance } from '../../../shared/exchange/review';
import { REVIEW_COPY_FIELDS, reviewCopy } from '../../../shared/exchange/reviewCopy';
import { describeZodError } from '../../../shared/domain/validation';
import { AttachmentService, type PreparedFile } from '../attachments/attachmentService';
import { caseRepository } from '../cases/caseRepository';
import { CaseService } from '../cases/caseService';
import type { DocumentService } from '../documents/documentService';
import { readIssuedModel } from '../documents/issued';
import { UserError } from '../errors';
import { appendAudit, listAudit } from '../store/audit';
import { documentRef } from '../store/digests';
import { exchangeRepository, type ContactRow, type IdentityRow } from './exchangeRepository';
import { openPanelPapers } from './panelPapers';
import { generateKeys, readHeader, sealPackage, signCard, signReplacement, unsealPackage, verifyCard, verifyReplacement, type Recipient } from './packageFile';

export type SenderPolicy = 'verified' | 'contact' | 'anyone';

/** A package built and ready to write; `commit` records it as sent once the file is written. */
export interface BuiltPackage {
  bytes: Buffer;
  packageId: string;
  fileName: string;
  /** For a review request: the draft's version. */
  version?: number;
  commit: () => void;
}

const toContact = (r: ContactRow): Contact => ({
  fingerprint: r.fingerprint,
  name: r.name,
  role: r.role as ExchangeRole,
  organisation: r.organisation,
  encryptionKey: r.encryption_public,
  signingKey: r.signing_public,
  verified: r.verified === 1,
  verifiedAt: r.verified_at,
  addedAt: r.added_at,
  revokedAt: r.revoked_at ?? null,
  revokedReason: r.revoked_reason ?? null,
});

/** The fingerprints a contact's card proved it replaces. */
const replacesOf = (r: ContactRow): string[] => (r.replaces ? (JSON.parse(r.replaces) as string[]) : []);

/** "You stopped trusting Dr X's card on 3 March 2027 (laptop stolen)". */
const revokedSentence = (c: { name: string; revokedAt: string | null; revokedReason: string | null }) =>
  `You stopped trusting ${c.name}'s card on ${whenInWords(c.revokedAt!)}${c.revokedReason ? ` (${c.revokedReason})` : ''}`;

const cardOf = (r: IdentityRow): PublicCard => ({ name: r.name, role: r.role as ExchangeRole, organisation: r.organisation, encryptionKey: r.encryption_public, signingKey: r.signing_public });

/** "28 November 2026 at 11:02" in England. */
export function whenInWords(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${date} at ${time}`;
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
export const UNREADABLE = 'This package holds something this Casewright cannot read; ask the sender to send it again.';

/**
 * The review exchange: this store's identity, its contacts, and the packages it sends and opens
 * (docs/exchange.md). Opening a package checks everything before anything is written, then writes in one
 * transaction, so a refused package changes nothing.
 */
export class ExchangeService {
  constructor(
    private readonly db: () => Database,
    private readonly actor: string,
    private readonly ownerName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private cases(): CaseService {
    return new CaseService(this.db, this.actor, this.now);
  }
  /** The document service, loaded when a draft is issued (it brings the renderers; issue 15). */
  private async documents(): Promise<DocumentService> {
    const { DocumentService } = await import('../documents/documentService');
    return new DocumentService(this.db, this.actor);
  }
  private files(): AttachmentService {
    return new AttachmentService(this.db, this.actor);
  }

  // ---- identity and contacts ----

  /** The store's identity, made on first use (key generation is the slow part, outside the transaction). */
  async ensureIdentity(): Promise<IdentityRow> {
    const db = this.db();
    const have = exchangeRepository.identity(db);
    if (have) return have;
    const keys = await generateKeys();
    db.transaction(() => {
      if (exchangeRepository.identity(db)) return;
      const card: PublicCard = { name: this.ownerName.slice(0, 200) || 'Casewright user', role: 'other', organisation: '', encryptionKey: keys.encryptionPublic, signingKey: keys.signingPublic };
      const fingerprint = fingerprintOf(card);
      exchangeRepository.insertIdentity(db, {
        name: card.name, role: card.role, organisation: '', encryption_secret: keys.encryptionSecret, encryption_public: keys.encryptionPublic,
        signing_secret: keys.signingSecret, signing_public: keys.signingPublic, fingerprint, created_at: this.now().toISOString(),
      });
      appendAudit(db, { actor: this.actor, action: 'exchange.identity', entity: 'store', entityId: null, detail: { fingerprint } }, this.now);
    }).immediate();
    return exchangeRepository.identity(db)!;
  }

  async identity(): Promise<OwnIdentityView> {
    const r = await this.ensureIdentity();
    const previous = exchangeRepository.previousIdentities(this.db()).map((p) => ({ fingerprint: p.fingerprint, createdAt: p.created_at, retiredAt: p.retired_at, reason: p.reason }));
    return { ...cardOf(r), fingerprint: r.fingerprint, createdAt: r.created_at, previous };
  }

  /**
   * New keys for this store (a laptop lost or a key that may have been copied; docs/exchange.md). The new card
   * says, signed with the old key, that it replaces the old fingerprint: a contact who adds it stops trusting the
   * old card at once, and still checks the new fingerprint with the person. The old encryption key is kept so
   * that packages already on their way open; the old signing key is dropped, so nothing new is signed with it.
   */
  async newKeys(reason: string): Promise<OwnIdentityView> {
    const why = reason.trim();
    if (!why) throw new UserError('INVALID_INPUT', 'Say why the keys are being replaced (for example "laptop stolen"); it is kept with the old card.');
    const old = await this.ensureIdentity();
    const keys = await generateKeys();
    const card: PublicCard = { ...cardOf(old), encryptionKey: keys.encryptionPublic, signingKey: keys.signingPublic };
    const fingerprint = fingerprintOf(card);
    const statement = signReplacement(old.fingerprint, fingerprint, old.signing_secret);
    const db = this.db();
    db.transaction(() => {
      // Checked inside the write lock: two windows replacing the keys at once replace them once.
      if (exchangeRepository.identity(db)!.fingerprint !== old.fingerprint) throw new UserError('CONFLICT', 'The keys were replaced in another window just now; look at your card again.');
      exchangeRepository.replaceIdentity(db, {
        encryption_secret: keys.encryptionSecret, encryption_public: keys.encryptionPublic, signing_secret: keys.signingSecret, signing_public: keys.signingPublic,
        fingerprint, created_at: this.now().toISOString(),
      }, statement, why);
      appendAudit(db, { actor: this.actor, action: 'exchange.identity-new-keys', entity: 'store', entityId: null, detail: { from: old.fingerprint, to: fingerprint, reason: why } }, this.now);
    }).immediate();
    return this.identity();
  }

  /**
   * Stops trusting a contact's card for good (their laptop was lost, they made new keys): nothing is sent to it
   * and no package signed with it is opened. To work with them again, add their new card.
   */
  revokeContact(ref: string, reason: string): Contact {
    const why = reason.trim();
    if (!why) throw new UserError('INVALID_INPUT', 'Say why this card is no longer trusted (for example "laptop stolen"); it is shown with the contact.');
    const c = this.findContact(ref);
    if (c.revokedAt) throw new UserError('CONFLICT', `${revokedSentence(c)}; nothing was changed.`);
    const db = this.db();
    return db.transaction(() => {
      exchangeRepository.revokeContact(db, c.fingerprint, this.now().toISOString(), why);
      appendAudit(db, { actor: this.actor, action: 'exchange.contact-revoked', entity: 'store', entityId: null, detail: { fingerprint: c.fingerprint, name: c.name, reason: why } }, this.now);
      return toContact(exchangeRepository.contact(db, c.fingerprint)!);
    }).immediate();
  }

  /** Name, role and organisation as the card shows them (the keys never change). */
  async setIdentity(input: { name: string; role: ExchangeRole; organisation: string }): Promise<OwnIdentityView> {
    const r = await this.ensureIdentity();
    const parsed = publicCardSchema.safeParse({ ...cardOf(r), ...input });
    if (!parsed.success) throw new UserError('INVALID_INPUT', describeZodError(parsed.error, 'card'));
    const db = this.db();
    db.transaction(() => {
      exchangeRepository.updateIdentityDetails(db, parsed.data.name, parsed.data.role, parsed.data.organisation);
      appendAudit(db, { actor: this.actor, action: 'exchange.identity-details', entity: 'store', entityId: null, detail: { name: parsed.data.name, role: parsed.data.role, organisation: parsed.data.organisation } }, this.now);
    }).immediate();
    return this.identity();
  }

  /** The contact card file (.cwid): public keys only, signed with this store's signing key. */
  async cardFile(): Promise<{ text: string; fileName: string }> {
    const r = await this.ensureIdentity();
    const card = cardOf(r);
    // Every earlier card, oldest first, each with its statement that the next replaces it: a contact who still
    // holds any of them can follow the whole way to this card.
    const earlier = exchangeRepository.previousIdentities(this.db());
    const replaces: { fingerprint: string; encryptionKey: string; signingKey: string; signature: string }[] = [];
    for (let at = r.fingerprint, step = 0; step < 50; step++) {
      const p = earlier.find((x) => x.replaced_by === at);
      if (!p) break;
      replaces.unshift({ fingerprint: p.fingerprint, encryptionKey: p.encryption_public, signingKey: p.signing_public, signature: p.statement });
      at = p.fingerprint;
    }
    // Version 1 unless it says what it replaces, so a Casewright from before key replacement still reads it.
    const file = { format: CARD_FORMAT, version: replaces.length ? CARD_VERSION : 1, card, fingerprint: r.fingerprint, signature: signCard(card, r.signing_secret), ...(replaces.length ? { replaces } : {}) };
    return { text: `${JSON.stringify(file, null, 2)}\n`, fileName: `${safeName(card.name)}.cwid` };
  }

  contacts(): Contact[] {
    return exchangeRepository.contacts(this.db()).map(toContact);
  }

  /** Adds (or updates) a contact from their card; `verified` once the fingerprint was checked with them. */
  async addContact(text: string, verified: boolean): Promise<Contact> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new UserError('INVALID_INPUT', 'This file is not a Casewright contact card (.cwid); ask the person to export their card again.');
    }
    if ((raw as { format?: unknown } | null)?.format !== CARD_FORMAT) throw new UserError('INVALID_INPUT', 'This file is not a Casewright contact card (.cwid); ask the person to export their card again.');
    if (typeof (raw as { version?: unknown }).version === 'number' && (raw as { version: number }).version > CARD_VERSION) {
      throw new UserError('NEWER_VERSION', 'This contact card was made by a newer Casewright; install the latest Casewright to add it.');
    }
    const parsed = cardFileSchema.safeParse(raw);
    if (!parsed.success || !verifyCard(parsed.data.card, parsed.data.signature) || fingerprintOf(parsed.data.card) !== parsed.data.fingerprint) {
      throw new UserError('ALTERED', 'This contact card has been altered or damaged; ask the person to export their card again.');
    }
    const card = parsed.data.card;
    const fingerprint = parsed.data.fingerprint;
    const own = await this.ensureIdentity();
    if (fingerprint === own.fingerprint) throw new UserError('INVALID_INPUT', 'This is your own card; add the card of the person you are sending to.');
    const db = this.db();
    const ownEarlier = this.ownEarlierCard(fingerprint);
    if (ownEarlier) throw new UserError('INVALID_INPUT', `This is your own earlier card, replaced on ${whenInWords(ownEarlier.retired_at)}; add the card of the person you are sending to.`);
    const known = exchangeRepository.contact(db, fingerprint);
    if (known?.revoked_at) {
      const newer = exchangeRepository.contacts(db).find((c) => c.fingerprint === known.replaced_by || replacesOf(c).includes(known.fingerprint)) ?? null;
      throw new UserError('REVOKED', `${revokedSentence(toContact(known))}; ${newer ? `their new card ${newer.fingerprint} is already in your contacts` : `ask ${known.name} for their new card`}.`);
    }
    // What the card says it replaces: each step signed with the key of the card it replaces, and each card's keys
    // matching its fingerprint, so the chain stands on its own; then the earlier cards this store holds.
    const chain = parsed.data.replaces ?? [];
    const steps = chain.map((x, i) => ({ ...x, next: chain[i + 1]?.fingerprint ?? fingerprint }));
    for (const x of steps) {
      const keysMatch = fingerprintOf({ encryptionKey: x.encryptionKey, signingKey: x.signingKey }) === x.fingerprint;
      if (!keysMatch || x.fingerprint === fingerprint || !verifyReplacement(x.fingerprint, x.next, x.signature, x.signingKey)) {
        throw new UserError('ALTERED', 'This contact card has been altered or damaged; ask the person to export their card again.');
      }
    }
    const claimed = new Set(chain.map((x) => compactFingerprint(x.fingerprint)));
    // A card that says it replaces this store's own card was made by someone holding one of this store's keys.
    const ownCards = [own.fingerprint, ...exchangeRepository.previousIdentities(db).map((p) => p.fingerprint)];
    const ownClaimed = ownCards.find((f) => claimed.has(compactFingerprint(f)));
    if (ownClaimed) {
      throw new UserError('CONFLICT', `This card says it replaces your own card ${ownClaimed}, so someone may hold a copy of your keys; nothing was added; make new keys (under You) and tell your contacts.`);
    }
    const all = exchangeRepository.contacts(db);
    const held = all.filter((c) => claimed.has(compactFingerprint(c.fingerprint)));
    // Another card, not itself on this card's way and still trusted, already said it replaces one of these: two
    // people hold that old key (or one is trying to pass as the other).
    for (const old of held) {
      const rival = all.find((c) => c.fingerprint !== fingerprint && !c.revoked_at && !claimed.has(compactFingerprint(c.fingerprint)) && replacesOf(c).includes(old.fingerprint));
      if (rival) {
        throw new UserError(
          'CONFLICT',
          `Two different cards say they replace ${old.name}'s card ${old.fingerprint} (this one and ${rival.fingerprint}), so their old key may be in someone else's hands; check both fingerprints with them by phone and stop trusting the wrong one, then add this card again.`,
        );
      }
    }
    return db.transaction(() => {
      const before = exchangeRepository.contact(db, fingerprint);
      const isVerified = verified || before?.verified === 1;
      const at = this.now().toISOString();
      exchangeRepository.upsertContact(db, {
        fingerprint, name: card.name, role: card.role, organisation: card.organisation, encryption_public: card.encryptionKey, signing_public: card.signingKey,
        verified: isVerified ? 1 : 0, verified_at: isVerified ? (before?.verified_at ?? at) : null, added_at: before?.added_at ?? at,
      });
      appendAudit(db, { actor: this.actor, action: before ? 'exchange.contact-update' : 'exchange.contact-add', entity: 'store', entityId: null, detail: { fingerprint, name: card.name, verified: isVerified } }, this.now);
      if (held.length === 0) return toContact(exchangeRepository.contact(db, fingerprint)!);
      exchangeRepository.setReplaces(db, fingerprint, held.map((c) => c.fingerprint));
      // The earlier cards stop being trusted at once: a statement signed with an old key means either the holder
      // moved to new keys or someone else holds the old key; either way it should not be trusted any more.
      const revokedNow = held.filter((old) => !old.revoked_at);
      for (const old of revokedNow) {
        exchangeRepository.revokeContact(db, old.fingerprint, at, `replaced by their new card ${fingerprint}`);
        appendAudit(db, { actor: this.actor, action: 'exchange.contact-revoked', entity: 'store', entityId: null, detail: { fingerprint: old.fingerprint, name: old.name, reason: `replaced by ${fingerprint}` } }, this.now);
      }
      // A review carries on to the new card only once it has been checked with its holder.
      if (isVerified) this.linkReplaced(db, fingerprint);
      const added = toContact(exchangeRepository.contact(db, fingerprint)!);
      const newest = revokedNow.at(-1);
      return newest ? { ...added, replaced: { name: newest.name, fingerprint: newest.fingerprint } } : added;
    }).immediate();
  }

  /** Marks a contact's fingerprint as checked with them. */
  verifyContact(ref: string): Contact {
    const c = this.findContact(ref);
    if (c.revokedAt) throw new UserError('REVOKED', `${revokedSentence(c)}; add their new card and check that one with them instead.`);
    if (c.verified) return c;
    const db = this.db();
    return db.transaction(() => {
      const at = this.now().toISOString();
      exchangeRepository.upsertContact(db, { fingerprint: c.fingerprint, name: c.name, role: c.role, organisation: c.organisation, encryption_public: c.encryptionKey, signing_public: c.signingKey, verified: 1, verified_at: at, added_at: c.addedAt });
      this.linkReplaced(db, c.fingerprint);
      appendAudit(db, { actor: this.actor, action: 'exchange.contact-verified', entity: 'store', entityId: null, detail: { fingerprint: c.fingerprint, name: c.name } }, this.now);
      return toContact(exchangeRepository.contact(db, c.fingerprint)!);
    }).immediate();
  }

  /** A contact by fingerprint (as read out, spaces or not) or by name. */
  findContact(ref: string): Contact {
    const all = this.contacts();
    const compact = compactFingerprint(ref);
    const byFpr = all.find((c) => compactFingerprint(c.fingerprint) === compact);
    if (byFpr) return byFpr;
    const named = all.filter((c) => c.name.toLocaleLowerCase('en-GB') === ref.trim().toLocaleLowerCase('en-GB'));
    // A person who made new keys has their old card (no longer trusted) beside the new one: the name means the new.
    const byName = named.length > 1 ? named.filter((c) => !c.revokedAt) : named;
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1) throw new UserError('INVALID_INPUT', `More than one contact is called ${ref.trim()}; give their fingerprint instead (see "contact list").`);
    throw new UserError('NOT_FOUND', `${ref.trim()} is not in your contacts; add their card first (contact add --file CARD.cwid).`);
  }

  /** Refuses, with its sentence, a recipient nothing can be sent to; used before a save dialog opens. */
  async checkRecipient(to: { to?: string | undefined; passphrase?: string | undefined }): Promise<void> {
    await this.recipient(to);
  }

  private async recipient(to: { to?: string | undefined; passphrase?: string | undefined }): Promise<{ recipient: Recipient; fingerprint: string; name: string }> {
    if (to.passphrase !== undefined) {
      if (to.passphrase.length < 12) throw new UserError('INVALID_INPUT', 'A passphrase for a package must be at least 12 characters; give it to the recipient separately (by phone, not in the same e-mail).');
      return { recipient: { kind: 'passphrase', passphrase: to.passphrase }, fingerprint: 'passphrase', name: 'a recipient with the passphrase' };
    }
    if (!to.to) throw new UserError('INVALID_INPUT', 'Choose who the package is for.');
    const c = this.findContact(to.to);
    if (c.revokedAt) throw new UserError('REVOKED', `${revokedSentence(c)}, so nothing was sent; add their new card and check its fingerprint with them.`);
    if (!c.verified) {
      throw new UserError('UNVERIFIED', `Check ${c.name}'s fingerprint (${c.fingerprint}) with them, by phone or in person, and mark the contact as checked before sending them anything.`);
    }
    return { recipient: { kind: 'key', card: c }, fingerprint: c.fingerprint, name: c.name };
  }

  /** Seals a package to a checked contact (or a passphrase); used by panelPapers.ts too. */
  async seal(kind: PackageKind, to: { to?: string | undefined; passphrase?: string | undefined }, body: unknown, parts: Buffer[] = []) {
    const r = await this.recipient(to);
    const me = await this.ensureIdentity();
    const sealed = await sealPackage({ sender: { card: cardOf(me), signingSecret: me.signing_secret }, to: r.recipient, kind, body, parts, now: this.now() });
    return { ...sealed, to: r };
  }

  recordOut(db: Database, kind: PackageKind, packageId: string, c: StoredCase, to: { fingerprint: string; name: string }): void {
    exchangeRepository.recordPackage(db, { id: packageId, direction: 'out', kind, case_id: c.id, reference: c.record.reference, counterpart: to.fingerprint, counterpart_name: to.name, at: this.now().toISOString() });
    appendAudit(db, { actor: this.actor, action: 'exchange.send', entity: 'case', entityId: c.id, detail: { kind, packageId, to: to.name, fingerprint: to.fingerprint } }, this.now);
  }

  // ---- sending ----

  /**
   * A review request: issues the next draft of the investigation report (council version, frozen) and seals it
   * with what the independent person needs and the resolutions of their comments so far.
   */
  async sendReviewRequest(caseId: string, to: { to?: string; passphrase?: string }, attachmentIds: string[], today: string): Promise<BuiltPackage> {
    const cases = this.cases();
    let c = cases.get(caseId);
    this.refuseHandedOver(c);
    if (c.record.review?.side === 'ip') throw new UserError('INVALID_INPUT', `Case ${c.record.reference} came to you for review; send your comments back with Reply.`);
    const files = this.files();
    const known = new Set(files.list(caseId).map((a) => a.id));
    for (const a of attachmentIds) if (!known.has(a)) throw new UserError('NOT_FOUND', 'One of the files ticked is no longer in this case; tick the files again.');
    // Checked before the draft is issued, so a wrong recipient issues nothing.
    await this.recipient(to);
    const docs = await this.documents();
    const issued = await docs.issue(c, 'investigation-report', 'council', today, false);
    const model = docs.issuedModel(caseId, issued.id);
    c = cases.get(caseId);
    const review = c.record.review ?? emptyReview('io');
    const resolutions = review.comments.filter((m) => m.resolution).map((m) => ({ commentId: m.id, resolution: { ...m.resolution!, inDraft: m.resolution!.inDraft ?? issued.version } }));
    const read = attachmentIds.map((id) => files.read(id));
    const body = {
      origin: { caseId, reference: c.record.reference },
      draft: { version: issued.version, final: false, variant: 'council' as const, issuedAt: issued.issuedAt, issuedBy: issued.issuedBy, model },
      record: reviewCopy(c.record, new Set(attachmentIds)),
      files: read.map((f, part) => ({ id: f.info.id, fileName: f.info.fileName, sha256: f.info.sha256, part })),
      resolutions,
    };
    const sealed = await this.seal('review-request', to, body, read.map((f) => f.data));
    return {
      bytes: sealed.bytes,
      packageId: sealed.id,
      fileName: `${safeName(c.record.reference)}-draft-${issued.version}.cwpack`,
      version: issued.version,
      commit: () => {
        const db = this.db();
        db.transaction(() => {
          const now = cases.get(caseId);
          const rv = now.record.review ?? emptyReview('io');
          const next: Review = {
            ...rv,
            side: 'io',
            counterpart: sealed.to.fingerprint === 'passphrase' ? rv.counterpart : { fingerprint: sealed.to.fingerprint, name: sealed.to.name },
            drafts: [...rv.drafts, { version: issued.version, issueId: issued.id, packageId: sealed.id, at: this.now().toISOString() }],
            comments: rv.comments.map((m) => (m.resolution && m.resolution.inDraft === null ? { ...m, resolution: { ...m.resolution, inDraft: issued.version } } : m)),
          };
          cases.update(caseId, now.revision, { ...now.record, review: next });
          this.recordOut(db, 'review-request', sealed.id, now, sealed.to);
        }).immediate();
      },
    };
  }

  /** The independent person's comments and positions on the newest draft, back to the investigating officer. */
  async sendReply(caseId: string, to: { to?: string; passphrase?: string }): Promise<BuiltPackage> {
    const c = this.cases().get(caseId);
    const review = this.ipReview(c);
    const latest = review.drafts.reduce((m, d) => Math.max(m, d.version), 0);
    const body = { origin: review.origin!, draftVersion: latest, comments: review.comments, positions: review.positions };
    const sealed = await this.seal('review-reply', to, body);
    return {
      bytes: sealed.bytes,
      packageId: sealed.id,
      fileName: `${safeName(c.record.reference)}-comments-on-draft-${latest}.cwpack`,
      commit: () => {
        const db = this.db();
        db.transaction(() => this.recordOut(db, 'review-reply', sealed.id, c, sealed.to)).immediate();
      },
    };
  }

  /** The independent person's report, issued final (both versions) in their store and sent as issued. */
  async sendIpReport(caseId: string, to: { to?: string; passphrase?: string }, today: string): Promise<BuiltPackage> {
    const c = this.cases().get(caseId);
    const review = this.ipReview(c);
    await this.recipient(to);
    const docs = await this.documents();
    const issued = [];
    for (const variant of ['council', 'complainant'] as const) {
      const last = docs.issued(caseId).filter((d) => d.kind === 'ip-report' && d.variant === variant).pop();
      const doc = last?.final ? last : await docs.issue(this.cases().get(caseId), 'ip-report', variant, today, true);
      issued.push({ version: doc.version, final: true, variant, issuedAt: doc.issuedAt, issuedBy: doc.issuedBy, model: docs.issuedModel(caseId, doc.id) });
    }
    const sealed = await this.seal('ip-report', to, { origin: review.origin!, issued });
    return {
      bytes: sealed.bytes,
      packageId: sealed.id,
      fileName: `${safeName(c.record.reference)}-ip-report.cwpack`,
      commit: () => {
        const db = this.db();
        db.transaction(() => this.recordOut(db, 'ip-report', sealed.id, c, sealed.to)).immediate();
      },
    };
  }

  /** The whole case, its files, issued documents and audit trail, for the council's records. */
  async sendHandover(caseId: string, to: { to?: string; passphrase?: string }): Promise<BuiltPackage> {
    const cases = this.cases();
    const c = cases.get(caseId);
    this.refuseHandedOver(c);
    await this.recipient(to);
    const caseFile = await cases.exportJson(caseId);
    const db = this.db();
    const issued = exchangeRepository.issueRows(db, caseId).map((r) => ({
      kind: r.kind, subjectId: r.subject_id, version: r.version, final: r.final === 1, variant: r.variant as 'council' | 'complainant', issuedAt: r.issued_at, issuedBy: r.issued_by,
      model: JSON.parse(r.model) as DocumentModel,
    }));
    const audit = listAudit(db, caseId).map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, summary: JSON.stringify(r.detail ?? {}).slice(0, 2000) }));
    const sealed = await this.seal('case-handover', to, { caseFilePart: 0, issued, audit }, [Buffer.from(caseFile, 'utf8')]);
    return {
      bytes: sealed.bytes,
      packageId: sealed.id,
      fileName: `${safeName(c.record.reference)}-handover.cwpack`,
      commit: () => db.transaction(() => this.recordOut(db, 'case-handover', sealed.id, c, sealed.to)).immediate(),
    };
  }

  // ---- opening ----

  /**
   * Opens a package: addressed to this identity, decrypts, signature and sender, not opened before, format;
   * then applies it in one transaction. Any refusal leaves the store as it was.
   */
  async open(bytes: Uint8Array, opts: { passphrase?: string | undefined; sender: SenderPolicy }): Promise<OpenedPackage> {
    const header = readHeader(bytes);
    const me = await this.ensureIdentity();
    const db = this.db();
    // A package sent to this store's earlier card (before new keys were made) still opens, with a note.
    const earlier = exchangeRepository.previousIdentities(db).find((p) => compactFingerprint(p.fingerprint) === header.to) ?? null;
    if (header.to !== 'passphrase' && header.to !== compactFingerprint(me.fingerprint) && !earlier) {
      const meant = this.contacts().find((c) => compactFingerprint(c.fingerprint) === header.to);
      throw new UserError(
        'NOT_FOR_YOU',
        meant ? `This package is for ${meant.name}, not for you.` : `This package is for someone else (fingerprint ${header.to.match(/.{4}/g)!.join(' ')}), not for you.`,
      );
    }
    if (header.to === 'passphrase' && !opts.passphrase) throw new UserError('NEEDS_PASSPHRASE', 'This package is locked with a passphrase; enter the passphrase the sender gave you.');
    const { payload, senderFingerprint, parts } = await unsealPackage(header, header.to === 'passphrase' ? { passphrase: opts.passphrase! } : { identity: (earlier ?? me).encryption_secret });
    // Signed with this store's own earlier key: only whoever holds an old copy of this store could have made it.
    const ownEarlier = this.ownEarlierCard(senderFingerprint);
    if (ownEarlier) {
      throw new UserError('REVOKED_SENDER', `This package is signed with your own earlier card ${ownEarlier.fingerprint}, which you replaced on ${whenInWords(ownEarlier.retired_at)} (${ownEarlier.reason}), so nothing was opened.`);
    }
    const contact = exchangeRepository.contact(db, senderFingerprint);
    this.checkSender(payload, senderFingerprint, contact, opts.sender);
    this.refuseReplay(payload.id);
    const from = { name: payload.from.name, organisation: payload.from.organisation, role: payload.from.role, fingerprint: senderFingerprint, verified: contact?.verified === 1 };
    const opened = await this.openKind(payload, from, parts);
    if (!earlier) return opened;
    return { ...opened, held: [...opened.held, `It was sent to your earlier card (${earlier.fingerprint}, replaced on ${whenInWords(earlier.retired_at)}): send ${from.name} your new card.`] };
  }

  private openKind(payload: Payload, from: OpenedPackage['from'], parts: Buffer[]): Promise<OpenedPackage> {
    switch (payload.kind) {
      case 'review-request':
        return this.openReviewRequest(payload, from, parts);
      case 'review-reply':
        return this.openReply(payload, from);
      case 'ip-report':
        return this.openIpReport(payload, from);
      case 'case-handover':
        return this.openHandover(payload, from, parts);
      case 'panel-papers':
        return openPanelPapers(this, this.db(), payload, from, parts, this.now, this.actor);
    }
  }

  /** This store's own card before new keys were made, if `fingerprint` is one. */
  private ownEarlierCard(fingerprint: string) {
    return exchangeRepository.previousIdentities(this.db()).find((p) => compactFingerprint(p.fingerprint) === compactFingerprint(fingerprint)) ?? null;
  }

  /**
   * Whether `fingerprint` is the card a review was begun with, or a card that replaced it (each replacement
   * proved by the old card's signature when the new card was added): a review carries on across new keys.
   */
  private sameCounterpart(pinned: string, fingerprint: string): boolean {
    if (pinned === fingerprint) return true;
    const db = this.db();
    const target = exchangeRepository.contact(db, fingerprint);
    if (!target || target.verified !== 1 || target.revoked_at) return false;
    let at: string | null = pinned;
    for (let step = 0; at && step < 50; step++) {
      if (at === fingerprint) return true;
      at = exchangeRepository.contact(db, at)?.replaced_by ?? null;
    }
    return false;
  }

  /** Once a card that proved it replaces earlier ones is checked, each of those leads to it (sameCounterpart). */
  private linkReplaced(db: Database, fingerprint: string): void {
    const c = exchangeRepository.contact(db, fingerprint);
    if (!c) return;
    for (const old of replacesOf(c)) exchangeRepository.setReplacedBy(db, old, fingerprint);
  }

  private checkSender(payload: Payload, fingerprint: string, contact: ContactRow | null, policy: SenderPolicy): void {
    // A card this store stopped trusting is refused whatever the person chose for unknown senders.
    if (contact?.revoked_at) throw new UserError('REVOKED_SENDER', `This package is signed with a card you no longer trust (you stopped trusting ${contact.name}'s card on ${whenInWords(contact.revoked_at)}${contact.revoked_reason ? `: ${contact.revoked_reason}` : ''}), so nothing was opened; ask ${contact.name} to send it again from their new card.`);
    if (contact?.verified === 1 || policy === 'anyone' || (contact && policy === 'contact')) return;
    const who = `${payload.from.name}${payload.from.organisation ? ` (${payload.from.organisation})` : ''}`;
    const details: SenderDetails = { name: payload.from.name, organisation: payload.from.organisation, role: payload.from.role, fingerprint, known: contact !== null };
    const namesake = !contact && this.contacts().some((c) => c.name.toLocaleLowerCase('en-GB') === payload.from.name.toLocaleLowerCase('en-GB'));
    if (contact) {
      throw new UserError('UNVERIFIED_SENDER', `This package is signed by ${who}, whose card you added but have not marked as checked; check the fingerprint ${fingerprint} with them before opening it.`, details);
    }
    throw new UserError(
      'UNKNOWN_SENDER',
      namesake
        ? `This package is signed by someone calling themselves ${who} with a key that is not the one on the card you have for that name (fingerprint ${fingerprint}); check with them before opening it.`
        : `This package is signed by ${who}, who is not in your contacts (fingerprint ${fingerprint}); check the fingerprint with them and add their card before opening it.`,
      details,
    );
  }

  private refuseReplay(packageId: string): void {
    const seen = exchangeRepository.openedPackage(this.db(), packageId);
    if (seen) throw new UserError('ALREADY_OPENED', `This package was already opened on ${whenInWords(seen.at)} (case ${seen.reference}); nothing was changed.`);
  }

  recordIn(db: Database, payload: Payload, caseId: string | null, reference: string, from: { fingerprint: string; name: string }, held: string[]): void {
    // Checked again inside the write lock: two windows opening the same package at once apply it once.
    this.refuseReplay(payload.id);
    exchangeRepository.recordPackage(db, { id: payload.id, direction: 'in', kind: payload.kind, case_id: caseId, reference, counterpart: from.fingerprint, counterpart_name: from.name, at: this.now().toISOString() });
    appendAudit(db, { actor: this.actor, action: 'exchange.open', entity: caseId ? 'case' : 'store', entityId: caseId, detail: { kind: payload.kind, packageId: payload.id, from: from.name, fingerprint: from.fingerprint, held } }, this.now);
  }

  private body<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, payload: Payload): T {
    const r = schema.safeParse(payload.body);
    if (!r.success) throw new UserError('INVALID_INPUT', UNREADABLE);
    return r.data;
  }

  private async prepareFiles(files: { id: string; fileName: string; sha256: string; part: number }[], parts: Buffer[]): Promise<{ id: string; file: PreparedFile }[]> {
    const att = this.files();
    const out: { id: string; file: PreparedFile }[] = [];
    for (const f of files) {
      const data = parts[f.part];
      if (!data) throw new UserError('INVALID_INPUT', UNREADABLE);
      if (createHash('sha256').update(data).digest('hex') !== f.sha256) throw new UserError('ALTERED', 'This package has been altered or damaged; ask the sender to send it again.');
      out.push({ id: f.id, file: await att.prepare(f.fileName, data) });
    }
    return out;
  }

  private async openReviewRequest(payload: Payload, from: OpenedPackage['from'], parts: Buffer[]): Promise<OpenedPackage> {
    const body = this.body(reviewRequestBody, payload);
    const db = this.db();
    const cases = this.cases();
    const mine = caseRepository.get(db, body.origin.caseId);
    if (mine) {
      throw new UserError('INVALID_INPUT', `This is a draft of case ${body.origin.reference} that this store sent; it is opened by the person it was sent to.`);
    }
    const existing = caseRepository.listRecords(db).find((c) => c.record.review?.origin?.caseId === body.origin.caseId && c.record.review.counterpart && this.sameCounterpart(c.record.review.counterpart.fingerprint, from.fingerprint)) ?? null;
    if (existing && exchangeRepository.issueVersionTaken(db, existing.id, 'investigation-report', 'council', body.draft.version)) {
      throw new UserError('EXISTS', `Draft ${body.draft.version} of case ${body.origin.reference} is already in this store; nothing was changed.`);
    }
    if (!existing && caseRepository.findByReference(db, String(body.record.reference ?? ''))) {
      throw new UserError('EXISTS', `A case with reference ${String(body.record.reference)} is already in this store; it was not sent by ${from.name}, so this draft was not opened.`);
    }
    const prepared = await this.prepareFiles(body.files, parts);
    const att = this.files();
    // Files keep the sender's ids unless this store holds that id already (then a new id, and the evidence follows).
    const taken = (id: string) => db.prepare('SELECT case_id FROM attachments WHERE id = ?').get(id) as { case_id: string } | undefined;
    const ids = new Map<string, string>();
    const toInsert: { id: string; file: PreparedFile }[] = [];
    for (const p of prepared) {
      const t = taken(p.id);
      if (t && existing && t.case_id === existing.id) ids.set(p.id, p.id);
      else {
        const id = t ? randomUUID() : p.id;
        ids.set(p.id, id);
        toInsert.push({ id, file: p.file });
      }
    }
    const copy = body.record as Record<string, unknown> & { evidence?: { id: string; attachmentId: string | null }[] };
    const oldEvidence = new Map((existing?.record.evidence ?? []).map((e) => [e.id, e.attachmentId]));
    const evidence = (copy.evidence ?? []).map((e) => ({ ...e, attachmentId: e.attachmentId ? (ids.get(e.attachmentId) ?? null) : (oldEvidence.get(e.id) ?? null) }));
    const held = [`Draft ${body.draft.version} of the investigation report`, `${(copy as { points?: unknown[] }).points?.length ?? 0} points of complaint`, `${evidence.length} items of evidence listed`, `${body.files.length} files`];
    if (body.resolutions.length) held.push(`${body.resolutions.length} of your comments resolved`);
    return db
      .transaction(() => {
        const at = this.now().toISOString();
        const issueId = randomUUID();
        const prior = existing?.record.review ?? emptyReview('ip');
        const resolved = new Map(body.resolutions.map((r) => [r.commentId, r.resolution]));
        const review: Review = {
          ...prior,
          side: 'ip',
          counterpart: { fingerprint: from.fingerprint, name: from.name },
          origin: body.origin,
          drafts: [...prior.drafts, { version: body.draft.version, issueId, packageId: payload.id, at }],
          comments: prior.comments.map((m) => (resolved.has(m.id) ? { ...m, resolution: resolved.get(m.id)! } : m)),
        };
        const fields = Object.fromEntries(REVIEW_COPY_FIELDS.map((k) => [k, copy[k]]));
        const base = existing ? { ...existing.record, ...fields } : fields;
        const record = { ...base, evidence, review };
        const parsed = caseRecordSchema.safeParse(record);
        if (!parsed.success) throw new UserError('INVALID_INPUT', `${UNREADABLE} (${describeZodError(parsed.error)})`);
        let stored: StoredCase;
        if (existing) {
          this.refuseHandedOver(existing);
          stored = cases.update(existing.id, existing.revision, parsed.data);
        } else {
          // Files first need the case; the evidence points at them once they are in.
          stored = cases.create({ ...parsed.data, evidence: parsed.data.evidence.map((e) => ({ ...e, attachmentId: null })) }, 'case.received');
        }
        for (const f of toInsert) att.insert(stored.id, f.file, { id: f.id, audit: false });
        if (!existing && parsed.data.evidence.some((e) => e.attachmentId)) stored = cases.update(stored.id, stored.revision, parsed.data);
        exchangeRepository.insertIssue(db, {
          id: issueId, caseId: stored.id, kind: 'investigation-report', variant: 'council', subjectId: '', version: body.draft.version, final: false,
          issuedAt: body.draft.issuedAt, issuedBy: body.draft.issuedBy, model: JSON.stringify(body.draft.model),
        });
        appendAudit(db, { actor: this.actor, action: 'document.received', entity: 'case', entityId: stored.id, detail: { kind: 'investigation-report', version: body.draft.version, from: from.name }, covers: [documentRef(issueId)] }, this.now);
        this.recordIn(db, payload, stored.id, stored.record.reference, from, held);
        return { kind: payload.kind, packageId: payload.id, from, caseId: stored.id, reference: stored.record.reference, held };
      })
      .immediate();
  }

  /** The case a reply or report from the independent person is about, and that it came from the person the draft went to. */
  private ioCase(origin: { caseId: string; reference: string }, from: OpenedPackage['from']): StoredCase {
    const c = caseRepository.get(this.db(), origin.caseId);
    if (!c) throw new UserError('NOT_FOUND', `This package is about case ${origin.reference}, which is not in this store; nothing was changed.`);
    const rv = c.record.review;
    if (rv?.side === 'io' && !rv.counterpart && rv.drafts.length > 0) {
      throw new UserError(
        'INVALID_INPUT',
        `The drafts of case ${c.record.reference} were sent with a passphrase, so Casewright cannot tell who should answer them; add ${from.name}'s card, check the fingerprint, send them the next draft, then open their answer again.`,
      );
    }
    if (rv?.side !== 'io' || !rv.counterpart) throw new UserError('INVALID_INPUT', `No draft of case ${c.record.reference} was sent for review from this store; nothing was changed.`);
    if (!this.sameCounterpart(rv.counterpart.fingerprint, from.fingerprint)) {
      throw new UserError('INVALID_INPUT', `This package is from ${from.name} (fingerprint ${from.fingerprint}), but the drafts of case ${c.record.reference} went to ${rv.counterpart.name} (fingerprint ${rv.counterpart.fingerprint}); nothing was changed.`);
    }
    return c;
  }

  private async openReply(payload: Payload, from: OpenedPackage['from']): Promise<OpenedPackage> {
    const body = this.body(reviewReplyBody, payload);
    const db = this.db();
    const cases = this.cases();
    return db
      .transaction(() => {
        const c = this.ioCase(body.origin, from);
        const rv = c.record.review!;
        const points = new Set(c.record.points.map((p) => p.id));
        const byId = new Map(rv.comments.map((m) => [m.id, m]));
        const incoming = body.comments.map((m): ReviewComment => ({ ...m, resolution: byId.get(m.id)?.resolution ?? null }));
        const incomingIds = new Set(incoming.map((m) => m.id));
        const comments = [...rv.comments.filter((m) => !incomingIds.has(m.id)), ...incoming];
        const positions = body.positions.filter((p) => points.has(p.pointId));
        const fresh = incoming.filter((m) => !byId.has(m.id)).length;
        const held = [`${fresh} new comments (${incoming.length} in all) on draft ${body.draftVersion}`, `${positions.length} positions on findings`];
        const stored = cases.update(c.id, c.revision, { ...c.record, review: { ...rv, comments, positions } });
        this.recordIn(db, payload, c.id, c.record.reference, from, held);
        return { kind: payload.kind, packageId: payload.id, from, caseId: stored.id, reference: stored.record.reference, held };
      })
      .immediate();
  }

  private async openIpReport(payload: Payload, from: OpenedPackage['from']): Promise<OpenedPackage> {
    const body = this.body(ipReportBody, payload);
    if (body.issued.some((d) => !d.final || d.model.kind !== 'ip-report')) throw new UserError('INVALID_INPUT', UNREADABLE);
    const db = this.db();
    const cases = this.cases();
    return db
      .transaction(() => {
        const c = this.ioCase(body.origin, from);
        const issueIds: string[] = [];
        for (const d of body.issued) {
          const last = exchangeRepository.latestIssueVersion(db, c.id, 'ip-report', d.variant);
          if (last?.final) throw new UserError('CONFLICT', `Case ${c.record.reference} already has a final independent person report (${d.variant} version); nothing was changed.`);
          const id = randomUUID();
          exchangeRepository.insertIssue(db, { id, caseId: c.id, kind: 'ip-report', variant: d.variant, subjectId: '', version: (last?.version ?? 0) + 1, final: true, issuedAt: d.issuedAt, issuedBy: d.issuedBy, model: JSON.stringify(d.model) });
          appendAudit(db, { actor: this.actor, action: 'document.received', entity: 'case', entityId: c.id, detail: { kind: 'ip-report', variant: d.variant, from: from.name }, covers: [documentRef(id)] }, this.now);
          issueIds.push(id);
        }
        const rv = c.record.review!;
        cases.update(c.id, c.revision, { ...c.record, review: { ...rv, ipReport: { packageId: payload.id, at: this.now().toISOString(), issueIds } } });
        const held = [`The independent person report (${body.issued.map((d) => `${d.variant} version`).join(' and ')}), final`];
        this.recordIn(db, payload, c.id, c.record.reference, from, held);
        return { kind: payload.kind, packageId: payload.id, from, caseId: c.id, reference: c.record.reference, held };
      })
      .immediate();
  }

  private async openHandover(payload: Payload, from: OpenedPackage['from'], parts: Buffer[]): Promise<OpenedPackage> {
    const body = this.body(handoverBody, payload);
    const cases = this.cases();
    const caseFile = parts[body.caseFilePart];
    if (!caseFile) throw new UserError('INVALID_INPUT', UNREADABLE);
    const prepared = await cases.prepareImport(caseFile.toString('utf8'));
    const auditText = body.audit.map((a) => `${a.seq}\t${a.at}\t${a.actor}\t${a.action}\t${a.summary}`).join('\n');
    const att = this.files();
    const auditFile = await att.prepare(`Audit trail from ${from.name}.txt`, Buffer.from(`Audit trail of case ${prepared.record.reference} as handed over by ${from.name} (${from.fingerprint})\n\n${auditText}\n`, 'utf8'));
    const db = this.db();
    return db
      .transaction(() => {
        const handover = { from: from.name, fingerprint: from.fingerprint, packageId: payload.id, at: this.now().toISOString() };
        const stored = cases.commitImport({ ...prepared, record: { ...prepared.record, handover } }, 'case.handover-received');
        att.insert(stored.id, auditFile, { audit: false });
        for (const d of body.issued) {
          const id = randomUUID();
          exchangeRepository.insertIssue(db, { id, caseId: stored.id, kind: d.kind, variant: d.variant, subjectId: d.subjectId, version: d.version, final: d.final, issuedAt: d.issuedAt, issuedBy: d.issuedBy, model: JSON.stringify(d.model) });
          appendAudit(db, { actor: this.actor, action: 'document.received', entity: 'case', entityId: stored.id, detail: { kind: d.kind, variant: d.variant, version: d.version }, covers: [documentRef(id)] }, this.now);
        }
        const held = [`Case ${stored.record.reference} with ${prepared.files.length} files`, `${body.issued.length} issued documents`, `${body.audit.length} audit entries`, 'Kept read-only'];
        this.recordIn(db, payload, stored.id, stored.record.reference, from, held);
        return { kind: payload.kind, packageId: payload.id, from, caseId: stored.id, reference: stored.record.reference, held };
      })
      .immediate();
  }

  // ---- the review itself ----

  private refuseHandedOver(c: StoredCase): void {
    if (c.record.handover) throw new UserError('READ_ONLY', `Case ${c.record.reference} was handed over to this store for its records and is read-only.`);
  }

  private ipReview(c: StoredCase): Review {
    const rv = c.record.review;
    if (rv?.side !== 'ip' || !rv.origin || rv.drafts.length === 0) {
      throw new UserError('INVALID_INPUT', `Case ${c.record.reference} did not come to you for review; comments and agreement are for a draft someone sent you.`);
    }
    return rv;
  }

  private pointBy(record: CaseRecord, ref: string): { id: string; number: number } {
    const p = record.points.find((x) => x.id === ref || String(x.number) === ref.trim());
    if (!p) throw new UserError('NOT_FOUND', `Case ${record.reference} has no point ${ref}; the points are ${record.points.map((x) => x.number).join(', ') || 'not yet set'}.`);
    return p;
  }

  /** The newest draft this case has (either side), as frozen. */
  draft(caseId: string, version?: number): { version: number; model: DocumentModel } {
    const c = this.cases().get(caseId);
    const drafts = c.record.review?.drafts ?? [];
    const d = version === undefined ? drafts[drafts.length - 1] : drafts.find((x) => x.version === version);
    if (!d) throw new UserError('NOT_FOUND', version === undefined ? `No draft of case ${c.record.reference} has been sent or received for review yet.` : `Case ${c.record.reference} has no draft ${version} in its review; the drafts are ${drafts.map((x) => x.version).join(', ') || 'none yet'}.`);
    return { version: d.version, model: readIssuedModel(this.db(), caseId, d.issueId) };
  }

  /** A comment on the newest draft, anchored to a paragraph ("para:12"), a point ("point:2") or a finding ("finding:2"). */
  comment(caseId: string, on: string, text: string, suggested: string): StoredCase {
    const cases = this.cases();
    const c = cases.get(caseId);
    this.refuseHandedOver(c);
    const review = this.ipReview(c);
    const m = /^(para|point|finding):(.+)$/.exec(on.trim());
    if (!m) throw new UserError('INVALID_INPUT', 'Say what the comment is on: para:N (a paragraph of the draft), point:N or finding:N.');
    const kind = m[1] as Anchor['kind'];
    const ref = m[2]!.trim();
    const { version, model } = this.draft(caseId);
    let anchor: Anchor;
    if (kind === 'para') {
      const i = Number(ref);
      const block = Number.isInteger(i) ? model.blocks[i] : undefined;
      const words = block ? blockText(block) : '';
      if (!block || !words) throw new UserError('NOT_FOUND', `Draft ${version} has no paragraph ${ref}; the preview numbers each paragraph.`);
      anchor = { kind, ref: String(i), label: `Paragraph ${i}`, excerpt: words.slice(0, 200) };
    } else {
      const p = this.pointBy(c.record, ref);
      anchor = { kind, ref: p.id, label: kind === 'point' ? `Point ${p.number}` : `Finding on point ${p.number}`, excerpt: '' };
    }
    if (!text.trim()) throw new UserError('INVALID_INPUT', 'Write the comment before adding it.');
    const comment: ReviewComment = { id: randomUUID(), draftVersion: version, anchor, text: text.trim(), suggested: suggested.trim(), by: this.actor, at: this.now().toISOString(), resolution: null };
    return cases.update(caseId, c.revision, { ...c.record, review: { ...review, comments: [...review.comments, comment] } });
  }

  /** When the independent person last sent their comments back on this case (null: never). */
  private lastReplyAt(caseId: string): string | null {
    const out = exchangeRepository.packages(this.db(), caseId).filter((r) => r.direction === 'out' && r.kind === 'review-reply');
    return out.length === 0 ? null : out.reduce((m, r) => (r.at > m ? r.at : m), out[0]!.at);
  }

  /**
   * One of the independent person's comments that has not gone back yet: once a reply carried it, the
   * investigating officer may have acted on it, so it is corrected by a new comment rather than changed.
   */
  private unsentComment(c: StoredCase, commentRef: string): { review: Review; comment: ReviewComment } {
    this.refuseHandedOver(c);
    const review = this.ipReview(c);
    const ref = commentRef.trim().toLowerCase();
    const found = ref.length >= 4 ? review.comments.filter((m) => m.id.toLowerCase().startsWith(ref)) : [];
    if (found.length !== 1) throw new UserError('NOT_FOUND', found.length > 1 ? `More than one comment starts with ${commentRef}; give more of its id.` : `Case ${c.record.reference} has no comment ${commentRef}; "review list" shows them.`);
    const comment = found[0]!;
    const sent = this.lastReplyAt(c.id);
    if (sent && comment.at <= sent) {
      throw new UserError('INVALID_INPUT', `Your comment on ${comment.anchor.label.toLowerCase()} went back to ${review.counterpart?.name ?? 'the investigating officer'} with your reply of ${sent.slice(0, 10)}, so it cannot be changed; add a new comment that corrects it.`);
    }
    return { review, comment };
  }

  /** Changes the words of a comment not yet sent back. */
  editComment(caseId: string, commentRef: string, text: string, suggested: string): StoredCase {
    const cases = this.cases();
    const c = cases.get(caseId);
    const { review, comment } = this.unsentComment(c, commentRef);
    if (!text.trim()) throw new UserError('INVALID_INPUT', 'Write the comment before saving it; to take it away, withdraw it.');
    const comments = review.comments.map((m) => (m.id === comment.id ? { ...m, text: text.trim(), suggested: suggested.trim() } : m));
    return cases.update(caseId, c.revision, { ...c.record, review: { ...review, comments } });
  }

  /** Takes away a comment not yet sent back. */
  withdrawComment(caseId: string, commentRef: string): StoredCase {
    const cases = this.cases();
    const c = cases.get(caseId);
    const { review, comment } = this.unsentComment(c, commentRef);
    return cases.update(caseId, c.revision, { ...c.record, review: { ...review, comments: review.comments.filter((m) => m.id !== comment.id) } });
  }

  /** The independent person's position on a finding; it also goes into their report's table. */
  position(caseId: string, point: string, stance: Stance, reason: string): StoredCase {
    const cases = this.cases();
    const c = cases.get(caseId);
    this.refuseHandedOver(c);
    const review = this.ipReview(c);
    const p = this.pointBy(c.record, point);
    if (stance !== 'agree' && !reason.trim()) throw new UserError('INVALID_INPUT', stance === 'disagree' ? `Say why you do not agree with the finding on point ${p.number}.` : `Write your query on the finding on point ${p.number}.`);
    const { version } = this.draft(caseId);
    // Agreeing or not needs a finding to agree with (issue 11); a query can be raised on any point.
    if (stance !== 'query' && !c.record.findings[p.id]?.finding) {
      throw new UserError('INVALID_INPUT', `Draft ${version} makes no finding on point ${p.number} yet, so there is nothing to agree or disagree with; raise a query or comment on the point instead.`);
    }
    const pos: Position = { pointId: p.id, stance, reason: reason.trim(), draftVersion: version, by: this.actor, at: this.now().toISOString() };
    const ipReview = {
      ...c.record.ipReview,
      perPoint: { ...c.record.ipReview.perPoint, [p.id]: { agrees: stance === 'agree' ? true : stance === 'disagree' ? false : null, comment: richFromPlain(reason.trim()) } },
    };
    return cases.update(caseId, c.revision, { ...c.record, ipReview, review: { ...review, positions: [...review.positions, pos] } });
  }

  /** The investigating officer's answer to a comment. */
  resolve(caseId: string, commentRef: string, as: Resolution, text: string): StoredCase {
    const cases = this.cases();
    const c = cases.get(caseId);
    this.refuseHandedOver(c);
    const rv = c.record.review;
    if (rv?.side !== 'io') throw new UserError('INVALID_INPUT', `Comments are resolved by the investigating officer who sent the draft of case ${c.record.reference}.`);
    const ref = commentRef.trim().toLowerCase();
    const found = ref.length >= 4 ? rv.comments.filter((m) => m.id.toLowerCase().startsWith(ref)) : [];
    if (found.length !== 1) throw new UserError('NOT_FOUND', found.length > 1 ? `More than one comment starts with ${commentRef}; give more of its id.` : `Case ${c.record.reference} has no comment ${commentRef}; "review list" shows them.`);
    if ((as === 'declined' || as === 'answered' || as === 'changed otherwise') && !text.trim()) {
      throw new UserError('INVALID_INPUT', as === 'declined' ? 'Say why the suggestion was declined.' : as === 'answered' ? 'Write the answer.' : 'Say how it was changed.');
    }
    const target = found[0]!;
    const comments = rv.comments.map((m) => (m.id === target.id ? { ...m, resolution: { as, text: text.trim(), by: this.actor, at: this.now().toISOString(), inDraft: null } } : m));
    return cases.update(caseId, c.revision, { ...c.record, review: { ...rv, comments } });
  }

  /** Comments with their status, and where each finding stands. */
  state(caseId: string): { side: 'io' | 'ip' | null; counterpart: string | null; drafts: number[]; comments: (ReviewComment & { sentAt: string | null })[]; findings: { pointId: string; number: number; finding: string | null; state: FindingState; position: Position | null }[]; ipReport: boolean } {
    const c = this.cases().get(caseId);
    const rv = c.record.review;
    const sentAt = rv?.side === 'ip' ? this.lastReplyAt(caseId) : null;
    return {
      side: rv?.side ?? null,
      counterpart: rv?.counterpart?.name ?? null,
      drafts: (rv?.drafts ?? []).map((d) => d.version),
      // On the independent person's side, when each comment went back (null: not yet, so it can still change).
      comments: (rv?.comments ?? []).map((m) => ({ ...m, sentAt: rv?.side === 'ip' && sentAt && m.at <= sentAt ? sentAt : null })),
      findings: c.record.points
        .filter((p) => p.status === 'active')
        .map((p) => ({
          pointId: p.id,
          number: p.number,
          finding: c.record.findings[p.id]?.finding ?? null,
          state: findingState(rv, p.id),
          position: [...(rv?.positions ?? [])].reverse().find((x) => x.pointId === p.id) ?? null,
        })),
      ipReport: rv?.ipReport != null,
    };
  }

  /** What changed between two drafts, word by word per section. */
  diff(caseId: string, from: number, to: number): SectionDiff[] {
    return diffDrafts(this.draft(caseId, from).model, this.draft(caseId, to).model);
  }

  /** Packages sent and opened for a case. */
  packages(caseId: string) {
    return exchangeRepository.packages(this.db(), caseId).map((r) => ({ id: r.id, direction: r.direction, kind: r.kind as PackageKind, what: PACKAGE_KIND_LABELS[r.kind as PackageKind] ?? r.kind, counterpart: r.counterpart_name, at: r.at }));
  }
}
