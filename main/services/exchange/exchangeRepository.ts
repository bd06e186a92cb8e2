import type { Database } from 'better-sqlite3-multiple-ciphers';

/** The only SQL for the review exchange. All statements are parameterised. */
export interface IdentityRow {
  name: string;
  role: string;
  organisation: string;
  encryption_secret: string;
  encryption_public: string;
  signing_secret: string;
  signing_public: string;
  fingerprint: string;
  created_at: string;
}
export interface PreviousIdentityRow {
  fingerprint: string;
  encryption_secret: string;
  encryption_public: string;
  signing_public: string;
  created_at: string;
  retired_at: string;
  reason: string;
  /** The card that replaced it, and this card's own signature saying so. */
  replaced_by: string;
  statement: string;
}
export interface ContactRow {
  fingerprint: string;
  name: string;
  role: string;
  organisation: string;
  encryption_public: string;
  signing_public: string;
  verified: number;
  verified_at: string | null;
  added_at: string;
  revoked_at?: string | null;
  revoked_reason?: string | null;
  replaced_by?: string | null;
  /** JSON list of the fingerprints this card proved it replaces (migration 011). */
  replaces?: string | null;
}
export interface PackageRow {
  id: string;
  direction: 'in' | 'out';
  kind: string;
  case_id: string | null;
  reference: string;
  counterpart: string;
  counterpart_name: string;
  at: string;
}

export interface DeliveryRow {
  package_id: string;
  sender_fingerprint: string;
  sender_name: string;
  sender_organisation: string;
  origin_case_id: string;
  reference: string;
  hearing_date: string | null;
  member_name: string;
  member_role: 'chair' | 'member';
  manifest: string;
  sent_at: string;
  received_at: string;
}
export interface PaperRow {
  id: string;
  package_id: string;
  position: number;
  kind: 'pack' | 'document';
  document_kind: string | null;
  title: string;
  file_name: string;
  pages: number;
  size: number;
  sha256: string;
  manifest_sha256: string;
}
const PAPER_COLUMNS = 'id, package_id, position, kind, document_kind, title, file_name, pages, size, sha256, manifest_sha256';

export const exchangeRepository = {
  identity(db: Database): IdentityRow | null {
    return (db.prepare('SELECT * FROM exchange_identity WHERE id = 1').get() as IdentityRow | undefined) ?? null;
  },
  insertIdentity(db: Database, r: IdentityRow): void {
    db.prepare(
      'INSERT INTO exchange_identity (id, name, role, organisation, encryption_secret, encryption_public, signing_secret, signing_public, fingerprint, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(r.name, r.role, r.organisation, r.encryption_secret, r.encryption_public, r.signing_secret, r.signing_public, r.fingerprint, r.created_at);
  },
  updateIdentityDetails(db: Database, name: string, role: string, organisation: string): void {
    db.prepare('UPDATE exchange_identity SET name = ?, role = ?, organisation = ? WHERE id = 1').run(name, role, organisation);
  },
  /**
   * Gives this store's identity new keys: the old row's encryption key and its statement that the new card
   * replaces it go to the previous identities (packages on their way to it still open); its signing key is dropped.
   */
  replaceIdentity(db: Database, next: Pick<IdentityRow, 'encryption_secret' | 'encryption_public' | 'signing_secret' | 'signing_public' | 'fingerprint' | 'created_at'>, statement: string, reason: string): void {
    const old = exchangeRepository.identity(db)!;
    db.prepare('INSERT INTO exchange_previous_identities (fingerprint, encryption_secret, encryption_public, signing_public, created_at, retired_at, reason, replaced_by, statement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      old.fingerprint, old.encryption_secret, old.encryption_public, old.signing_public, old.created_at, next.created_at, reason, next.fingerprint, statement,
    );
    db.prepare('UPDATE exchange_identity SET encryption_secret = ?, encryption_public = ?, signing_secret = ?, signing_public = ?, fingerprint = ?, created_at = ? WHERE id = 1').run(
      next.encryption_secret, next.encryption_public, next.signing_secret, next.signing_public, next.fingerprint, next.created_at,
    );
  },
  previousIdentities(db: Database): PreviousIdentityRow[] {
    return db.prepare('SELECT * FROM exchange_previous_identities ORDER BY retired_at DESC').all() as PreviousIdentityRow[];
  },
  revokeContact(db: Database, fingerprint: string, at: string, reason: string): void {
    db.prepare('UPDATE exchange_contacts SET revoked_at = ?, revoked_reason = ? WHERE fingerprint = ?').run(at, reason, fingerprint);
  },
  /** What a card proved it replaces, kept with it until it is checked with its holder. */
  setReplaces(db: Database, fingerprint: string, replaces: string[]): void {
    db.prepare('UPDATE exchange_contacts SET replaces = ? WHERE fingerprint = ?').run(JSON.stringify(replaces), fingerprint);
  },
  /** An earlier card now leads to the card that replaced it (set once that card has been checked). */
  setReplacedBy(db: Database, fingerprint: string, replacedBy: string): void {
    db.prepare('UPDATE exchange_contacts SET replaced_by = ? WHERE fingerprint = ?').run(replacedBy, fingerprint);
  },
  contacts(db: Database): ContactRow[] {
    return db.prepare('SELECT * FROM exchange_contacts ORDER BY name COLLATE NOCASE').all() as ContactRow[];
  },
  contact(db: Database, fingerprint: string): ContactRow | null {
    return (db.prepare('SELECT * FROM exchange_contacts WHERE fingerprint = ?').get(fingerprint) as ContactRow | undefined) ?? null;
  },
  upsertContact(db: Database, r: ContactRow): void {
    db.prepare(
      `INSERT INTO exchange_contacts (fingerprint, name, role, organisation, encryption_public, signing_public, verified, verified_at, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(fingerprint) DO UPDATE SET name = excluded.name, role = excluded.role, organisation = excluded.organisation, verified = excluded.verified, verified_at = excluded.verified_at`,
    ).run(r.fingerprint, r.name, r.role, r.organisation, r.encryption_public, r.signing_public, r.verified, r.verified_at, r.added_at);
  },
  openedPackage(db: Database, id: string): PackageRow | null {
    return (db.prepare("SELECT * FROM exchange_packages WHERE id = ? AND direction = 'in'").get(id) as PackageRow | undefined) ?? null;
  },
  recordPackage(db: Database, r: PackageRow): void {
    db.prepare('INSERT INTO exchange_packages (id, direction, kind, case_id, reference, counterpart, counterpart_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      r.id, r.direction, r.kind, r.case_id, r.reference, r.counterpart, r.counterpart_name, r.at,
    );
  },
  packages(db: Database, caseId: string): PackageRow[] {
    return db.prepare('SELECT * FROM exchange_packages WHERE case_id = ? ORDER BY at').all(caseId) as PackageRow[];
  },
  /** An issued document received in a package, kept verbatim as that version. */
  insertIssue(db: Database, r: { id: string; caseId: string; kind: string; variant: string; subjectId: string; version: number; final: boolean; issuedAt: string; issuedBy: string; model: string }): void {
    db.prepare('INSERT INTO document_issues (id, case_id, kind, variant, subject_id, version, final, issued_at, issued_by, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      r.id, r.caseId, r.kind, r.variant, r.subjectId, r.version, r.final ? 1 : 0, r.issuedAt, r.issuedBy, r.model,
    );
  },
  issueVersionTaken(db: Database, caseId: string, kind: string, variant: string, version: number): boolean {
    return db.prepare("SELECT 1 FROM document_issues WHERE case_id = ? AND kind = ? AND variant = ? AND subject_id = '' AND version = ?").get(caseId, kind, variant, version) !== undefined;
  },
  latestIssueVersion(db: Database, caseId: string, kind: string, variant: string): { version: number; final: number } | null {
    return (
      (db.prepare("SELECT version, final FROM document_issues WHERE case_id = ? AND kind = ? AND variant = ? AND subject_id = '' ORDER BY version DESC LIMIT 1").get(caseId, kind, variant) as
        | { version: number; final: number }
        | undefined) ?? null
    );
  },
  issueRows(db: Database, caseId: string): { id: string; kind: string; variant: string; subject_id: string; version: number; final: number; issued_at: string; issued_by: string; model: string }[] {
    return db.prepare('SELECT * FROM document_issues WHERE case_id = ? ORDER BY kind, variant, subject_id, version').all(caseId) as never;
  },
  /** Papers received for a review panel hearing (migration 010), kept inside the store. */
  insertDelivery(db: Database, r: DeliveryRow): void {
    db.prepare(
      'INSERT INTO panel_deliveries (package_id, sender_fingerprint, sender_name, sender_organisation, origin_case_id, reference, hearing_date, member_name, member_role, manifest, sent_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(r.package_id, r.sender_fingerprint, r.sender_name, r.sender_organisation, r.origin_case_id, r.reference, r.hearing_date, r.member_name, r.member_role, r.manifest, r.sent_at, r.received_at);
  },
  insertPaper(db: Database, r: PaperRow & { data: Buffer }): void {
    db.prepare(`INSERT INTO panel_papers (${PAPER_COLUMNS}, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      r.id, r.package_id, r.position, r.kind, r.document_kind, r.title, r.file_name, r.pages, r.size, r.sha256, r.manifest_sha256, r.data,
    );
  },
  /** Removes every package of one hearing and (by the foreign key's cascade) its papers; the number of packages. */
  deleteHearing(db: Database, senderFingerprint: string, originCaseId: string): number {
    return db.prepare('DELETE FROM panel_deliveries WHERE sender_fingerprint = ? AND origin_case_id = ?').run(senderFingerprint, originCaseId).changes;
  },
  deliveries(db: Database): DeliveryRow[] {
    return db.prepare('SELECT * FROM panel_deliveries ORDER BY sender_fingerprint, origin_case_id, sent_at, received_at').all() as DeliveryRow[];
  },
  papers(db: Database): PaperRow[] {
    return db.prepare(`SELECT ${PAPER_COLUMNS} FROM panel_papers ORDER BY package_id, position`).all() as PaperRow[];
  },
  paper(db: Database, id: string): (PaperRow & { data: Buffer }) | null {
    return (db.prepare(`SELECT ${PAPER_COLUMNS}, data FROM panel_papers WHERE id = ?`).get(id) as (PaperRow & { data: Buffer }) | undefined) ?? null;
  },
  /** Packages of panel papers sent for a case, per contact (fingerprint). */
  sentTo(db: Database, caseId: string): PackageRow[] {
    return db.prepare("SELECT * FROM exchange_packages WHERE case_id = ? AND direction = 'out' AND kind = 'panel-papers' ORDER BY at").all(caseId) as PackageRow[];
  },
};
