import Mention from '@tiptap/extension-mention';
import ListItem from '@tiptap/extension-list-item';
import Link from '@tiptap/extension-link';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { SuggestionKeyDownProps, SuggestionProps } from '@tiptap/suggestion';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useEffect, useId, useRef, useState } from 'react';
import { foldName } from '../../../shared/documents/fold';
import { isSafeHref, richToPlain, type RichNode } from '../../../shared/domain/richText';

const n = (x: number) => x.toLocaleString('en-GB');

/** Someone the field can mention: a person from the case's people register. */
/**
 * List items without Tab and Shift+Tab: in a form, those keys move between fields, and a keyboard user leaving a
 * list with Shift+Tab must not lift the item out of it (and autosave that). Indent and outdent are Ctrl/Cmd+]
 * and Ctrl/Cmd+[, as in Word.
 */
const ListItemWithoutTab = ListItem.extend({
  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitListItem(this.name),
      'Mod-]': () => this.editor.commands.sinkListItem(this.name),
      'Mod-[': () => this.editor.commands.liftListItem(this.name),
    };
  },
});

/**
 * Tables as pasted from Word or a web page: rows of header and ordinary cells, nothing else. The window's
 * Content-Security-Policy allows no inline styles, so the table keeps no widths, alignment or style attribute
 * (Word's pasted `style="…"` is dropped) and renders as plain HTML, styled by styles.css.
 */
const PlainTable = Table.extend({
  addAttributes: () => ({}),
  renderHTML: () => ['table', {}, ['tbody', 0]],
}).configure({ View: null, resizable: false });
const spans = () => ({ colspan: { default: 1 }, rowspan: { default: 1 } });
const PlainTableCell = TableCell.extend({ addAttributes: spans });
const PlainTableHeader = TableHeader.extend({ addAttributes: spans });

/** Links to the web and e-mail only (a pasted link to a file on someone's disk keeps its words, not the link). */
const SafeLink = Link.configure({
  openOnClick: false,
  autolink: false,
  protocols: ['mailto'],
  isAllowedUri: (url) => isSafeHref(url),
  HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
});

/**
 * Pasted HTML without its styling: Word puts <style> blocks, conditional comments and a style="…" on nearly
 * every element on the clipboard. The editor keeps none of it, and parsing it would break the window's
 * Content-Security-Policy (no inline styles), so it is taken out before the editor reads the HTML.
 */
export function withoutStyles(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style\s*>/giu, '')
    .replace(/<!--[\s\S]*?-->/gu, '')
    .replace(/<link\b[^>]*>/giu, '')
    .replace(/\s(?:style|class|width|height|bgcolor|align|valign|border|cellspacing|cellpadding)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/giu, '');
}

export interface MentionPerson {
  id: string;
  name: string;
  role?: string;
}

/** The people whose name (or a word of it, or their role) starts with what was typed after "@". */
export function matchPeople(people: readonly MentionPerson[], query: string): MentionPerson[] {
  const q = foldName(query);
  if (!q) return people.slice(0, 8);
  const starts = (s: string) => foldName(s).split(/[ -]/).some((w) => w.startsWith(q)) || foldName(s).startsWith(q);
  return people.filter((p) => starts(p.name) || (p.role ? starts(p.role) : false)).slice(0, 8);
}

interface Suggesting {
  items: MentionPerson[];
  active: number;
  command: (attrs: { id: string; label: string }) => void;
}

/**
 * A labelled rich-text box (TipTap): paragraphs, bold, italic, lists and quotes, stored as structured JSON.
 * Saves when focus leaves it and after a pause in typing. Ctrl/Cmd+B and +I work as in Word.
 *
 * Given the case's people register, typing "@" offers its people as mentions (issue 10): a list box under the
 * editor (no floating popup, so no inline styles), the up and down arrows to move, Enter or Tab to pick,
 * Escape to close. The editor keeps focus and points at the highlighted option (aria-activedescendant). A
 * mention is stored as the person's id; the editor shows their current name from the register.
 */
export function RichTextField(props: {
  label: string;
  hint?: string;
  value: RichNode;
  onSave: (doc: RichNode) => unknown;
  people?: readonly MentionPerson[];
  /** The most characters the field holds: a counter appears near it, and longer text stays here unsaved. */
  maxLength?: number;
  /** Refuses to save an empty box, with this sentence (the text box keeps focus and what was there). */
  required?: string;
  /** A short field (who does an action): no formatting toolbar. */
  compact?: boolean;
}) {
  const id = useId();
  const onSave = useRef(props.onSave);
  onSave.current = props.onSave;
  const people = useRef(props.people ?? []);
  people.current = props.people ?? [];
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSaved = useRef(canonical(props.value));
  const [length, setLength] = useState(() => richToPlain(props.value).length);
  const [problem, setProblem] = useState<string | null>(null);
  // Read while the editor is configured, before the code below runs.
  const problemRef = useRef<string | null>(null);
  problemRef.current = problem;
  const [suggesting, setSuggestingState] = useState<Suggesting | null>(null);
  // The key handler runs inside the editor, outside React's render: it reads the list from here.
  const current = useRef<Suggesting | null>(null);
  const setSuggesting = (s: Suggesting | null) => {
    current.current = s;
    setSuggestingState(s);
  };
  const maxRef = useRef(props.maxLength);
  maxRef.current = props.maxLength;
  const requiredRef = useRef(props.required);
  requiredRef.current = props.required;
  const listId = `${id}-mentions`;
  const optionId = (i: number) => `${id}-mention-${i}`;
  const mentions = !!props.people;
  const counter = props.maxLength !== undefined && length > props.maxLength * 0.8 ? `${n(length)} of ${n(props.maxLength)} characters.` : '';
  const hintId = props.hint || mentions || counter ? `${id}-hint` : null;
  const errorId = `${id}-error`;

  const open = (p: SuggestionProps<MentionPerson, { id: string; label: string }>, keep: boolean) => {
    const active = keep && current.current ? Math.min(current.current.active, Math.max(0, p.items.length - 1)) : 0;
    setSuggesting({ items: p.items, active, command: p.command });
  };
  const pick = (i: number) => {
    const s = current.current;
    const person = s?.items[i];
    if (!s || !person) return false;
    s.command({ id: person.id, label: person.name });
    return true;
  };
  const onKeyDown = ({ event }: SuggestionKeyDownProps): boolean => {
    const s = current.current;
    if (!s) return false;
    if (event.key === 'Escape' || event.key === 'Esc') {
      setSuggesting(null);
      return true;
    }
    if (!s.items.length) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setSuggesting({ ...s, active: (s.active + step + s.items.length) % s.items.length });
      return true;
    }
    if (event.key === 'Enter' || event.key === 'Tab') return pick(s.active);
    return false;
  };

  const editor = useEditor({
    // The CSP forbids inline styles: the editor's few styles are in styles.css instead.
    injectCSS: false,
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3] }, codeBlock: false, code: false, strike: false, horizontalRule: false, link: false, underline: false, listItem: false }),
      ListItemWithoutTab,
      PlainTable,
      TableRow,
      PlainTableHeader,
      PlainTableCell,
      SafeLink,
      Mention.configure({
        renderText: ({ node }) => nameOf(people.current, node.attrs as Record<string, unknown>),
        renderHTML: ({ node }) => ['span', { class: 'mention', 'data-type': 'mention', 'data-id': String(node.attrs.id ?? '') }, nameOf(people.current, node.attrs as Record<string, unknown>)],
        suggestion: {
          char: '@',
          items: ({ query }) => matchPeople(people.current, query),
          allow: () => people.current.length > 0,
          render: () => ({
            onStart: (p) => open(p, false),
            onUpdate: (p) => open(p, true),
            onKeyDown,
            onExit: () => setSuggesting(null),
          }),
        },
      }),
    ],
    content: props.value,
    editorProps: { attributes: attributes(null), transformPastedHTML: withoutStyles },
    onUpdate: ({ editor: e }) => {
      setLength(richToPlain(e.getJSON() as RichNode).length);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => flush(e.getJSON() as RichNode), 1200);
    },
    onBlur: ({ editor: e }) => {
      setSuggesting(null);
      flush(e.getJSON() as RichNode);
    },
  });

  function attributes(active: string | null): Record<string, string> {
    return {
      'aria-labelledby': `${id}-label`,
      ...(hintId || problemRef.current ? { 'aria-describedby': [problemRef.current ? errorId : '', hintId ?? ''].filter(Boolean).join(' ') } : {}),
      'aria-multiline': 'true',
      ...(problemRef.current ? { 'aria-invalid': 'true' } : {}),
      role: 'textbox',
      class: 'rich-editor',
      ...(active ? { 'aria-controls': listId, 'aria-activedescendant': active } : {}),
    };
  }

  // While the list is open the editor points at the highlighted person, so screen readers read it out.
  const activeOption = suggesting && suggesting.items.length ? optionId(suggesting.active) : null;
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setOptions({ editorProps: { attributes: attributes(activeOption), transformPastedHTML: withoutStyles } });
  }, [editor, activeOption, problem, hintId]);

  function flush(doc: RichNode) {
    if (timer.current) clearTimeout(timer.current);
    const text = canonical(doc);
    if (text === lastSaved.current) return setProblem(null);
    // Refused text stays in the editor, unsaved, with one sentence saying why: nothing typed is thrown away.
    const words = richToPlain(doc);
    const max = maxRef.current;
    const refused =
      max !== undefined && words.length > max
        ? `This is ${n(words.length)} characters, more than the ${n(max)} this field holds; shorten it to save it. Your text is still here.`
        : requiredRef.current && !words.trim()
          ? requiredRef.current
          : null;
    setProblem(refused);
    if (refused) return;
    lastSaved.current = text;
    const outcome = onSave.current(doc);
    if (outcome instanceof Promise) {
      void outcome.then((ok) => {
        if (ok !== false) return;
        // Refused by the store: the editor still has the text; a later save tries again.
        lastSaved.current = '';
        setProblem('This text was not saved (see the message above); it is still here to correct or copy.');
      });
    }
  }

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // Changed from outside (names made mentions, an undo): the editor takes the saved text, unless it is what
  // this editor itself last saved (its own typing is newer).
  const incoming = canonical(props.value);
  useEffect(() => {
    if (!editor || editor.isDestroyed || incoming === lastSaved.current) return;
    lastSaved.current = incoming;
    if (incoming === canonical(editor.getJSON())) return;
    editor.commands.setContent(JSON.parse(incoming) as RichNode, { emitUpdate: false });
  }, [editor, incoming]);

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  });

  const button = (label: string, pressed: boolean | undefined, run: () => void) => (
    <button type="button" className="toolbar-button" aria-pressed={pressed ?? false} onClick={run} disabled={!editor}>
      {label}
    </button>
  );

  return (
    <div className={['field rich-field', props.compact ? 'rich-field--compact' : '', problem ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <span className="label" id={`${id}-label`}>
        {props.label}
      </span>
      {hintId && (
        <p className="hint" id={hintId}>
          {[props.hint, mentions ? 'Type @ and the start of a name to mention someone from the people register.' : '', counter].filter(Boolean).join(' ')}
        </p>
      )}
      {problem && (
        <p className="error-text" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {problem}
        </p>
      )}
      {!props.compact && <div className="toolbar" role="toolbar" aria-label={`Formatting for ${props.label}`}>
        {button('Bold', state?.bold, () => editor?.chain().focus().toggleBold().run())}
        {button('Italic', state?.italic, () => editor?.chain().focus().toggleItalic().run())}
        {button('Bulleted list', state?.bullet, () => editor?.chain().focus().toggleBulletList().run())}
        {button('Numbered list', state?.ordered, () => editor?.chain().focus().toggleOrderedList().run())}
        {button('Quote', state?.quote, () => editor?.chain().focus().toggleBlockquote().run())}
        {state?.link && (
          <button type="button" className="toolbar-button" onClick={() => editor?.chain().focus().extendMarkRange('link').unsetLink().run()}>
            Remove the link
          </button>
        )}
      </div>}
      <EditorContent editor={editor} />
      {suggesting && (
        <ul className="mention-list" role="listbox" id={listId} aria-label={`People to mention in ${props.label}`}>
          {suggesting.items.length ? (
            suggesting.items.map((p, i) => (
              // The editor keeps focus (mouse down does not take it); a click picks the person.
              <li
                key={p.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === suggesting.active}
                className={i === suggesting.active ? 'mention-option mention-option--active' : 'mention-option'}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(i);
                }}
              >
                {p.name}
                {p.role ? ` (${p.role})` : ''}
              </li>
            ))
          ) : (
            <li role="option" aria-selected={false} aria-disabled="true" className="mention-option">
              Nobody in the people register matches.
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** JSON with keys in order, so the same text compares equal however it was put together. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** A mention as the editor shows it: the person's name now, from the register; else the label as picked. */
function nameOf(people: readonly MentionPerson[], attrs: Record<string, unknown>): string {
  const p = people.find((x) => x.id === attrs.id);
  if (p) return p.name;
  const label = typeof attrs.label === 'string' ? attrs.label : '';
  return people.length ? `${label || 'someone'} (no longer in the people register)` : label;
}
