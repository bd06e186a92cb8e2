import { AttachmentService } from '../attachments/attachmentService';
import { BackupService, backupFolderFor } from '../backup/backupService';
import { CaseService } from '../cases/caseService';
import { DocumentService } from '../documents/documentService';
import { UserError } from '../errors';
import type { Platform, PersistedSettings } from '../platform';
import { CaseStore } from '../store/caseStore';

const MAX_RECENT = 8;
/** How often, at most, a session looks whether today's automatic backup is due. */
const DAILY_CHECK_MS = 60 * 60_000;

/**
 * The open store, if any, and the idle lock. Locking closes the database (so the key leaves memory with it)
 * and tells the UI, which drops everything it was showing.
 */
export class Session {
  private store: CaseStore | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lockAt: number | null = null;
  private lastDailyCheck = 0;
  /** Why the last automatic backup failed, shown with the list of backups; null when it worked. */
  lastBackupProblem: string | null = null;

  constructor(readonly platform: Platform) {}

  get isOpen(): boolean {
    return this.store?.isOpen ?? false;
  }

  get path(): string | null {
    return this.store?.path ?? null;
  }

  requireStore(): CaseStore {
    if (!this.store || !this.store.isOpen) {
      throw new UserError('LOCKED', 'The case store is locked; unlock it with your passphrase to continue.');
    }
    return this.store;
  }

  cases(): CaseService {
    const store = this.requireStore();
    return new CaseService(() => store.db, this.platform.actor);
  }

  attachments(): AttachmentService {
    const store = this.requireStore();
    return new AttachmentService(() => store.db, this.platform.actor);
  }

  documents(): DocumentService {
    const store = this.requireStore();
    return new DocumentService(() => store.db, this.platform.actor);
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

  attach(store: CaseStore): void {
    this.lock('user');
    this.store = store;
    this.lastDailyCheck = 0;
    const s = this.settings();
    this.platform.settings.write({ ...s, recentStores: [store.path, ...s.recentStores.filter((p) => p !== store.path)].slice(0, MAX_RECENT) });
    this.touch();
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
    this.store?.lock();
    this.store = null;
    if (wasOpen) this.platform.emit({ type: 'locked', reason });
  }
}
