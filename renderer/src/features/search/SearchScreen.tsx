import { useEffect, useState } from 'react';
import { SEARCH_KINDS, type SearchHit } from '../../../../shared/api/types';
import type { CaseSummary } from '../../../../shared/domain/case';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';
import { useFocusHeading } from '../../ui/useFocusHeading';
import type { TabName } from '../workspace/CaseWorkspace';

const TAB_FOR: Record<string, TabName> = {
  case: 'Overview',
  point: 'Statement of complaint',
  person: 'People',
  interview: 'Interviews',
  evidence: 'Evidence',
  attachment: 'Evidence',
  chronology: 'Chronology',
  finding: 'Findings',
  recommendation: 'Findings',
  panel: 'Panel papers',
};

const KIND_LABEL: Record<string, string> = {
  case: 'Case details',
  point: 'Point of complaint',
  person: 'Person',
  interview: 'Interview',
  evidence: 'Evidence',
  attachment: 'Attached file',
  chronology: 'Chronology',
  finding: 'Finding',
  recommendation: 'Recommendation',
  panel: 'Panel papers (Stage 3)',
};

/** The snippet with the matched words emphasised (the index marks them [[so]]). */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[\[.*?\]\])/g);
  return <>{parts.map((p, i) => (p.startsWith('[[') ? <mark key={i}>{p.slice(2, -2)}</mark> : <span key={i}>{p}</span>))}</>;
}

/** Results across every case, each opening the case at the part where it was found. */
export function SearchScreen(props: { query: string; onOpen: (caseId: string, tab: TabName, item: string | null, page: number | null) => void }) {
  const heading = useFocusHeading<HTMLHeadingElement>();
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [capped, setCapped] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Narrow the results to one case and/or one kind of item.
  const [caseId, setCaseId] = useState('');
  const [kind, setKind] = useState('');
  const [cases, setCases] = useState<CaseSummary[]>([]);
  useEffect(() => {
    call('cases.list', {}).then(setCases, () => setCases([]));
  }, []);
  useEffect(() => {
    setHits(null);
    call('search.query', { query: props.query, ...(caseId ? { caseId } : {}), ...(kind ? { kinds: [kind as (typeof SEARCH_KINDS)[number]] } : {}) }).then(
      (r) => {
        setHits(r.hits);
        setCapped(r.capped);
      },
      (e) => setError(messageOf(e)),
    );
  }, [props.query, caseId, kind]);
  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading" ref={heading} tabIndex={-1}>
        Search results for “{props.query}”
      </h1>
      <div className="row">
        <Field label="In case">
          {({ id }) => (
            <select id={id} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
              <option value="">All cases</option>
              {cases.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.reference}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Kind of item">
          {({ id }) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">Everything</option>
              {SEARCH_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k] ?? k}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {capped && <Alert kind="info">These words appear in a great many places, so only the most recent matches were ranked. Add a word or put a phrase in quotes to narrow the search.</Alert>}
      {hits === null ? (
        <p>Searching…</p>
      ) : hits.length === 0 ? (
        <p>Nothing {caseId || kind ? 'of what you chose ' : 'in any case '}matches “{props.query}”. Try fewer words, or the start of a word{caseId || kind ? ', or search everything' : ''}.</p>
      ) : (
        <ol className="results">
          {hits.map((h, i) => (
            <li key={`${h.caseId}-${h.kind}-${h.itemId}-${i}`}>
              <button type="button" className="link" onClick={() => props.onOpen(h.caseId, TAB_FOR[h.kind] ?? 'Overview', h.itemId || null, h.page)}>
                {h.reference}: {h.title}
              </button>{' '}
              <span className="tag">{KIND_LABEL[h.kind] ?? h.kind}</span>
              {h.page !== null && <span className="tag">page {h.page}</span>}
              <p className="snippet">
                <Snippet text={h.snippet} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
