import type { AppStatus } from '../../../../shared/api/types';
import { ApiFailure, call, messageOf } from '../../api';
import { alertBox, el } from '../../ui/dom';

// The unlock screen is written with the DOM directly, not React, so the window's first chunk is this screen and
// nothing else: the person can type the passphrase while React and the other screens load behind it (issue 15:
// React was 190 KB of the 230 KB the first screen waited for). It builds the same markup the React screens use
// (the field, hint and alert classes and their ARIA), and every text a person or a screen reader sees is set as
// text, never as HTML.

let fieldIds = 0;

/** A labelled control with its hint tied through aria-describedby (the markup of ui/Field.tsx). */
function field(label: string, hint: string | undefined, control: (id: string, describedBy: string | undefined) => Node): HTMLElement {
  const id = `unlock-field-${++fieldIds}`;
  const hintId = hint ? `${id}-hint` : undefined;
  return el('div', { class: 'field' }, [
    el('label', { for: id }, [label]),
    hint && el('p', { class: 'hint', id: hintId }, [hint]),
    control(id, hintId),
  ]);
}

/** Shows or clears a form's one error, just under its heading, with what the person can do about it if anything. */
function errorSlot(): { node: HTMLElement; show: (message: string | null, ...offers: HTMLElement[]) => void } {
  const node = el('div');
  return { node, show: (message, ...offers) => node.replaceChildren(...(message ? [alertBox('error', message), ...offers] : [])) };
}

/**
 * A form's submit button and what runs the store call behind it: "busy" wording, and every button of the form
 * (`others` too) disabled meanwhile; then, once the store is open, they stay disabled and the form says it is
 * opening until the app replaces it (a second press would open the store again); or the refusal is shown (and
 * `onRefused` runs, say to clear the passphrase) and the buttons come back.
 */
function submitter(label: string, busyLabel: string, error: ReturnType<typeof errorSlot>, onOpened: (s: AppStatus) => void) {
  const button = el('button', { type: 'submit', class: 'button' }, [label]);
  const progress = el('p', { role: 'status', class: 'hint' });
  const setBusy = (busy: boolean, others: HTMLButtonElement[]) => {
    for (const b of [button, ...others]) b.disabled = busy;
    button.textContent = busy ? busyLabel : label;
  };
  const run = async (task: () => Promise<AppStatus>, opts: { onRefused?: (err: unknown) => void; others?: HTMLButtonElement[] } = {}) => {
    const others = opts.others ?? [];
    setBusy(true, others);
    let opened: AppStatus;
    try {
      opened = await task();
    } catch (err) {
      error.show(messageOf(err));
      opts.onRefused?.(err);
      setBusy(false, others);
      return;
    }
    progress.textContent = 'The case store is open; Casewright is opening…';
    onOpened(opened);
  };
  return { button, progress, run };
}

/** The answer main gives when the dialog was cancelled or failed: nothing chosen. */
const NO_CHOICE = { token: null, path: null };

/**
 * The only screen shown while the store is locked: open an existing store or create a new one. Replaces what
 * `root` holds; `onOpened` gets the status of the store once it is open.
 */
export function showUnlockScreen(root: HTMLElement, status: AppStatus, notice: string | null, onOpened: (s: AppStatus) => void): void {
  let mode: 'open' | 'create' = status.recentStores.length > 0 ? 'open' : 'create';
  const heading = el('h1', { tabindex: '-1' }, ['Casewright']);
  const formSlot = el('div');
  const modeButton = (label: string, which: 'open' | 'create') =>
    el('button', { type: 'button', class: 'button button--secondary', 'aria-pressed': String(mode === which) }, [label], {
      click: () => {
        mode = which;
        openButton.setAttribute('aria-pressed', String(mode === 'open'));
        createButton.setAttribute('aria-pressed', String(mode === 'create'));
        showForm();
      },
    });
  const openButton = modeButton('Open a case store', 'open');
  const createButton = modeButton('Create a new case store', 'create');
  const showForm = () => formSlot.replaceChildren(mode === 'open' ? openForm(status, onOpened) : createForm(onOpened));
  showForm();
  root.replaceChildren(
    el('main', { class: 'page page--narrow', id: 'main' }, [
      heading,
      el('p', { class: 'lede' }, ['Your case store is encrypted. Nothing about a case can be seen until you unlock it.']),
      notice && alertBox('info', notice),
      el('div', { class: 'tabs', role: 'group', 'aria-label': 'Choose what to do' }, [openButton, createButton]),
      formSlot,
    ]),
  );
  // Keyboard and screen-reader users start at the top of the screen.
  heading.focus();
}

/**
 * Main only opens a file chosen in its own dialog (named by the token it returned) or one from the recent-stores
 * list (named by its path); a typed path that is neither is refused with a sentence, shown like any other error.
 */
function openForm(status: AppStatus, onOpened: (s: AppStatus) => void): HTMLElement {
  // The token for the path when it came from the dialog; cleared as soon as the path is edited by hand.
  let token: string | null = null;
  const error = errorSlot();
  let pathInput!: HTMLInputElement;
  let passphraseInput!: HTMLInputElement;
  let rememberInput: HTMLInputElement | null = null;
  const unlock = submitter('Unlock', 'Unlocking…', error, onOpened);
  const rememberedButton: HTMLButtonElement = el('button', { type: 'button', class: 'button button--secondary' }, ['Unlock with the remembered passphrase'], {
    click: () => {
      error.show(null);
      void unlock.run(() => call('store.openRemembered', { path: pathInput.value }), { others: [rememberedButton] });
    },
  });
  const actions = el('div', { class: 'actions' });
  // Offered only for a recent store whose passphrase this device remembers, as the path box now reads; taken out
  // of the page rather than `hidden`, because the button class sets `display`, which would win over `hidden`.
  const showRemembered = () => {
    const remembered = status.recentStores.find((r) => r.path === pathInput.value)?.remembered ?? false;
    actions.replaceChildren(...(remembered ? [unlock.button, rememberedButton] : [unlock.button]));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    error.show(null);
    const path = pathInput.value;
    const passphrase = passphraseInput.value;
    if (!path) return error.show('Choose the case store file to open.');
    if (!passphrase) return error.show('Enter the passphrase for this case store.');
    const remember = rememberInput?.checked ?? false;
    const target = token ? { token } : { path };
    await unlock.run(() => call('store.open', { ...target, passphrase, remember }), {
      onRefused: (err) => {
        passphraseInput.value = '';
        offerBackup(err, target, passphrase);
      },
      others: [rememberedButton],
    });
  };

  // A store that does not open (damaged, cut short, or its passphrase changed since) with a passphrase that opens
  // one of its backups: main says so and names the backup; the person may put it in the store's place.
  const offerBackup = (err: unknown, target: { token: string } | { path: string }, passphrase: string) => {
    const backup = err instanceof ApiFailure ? (err.details as { recover?: { createdAt: string } } | undefined)?.recover : undefined;
    if (!backup) return;
    const when = new Date(backup.createdAt).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    const restore: HTMLButtonElement = el('button', { type: 'button', class: 'button button--secondary' }, [`Restore the backup of ${when}`], {
      click: () => {
        if (!window.confirm(`Put the backup of ${when} in the place of this store? Changes made after that backup will not be in it. The store file as it is now is kept beside it, untouched.`)) return;
        void unlock.run(() => call('backup.recover', { ...target, passphrase }), { others: [rememberedButton, restore] });
      },
    });
    error.show(messageOf(err), el('div', { class: 'actions' }, [restore]));
  };

  const form = el('form', { novalidate: true, 'aria-labelledby': 'open-heading' }, [
    el('h2', { id: 'open-heading' }, ['Open a case store']),
    error.node,
    field('Case store file', 'The .cwstore file that holds your cases: one you opened before, or choose it with Browse….', (id, describedBy) => {
      pathInput = el('input', { id, 'aria-describedby': describedBy, list: 'recent-stores', autocomplete: 'off', spellcheck: 'false' }, [], {
        input: () => {
          token = null;
          showRemembered();
        },
      });
      pathInput.value = status.recentStores[0]?.path ?? '';
      const browse = el('button', { type: 'button', class: 'button button--secondary' }, ['Browse…'], {
        click: () => {
          void call('store.choosePath', { mode: 'open' })
            .catch(() => NO_CHOICE)
            .then((r) => {
              if (r.path && r.token) {
                pathInput.value = r.path;
                token = r.token;
                showRemembered();
              }
            });
        },
      });
      return el('div', { class: 'row' }, [pathInput, browse]);
    }),
    el('datalist', { id: 'recent-stores' }, status.recentStores.map((r) => el('option', { value: r.path }))),
    field('Passphrase', undefined, (id) => (passphraseInput = el('input', { id, type: 'password', autocomplete: 'current-password' }))),
    status.rememberAvailable &&
      el('div', { class: 'checkbox' }, [
        (rememberInput = el('input', { id: 'remember', type: 'checkbox' })),
        el('label', { for: 'remember' }, ["Remember the passphrase on this device (uses your computer's keychain; anyone who can sign in to this computer as you could open the store)"]),
      ]),
    actions,
    unlock.progress,
  ], { submit: (e) => void submit(e) });
  showRemembered();
  return form;
}

function createForm(onOpened: (s: AppStatus) => void): HTMLElement {
  // Where to save is only ever chosen in main's save dialog: the box shows its path, the token names it.
  let chosen: { token: string; path: string } | null = null;
  const error = errorSlot();
  let nameInput!: HTMLInputElement;
  let pathBox!: HTMLInputElement;
  let passphraseInput!: HTMLInputElement;
  let confirmInput!: HTMLInputElement;
  const demoInput = el('input', { id: 'demo', type: 'checkbox' });
  const create = submitter('Create the case store', 'Creating…', error, onOpened);

  const submit = async (e: Event) => {
    e.preventDefault();
    error.show(null);
    const ownerName = nameInput.value;
    const passphrase = passphraseInput.value;
    if (!ownerName.trim()) return error.show('Enter your name; it is recorded against every change you make.');
    if (!chosen) return error.show('Choose where to save the new case store with Choose….');
    if (passphrase !== confirmInput.value) return error.show('The two passphrases differ; type the same passphrase in both boxes.');
    const token = chosen.token;
    await create.run(() => call('store.create', { token, passphrase, ownerName, demo: demoInput.checked }));
  };

  return el('form', { novalidate: true, 'aria-labelledby': 'create-heading' }, [
    el('h2', { id: 'create-heading' }, ['Create a new case store']),
    error.node,
    field('Your name', 'Shown in the audit log against each change.', (id, describedBy) => (nameInput = el('input', { id, 'aria-describedby': describedBy, autocomplete: 'name' }))),
    field('Save the store as', 'A new .cwstore file, chosen with Choose…; keep it on an encrypted disk you control.', (id, describedBy) => {
      pathBox = el('input', { id, 'aria-describedby': describedBy, readonly: true, placeholder: 'Not chosen yet', autocomplete: 'off', spellcheck: 'false' });
      const choose = el('button', { type: 'button', class: 'button button--secondary' }, ['Choose…'], {
        click: () => {
          void call('store.choosePath', { mode: 'create' })
            .catch(() => NO_CHOICE)
            .then((r) => {
              if (r.path && r.token) {
                chosen = { token: r.token, path: r.path };
                pathBox.value = r.path;
              }
            });
        },
      });
      return el('div', { class: 'row' }, [pathBox, choose]);
    }),
    field('Passphrase', 'At least 12 characters. A short sentence you will remember works well. It cannot be recovered if lost.', (id, describedBy) =>
      (passphraseInput = el('input', { id, 'aria-describedby': describedBy, type: 'password', autocomplete: 'new-password' }))),
    field('Type the passphrase again', undefined, (id) => (confirmInput = el('input', { id, type: 'password', autocomplete: 'new-password' }))),
    el('div', { class: 'checkbox' }, [demoInput, el('label', { for: 'demo' }, ['Include the demo case (fictional, for training and trying Casewright out)'])]),
    el('div', { class: 'actions' }, [create.button]),
    create.progress,
  ], { submit: (e) => void submit(e) });
}
