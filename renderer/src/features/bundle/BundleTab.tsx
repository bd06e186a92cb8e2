import { useCallback, useEffect, useRef, useState } from 'react';
import { RECIPIENTS, RECIPIENT_LABELS, type BuildProgress, type PackView, type Recipient } from '../../../../shared/bundle/model';
import { pageRange } from '../../../../shared/bundle/layout';
import { DOCUMENT_TITLES, type DocumentKind } from '../../../../shared/documents/model';
import type { CaseRecord } from '../../../../shared/domain/case';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';
import { fileToBase64 } from '../../ui/files';
import { PanelPapersSection } from '../papers/PanelPapersSection';

const KINDS: DocumentKind[] = ['statement-of-complaint', 'investigation-report', 'ip-report', 'adjudication-letter', 'extension-letter'];

/**
 * The Stage 3 hearing pack (issue 16): the index as it will print, sections in order, documents added from the
 * case's issued documents, the evidence register or PDF files; redactions; the build for each recipient with
 * progress and Cancel; and the review panel with the hearing date's check.
 */
export function BundleTab({ caseId, record }: { caseId: string; record: CaseRecord }) {
  const [view, setView] = useState<PackView | null>(null);
  const [checks, setChecks] = useState<{ problems: string[]; warnings: string[] }>({ problems: [], warnings: [] });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<DocumentKind>('statement-of-complaint');
  const [evidenceId, setEvidenceId] = useState(record.evidence.find((e) => e.attachmentId)?.id ?? '');
  const [fileSection, setFileSection] = useState('B');
  const [fileTitle, setFileTitle] = useState('');
  const [after, setAfter] = useState('');
  const [recipient, setRecipient] = useState<Recipient>('panel');
  const [progress, setProgress] = useState<BuildProgress | null>(null);
  const job = useRef<string | null>(null);
  const [redactEntry, setRedactEntry] = useState('');
  const [phrase, setPhrase] = useState('');
  const [reason, setReason] = useState('');
  const [memberName, setMemberName] = useState('');
  const [memberRole, setMemberRole] = useState<'chair' | 'member'>('chair');
  const [independent, setIndependent] = useState(false);
  const [hearing, setHearing] = useState('');
  const [hearingNote, setHearingNote] = useState<string | null>(null);
  const [panelProblems, setPanelProblems] = useState<string[]>([]);
  const [previewLabel, setPreviewLabel] = useState('');
  const [preview, setPreview] = useState<{ label: string; title: string; pngBase64: string; note: string | null; recipient: Recipient } | null>(null);

  const load = useCallback(async () => {
    try {
      const v = await call('bundle.get', { caseId });
      setView(v);
      setHearing(v.pack.hearingDate ?? '');
      setChecks(await call('bundle.check', { caseId, recipient: null }));
    } catch (e) {
      setError(messageOf(e));
    }
  }, [caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs a change; its sentence, if refused, is shown and nothing else changes. */
  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
      if (done) setNotice(done);
      await load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const build = async () => {
    const id = `build-${Date.now()}`;
    job.current = id;
    setProgress({ state: 'running', documentsDone: 0, documentsTotal: view?.pack.entries.length ?? 0, pagesDone: 0, pagesTotal: view?.totalPages ?? 0, message: null });
    const timer = setInterval(() => {
      void call('bundle.progress', { jobId: id }).then((p) => p.progress && job.current === id && setProgress(p.progress));
    }, 400);
    await act(async () => {
      try {
        const r = await call('bundle.build', { caseId, recipient, jobId: id });
        if ('manifestPath' in r) {
          setNotice(`Built the pack for ${RECIPIENT_LABELS[recipient]}: ${r.pages} pages, saved as ${r.path}, with its manifest beside it${r.redactionLogPath ? ' and the redaction log' : ''}.${r.redactions.length ? ` ${r.redactions.length} redaction${r.redactions.length === 1 ? '' : 's'} made.` : ''}`);
        }
      } finally {
        clearInterval(timer);
        job.current = null;
        setProgress(null);
      }
    });
  };

  if (!view) return <section aria-labelledby="pack-heading"><h2 id="pack-heading">Hearing pack</h2>{error ? <Alert kind="error">{error}</Alert> : <p>Loading…</p>}</section>;
  const pack = view.pack;
  const rows = view.sections.flatMap((s) => s.rows);
  const pdfEvidence = record.evidence.filter((e) => e.attachmentId);

  return (
    <section aria-labelledby="pack-heading">
      <h2 id="pack-heading">Hearing pack (Stage 3)</h2>
      <p className="hint">
        One PDF for the review panel, the complainant and the council, with the same page numbers in each: an index whose entries link to their pages,
        bookmarks, and a number stamped on every page. {pack.sent ? `Sent on ${pack.sent.at.slice(0, 10)}: new material goes in as late inserts, so no page number changes.` : ''}
      </p>
      {error && <Alert kind="error">{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}

      <fieldset>
        <legend>Page numbers</legend>
        {(['section', 'continuous'] as const).map((n) => (
          <label key={n} className="radio">
            <input type="radio" name="numbering" checked={pack.numbering === n} disabled={busy || Boolean(pack.sent)} onChange={() => void act(() => call('bundle.setNumbering', { caseId, numbering: n }))} />{' '}
            {n === 'section' ? 'By section (A1, A2 … B1), index in roman numerals' : 'Continuous (1, 2, 3 …), index first'}
          </label>
        ))}
      </fieldset>

      <h3>Index ({view.totalPages} pages; index {view.indexLabels.join(', ')})</h3>
      {view.sections.map(({ section, rows: sr }, si) => (
        <div key={section.id} role="group" aria-label={`Section ${section.letter} ${section.title}`}>
          <h4>
            {section.letter} {section.title}{' '}
            <button type="button" className="link" disabled={busy || si === 0 || Boolean(pack.sent)} onClick={() => void act(() => call('bundle.moveSection', { caseId, section: section.id, direction: 'up' }))}>
              Move section {section.letter} up
            </button>
          </h4>
          {sr.length === 0 ? (
            <p className="hint">Nothing in this section.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Documents in section {section.letter}</caption>
              <thead>
                <tr>
                  <th scope="col">Pages</th>
                  <th scope="col">Document</th>
                  <th scope="col">Date</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {sr.map((r) => (
                  <tr key={r.entryId}>
                    <td>{pageRange(r)}</td>
                    <th scope="row">
                      {r.late ? '(late) ' : ''}
                      {r.title}
                    </th>
                    <td>{r.date ?? ''}</td>
                    <td>
                      <button type="button" className="link" disabled={busy || Boolean(pack.sent) || r.late} onClick={() => void act(() => call('bundle.moveEntry', { caseId, entry: r.entryId, direction: 'up' }))}>
                        Move {r.title} up
                      </button>{' '}
                      <button type="button" className="link" disabled={busy || Boolean(pack.sent)} onClick={() => void act(() => call('bundle.remove', { caseId, entry: r.entryId }), `Took “${r.title}” out of the pack.`)}>
                        Remove {r.title}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}

      <div className="grid">
        <Field label="Look at page" hint="Any page as the chosen version (below, under Build) will show it, redactions made, before its number is stamped.">
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={previewLabel} onChange={(e) => setPreviewLabel(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="button" className="button button--secondary" disabled={busy || !previewLabel.trim()} onClick={() => void act(async () => setPreview({ ...(await call('bundle.previewPage', { caseId, page: previewLabel, recipient })), recipient }))}>
            Show the page
          </button>
        </div>
      </div>
      {preview && (
        <figure className="page-preview">
          {preview.pngBase64 && <img src={`data:image/png;base64,${preview.pngBase64}`} alt={`Page ${preview.label}: ${preview.title}, as ${RECIPIENT_LABELS[preview.recipient]}’s version shows it`} />}
          <figcaption>
            Page {preview.label} of “{preview.title}” ({RECIPIENT_LABELS[preview.recipient]}’s version). {preview.note ?? ''}
          </figcaption>
        </figure>
      )}

      {(checks.problems.length > 0 || checks.warnings.length > 0) && (
        <section aria-labelledby="pack-checks">
          <h3 id="pack-checks">Checks before building</h3>
          <ul>
            {[...checks.problems, ...checks.warnings].map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}

      <h3>Add to the pack</h3>
      <Field label="Insert after page (for a late insert, e.g. A12; leave empty to add at the end of the section)">
        {({ id }) => <input id={id} value={after} onChange={(e) => setAfter(e.target.value)} />}
      </Field>
      <div className="grid">
        <Field label="Issued document" hint="The newest issued version goes in, never a draft.">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {DOCUMENT_TITLES[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => void act(() => call('bundle.addDocument', { caseId, kind, after: after.trim() || null }), `Added the ${DOCUMENT_TITLES[kind].toLowerCase()}.`)}>
            Add the issued document
          </button>
        </div>
      </div>
      {pdfEvidence.length > 0 && (
        <div className="grid">
          <Field label="Evidence from the register">
            {({ id }) => (
              <select id={id} value={evidenceId} onChange={(e) => setEvidenceId(e.target.value)}>
                {pdfEvidence.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.ref} {e.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="actions">
            <button type="button" className="button" disabled={busy || !evidenceId} onClick={() => void act(() => call('bundle.addEvidence', { caseId, evidenceId, after: after.trim() || null }), 'Added the evidence.')}>
              Add the evidence
            </button>
          </div>
        </div>
      )}
      <div className="grid">
        <Field label="Section for a PDF file">
          {({ id }) => (
            <select id={id} value={fileSection} onChange={(e) => setFileSection(e.target.value)}>
              {pack.sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.letter} {s.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Title of the file in the index (optional)">{({ id }) => <input id={id} value={fileTitle} onChange={(e) => setFileTitle(e.target.value)} />}</Field>
        <div className="actions">
          <label className="button file-button">
            Add a PDF file…
            <input
              type="file"
              accept=".pdf,application/pdf"
              className="visually-hidden"
              disabled={busy}
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void act(async () => call('bundle.addFile', { caseId, fileName: f.name, dataBase64: await fileToBase64(f), section: fileSection, title: fileTitle.trim() || undefined, after: after.trim() || null }), `Added ${f.name}.`);
              }}
            />
          </label>
        </div>
      </div>

      <h3>Redact</h3>
      <p className="hint">The words are removed from the file, not only covered: the page is redrawn as a picture with the rest of its text still searchable.</p>
      <div className="grid">
        <Field label="Document to redact">
          {({ id }) => (
            <select id={id} value={redactEntry} onChange={(e) => setRedactEntry(e.target.value)}>
              <option value="">Choose…</option>
              {rows.map((r) => (
                <option key={r.entryId} value={r.entryId}>
                  {pageRange(r)} {r.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Words to remove (complainant’s version)">{({ id }) => <input id={id} value={phrase} onChange={(e) => setPhrase(e.target.value)} />}</Field>
        <Field label="Reason for the redaction">{({ id }) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
        <div className="actions">
          <button type="button" className="button" disabled={busy || !redactEntry} onClick={() => void act(async () => {
            await call('bundle.redact', { caseId, entry: redactEntry, phrase, reason });
            setPhrase('');
          }, 'Redaction recorded; it is made when the pack is built.')}>
            Add the redaction
          </button>
        </div>
      </div>
      {pack.redactions.length > 0 && <p>{pack.redactions.length} redaction{pack.redactions.length === 1 ? '' : 's'} recorded.</p>}

      <h3>Build</h3>
      <div className="grid">
        <Field label="Version for">
          {({ id }) => (
            <select id={id} value={recipient} onChange={(e) => setRecipient(e.target.value as Recipient)}>
              {RECIPIENTS.map((r) => (
                <option key={r} value={r}>
                  {RECIPIENT_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="button" className="button" disabled={busy || rows.length === 0} onClick={() => void build()}>
            Build the pack…
          </button>
          {progress && (
            <button type="button" className="button button--secondary" onClick={() => job.current && void call('bundle.cancel', { jobId: job.current })}>
              Cancel the build
            </button>
          )}
          <button type="button" className="button button--secondary" disabled={busy || Boolean(pack.sent) || rows.length === 0} onClick={() => {
            if (window.confirm('Mark the pack as sent? From then on no page number may change: new material goes in as late inserts.')) void act(() => call('bundle.markSent', { caseId }), 'Marked as sent.');
          }}>
            Mark as sent
          </button>
        </div>
      </div>
      {progress && (
        <p role="status">
          Building: {progress.documentsDone} of {progress.documentsTotal} documents, {progress.pagesDone} of {progress.pagesTotal} pages.
          <progress max={Math.max(1, progress.pagesTotal)} value={progress.pagesDone} aria-label="Pages built" />
        </p>
      )}

      <h3>The review panel</h3>
      <p className="hint">Three people independent of the council, one of them chairing; never the Stage 2 independent person. The panel meets within 30 working days of the request.</p>
      {pack.panel.length > 0 && (
        <ul>
          {pack.panel.map((m) => (
            <li key={m.id}>
              {m.name} ({m.role === 'chair' ? 'chair' : 'member'}{m.independent ? ', independence confirmed' : ''}){' '}
              <button type="button" className="link" disabled={busy} onClick={() => void act(async () => setPanelProblems((await call('bundle.removePanelMember', { caseId, memberId: m.id })).problems))}>
                Remove {m.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {panelProblems.length > 0 && (
        <ul>
          {panelProblems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="grid">
        <Field label="Panel member’s name">{({ id }) => <input id={id} value={memberName} onChange={(e) => setMemberName(e.target.value)} />}</Field>
        <Field label="Role on the panel">
          {({ id }) => (
            <select id={id} value={memberRole} onChange={(e) => setMemberRole(e.target.value as 'chair' | 'member')}>
              <option value="chair">Chair</option>
              <option value="member">Member</option>
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={independent} onChange={(e) => setIndependent(e.target.checked)} /> Independence from the council confirmed
        </label>
        <div className="actions">
          <button type="button" className="button" disabled={busy || !memberName.trim()} onClick={() => void act(async () => {
            setPanelProblems((await call('bundle.addPanelMember', { caseId, name: memberName, role: memberRole, independent })).problems);
            setMemberName('');
          })}>
            Add to the panel
          </button>
        </div>
      </div>
      <div className="grid">
        <Field label="Hearing date" hint={record.keyDates.stage3Requested ? `Stage 3 requested on ${record.keyDates.stage3Requested}.` : 'Record the date of the Stage 3 request on the Overview tab to check the 30-working-day limit.'}>
          {({ id, describedBy }) => <input id={id} type="date" aria-describedby={describedBy} value={hearing} onChange={(e) => setHearing(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => void act(async () => {
            const r = await call('bundle.setHearingDate', { caseId, date: hearing || null });
            setHearingNote(r.check ? `${r.check.sentence}${r.check.unavailable.length ? ` Not available that day: ${r.check.unavailable.join(', ')}.` : ''}` : null);
          })}>
            Save the hearing date
          </button>
        </div>
      </div>
      {hearingNote && <Alert kind="info">{hearingNote}</Alert>}
      <PanelPapersSection caseId={caseId} panelKey={JSON.stringify([pack.panel, pack.entries.length, pack.hearingDate])} onSent={() => void load()} />
    </section>
  );
}
