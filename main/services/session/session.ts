import { createHash } from 'node:crypto';
import nodePath from 'node:path';
import { AttachmentService } from '../attachments/attachmentService';
import { BackupService, backupFolderFor } from '../backup/backupService';
import type { PackService } from '../bundle/packService';
import { CaseService } from '../cases/caseService';
import { CouncilService } from '../councils/councilService';
import type { DocumentService } from '../documents/documentService';
import { ExchangeService } from '../exchange/exchangeService';
import type { PanelPapersService } from '../exchange/panelPapers';
import { UserError } from '../errors';
import type { Platform, PersistedSettings } from '../platform';
import { auditHead, extendsAnchor, type AuditAnchor } from '../store/audit';
import { CaseStore } from '../store/caseStore';
import { resolveStoreTarget, StorePathGrants, type StoreMode, type StoreTarget } from './storeTargets';

const MAX_RECENT = 8;
/** How often, at most, a session looks whether today's automatic backup is due. */
const DAILY_CHECK_MS = 60 * 60_000;

/** Settings name a store's anchor by a hash of its full path, not the path itself. */
export const anchorKey = (storePath: string) => createHash('sha256').update(nodePath.resolve(storePath)).digest('hex');

/**
 * The open store, if any, and the idle lock. Locking closes the database (so the key leaves memory with it)
 * and tells the UI, which drops everything it was showing.
 */
export class Session {
  private store: CaseStore | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lockAt: number | null = null;
  /** Whether this device had a record of the open store's audit log before this session opened it. */
  private anchoredBeforeOpen = false;

  /** Tokens for store files chosen in the platform's dialog during this run. */
  readonly pathGrants = new StorePathGrants();

  private lastDailyCheck = 0;
  /** Why the last automatic backup failed, shown with the list of backups; null when it worked. */
  lastBackupProblem: string | null = null;

  constructor(readonly platform: Platform) {}

  /** The file a store.create/store.open call may use: a dialog token, a recent store, or one the platform allows. */
  storeTarget(target: StoreTarget, mode: StoreMode): string {
    return resolveStoreTarget(target, mode, { grants: this.pathGrants, recentStores: this.settings().recentStores, allowsPath: this.platform.allowsPath?.bind(this.platform) });
  }

  get isOpen(): boolean {
    return this.store?.isOpen ?? false;
  }

  get path(): string | null {
    return this.store?.path ?? null;
  }

  /**
   * Who the audit log names: the person who made the store (the name given when it was created), else the
   * platform's user (the OS account, or CASEWRIGHT_USER on the command line).
   */
  get actor(): string {
    return (this.isOpen ? this.store?.meta('created_by') : null) || this.platform.actor;
  }

  requireStore(): CaseStore {
    if (!this.store || !this.store.isOpen) {
      throw new UserError('LOCKED', 'The case store is locked; unlock it with your passphrase to continue.');
    }
    return this.store;
  }

  cases(): CaseService {
    const store = this.requireStore();
    return new CaseService(() => store.db, this.actor);
  }

  attachments(): AttachmentService {
    const store = this.requireStore();
    return new AttachmentService(() => store.db, this.actor);
  }

  councils(): CouncilService {
    const store = this.requireStore();
    return new CouncilService(() => store.db, this.actor);
  }

  /** Loaded on first use: the renderers bring PDFKit, docx and fontkit, which nothing else needs. */
  async documents(): Promise<DocumentService> {
    const store = this.requireStore();
    const { DocumentService } = await import('../documents/documentService');
    return new DocumentService(() => store.db, this.actor);
  }

  /** The review exchange: this store's identity, contacts and packages. */
  exchange(): ExchangeService {
    const store = this.requireStore();
    return new ExchangeService(() => store.db, this.actor, store.meta('created_by') || this.platform.actor);
  }

  /**
   * The hearing pack and the review panel of each case (issue 16). Loaded on first use (issue 15): pdf-lib,
   * the pack's canvas and the renderers it reaches are not needed by other commands.
   */
  async bundle(): Promise<PackService> {
    const store = this.requireStore();
    const { PackService } = await import('../bundle/packService');
    return new PackService(() => store.db, this.actor);
  }

  /** Papers for the review panel: sent from the case's store, kept in the member's (issue 16). */
  async panelPapers(): Promise<PanelPapersService> {
    const store = this.requireStore();
    const { PanelPapersService } = await import('../exchange/panelPapers');
    return new PanelPapersService(() => store.db, this.actor, this.exchange(), await this.bundle(), () => this.documents());
  }

  backups(): BackupService {
    const store = this.requireStore();
    return new BackupService(() => store.db, store.path, this.backupFolder(store.path));
  }

  /** The backup folder for a store on this device (before the store is open, for backups before a migration). */
  backupFolder(storePath: string): string {
    return backupFolderFor(storePath, this.settings().backupFolders);
  }

  /** Today's automatic backup, if none has been made yet; a failure never stops the user's work. */
  dailyBackupIfDue(): void {
    if (!this.isOpen || Date.now() - this.lastDailyCheck < DAILY_CHECK_MS) return;
    this.lastDailyCheck = Date.now();
    try {
      this.backups().dailyIfDue();
      this.lastBackupProblem = null;
    } catch (e) {
      this.lastBackupProblem = (e as Error).message;
    }
  }

  settings(): PersistedSettings {
    return this.platform.settings.read();
  }

  updateSettings(patch: Partial<PersistedSettings>): PersistedSettings {
    const next = { ...this.settings(), ...patch };
    this.platform.settings.write(next);
    if (this.isOpen) this.touch();
    return next;
  }

  /** `created`: a new store at this path, so whatever this device saw of an earlier file there no longer applies. */
  attach(store: CaseStore, opts: { created?: boolean } = {}): void {
    this.lock('user');
    this.store = store;
    this.lastDailyCheck = 0;
    const s = this.settings();
    const anchors = { ...(s.auditAnchors ?? {}) };
    if (opts.created) delete anchors[anchorKey(store.path)];
    // A store made here has been seen by this device from its first entry.
    this.anchoredBeforeOpen = opts.created === true || anchorKey(store.path) in anchors;
    this.platform.settings.write({ ...s, auditAnchors: anchors, recentStores: [store.path, ...s.recentStores.filter((p) => p !== store.path)].slice(0, MAX_RECENT) });
    this.recordAnchor();
    this.touch();
  }

  /** False when this device first saw the open store in this session (so it had nothing to compare with). */
  get storeWasKnown(): boolean {
    return this.anchoredBeforeOpen;
  }

  /** The newest audit entry this device has seen in the open store, if any. */
  auditAnchor(): AuditAnchor | null {
    return this.store ? ((this.settings().auditAnchors ?? {})[anchorKey(this.store.path)] ?? null) : null;
  }

  /**
   * Moves the open store's anchor forward to its newest audit entry, after each call and before locking. A log
   * that no longer holds the anchored entry is left alone, so verify keeps reporting it.
   */
  recordAnchor(): void {
    if (!this.store?.isOpen) return;
    const db = this.store.db;
    const head = auditHead(db);
    if (!head) return;
    const prev = this.auditAnchor();
    if (prev && prev.length === head.length && prev.head === head.head) return;
    if (prev && !extendsAnchor(db, prev)) return;
    const s = this.settings();
    this.platform.settings.write({ ...s, auditAnchors: { ...(s.auditAnchors ?? {}), [anchorKey(this.store.path)]: head } });
  }

  /** True when the open store's log no longer holds the newest entry this device saw in it. */
  storeDiffersFromDevice(): boolean {
    const prev = this.auditAnchor();
    return this.store?.isOpen === true && prev !== null && !extendsAnchor(this.store.db, prev);
  }

  /** Makes the open store's newest entry this device's record, whatever it held before (after a deliberate restore). */
  resetAnchor(): void {
    if (!this.store?.isOpen) return;
    const head = auditHead(this.store.db);
    const s = this.settings();
    const anchors = { ...(s.auditAnchors ?? {}) };
    if (head) anchors[anchorKey(this.store.path)] = head;
    else delete anchors[anchorKey(this.store.path)];
    this.platform.settings.write({ ...s, auditAnchors: anchors });
  }

  /** Called on every user action; restarts the idle countdown. */
  touch(): number | null {
    if (!this.isOpen) return null;
    if (this.timer) clearTimeout(this.timer);
    const ms = this.platform.idleLockMsOverride ?? this.settings().idleLockMinutes * 60_000;
    this.lockAt = Date.now() + ms;
    this.timer = setTimeout(() => this.lock('idle'), ms);
    this.timer.unref?.();
    return this.lockAt;
  }

  lock(reason: 'idle' | 'user'): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lockAt = null;
    const wasOpen = this.isOpen;
    try {
      this.recordAnchor();
    } catch {
      // Locking must never fail; the anchor stays where it was.
    }
    this.store?.lock();
    this.store = null;
    if (wasOpen) this.platform.emit({ type: 'locked', reason });
  }
}
