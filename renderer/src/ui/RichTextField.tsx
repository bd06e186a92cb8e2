import StarterKit from '@tiptap/starter-kit';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useEffect, useId, useRef } from 'react';
import type { RichNode } from '../../../shared/domain/richText';

/**
 * A labelled rich-text box (TipTap): paragraphs, bold, italic, lists and quotes, stored as structured JSON.
 * Saves when focus leaves it and after a pause in typing. Ctrl/Cmd+B and +I work as in Word.
 */
export function RichTextField(props: { label: string; hint?: string; value: RichNode; onSave: (doc: RichNode) => void }) {
  const id = useId();
  const onSave = useRef(props.onSave);
  onSave.current = props.onSave;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSaved = useRef(JSON.stringify(props.value));

  const editor = useEditor({
    // The CSP forbids inline styles: the editor's few styles are in styles.css instead.
    injectCSS: false,
    extensions: [StarterKit.configure({ heading: { levels: [2, 3] }, codeBlock: false, code: false, strike: false, horizontalRule: false, link: false, underline: false })],
    content: props.value,
    editorProps: {
      attributes: {
        'aria-labelledby': `${id}-label`,
        ...(props.hint ? { 'aria-describedby': `${id}-hint` } : {}),
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'rich-editor',
      },
    },
    onUpdate: ({ editor: e }) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => flush(e.getJSON() as RichNode), 1200);
    },
    onBlur: ({ editor: e }) => flush(e.getJSON() as RichNode),
  });

  function flush(doc: RichNode) {
    if (timer.current) clearTimeout(timer.current);
    const text = JSON.stringify(doc);
    if (text === lastSaved.current) return;
    lastSaved.current = text;
    onSave.current(doc);
  }

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
    }),
  });

  const button = (label: string, pressed: boolean | undefined, run: () => void) => (
    <button type="button" className="toolbar-button" aria-pressed={pressed ?? false} onClick={run} disabled={!editor}>
      {label}
    </button>
  );

  return (
    <div className="field rich-field">
      <span className="label" id={`${id}-label`}>
        {props.label}
      </span>
      {props.hint && (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <div className="toolbar" role="toolbar" aria-label={`Formatting for ${props.label}`}>
        {button('Bold', state?.bold, () => editor?.chain().focus().toggleBold().run())}
        {button('Italic', state?.italic, () => editor?.chain().focus().toggleItalic().run())}
        {button('Bulleted list', state?.bullet, () => editor?.chain().focus().toggleBulletList().run())}
        {button('Numbered list', state?.ordered, () => editor?.chain().focus().toggleOrderedList().run())}
        {button('Quote', state?.quote, () => editor?.chain().focus().toggleBlockquote().run())}
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}
