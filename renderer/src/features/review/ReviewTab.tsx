import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ReviewState } from '../../../../shared/api/features/review';
import type { Contact } from '../../../../shared/exchange/card';
import { blockText, type SectionDiff } from '../../../../shared/exchange/draftDiff';
import { RESOLUTIONS, RESOLUTION_LABELS, STANCES, type Resolution, type ReviewComment, type Stance } from '../../../../shared/exchange/review';
import type { DocumentModel } from '../../../../shared/documents/model';
import { formatShortDate } from '../../../../shared/calendar/date';
import { call, messageOf } from '../../api';
import { DocumentPreview } from '../../ui/DocumentPreview';
import { Alert, Field } from '../../ui/Field';
import type { CaseEditor } from '../workspace/useCaseEditor';

type Message = { kind: 'error' | 'success' | 'info'; text: string } | null;
const STANCE_LABELS: Record<Stance, string> = { agree: 'I agree', disagree: 'I disagree', query: 'I have a query' };
/** Where a finding stands, as the independent person reads it on their copy. */
const IP_STATE_LABELS: Record<string, string> = {
  agreed: 'you agree',
  disagreed: 'you disagree',
  queried: 'you queried it',
  'agreed on an earlier draft': 'you agreed on an earlier draft; confirm it on this one',
  'not yet reviewed': 'not yet reviewed',
};
const STATE_LABELS: Record<string, string> = {
  agreed: 'Agreed by the independent person',
  disagreed: 'Not agreed',
  queried: 'Queried',
  'agreed on an earlier draft': 'Agreed on an earlier draft; to be confirmed on this one',
  'not yet reviewed': 'Not yet reviewed',
};

/**
 * The case's review with the independent person (docs/exchange.md). On the independent person's copy: the draft
 * as it will be read, comments on a paragraph, point or finding, a position on each finding, and sending the
 * comments or the report back. On the investigating officer's copy: sending a draft, each comment beside what
 * it is about, and its resolution. Both see what changed between two drafts.
 */
export function ReviewTab({ editor }: { editor: CaseEditor }) {
  const caseId = editor.stored!.id;
  const [state, setState] = useState<ReviewState | null>(null);
  const [draft, setDraft] = useState<{ version: number; model: DocumentModel } | null>(null);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [message, setMessage] = useState<Message>(null);
  const revision = editor.stored?.revision;

  const load = useCallback(async () => {
    try {
      const s = await call('review.state', { caseId });
      setState(s);
      setDraft(s.drafts.length ? await call('review.draft', { caseId }) : null);
      // Only cards that can be sent to: checked, and still trusted.
      setContacts((await call('exchange.contacts', {})).filter((c) => c.verified && !c.revokedAt));
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }, [caseId]);
  useEffect(() => {
    void load();
  }, [load, revision]);

  /** A change through its own call, queued with the workspace's saves. */
  const change = async (request: () => Promise<unknown>, done: string) => {
    try {
      await editor.commit(async () => {
        await request();
        return call('cases.get', { id: caseId });
      });
      setMessage({ kind: 'success', text: done });
      return true;
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
      return false;
    }
  };

  if (!state) return <p>Loading the review…</p>;
  const r = editor.record!;
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">Review with the independent person</h2>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {r.handover && <Alert kind="info">This case was handed over to you by {r.handover.from} for your records; it is read-only.</Alert>}
      {state.side === 'ip' && draft && (
        <IpSide caseId={caseId} state={state} draft={draft} contacts={contacts} change={change} setMessage={setMessage} points={r.points.filter((p) => p.status === 'active')} reload={load} />
      )}
      {state.side !== 'ip' && !r.handover && <IoSide caseId={caseId} state={state} draft={draft} contacts={contacts} change={change} setMessage={setMessage} reload={load} evidence={r.evidence} points={r.points} />}
      {state.drafts.length >= 2 && <DraftDiff caseId={caseId} drafts={state.drafts} />}
    </section>
  );
}

interface SideProps {
  caseId: string;
  state: ReviewState;
  contacts: Contact[];
  change: (request: () => Promise<unknown>, done: string) => Promise<boolean>;
  setMessage: (m: Message) => void;
  reload: () => Promise<void>;
}

function SendTo(props: { contacts: Contact[]; value: string; onChange: (v: string) => void; id: string }) {
  return (
    <Field label="Send to" hint="Only contacts whose fingerprint you checked are listed.">
      {({ id, describedBy }) => (
        <select id={id} aria-describedby={describedBy} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">Choose a contact</option>
          {props.contacts.map((c) => (
            <option key={c.fingerprint} value={c.fingerprint}>
              {c.name}
              {c.organisation ? `, ${c.organisation}` : ''} ({c.role})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function IpSide(props: SideProps & { draft: { version: number; model: DocumentModel }; points: { id: string; number: number; summary: string }[] }) {
  const { state, draft } = props;
  const [on, setOn] = useState('');
  const [text, setText] = useState('');
  const [suggested, setSuggested] = useState('');
  const [to, setTo] = useState('');
  const commentBox = useRef<HTMLTextAreaElement>(null);
  const paragraphs = draft.model.blocks.map((b, i) => ({ i, text: blockText(b), type: b.type })).filter((p) => p.text);
  const byAnchor = new Map<string, ReviewComment[]>();
  for (const c of state.comments) if (c.anchor.kind === 'para' && c.draftVersion === draft.version) byAnchor.set(c.anchor.ref, [...(byAnchor.get(c.anchor.ref) ?? []), c]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!on) return props.setMessage({ kind: 'error', text: 'Choose what the comment is on.' });
    if (!text.trim()) return props.setMessage({ kind: 'error', text: 'Write the comment before adding it.' });
    if (await props.change(() => call('review.comment', { caseId: props.caseId, on, text, suggested }), 'Comment added; it goes back with your next reply.')) {
      setText('');
      setSuggested('');
    }
  };
  const send = async (kind: 'reply' | 'report') => {
    if (!to) return props.setMessage({ kind: 'error', text: 'Choose who to send it to.' });
    try {
      const r = kind === 'reply' ? await call('review.reply', { caseId: props.caseId, to }) : await call('review.sendReport', { caseId: props.caseId, to });
      if (r.path) props.setMessage({ kind: 'success', text: `${kind === 'reply' ? 'Your comments and positions were' : 'Your report (final) was'} saved as a package to ${r.path}. Send that file to the investigating officer.` });
      await props.reload();
    } catch (e) {
      props.setMessage({ kind: 'error', text: messageOf(e) });
    }
  };

  return (
    <>
      <p>
        Draft {draft.version} of the investigation report, from {state.counterpart}. {state.comments.length} comment{state.comments.length === 1 ? '' : 's'} so far.
      </p>
      <section aria-labelledby="draft-heading" className="draft-preview">
        <h3 id="draft-heading">Draft {draft.version} as it will be read</h3>
        <DocumentPreview
          model={draft.model}
          wrap={(i, rendered, b) =>
            blockText(b) ? (
              <div className="draft-block">
                <div className="draft-body">
                  {rendered}
                  {(byAnchor.get(String(i)) ?? []).map((c) => (
                    <p key={c.id} className="review-comment">
                      Your comment: {c.text}
                    </p>
                  ))}
                </div>
                <div className="draft-margin">
                  <span className="draft-number">¶ {i}</span>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Comment on paragraph ${i}`}
                    onClick={() => {
                      setOn(`para:${i}`);
                      commentBox.current?.focus();
                    }}
                  >
                    Comment
                  </button>
                </div>
              </div>
            ) : (
              rendered
            )
          }
        />
      </section>
      <form onSubmit={add} noValidate aria-labelledby="comment-heading">
        <h3 id="comment-heading">Add a comment</h3>
        <Field label="What the comment is on">
          {({ id }) => (
            <select id={id} value={on} onChange={(e) => setOn(e.target.value)}>
              <option value="">Choose a paragraph, point or finding</option>
              {props.points.map((p) => (
                <option key={`point-${p.id}`} value={`point:${p.number}`}>
                  Point {p.number}
                </option>
              ))}
              {props.points.map((p) => (
                <option key={`finding-${p.id}`} value={`finding:${p.number}`}>
                  Finding on point {p.number}
                </option>
              ))}
              {paragraphs.map((p) => (
                <option key={p.i} value={`para:${p.i}`}>
                  Paragraph {p.i}: {p.text.slice(0, 60)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          <label htmlFor="review-comment-text">Comment</label>
          <textarea id="review-comment-text" ref={commentBox} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <Field label="Suggested wording (optional)">{({ id }) => <textarea id={id} rows={2} value={suggested} onChange={(e) => setSuggested(e.target.value)} />}</Field>
        <button type="submit" className="button">
          Add the comment
        </button>
      </form>
      <section aria-labelledby="positions-heading">
        <h3 id="positions-heading">The findings</h3>
        {state.findings.map((f) => (
          <Position key={f.pointId} caseId={props.caseId} finding={f} change={props.change} draftVersion={draft.version} />
        ))}
      </section>
      <Comments comments={state.comments} own={{ caseId: props.caseId, change: props.change }} />
      <section aria-labelledby="send-back-heading">
        <h3 id="send-back-heading">Send back</h3>
        <SendTo id="reply-to" contacts={props.contacts} value={to} onChange={setTo} />
        <div className="actions">
          <button type="button" className="button" onClick={() => void send('reply')}>
            Send comments back
          </button>
          <button type="button" className="button button--secondary" onClick={() => void send('report')}>
            Send my report (final)
          </button>
        </div>
      </section>
    </>
  );
}

function Position(props: { caseId: string; finding: ReviewState['findings'][number]; change: SideProps['change']; draftVersion: number }) {
  const f = props.finding;
  const [stance, setStance] = useState<Stance | ''>(f.position && f.position.draftVersion === props.draftVersion ? f.position.stance : '');
  const [reason, setReason] = useState(f.position?.reason ?? '');
  const name = `stance-${f.pointId}`;
  return (
    <form
      className="item-card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (stance) void props.change(() => call('review.position', { caseId: props.caseId, point: f.pointId, stance, reason }), `Your position on point ${f.number} is saved.`);
      }}
    >
      <fieldset>
        <legend>
          Finding on point {f.number}: {f.finding ?? 'no finding yet'} ({IP_STATE_LABELS[f.state]})
        </legend>
        {STANCES.map((s) => (
          <div className="checkbox" key={s}>
            <input type="radio" id={`${name}-${s}`} name={name} checked={stance === s} onChange={() => setStance(s)} />
            <label htmlFor={`${name}-${s}`}>{STANCE_LABELS[s]}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${name}-reason`}>Reason for point {f.number}</label>
        <textarea id={`${name}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="button button--secondary">
        Save my position on point {f.number}
      </button>
    </form>
  );
}

/** The comments; on the independent person's side (`own`), those not yet sent back can be changed or withdrawn. */
function Comments(props: { comments: ReviewState['comments']; own?: { caseId: string; change: SideProps['change'] } }) {
  return (
    <section aria-labelledby="comments-heading">
      <h3 id="comments-heading">Comments</h3>
      {props.comments.length === 0 ? (
        <p>No comments yet.</p>
      ) : (
        <ul className="review-comments">
          {props.comments.map((c) => (
            <li key={c.id} className="item-card">
              <p>
                <strong>{c.anchor.label}</strong> (draft {c.draftVersion}){c.anchor.excerpt ? `: “${c.anchor.excerpt.slice(0, 140)}${c.anchor.excerpt.length > 140 ? '…' : ''}”` : ''}
              </p>
              <p>{c.text}</p>
              {c.suggested && <p>Suggested wording: {c.suggested}</p>}
              <p>
                Status:{' '}
                {c.resolution
                  ? `${RESOLUTION_LABELS[c.resolution.as]}${c.resolution.text ? `: ${c.resolution.text}` : ''}${c.resolution.inDraft ? ` (in draft ${c.resolution.inDraft})` : ' (goes with the next draft)'}`
                  : 'Open'}
                {props.own && (c.sentAt ? `. Sent back on ${formatShortDate(c.sentAt.slice(0, 10))}.` : '. Not sent back yet.')}
              </p>
              {props.own && !c.sentAt && <ChangeComment caseId={props.own.caseId} comment={c} change={props.own.change} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Change or withdraw one comment before it goes back (after that, a new comment corrects it). */
function ChangeComment(props: { caseId: string; comment: ReviewComment; change: SideProps['change'] }) {
  const c = props.comment;
  const [mode, setMode] = useState<'closed' | 'edit' | 'withdraw'>('closed');
  const [text, setText] = useState(c.text);
  const [suggested, setSuggested] = useState(c.suggested);
  const what = c.anchor.label.toLowerCase();
  if (mode === 'closed') {
    return (
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => setMode('edit')}>
          Change the comment on {what}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setMode('withdraw')}>
          Withdraw the comment on {what}
        </button>
      </div>
    );
  }
  if (mode === 'withdraw') {
    return (
      <div role="group" aria-label={`Withdraw the comment on ${what}`}>
        <p>Withdraw this comment? It has not been sent, so it simply goes.</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => void props.change(() => call('review.withdrawComment', { caseId: props.caseId, comment: c.id }), `Your comment on ${what} was withdrawn.`)}>
            Yes, withdraw it
          </button>
          <button type="button" className="button button--secondary" onClick={() => setMode('closed')}>
            Keep it
          </button>
        </div>
      </div>
    );
  }
  return (
    <form
      noValidate
      aria-label={`Change the comment on ${what}`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (await props.change(() => call('review.editComment', { caseId: props.caseId, comment: c.id, text, suggested }), `Your comment on ${what} was changed; it goes back with your next reply.`)) setMode('closed');
      }}
    >
      <div className="field">
        <label htmlFor={`edit-${c.id}`}>Your comment on {what}</label>
        <textarea id={`edit-${c.id}`} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`edit-suggested-${c.id}`}>Suggested wording (optional)</label>
        <textarea id={`edit-suggested-${c.id}`} rows={2} value={suggested} onChange={(e) => setSuggested(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          Save the comment
        </button>
        <button type="button" className="button button--secondary" onClick={() => setMode('closed')}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Resolve(props: { caseId: string; comment: ReviewComment; change: SideProps['change'] }) {
  const [as, setAs] = useState<Resolution>(props.comment.resolution?.as ?? 'changed as suggested');
  const [text, setText] = useState(props.comment.resolution?.text ?? '');
  const id = props.comment.id;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void props.change(() => call('review.resolve', { caseId: props.caseId, comment: id, as, text }), 'Resolution saved; it goes back with the next draft.');
      }}
    >
      <div className="field">
        <label htmlFor={`resolve-${id}`}>How it was resolved ({props.comment.anchor.label})</label>
        <select id={`resolve-${id}`} value={as} onChange={(e) => setAs(e.target.value as Resolution)}>
          {RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              {RESOLUTION_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`resolve-text-${id}`}>Answer, or why (needed unless changed as suggested)</label>
        <textarea id={`resolve-text-${id}`} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <button type="submit" className="button button--secondary">
        Save the resolution
      </button>
    </form>
  );
}

/**
 * The investigating officer's view of the comments: each comment on a paragraph beside that paragraph of the draft
 * it was made on, each comment on a point or finding beside the point, with its resolution.
 */
function CommentsBesideDraft(props: { caseId: string; comments: ReviewComment[]; points: { id: string; number: number; summary: string }[]; change: SideProps['change'] }) {
  const versions = [...new Set(props.comments.map((c) => c.draftVersion))].sort((a, b) => a - b);
  const [version, setVersion] = useState<number | null>(versions[versions.length - 1] ?? null);
  const [model, setModel] = useState<DocumentModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (version === null) return;
    call('review.draft', { caseId: props.caseId, version }).then((d) => setModel(d.model), (e) => setError(messageOf(e)));
  }, [props.caseId, version]);
  if (props.comments.length === 0) {
    return (
      <section aria-labelledby="comments-heading">
        <h3 id="comments-heading">Comments</h3>
        <p>No comments yet.</p>
      </section>
    );
  }
  const mine = props.comments.filter((c) => c.draftVersion === version);
  const onParas = [...new Set(mine.filter((c) => c.anchor.kind === 'para').map((c) => Number(c.anchor.ref)))].sort((a, b) => a - b);
  const onPoints = mine.filter((c) => c.anchor.kind !== 'para');
  const one = (c: ReviewComment) => (
    <li key={c.id} className="item-card">
      <p>
        <strong>{c.anchor.label}</strong>: {c.text}
      </p>
      {c.suggested && <p>Suggested wording: {c.suggested}</p>}
      <p>
        Status:{' '}
        {c.resolution
          ? `${RESOLUTION_LABELS[c.resolution.as]}${c.resolution.text ? `: ${c.resolution.text}` : ''}${c.resolution.inDraft ? ` (in draft ${c.resolution.inDraft})` : ' (goes with the next draft)'}`
          : 'Open'}
      </p>
      <Resolve caseId={props.caseId} comment={c} change={props.change} />
    </li>
  );
  return (
    <section aria-labelledby="comments-heading">
      <h3 id="comments-heading">Comments</h3>
      {error && <Alert kind="error">{error}</Alert>}
      {versions.length > 1 && (
        <Field label="Comments on draft">
          {({ id }) => (
            <select id={id} value={version ?? ''} onChange={(e) => setVersion(Number(e.target.value))}>
              {versions.map((v) => (
                <option key={v} value={v}>
                  Draft {v}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <p>
        {mine.length} comment{mine.length === 1 ? '' : 's'} on draft {version}, {mine.filter((c) => !c.resolution).length} still open.
      </p>
      {onParas.map((i) => {
        const block = model?.blocks[i];
        return (
          <div key={i} className="comment-pair">
            <blockquote className="comment-pair__text" aria-label={`Paragraph ${i} of draft ${version}`}>
              {block ? blockText(block) : mine.find((c) => c.anchor.ref === String(i))?.anchor.excerpt}
            </blockquote>
            <ul className="review-comments">{mine.filter((c) => c.anchor.kind === 'para' && c.anchor.ref === String(i)).map(one)}</ul>
          </div>
        );
      })}
      {onPoints.length > 0 &&
        props.points
          .filter((p) => onPoints.some((c) => c.anchor.ref === p.id))
          .map((p) => (
            <div key={p.id} className="comment-pair">
              <blockquote className="comment-pair__text" aria-label={`Point ${p.number}`}>
                Point {p.number}: {p.summary}
              </blockquote>
              <ul className="review-comments">{onPoints.filter((c) => c.anchor.ref === p.id).map(one)}</ul>
            </div>
          ))}
    </section>
  );
}

function IoSide(props: SideProps & { draft: { version: number; model: DocumentModel } | null; evidence: { ref: string; title: string; attachmentId: string | null }[]; points: { id: string; number: number; summary: string }[] }) {
  const { state } = props;
  const [to, setTo] = useState('');
  const [ticked, setTicked] = useState<string[]>([]);
  const withFiles = props.evidence.filter((e) => e.attachmentId);
  const send = async () => {
    if (!to) return props.setMessage({ kind: 'error', text: 'Choose who to send the draft to.' });
    try {
      const r = await call('review.send', { caseId: props.caseId, to, attachmentIds: ticked });
      if (r.path) props.setMessage({ kind: 'success', text: `Draft ${r.version} was issued and saved as a package to ${r.path}. Send that file to the independent person.` });
      await props.reload();
    } catch (e) {
      props.setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  return (
    <>
      <p>
        {state.drafts.length ? `Drafts sent: ${state.drafts.join(', ')}${state.counterpart ? `, to ${state.counterpart}` : ''}.` : 'No draft has been sent for review yet.'}
        {state.ipReport ? ' The independent person report has arrived and is part of the response.' : ''}
      </p>
      <section aria-labelledby="send-draft-heading">
        <h3 id="send-draft-heading">Send the next draft for review</h3>
        <SendTo id="draft-to" contacts={props.contacts} value={to} onChange={setTo} />
        {withFiles.length > 0 && (
          <fieldset>
            <legend>Files to send with it (only those you tick)</legend>
            {withFiles.map((e) => (
              <div className="checkbox" key={e.ref}>
                <input
                  type="checkbox"
                  id={`send-file-${e.ref}`}
                  checked={ticked.includes(e.attachmentId!)}
                  onChange={(ev) => setTicked(ev.target.checked ? [...ticked, e.attachmentId!] : ticked.filter((x) => x !== e.attachmentId))}
                />
                <label htmlFor={`send-file-${e.ref}`}>
                  {e.ref}: {e.title}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <button type="button" className="button" onClick={() => void send()}>
          Issue the next draft and send it
        </button>
      </section>
      {state.findings.length > 0 && state.drafts.length > 0 && (
        <table className="table">
          <caption>Where each finding stands with the independent person</caption>
          <thead>
            <tr>
              <th scope="col">Point</th>
              <th scope="col">Finding</th>
              <th scope="col">Independent person</th>
            </tr>
          </thead>
          <tbody>
            {state.findings.map((f) => (
              <tr key={f.pointId}>
                <td>{f.number}</td>
                <td>{f.finding ?? '—'}</td>
                <td>
                  {STATE_LABELS[f.state]}
                  {f.position?.reason ? `: ${f.position.reason}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CommentsBesideDraft caseId={props.caseId} comments={state.comments} points={props.points} change={props.change} />
      <Handover caseId={props.caseId} contacts={props.contacts} setMessage={props.setMessage} />
    </>
  );
}

/** The whole case, its files, issued documents and audit trail, to the council for its records (read-only there). */
function Handover(props: { caseId: string; contacts: Contact[]; setMessage: (m: Message) => void }) {
  const [to, setTo] = useState('');
  const councils = props.contacts.filter((c) => c.role === 'council');
  const hand = async () => {
    if (!to) return props.setMessage({ kind: 'error', text: 'Choose the council contact to hand the case over to.' });
    try {
      const r = await call('exchange.handover', { caseId: props.caseId, to });
      if (r.path) props.setMessage({ kind: 'success', text: `The whole case was saved as a package to ${r.path}. Send that file to the council; it opens there read-only.` });
    } catch (e) {
      props.setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  return (
    <section aria-labelledby="handover-heading">
      <h3 id="handover-heading">Hand the case over to the council</h3>
      {councils.length === 0 ? (
        <p>Add and check the council’s contact card (role: council) on the Review exchange screen to hand the case over.</p>
      ) : (
        <>
          <p>The case with its files, issued documents and audit trail, for the council’s records. It opens there read-only.</p>
          <Field label="Council contact">
            {({ id }) => (
              <select id={id} value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">Choose a contact</option>
                {councils.map((c) => (
                  <option key={c.fingerprint} value={c.fingerprint}>
                    {c.name}
                    {c.organisation ? `, ${c.organisation}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" className="button button--secondary" onClick={() => void hand()}>
            Hand the case over
          </button>
        </>
      )}
    </section>
  );
}

function DraftDiff(props: { caseId: string; drafts: number[] }) {
  const last = props.drafts[props.drafts.length - 1]!;
  const [from, setFrom] = useState(props.drafts[props.drafts.length - 2]!);
  const [diff, setDiff] = useState<SectionDiff[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('review.diff', { caseId: props.caseId, from, to: last }).then(setDiff, (e) => setError(messageOf(e)));
  }, [props.caseId, from, last]);
  return (
    <section aria-labelledby="diff-heading">
      <h3 id="diff-heading">What changed in draft {last}</h3>
      <Field label="Compared with draft">
        {({ id }) => (
          <select id={id} value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {props.drafts.slice(0, -1).map((d) => (
              <option key={d} value={d}>
                Draft {d}
              </option>
            ))}
          </select>
        )}
      </Field>
      {error && <Alert kind="error">{error}</Alert>}
      {diff && (
        <>
          <p>
            {diff.some((s) => s.status !== 'same')
              ? `${diff.filter((s) => s.status !== 'same').length} of ${diff.length} sections changed. Removed words are struck through and marked “removed”; added words are underlined and marked “added”.`
              : `Nothing in the text changed between draft ${from} and draft ${last}.`}
          </p>
          {diff
            .filter((s) => s.status !== 'same')
            .map((s) => (
              <div key={s.title} className="item-card diff-section">
                <p>
                  <strong>{s.title}</strong> ({s.status})
                </p>
                <p className="diff-text">
                  {s.parts.map((p, i) =>
                    p.change === 'added' ? (
                      <ins key={i} aria-label={`added: ${p.value}`}>
                        {p.value}
                      </ins>
                    ) : p.change === 'removed' ? (
                      <del key={i} aria-label={`removed: ${p.value}`}>
                        {p.value}
                      </del>
                    ) : (
                      <span key={i}>{p.value}</span>
                    ),
                  )}
                </p>
              </div>
            ))}
        </>
      )}
    </section>
  );
}
