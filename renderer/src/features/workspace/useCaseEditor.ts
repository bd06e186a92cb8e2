import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseRecord, StoredCase } from '../../../../shared/domain/case';
import { call, messageOf } from '../../api';

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

  /** `change` runs twice (on what is shown, then on what is saved), so it must not make ids or read the clock. */
  const save = useCallback(
    (change: (r: CaseRecord) => CaseRecord, opts: { describe?: string; undoable?: string } = {}): Promise<boolean> => {
      if (shown.current) {
        shown.current = { ...shown.current, record: change(shown.current.record) };
        setStored(shown.current);
        setStatus('Saving…');
      }
      const run = async () => {
        const current = latest.current;
        if (!current) return false;
        const next = change(current.record);
        try {
          const saved = await call('cases.update', { id, revision: current.revision, record: next });
          latest.current = saved;
          shown.current = { ...saved, record: shown.current?.record ?? saved.record };
          setStored(shown.current);
          setError(null);
          setStatus(opts.describe ?? 'All changes saved.');
          if (opts.undoable) setUndo({ label: opts.undoable, before: current.record });
          return true;
        } catch (e) {
          // Refused: show what the store holds, without this or any queued change.
          shown.current = latest.current;
          setStored(latest.current);
          setError(messageOf(e));
          setStatus('');
          return false;
        }
      };
      const p = queue.current.then(run, run);
      queue.current = p;
      return p;
    },
    [id],
  );

  const undoLast = useCallback(async () => {
    if (!undo) return;
    const before = undo.before;
    setUndo(null);
    await save(() => before, { describe: `Undone: ${undo.label}.` });
  }, [save, undo]);

  return { stored, record: stored?.record ?? null, error, setError, status, save, undo, undoLast, reload };
}

export type CaseEditor = ReturnType<typeof useCaseEditor>;

export const newId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;
