import { useCallback, useEffect, useState } from 'react';
import type { Contact } from '../../../../shared/exchange/card';
import type { PanelSendView } from '../../../../shared/exchange/papers';
import { call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';

/**
 * On the Hearing pack tab: each panel member's contact (their own Casewright's card, added and checked on the
 * Review exchange screen) and "Send the papers to …": the pack, built now as the panel's version, with the
 * issued documents ticked, in a package only that member can open (docs/exchange.md).
 */
export function PanelPapersSection({ caseId, panelKey, onSent }: { caseId: string; panelKey: string; onSent: () => void }) {
  const [view, setView] = useState<PanelSendView | null>(null);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [docs, setDocs] = useState<string[]>([]);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [v, cs] = await Promise.all([call('papers.panel', { caseId }), call('exchange.contacts', {})]);
      setView(v);
      setContacts(cs);
      setChosen(Object.fromEntries(v.members.map((m) => [m.id, m.contact?.fingerprint ?? ''])));
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }, [caseId]);
  useEffect(() => {
    void load();
  }, [load, panelKey]);

  const run = async (fn: () => Promise<string | null>) => {
    setBusy(true);
    setMessage(null);
    try {
      const text = await fn();
      if (text) setMessage({ kind: 'success', text });
      await load();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  if (!view || view.members.length === 0) return null;
  return (
    <section aria-labelledby="panel-papers-heading">
      <h3 id="panel-papers-heading">Send the papers to the panel</h3>
      <p className="hint">
        Each member gets the pack (the panel’s version, built when you send it) in a signed, encrypted package that only their own Casewright can open. Add the
        card from their Casewright on the Review exchange screen and check its fingerprint with them first. Sending marks the pack as sent: later material goes in as
        late inserts, and sending again gives the member the newer version.
      </p>
      {message && (
        <Alert kind={message.kind} focus>
          {message.text}
        </Alert>
      )}
      {view.problems.length > 0 && (
        <Alert kind="info">The pack cannot be sent yet: {view.problems.join(' ')}</Alert>
      )}
      {view.documents.length > 0 && (
        <fieldset>
          <legend>Issued documents to send with the pack (the council’s version)</legend>
          {view.documents.map((d) => (
            <div className="checkbox" key={d.kind}>
              <input
                id={`paper-${d.kind}`}
                type="checkbox"
                checked={docs.includes(d.kind)}
                onChange={(e) => setDocs(e.target.checked ? [...docs, d.kind] : docs.filter((k) => k !== d.kind))}
              />
              <label htmlFor={`paper-${d.kind}`}>
                {d.title} (version {d.version}
                {d.final ? ', final' : ''})
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <table className="table">
        <caption>Panel members and where their papers go</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Contact</th>
            <th scope="col">Sent</th>
            <th scope="col">Send</th>
          </tr>
        </thead>
        <tbody>
          {view.members.map((m) => (
            <tr key={m.id}>
              <td>
                {m.name} ({m.role === 'chair' ? 'chair' : 'member'})
              </td>
              <td>
                <Field label={`Contact for ${m.name}’s papers`}>
                  {({ id }) => (
                    <select id={id} value={chosen[m.id] ?? ''} onChange={(e) => setChosen({ ...chosen, [m.id]: e.target.value })}>
                      <option value="">Not linked</option>
                      {contacts.map((c) => (
                        <option key={c.fingerprint} value={c.fingerprint}>
                          {c.name}
                          {c.revokedAt ? ' (no longer trusted)' : c.verified ? '' : ' (fingerprint not checked)'}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={busy || (chosen[m.id] ?? '') === (m.contact?.fingerprint ?? '')}
                  onClick={() =>
                    void run(async () => {
                      await call('papers.link', { caseId, member: m.id, contact: chosen[m.id] || null });
                      return chosen[m.id] ? `${m.name}’s papers will go to the card with fingerprint ${chosen[m.id]}.` : `${m.name} is no longer linked to a contact.`;
                    })
                  }
                >
                  Link {m.name}
                </button>
                {m.contact && <p className="fingerprint">{m.contact.fingerprint}{m.contact.verified ? ' (checked)' : ' (not checked yet)'}</p>}
              </td>
              <td>{m.sent.length ? `${m.sent.length} time${m.sent.length === 1 ? '' : 's'}, last on ${m.sent.at(-1)!.at.slice(0, 10)}` : 'Not yet'}</td>
              <td>
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      const r = await call('papers.send', { caseId, member: m.id, documents: docs.map((kind) => ({ kind, variant: 'council' as const })) });
                      if (!r.path) return null;
                      onSent();
                      return `The papers for ${m.name} were saved to ${r.path}: the hearing pack (${r.pages} pages, SHA-256 ${r.sha256})${r.papers.length ? ` with ${r.papers.join('; ')}` : ''}. Send them the file; only their Casewright can open it.`;
                    })
                  }
                >
                  Send the papers to {m.name}…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
