import { useCallback, useEffect, useRef, useState } from 'react';
import type { IssuedDocument, LeakHit } from '../../../../shared/api/types';
import { DOCUMENT_KINDS, DOCUMENT_TITLES, type DocumentKind, type DocumentModel, type Variant } from '../../../../shared/documents/model';
import { ApiFailure, call, messageOf } from '../../api';
import { DocumentPreview } from '../../ui/DocumentPreview';
import { Alert, Field } from '../../ui/Field';
import type { CaseEditor } from './useCaseEditor';

const hitsOf = (e: unknown): LeakHit[] | null =>
  e instanceof ApiFailure && e.code === 'LEAK' && Array.isArray((e.details as { hits?: unknown } | undefined)?.hits) ? (e.details as { hits: LeakHit[] }).hits : null;

/**
 * What the leak check found in the complainant's version as it would be exported: each place a register
 * name is printed, in its words, with where; each can be marked "not this person" (recorded with who and
 * when) or corrected at its source in the case.
 */
function LeakHits({ hits, onDismiss, busy }: { hits: LeakHit[]; onDismiss: (h: LeakHit) => void; busy: boolean }) {
  return (
    <section aria-labelledby="leak-heading" className="leak-hits">
      <h3 id="leak-heading">Names the complainant’s version must not print ({hits.length})</h3>
      <p className="hint">
        The check read the Word and PDF files as they would be exported. Correct the text where it came from (the Statement, Findings, Chronology or
        Overview tab), or, if the words are not about that person, mark the place “not this person”. Until every place is dealt with, this version
        cannot be issued or exported.
      </p>
      <table className="table">
        <caption>Places found</caption>
        <thead>
          <tr>
            <th scope="col">Person in the register</th>
            <th scope="col">Printed as</th>
            <th scope="col">In context</th>
            <th scope="col">Where</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {hits.map((h, i) => (
            <tr key={`${h.where}|${h.key}|${i}`}>
              <th scope="row">{h.person}</th>
              <td>
                <mark>{h.matched}</mark>
              </td>
              <td>{h.context}</td>
              <td>{h.where}</td>
              <td>
                <button type="button" className="link" disabled={busy} onClick={() => onDismiss(h)} aria-label={`Not this person (${h.person}): “${h.matched}” in ${h.where}`}>
                  Not this person
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Preview, issue and export the documents of the case, one at a time or the whole response. `kinds` narrows it
 * to some documents (the Panel papers tab shows the Stage 3 two), under its own heading.
 */
export function DocumentsTab({ editor, kinds = DOCUMENT_KINDS, title = 'Documents', level = 2 }: { editor: CaseEditor; kinds?: readonly DocumentKind[]; title?: string; level?: 2 | 3 }) {
  const r = editor.record!;
  const caseId = editor.stored!.id;
  const [kind, setKind] = useState<DocumentKind>(kinds[0]!);
  const headingId = `docs-heading-${kinds.length === DOCUMENT_KINDS.length ? 'all' : kinds.join('-')}`;
  const Heading = level === 2 ? 'h2' : 'h3';
  const [variant, setVariant] = useState<Variant>('complainant');
  const [subjectId, setSubjectId] = useState(r.interviews[0]?.id ?? '');
  const [model, setModel] = useState<DocumentModel | null>(null);
  const [issued, setIssued] = useState<IssuedDocument[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [hits, setHits] = useState<LeakHit[]>([]);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);
  const [complainantSentTo, setComplainantSentTo] = useState('');
  const [councilSentTo, setCouncilSentTo] = useState('');
  const subject = kind === 'interview-record' ? subjectId : '';

  // Only the newest refresh may show its results: choosing another document while a slow check of the last
  // one is still running must not leave that one's hits (or its "Checked") under the new preview.
  const refreshes = useRef(0);
  const refresh = useCallback(async () => {
    const mine = ++refreshes.current;
    const stale = () => mine !== refreshes.current;
    setError(null);
    try {
      const list = await call('documents.list', { caseId });
      const preview = await call('documents.preview', { caseId, kind, variant, subjectId: subject });
      if (stale()) return;
      setIssued(list);
      setModel(preview);
    } catch (e) {
      if (stale()) return;
      setModel(null);
      setHits([]);
      setError(messageOf(e));
      return;
    }
    if (variant !== 'complainant') {
      setHits([]);
      return;
    }
    setChecking(true);
    try {
      const found = await call('documents.check', { caseId, kind, variant, subjectId: subject });
      if (!stale()) setHits(found);
    } catch (e) {
      if (stale()) return;
      setHits([]);
      setError(messageOf(e));
    } finally {
      if (!stale()) setChecking(false);
    }
  }, [caseId, kind, variant, subject]);
  useEffect(() => {
    void refresh();
  }, [refresh, editor.stored?.revision]);

  const act = async (fn: () => Promise<string | null>) => {
    setError(null);
    setNotice(null);
    try {
      const msg = await fn();
      if (msg) setNotice(msg);
      await refresh();
    } catch (e) {
      const found = hitsOf(e);
      if (found) setHits(found);
      setError(messageOf(e));
    }
  };
  const dismiss = async (h: LeakHit) => {
    setBusy(true);
    setError(null);
    try {
      // The decision is added to the case as it is now (another tab may have saved since this one loaded).
      const current = await call('cases.get', { id: caseId });
      await call('documents.notThisPerson', { caseId, revision: current.revision, personId: h.personId, key: h.key, matched: h.matched, context: h.context });
      setNotice(`Recorded: “${h.matched}” there is not ${h.person}.`);
      await editor.reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const exportAs = (format: 'docx' | 'pdf', issueId?: string) =>
    act(async () => {
      const res = await call('documents.export', { caseId, kind, variant, subjectId: subject, format, ...(issueId ? { issueId } : {}) });
      return res.path ? `Saved ${res.path}.` : null;
    });
  const mine = issued.filter((d) => d.kind === kind && d.subjectId === subject);
  const sentTo = () => ({ ...(complainantSentTo.trim() ? { complainantSentTo } : {}), ...(councilSentTo.trim() ? { councilSentTo } : {}) });
  const incomplete = model?.incomplete ?? [];
  const notes = model?.notes ?? [];

  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId}>{title}</Heading>
      {error && <Alert kind="error">{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      <div className="grid">
        <Field label="Document">
          {({ id }) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {DOCUMENT_TITLES[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'interview-record' && (
          <Field label="Interview">
            {({ id }) => (
              <select id={id} value={subjectId} onChange={(e) => setSubjectId(e.target.value)}>
                {r.interviews.map((v, i) => (
                  <option key={v.id} value={v.id}>
                    Interview {i + 1} ({r.people.find((p) => p.id === v.personId)?.name ?? 'not chosen'})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <fieldset>
        <legend>Version</legend>
        {(['complainant', 'council'] as const).map((v) => (
          <div className="checkbox" key={v}>
            <input type="radio" id={`variant-${v}`} name="variant" checked={variant === v} onChange={() => setVariant(v)} />
            <label htmlFor={`variant-${v}`}>{v === 'complainant' ? 'For the complainant (pseudonyms, no third-party details)' : 'Full version for the council'}</label>
          </div>
        ))}
      </fieldset>
      {incomplete.length > 0 && (
        <Alert kind="error">
          This document is incomplete, so the draft says so and is not signed: {incomplete.join(' ')} It cannot be marked final until this is done.
        </Alert>
      )}
      {notes.length > 0 && (
        <div className="hint" role="note" aria-label="Before you send">
          <strong>Before you send:</strong>
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid">
        <Field label="Complainant’s version sent to" hint="Recorded with the issued version. Left empty: the complainants, and any advocate or representative with consent.">
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} maxLength={500} value={complainantSentTo} onChange={(e) => setComplainantSentTo(e.target.value)} />}
        </Field>
        <Field label="Council’s version sent to" hint="Left empty: the complaints manager and the adjudicating officer.">
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} maxLength={500} value={councilSentTo} onChange={(e) => setCouncilSentTo(e.target.value)} />}
        </Field>
      </div>
      <div className="actions">
        <button type="button" className="button" disabled={!model} onClick={() => void exportAs('docx')}>
          Export as Word
        </button>
        <button type="button" className="button" disabled={!model} onClick={() => void exportAs('pdf')}>
          Export as PDF
        </button>
        <button type="button" className="button button--secondary" disabled={!model?.draft} onClick={() => void act(async () => {
          const d = await call('documents.issue', { caseId, kind, variant, subjectId: subject, final: false, ...sentTo() });
          return `Issued draft version ${d.version}, the council’s and the complainant’s versions together; both are kept exactly as they are now.`;
        })}>
          Issue this draft
        </button>
        <button type="button" className="button button--secondary" disabled={!model?.draft || incomplete.length > 0} onClick={() => {
          if (window.confirm('Mark this document final, in both versions? It can then change only if a finding or decision changes, which starts a new version.')) {
            void act(async () => {
              const d = await call('documents.issue', { caseId, kind, variant, subjectId: subject, final: true, ...sentTo() });
              return `Version ${d.version} is now the final ${DOCUMENT_TITLES[kind].toLowerCase()}, in both versions.`;
            });
          }
        }}>
          Mark final
        </button>
        {kinds.length === DOCUMENT_KINDS.length && <button type="button" className="button button--secondary" onClick={() => void act(async () => {
          const res = await call('documents.exportAll', { caseId });
          if (!res.folder) return null;
          return `Saved ${res.files.length} files to ${res.folder}.${res.skipped.length ? ` Not made: ${res.skipped.join(' ')}` : ''}`;
        })}>
          Export the whole response…
        </button>}
      </div>
      <p className="hint" role="status">
        {variant === 'complainant' && (checking ? 'Checking the Word and PDF files for names this version must not print…' : hits.length === 0 && model ? 'Checked: the Word and PDF files name nobody this version must not name.' : '')}
      </p>
      {variant === 'complainant' && hits.length > 0 && <LeakHits hits={hits} busy={busy} onDismiss={(h) => void dismiss(h)} />}
      {mine.length > 0 && (
        <table className="table">
          <caption>Issued versions of this document</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Which</th>
              <th scope="col">Issued</th>
              <th scope="col">By</th>
              <th scope="col">Sent to</th>
              <th scope="col">Export</th>
            </tr>
          </thead>
          <tbody>
            {mine.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.final ? `Final (version ${d.version})` : `Draft version ${d.version}`}</th>
                <td>{d.variant === 'complainant' ? 'For the complainant' : 'For the council'}</td>
                <td>{new Date(d.issuedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</td>
                <td>{d.issuedBy}</td>
                <td>{d.sentTo || 'not recorded'}</td>
                <td>
                  <button type="button" className="link" onClick={() => void exportAs('docx', d.id)}>
                    Word (version {d.version}, {d.variant === 'complainant' ? 'complainant' : 'council'})
                  </button>{' '}
                  <button type="button" className="link" onClick={() => void exportAs('pdf', d.id)}>
                    PDF (version {d.version}, {d.variant === 'complainant' ? 'complainant' : 'council'})
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {model && <DocumentPreview model={model} />}
    </section>
  );
}
