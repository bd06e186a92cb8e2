import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { EXCHANGE_ROLES, type Contact, type ExchangeRole, type OwnIdentityView } from '../../../../shared/exchange/card';
import { PACKAGE_KIND_LABELS, type OpenedPackage, type SenderDetails } from '../../../../shared/exchange/package';
import { ApiFailure, call, messageOf } from '../../api';
import { Alert, Field } from '../../ui/Field';
import { fileToBase64 } from '../../ui/files';
import { useFocusHeading } from '../../ui/useFocusHeading';
import { PapersReceived } from '../papers/PapersReceived';

/** `focus`: the message takes focus, when the form the keyboard was in has gone (a card stopped, new keys made). */
type Message = { kind: 'error' | 'success' | 'info'; text: string; focus?: boolean } | null;

/**
 * Review exchange: this store's identity and card, the contacts added from cards, and opening a package
 * (docs/exchange.md). Opening a package from an unknown or unchecked sender shows who signed it and their
 * fingerprint, and the person decides.
 */
export function ExchangeScreen(props: { onOpenCase: (caseId: string) => void }) {
  const heading = useFocusHeading<HTMLHeadingElement>();
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [message, setMessage] = useState<Message>(null);
  const [opened, setOpened] = useState(0);
  const loadContacts = useCallback(() => {
    call('exchange.contacts', {}).then(setContacts, (e) => setMessage({ kind: 'error', text: messageOf(e) }));
  }, []);
  useEffect(loadContacts, [loadContacts]);
  return (
    <section aria-labelledby="exchange-heading">
      <h1 id="exchange-heading" ref={heading} tabIndex={-1}>
        Review exchange
      </h1>
      <p>Drafts, comments and reports travel between stores as signed, encrypted packages (.cwpack). Only the person a package is for can open it.</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <OpenPackage onOpenCase={props.onOpenCase} onOpened={() => setOpened((n) => n + 1)} />
      <PapersReceived refresh={opened} />
      <Identity />
      <Contacts contacts={contacts} reload={loadContacts} />
    </section>
  );
}

function Identity() {
  const [me, setMe] = useState<OwnIdentityView | null>(null);
  const [form, setForm] = useState({ name: '', role: 'other' as ExchangeRole, organisation: '' });
  const [message, setMessage] = useState<Message>(null);
  useEffect(() => {
    call('exchange.identity', {}).then(
      (m) => {
        setMe(m);
        setForm({ name: m.name, role: m.role, organisation: m.organisation });
      },
      (e) => setMessage({ kind: 'error', text: messageOf(e) }),
    );
  }, []);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setMe(await call('exchange.setIdentity', form));
      setMessage({ kind: 'success', text: 'Your card now shows these details.' });
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };
  const exportCard = async () => {
    try {
      const r = await call('exchange.exportCard', {});
      if (r.path) setMessage({ kind: 'success', text: `Your card was saved to ${r.path}. Send it to the person, then read them your fingerprint by phone: ${r.fingerprint}.` });
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };
  return (
    <>
      <form onSubmit={save} noValidate aria-labelledby="identity-heading">
        <h2 id="identity-heading">You</h2>
        {message && <Alert kind={message.kind} focus={message.focus ?? false}>{message.text}</Alert>}
        {me && (
          <p>
            Your fingerprint: <strong className="fingerprint">{me.fingerprint}</strong>
          </p>
        )}
        <Field label="Your name as others see it">{({ id }) => <input id={id} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}</Field>
        <Field label="Your role in reviews">
          {({ id }) => (
            <select id={id} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as ExchangeRole })}>
              {EXCHANGE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r[0]!.toUpperCase() + r.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Organisation (optional)">{({ id }) => <input id={id} value={form.organisation} onChange={(e) => setForm({ ...form, organisation: e.target.value })} />}</Field>
        <div className="actions">
          <button type="submit" className="button">
            Save your details
          </button>
          <button type="button" className="button button--secondary" onClick={() => void exportCard()}>
            Save your contact card…
          </button>
        </div>
      </form>
      {me && me.previous.length > 0 && (
        <>
          <h3>Your earlier cards</h3>
          <ul>
            {me.previous.map((p) => (
              <li key={p.fingerprint}>
                <span className="fingerprint">{p.fingerprint}</span>, replaced on {p.retiredAt.slice(0, 10)} ({p.reason}). Packages sent to it still open here.
              </li>
            ))}
          </ul>
        </>
      )}
      {me && (
        <NewKeys
          onMade={(m) => {
            setMe(m);
            setMessage({ kind: 'success', focus: true, text: `New keys made. Your new fingerprint: ${m.fingerprint}. Save your contact card, send it to each contact and read them the new fingerprint; when they add it, your old card stops being trusted.` });
          }}
        />
      )}
    </>
  );
}

/**
 * New keys when a laptop (or a backup) may have been copied. Its own small form inside the identity section:
 * a reason is needed, and nothing happens until the person confirms.
 */
function NewKeys(props: { onMade: (m: OwnIdentityView) => void }) {
  const [open, setOpen] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  // Focus goes to the form when it opens and back to its button when it is cancelled (not on first show).
  const shown = useRef(false);
  useEffect(() => {
    if (open) heading.current?.focus();
    else if (shown.current) opener.current?.focus();
    shown.current = true;
  }, [open]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const make = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      props.onMade(await call('exchange.newKeys', { reason }));
      // The message about the new keys takes focus, not the button.
      shown.current = false;
      setOpen(false);
      setReason('');
    } catch (err) {
      setError(messageOf(err));
    }
  };
  if (!open) {
    return (
      <p>
        <button type="button" ref={opener} className="button button--secondary" onClick={() => setOpen(true)}>
          Make new keys…
        </button>
      </p>
    );
  }
  return (
    <form onSubmit={make} noValidate className="item-card" aria-labelledby="new-keys-heading">
      <h3 id="new-keys-heading" ref={heading} tabIndex={-1}>
        Make new keys
      </h3>
      {error && <Alert kind="error" focus>{error}</Alert>}
      <p>
        Do this if this laptop, or a backup of this store, may be in someone else's hands. Your new card says, signed with your old key, that it
        replaces the old one: each contact who adds it stops trusting the old card at once. Packages already sent to your old card still open
        here. Send the new card to every contact and read them the new fingerprint.
      </p>
      <Field label="Why the keys are being replaced">{({ id }) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
      <div className="actions">
        <button type="submit" className="button button--warning">
          Make new keys now
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Contacts(props: { contacts: Contact[]; reload: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [revoking, setRevoking] = useState<Contact | null>(null);
  const contactsHeading = useRef<HTMLHeadingElement>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setMessage({ kind: 'error', text: 'Choose the contact card (.cwid) the person sent you.' });
    try {
      const c = await call('exchange.addContact', { text: await file.text(), verified: checked });
      const replaced = c.replaced ? ` This card replaces their earlier card ${c.replaced.fingerprint}, which is no longer trusted.` : '';
      setMessage({ kind: 'success', text: `${c.name} was added${c.verified ? ' and marked as checked' : ''}. Their fingerprint: ${c.fingerprint}.${replaced}` });
      props.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };
  const verify = async (c: Contact) => {
    try {
      await call('exchange.verifyContact', { contact: c.fingerprint });
      setMessage({ kind: 'success', text: `${c.name}'s fingerprint is marked as checked.` });
      props.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  };
  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading" ref={contactsHeading} tabIndex={-1}>
        Contacts
      </h2>
      {message && <Alert kind={message.kind} focus={message.focus ?? false}>{message.text}</Alert>}
      {props.contacts.length === 0 ? (
        <p>No contacts yet. Add the card of each person you exchange drafts with.</p>
      ) : (
        <table className="table">
          <caption>People you exchange packages with</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Fingerprint</th>
              <th scope="col">Checked with them</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.contacts.map((c) => (
              <tr key={c.fingerprint}>
                <td>
                  {c.name}
                  {c.organisation ? `, ${c.organisation}` : ''}
                </td>
                <td>{c.role}</td>
                <td className="fingerprint">{c.fingerprint}</td>
                <td>
                  {c.revokedAt ? (
                    `No longer trusted since ${c.revokedAt.slice(0, 10)} (${c.revokedReason ?? ''})`
                  ) : c.verified ? (
                    'Yes'
                  ) : (
                    <button type="button" className="button button--secondary" onClick={() => void verify(c)}>
                      Mark {c.name} as checked
                    </button>
                  )}
                </td>
                <td>
                  {!c.revokedAt && (
                    <button type="button" className="button button--secondary" onClick={() => setRevoking(c)} aria-label={`Stop trusting ${c.name}'s card ${c.fingerprint}…`}>
                      Stop trusting…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoking && (
        <RevokeContact key={revoking.fingerprint} contact={revoking} onDone={(text) => {
          setRevoking(null);
          if (text) {
            setMessage({ kind: 'success', text, focus: true });
            props.reload();
          } else contactsHeading.current?.focus();
        }} />
      )}
      <form onSubmit={add} noValidate aria-labelledby="add-contact-heading">
        <h3 id="add-contact-heading">Add a contact card</h3>
        <Field label="Contact card (.cwid)">{({ id }) => <input id={id} type="file" accept=".cwid" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}</Field>
        <div className="checkbox">
          <input id="contact-checked" type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />
          <label htmlFor="contact-checked">I have read the fingerprint with this person (by phone or in person) and it matches</label>
        </div>
        <button type="submit" className="button">
          Add the contact
        </button>
      </form>
    </section>
  );
}

function OpenPackage(props: { onOpenCase: (caseId: string) => void; onOpened: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [sender, setSender] = useState<SenderDetails | null>(null);
  const [opened, setOpened] = useState<OpenedPackage | null>(null);
  const [busy, setBusy] = useState(false);
  const open = async (policy: 'verified' | 'anyone') => {
    if (!file) return setMessage({ kind: 'error', text: 'Choose the package (.cwpack) you were sent.' });
    setBusy(true);
    setOpened(null);
    try {
      const r = await call('exchange.open', { dataBase64: await fileToBase64(file), sender: policy, ...(passphrase ? { passphrase } : {}) });
      setSender(null);
      setMessage(null);
      setOpened(r);
      props.onOpened();
    } catch (err) {
      if (err instanceof ApiFailure && (err.code === 'UNKNOWN_SENDER' || err.code === 'UNVERIFIED_SENDER')) {
        setSender(err.details as SenderDetails);
        setMessage(null);
      } else setMessage({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void open('verified');
      }}
      noValidate
      aria-labelledby="open-package-heading"
    >
      <h2 id="open-package-heading">Open a package</h2>
      {message && <Alert kind={message.kind} focus>{message.text}</Alert>}
      <Field label="Package (.cwpack)">{({ id }) => <input id={id} type="file" accept=".cwpack" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}</Field>
      <Field label="Passphrase (only for a package locked with one)" hint="The sender gives it to you separately, by phone, never in the same e-mail.">
        {({ id, describedBy }) => <input id={id} type="password" autoComplete="off" aria-describedby={describedBy} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        Open the package
      </button>
      {sender && (
        <section className="item-card" aria-labelledby="sender-heading">
          <h3 id="sender-heading">Check who sent this package</h3>
          <p>
            It is signed by <strong>{sender.name}</strong>
            {sender.organisation ? ` (${sender.organisation})` : ''}, {sender.role}.{' '}
            {sender.known ? 'You added their card but have not marked it as checked.' : 'They are not in your contacts.'}
          </p>
          <p>
            Their fingerprint: <strong className="fingerprint">{sender.fingerprint}</strong>
          </p>
          <p>Ring them on a number you already know and ask them to read their fingerprint. Open the package only if it matches.</p>
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => void open('anyone')}>
              The fingerprint matches: open it
            </button>
            <button type="button" className="button button--secondary" onClick={() => setSender(null)}>
              Do not open it
            </button>
          </div>
        </section>
      )}
      {opened && (
        <div className="item-card">
          <Alert kind="success" focus>
            Opened {PACKAGE_KIND_LABELS[opened.kind]} from {opened.from.name}{' '}
            {opened.kind === 'panel-papers' ? `for case ${opened.reference}; they are under Papers received.` : `into case ${opened.reference}.`}
          </Alert>
          <ul>
            {opened.held.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
          {opened.caseId && (
            <button type="button" className="button" onClick={() => props.onOpenCase(opened.caseId!)}>
              Go to case {opened.reference}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

/** Stops trusting one contact's card, for good, with the reason shown beside it from then on. */
function RevokeContact(props: { contact: Contact; onDone: (message: string | null) => void }) {
  const c = props.contact;
  const heading = useRef<HTMLHeadingElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => heading.current?.focus(), []);
  const revoke = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await call('exchange.revokeContact', { contact: c.fingerprint, reason });
      props.onDone(`${r.name}'s card ${r.fingerprint} is no longer trusted: nothing will be sent to it or opened from it.`);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form onSubmit={revoke} noValidate className="item-card" aria-labelledby="revoke-heading">
      <h3 id="revoke-heading" ref={heading} tabIndex={-1}>
        Stop trusting {c.name}'s card
      </h3>
      {error && <Alert kind="error" focus>{error}</Alert>}
      <p>
        Fingerprint <span className="fingerprint">{c.fingerprint}</span>. Do this if their laptop was lost or they told you their keys may have been
        copied. From then on nothing is sent to this card and no package signed with it is opened, even one already on its way. It cannot be
        undone: to work with them again, add their new card and check its fingerprint with them.
      </p>
      <Field label="Why this card is no longer trusted">{({ id }) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
      <div className="actions">
        <button type="submit" className="button button--warning">
          Stop trusting this card
        </button>
        <button type="button" className="button button--secondary" onClick={() => props.onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
