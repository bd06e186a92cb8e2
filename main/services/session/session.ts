import { AttachmentService } from '../attachments/attachmentService';
import { CaseService } from '../cases/caseService';
import { DocumentService } from '../documents/documentService';
import { UserError } from '../errors';
import type { Platform, PersistedSettings } from '../platform';
import { CaseStore } from '../store/caseStore';
import { resolveStoreTarget, StorePathGrants, type StoreMode, type StoreTarget } from './storeTargets';

const MAX_RECENT = 8;

/**
 * The open store, if any, and the idle lock. Locking closes the database (so the key leaves memory with it)
 * and tells the UI, which drops everything it was showing.
 */
export class Session {
  private store: CaseStore | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lockAt: number | null = null;

  /** Tokens for store files chosen in the platform's dialog during this run. */
  readonly pathGrants = new StorePathGrants();

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

  documents(): DocumentService {
    const store = this.requireStore();
    return new DocumentService(() => store.db, this.actor);
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
