import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseRecord, StoredCase } from '../../../../shared/domain/case';
import { ApiFailure, call, messageOf } from '../../api';
import { changeLines, type ChangeLine } from './conflict';

/** A save that met a change made elsewhere: the user's change is kept, with what changed, to re-apply or drop. */
export interface Conflict {
  change: (r: CaseRecord) => CaseRecord;
  describe: string | undefined;
  /** What changed elsewhere since the user's screen was loaded. */
  theirs: ChangeLine[];
  /** The user's own unsaved change, as text they can copy. */
  mine: ChangeLine[];
}

export interface Undoable {
  label: string;
  before: CaseRecord;
}

/**
 * One case open for editing. Every change is saved at once (autosave) against the revision it was made on;
 * destructive changes keep the record from before so they can be undone.
 */
export function useCaseEditor(id: string) {
  const [stored, setStored] = useState<StoredCase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string>('');
  const [undo, setUndo] = useState<Undoable | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const latest = useRef<StoredCase | null>(null);
  // What the screen shows: the saved record with every queued change applied (so a ticked box stays ticked).
  const shown = useRef<StoredCase | null>(null);
  // Saves run one after another so each is made on the revision the previous one produced.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const reload = useCallback(async () => {
    try {
      const c = await call('cases.get', { id });
      latest.current = c;
      shown.current = c;
      setStored(c);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // Changes queued but not yet saved, in order: what is shown is the saved record with these applied.
  const pending = useRef<((r: CaseRecord) => CaseRecord)[]>([]);
  const reshow = () => {
    const base = latest.current;
    if (!base) return;
    shown.current = { ...base, record: pending.current.reduce((r, f) => f(r), base.record) };
    setStored(shown.current);
  };

  /** `change` runs twice (on what is shown, then on what is saved), so it must not make ids or read the clock. */
  const save = useCallback(
    (change: (r: CaseRecord) => CaseRecord, opts: { describe?: string; undoable?: string } = {}): Promise<boolean> => {
      pending.current.push(change);
      reshow();
      setStatus('Saving…');
      const run = async () => {
        const current = latest.current;
        if (!current) return false;
        const next = change(current.record);
        try {
          const saved = await call('cases.update', { id, revision: current.revision, record: next });
          latest.current = saved;
          setError(null);
          setStatus(opts.describe ?? 'All changes saved.');
          // Undo puts back the whole record as it was, so it is offered only until the next change.
          setUndo(opts.undoable ? { label: opts.undoable, before: current.record } : null);
          return true;
        } catch (e) {
          setStatus('');
          if (e instanceof ApiFailure && e.code === 'CONFLICT') {
            // Changed elsewhere: load the newest version, and keep this change to re-apply or drop, never lost.
            try {
              const newest = await call('cases.get', { id });
              latest.current = newest;
              setConflict({ change, describe: opts.describe, theirs: changeLines(current.record, newest.record), mine: changeLines(current.record, next) });
              setError('This case was changed elsewhere (another window or the command line) while you worked, so your last change is not saved yet. It is kept below: apply it to the newest version, or drop it.');
            } catch (e2) {
              setError(messageOf(e2));
            }
            return false;
          }
          // Refused for another reason: this change is dropped; the screen shows the store plus the changes still queued.
          setError(messageOf(e));
          return false;
        } finally {
          pending.current.splice(pending.current.indexOf(change), 1);
          reshow();
        }
      };
      const p = queue.current.then(run, run);
      queue.current = p;
      return p;
    },
    [id],
  );

  /**
   * A save made by a form with its own call (key dates, the council profile, an extension, a lateness reason):
   * queued behind the autosaves, made on the newest revision, and adopted as the record every tab edits next,
   * so the workspace has one revision however a change was saved. Rejects with the refusal for the form to show.
   */
  const commit = useCallback((request: (current: StoredCase) => Promise<StoredCase>): Promise<StoredCase> => {
    setStatus('Saving…');
    const run = async () => {
      const current = latest.current;
      if (!current) throw new Error('The case is still loading; try again in a moment.');
      try {
        const saved = await request(current);
        latest.current = saved;
        setError(null);
        setUndo(null);
        setStatus('All changes saved.');
        return saved;
      } catch (e) {
        setStatus('');
        throw e;
      } finally {
        reshow();
      }
    };
    const p = queue.current.then(run, run);
    queue.current = p.catch(() => undefined);
    return p;
  }, []);

  /** Re-applies the kept change to the newest version, or drops it. */
  const resolveConflict = useCallback(
    async (apply: boolean) => {
      const c = conflict;
      setConflict(null);
      setError(null);
      if (c && apply) await save(c.change, { describe: c.describe ?? 'Your change was applied to the newest version.' });
    },
    [conflict, save],
  );

  const undoLast = useCallback(async () => {
    if (!undo) return;
    const before = undo.before;
    setUndo(null);
    await save(() => before, { describe: `Undone: ${undo.label}.` });
  }, [save, undo]);

  return { stored, record: stored?.record ?? null, error, setError, status, save, commit, undo, undoLast, reload, conflict, resolveConflict };
}

export type CaseEditor = ReturnType<typeof useCaseEditor>;

export const newId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;
