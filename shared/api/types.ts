import type { ClockView } from '../clock/caseClocks';

export interface AppStatus {
  version: string;
  storeOpen: boolean;
  storePath: string | null;
  /** Stores this device has opened, most recent first (paths only, never case data). */
  recentStores: { path: string; remembered: boolean }[];
  /** Whether "remember on this device" can be offered (the OS keychain is available). */
  rememberAvailable: boolean;
  ownerName: string | null;
  /** After opening: one sentence about something Casewright did on the way (it finished an interrupted save). */
  notice?: string;
}

export interface Settings {
  idleLockMinutes: number;
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
  /** What the check could not cover, each one sentence (for example, no earlier record of the store on this device). */
  notes: string[];
  /**
   * The log no longer holds the newest entry this device saw: removed or rewritten, or an older copy put back on
   * purpose (a restored backup), which the user may then accept with store.acceptAuditLog.
   */
  differsFromDevice: boolean;
}

export interface AuditView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  summary: string;
}

export interface DashboardRow {
  caseId: string;
  reference: string;
  council: string;
  childName: string;
  next: ClockView | null;
  overdueCount: number;
}

/** The kinds of item search can find, and filter by. */
export const SEARCH_KINDS = ['case', 'point', 'person', 'interview', 'evidence', 'attachment', 'chronology', 'finding', 'recommendation', 'panel'] as const;

/** A place a search found: `snippet` marks the matched words with [[ and ]]. */
export interface SearchHit {
  caseId: string;
  reference: string;
  kind: string;
  itemId: string;
  title: string;
  snippet: string;
  /** For an attached PDF, the page the words are on. */
  page: number | null;
}

export interface AttachmentInfo {
  id: string;
  caseId: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  addedAt: string;
  /** Set when the file's text could not be read for search. */
  textProblem?: string | null;
  /** A PDF's number of pages, when known (so an extract cannot cite a page past the last). */
  pages?: number | null;
  /** Set when only part of the file's text is searchable ("Only the first 2 million characters of this file are searchable."). */
  textNotice?: string | null;
}

/** A document version that was issued (frozen) or made final. */
export interface IssuedDocument {
  id: string;
  kind: string;
  variant: 'complainant' | 'council';
  subjectId: string;
  version: number;
  final: boolean;
  issuedAt: string;
  issuedBy: string;
  /** Issue 13: to whom this version was sent (as typed when issued; empty for versions issued before). */
  sentTo: string;
}

/**
 * A place where the complainant's version of a document, as rendered, names a person from the register whom
 * that version must not name (issue 10).
 */
export interface LeakHit {
  personId: string;
  /** The person's name in the register (shown to the council user, never written into the document). */
  person: string;
  /** The text as it appears in the document. */
  matched: string;
  /** The words around it. */
  context: string;
  /** Where: "PDF, page 2", "Word, page header", "file name". */
  where: string;
  /** What a "not this person" decision is recorded against. */
  key: string;
}

/** Why a backup was made: daily (kept 7 days, then one a week for 4 weeks), or before a change, or on request. */
export type BackupKind = 'daily' | 'before-migration' | 'before-passphrase' | 'before-restore' | 'manual';

export interface BackupInfo {
  file: string;
  name: string;
  createdAt: string;
  kind: BackupKind;
  size: number;
}

export interface BackupList {
  folder: string;
  /** Whether the folder is the default one beside the store. */
  isDefault: boolean;
  backups: BackupInfo[];
}
