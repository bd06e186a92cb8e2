import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { DateField } from '../../ui/DateField';
import type { EvidenceItem } from '../../../../shared/domain/investigation';
import type { AttachmentInfo } from '../../../../shared/api/types';
import { call, messageOf } from '../../api';
import { Alert } from '../../ui/Field';
import { PointPicker } from '../../ui/PointPicker';
import { TextField } from '../../ui/TextField';
import { RichTextField } from '../../ui/LazyRichTextField';
import { richFromPlain } from '../../../../shared/domain/richText';
import { fileToBase64 } from '../../ui/files';
import type { CaseEditor } from './useCaseEditor';
import { newId } from './useCaseEditor';

/** pdf.js (a quarter of the window's code) loads the first time a file is opened, not with the app. */
const FileViewer = lazy(() => import('../../ui/FileViewer').then((m) => ({ default: m.FileViewer })));

/** "a.pdf", "a.pdf and b.pdf", "a.pdf, b.pdf and c.eml". */
const listInWords = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** The next reference: one after the highest in use (E1, E2 …). */
function nextRef(items: EvidenceItem[]): string {
  const max = items.reduce((m, e) => Math.max(m, Number(e.ref.slice(1))), 0);
  return `E${max + 1}`;
}

/** The evidence register: files held in the store, their references, and extracts linked to points. */
export function EvidenceTab({ editor, focusItem, focusPage }: { editor: CaseEditor; focusItem: string | null; focusPage?: number | null }) {
  const r = editor.record!;
  const [files, setFiles] = useState<AttachmentInfo[]>([]);
  const [viewing, setViewing] = useState<string | null>(null);
  // Where focus was when the viewer opened, so closing it puts the keyboard back there, not at the top of the page.
  const openedFrom = useRef<HTMLElement | null>(null);
  const view = (id: string) => {
    openedFrom.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setViewing(id);
  };
  const closeViewer = () => {
    setViewing(null);
    const back = openedFrom.current;
    requestAnimationFrame(() => back?.focus());
  };
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const caseId = editor.stored!.id;
  const loadFiles = () => call('attachments.list', { caseId }).then(setFiles, (e) => setError(messageOf(e)));
  useEffect(() => {
    void loadFiles();
    // Opened from a search result on an attached file: show it straight away.
    if (focusItem && !r.evidence.some((e) => e.id === focusItem)) setViewing(focusItem);
  }, [caseId]);
  const setItem = (id: string, patch: Partial<EvidenceItem>) => editor.save((rec) => ({ ...rec, evidence: rec.evidence.map((e) => (e.id === id ? { ...e, ...patch } : e)) }));

  const addFiles = async (list: FileList) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    // Every file is tried; the notice names each one added, and each refused one with its reason.
    const added: string[] = [];
    const notes: string[] = [];
    const refused: string[] = [];
    // A FileList is live: the input is cleared for the next choice while these are still being added.
    const chosen = Array.from(list);
    try {
      for (const f of chosen) {
        try {
          const info = await call('attachments.add', { caseId, fileName: f.name, dataBase64: await fileToBase64(f) });
          const itemId = newId('evidence');
          await editor.save((rec) => ({ ...rec, evidence: [...rec.evidence, { id: itemId, ref: nextRef(rec.evidence), title: f.name.replace(/\.[^.]+$/, ''), source: '', date: null, description: '', attachmentId: info.id, pointIds: [], extracts: [] }] }));
          added.push(f.name);
          // With one file the note needs no name; with several, each note says which file it is about.
          for (const note of [info.textNotice, info.textProblem]) if (note) notes.push(chosen.length === 1 ? note : `${f.name}: ${note}`);
        } catch (e) {
          // The sentence names the file and why it was refused.
          refused.push(messageOf(e));
        }
      }
      await loadFiles();
    } finally {
      setBusy(false);
    }
    if (added.length > 0) setNotice([`Added ${listInWords(added)} to the evidence register.`, ...notes].join(' '));
    if (refused.length > 0) setError(refused.join(' '));
  };

  return (
    <section aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence register</h2>
      {error && <Alert kind="error">{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      <div className="actions">
        <label className="button file-button">
          {busy ? 'Adding…' : 'Add files to the register…'}
          <input type="file" multiple accept=".pdf,.docx,.eml,.txt,.png,.jpg,.jpeg,.gif" className="visually-hidden" onChange={(e) => {
            if (e.target.files?.length) void addFiles(e.target.files);
            e.target.value = '';
          }} />
        </label>
        <button type="button" className="button button--secondary" onClick={() => {
          const itemId = newId('evidence');
          void editor.save((rec) => ({ ...rec, evidence: [...rec.evidence, { id: itemId, ref: nextRef(rec.evidence), title: 'Untitled evidence', source: '', date: null, description: '', attachmentId: null, pointIds: [], extracts: [] }] }), { describe: 'Evidence item added.' });
        }}>
          Add an item without a file
        </button>
      </div>
      {viewing && (
        <Suspense fallback={<p role="status">Opening the file…</p>}>
          <FileViewer key={viewing} attachmentId={viewing} startPage={viewing === focusItem ? focusPage ?? null : null} onClose={closeViewer} />
        </Suspense>
      )}
      {r.evidence.map((e) => {
        const file = files.find((f) => f.id === e.attachmentId);
        return (
          <div key={e.id} className="item-card" role="group" aria-label={`${e.ref} ${e.title}`}>
            <h3>
              {e.ref} {e.title}
            </h3>
            {file && (
              <p>
                File: {file.fileName} ({Math.ceil(file.size / 1024)} KB){' '}
                <button type="button" className="link" onClick={() => view(file.id)}>
                  View {e.ref}
                </button>{' '}
                <button type="button" className="link" onClick={async () => {
                  if (!window.confirm(`Save an unencrypted copy of ${file.fileName} outside the case store? Anyone with access to where you save it can read it.`)) return;
                  try {
                    const res = await call('attachments.exportCopy', { id: file.id });
                    if (res.path) setNotice(`Saved an unencrypted copy to ${res.path}.`);
                  } catch (err) {
                    setError(messageOf(err));
                  }
                }}>
                  Export a copy of {e.ref}
                </button>
              </p>
            )}
            <div className="grid">
              <TextField label={`${e.ref} title`} value={e.title} validate={(v) => (v.trim() ? null : 'Enter a title.')} onSave={(v) => setItem(e.id, { title: v.trim() })} />
              <TextField label={`${e.ref} source`} value={e.source} onSave={(v) => setItem(e.id, { source: v })} placeholder="e.g. Case recording system" />
              <DateField partial label={`${e.ref} date`} value={e.date} onSave={(d) => setItem(e.id, { date: d })} />
            </div>
            <TextField label={`${e.ref} description`} multiline value={e.description} onSave={(v) => setItem(e.id, { description: v })} />
            <PointPicker legend={`Points ${e.ref} bears on`} points={r.points} value={e.pointIds} onChange={(ids) => void setItem(e.id, { pointIds: ids })} />
            <h4>Extracts from {e.ref}</h4>
            {e.extracts.map((x, k) => (
              <div key={x.id} className="extract">
                <RichTextField label={`${e.ref} extract ${k + 1}: quotation`} value={x.quote} required="Enter the quotation." maxLength={10_000} people={r.people} onSave={(v) => setItem(e.id, { extracts: e.extracts.map((y) => (y.id === x.id ? { ...y, quote: v } : y)) })} />
                <TextField label={`${e.ref} extract ${k + 1}: page`} value={x.page === null ? '' : String(x.page)} validate={(v) => {
                    if (v.trim() === '') return null;
                    if (!/^[1-9]\d{0,4}$/.test(v.trim())) return 'Enter a page number (1 or more), or leave it empty.';
                    const pages = file?.pages;
                    return pages && Number(v) > pages ? `${e.ref} has ${pages} page${pages === 1 ? '' : 's'}; enter a page from 1 to ${pages}.` : null;
                  }} onSave={(v) => setItem(e.id, { extracts: e.extracts.map((y) => (y.id === x.id ? { ...y, page: v.trim() ? Number(v) : null } : y)) })} />
                <PointPicker legend={`Points ${e.ref} extract ${k + 1} bears on`} points={r.points} value={x.pointIds} onChange={(ids) => void setItem(e.id, { extracts: e.extracts.map((y) => (y.id === x.id ? { ...y, pointIds: ids } : y)) })} />
              </div>
            ))}
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => void setItem(e.id, { extracts: [...e.extracts, { id: newId('extract'), quote: richFromPlain('Quotation'), page: null, pointIds: [] }] })}>
                Add an extract from {e.ref}
              </button>
              <button type="button" className="button button--secondary" onClick={() => {
                if (window.confirm(`Remove ${e.ref} from the register? The file stays in the store until the case is deleted.`)) {
                  void editor.save((rec) => ({ ...rec, evidence: rec.evidence.filter((y) => y.id !== e.id), chronology: rec.chronology.map((c) => (c.source.kind === 'evidence' && c.source.id === e.id ? { ...c, source: { kind: 'other', id: null, note: `${e.ref} (removed)` } } : c)) }), { undoable: `removing ${e.ref}` });
                }
              }}>
                Remove {e.ref}
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
