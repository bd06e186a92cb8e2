import { randomBytes } from 'node:crypto';
import { UserError } from '../errors';

/**
 * Which case store files a caller may create or open. The renderer never names an arbitrary path: it gets an
 * opaque token for a file the person chose in the platform's own dialog during this run of the app, or picks
 * a path from the recent-stores list (files this device has opened before). A platform can also vouch for
 * paths it was given by its own user outside any dialog (the CLI's --store), through Platform.allowsPath.
 * So a compromised page cannot make Casewright create or open a store wherever it likes.
 */
export type StoreMode = 'create' | 'open';

/** What store.create and store.open accept: exactly one of a dialog token or a path. */
export interface StoreTarget {
  token?: string | undefined;
  path?: string | undefined;
}

const MAX_GRANTS = 32;

export class StorePathGrants {
  private readonly byToken = new Map<string, { path: string; mode: StoreMode }>();

  /** Records a path the person chose in a dialog and returns the token that stands for it. */
  grant(path: string, mode: StoreMode): string {
    const token = `cwpath_${randomBytes(18).toString('base64url')}`;
    this.byToken.set(token, { path, mode });
    // Only the latest few are kept; a token is only ever needed moments after its dialog closed.
    while (this.byToken.size > MAX_GRANTS) this.byToken.delete(this.byToken.keys().next().value as string);
    return token;
  }

  /** The path a token stands for, if it was issued in this run for this kind of dialog. */
  pathFor(token: string, mode: StoreMode): string | null {
    const g = this.byToken.get(token);
    return g && g.mode === mode ? g.path : null;
  }
}

export interface TargetRules {
  grants: StorePathGrants;
  recentStores: readonly string[];
  allowsPath?: ((path: string) => boolean) | undefined;
}

/** The file a store.create/store.open call may use, or a one-sentence refusal. */
export function resolveStoreTarget(target: StoreTarget, mode: StoreMode, rules: TargetRules): string {
  const again = mode === 'create' ? 'choose where to save it with Choose… and try again' : 'choose the file with Browse… and try again';
  if (target.token !== undefined) {
    const path = rules.grants.pathFor(target.token, mode);
    if (path === null) throw new UserError('INVALID_INPUT', `That case store file was not chosen in this window since Casewright started; ${again}.`);
    return path;
  }
  const path = target.path;
  if (path !== undefined && (rules.recentStores.includes(path) || rules.allowsPath?.(path) === true)) return path;
  throw new UserError('INVALID_INPUT', `Casewright only ${mode === 'create' ? 'creates' : 'opens'} a case store you chose in its file dialog or from the recent stores; ${again}.`);
}
