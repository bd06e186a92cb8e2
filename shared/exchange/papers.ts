/**
 * Papers a panel member received for a Stage 3 hearing (docs/exchange.md, "Papers for the review panel"):
 * kept inside their store, grouped by hearing (the sender and the sender's case), newest package first.
 */
export interface ReceivedPaper {
  id: string;
  /** The hearing pack itself, or one of the case's issued documents sent with it. */
  kind: 'pack' | 'document';
  /** The document kind the sender gave (any string; kinds are not limited to this Casewright's list). */
  documentKind: string | null;
  title: string;
  fileName: string;
  pages: number;
  size: number;
  /** SHA-256 of the bytes kept, and whether it is the digest the sender signed in the package's manifest. */
  sha256: string;
  matchesManifest: boolean;
}

export interface ReceivedDelivery {
  packageId: string;
  /** 1 for the first package for this hearing, 2 for the next (a late insert) … by the sender's time of sending. */
  version: number;
  newest: boolean;
  sentAt: string;
  receivedAt: string;
  memberName: string;
  memberRole: 'chair' | 'member';
  hearingDate: string | null;
  /** Pages of the pack and how many documents its index lists. */
  packPages: number;
  packDocuments: number;
  papers: ReceivedPaper[];
}

export interface ReceivedHearing {
  /** The sender's fingerprint and their case id: one hearing. */
  key: string;
  reference: string;
  from: { name: string; organisation: string; fingerprint: string };
  hearingDate: string | null;
  /** Newest first; older versions are kept. */
  deliveries: ReceivedDelivery[];
}

/** What the complaints team sees before sending a panel member their papers. */
export interface PanelSendView {
  members: { id: string; name: string; role: 'chair' | 'member'; contact: { fingerprint: string; name: string; verified: boolean } | null; sent: { at: string; packageId: string }[] }[];
  /** Issued documents of the case that can go with the pack: the council's version of each kind, newest issue. */
  documents: { kind: string; title: string; version: number; final: boolean; issuedAt: string }[];
  /** Why the pack cannot be sent yet (its checks), empty when it can. */
  problems: string[];
}
