import { parseDocument } from 'htmlparser2';
import mammoth from 'mammoth';
import type { RichMark, RichNode } from '../../../shared/domain/richText';
import { count, type ReadLimits } from '../attachments/limits';
import { Refusal, checkDocxArchive } from '../attachments/zipCheck';

/**
 * Interview notes typed in Word, as rich text: mammoth reads the .docx (it maps Word's heading, list and
 * emphasis styles to clean HTML), and the HTML tree is walked into the app's rich-text shape. Anything the
 * reports cannot show (images, colours, fonts) is dropped; tables become one paragraph per row. This runs in
 * the extraction worker (see docxToRich.ts), after the archive has been checked for compression bombs.
 */
type Node = { type: string; name?: string; data?: string; children?: Node[] };

function inline(nodes: Node[] | undefined, marks: RichMark[], out: RichNode[]): void {
  for (const n of nodes ?? []) {
    if (n.type === 'text') {
      const text = (n.data ?? '').replace(/\s+/g, ' ');
      if (text) out.push(marks.length ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
    } else if (n.name === 'br') out.push({ type: 'hardBreak' });
    else if (n.name === 'strong' || n.name === 'b') inline(n.children, marks.some((m) => m.type === 'bold') ? marks : [...marks, { type: 'bold' }], out);
    else if (n.name === 'em' || n.name === 'i') inline(n.children, marks.some((m) => m.type === 'italic') ? marks : [...marks, { type: 'italic' }], out);
    else inline(n.children, marks, out);
  }
}

function paragraph(children: Node[] | undefined, type: 'paragraph' | 'heading' = 'paragraph', level?: number): RichNode | null {
  const content: RichNode[] = [];
  inline(children, [], content);
  const trimmed = content;
  if (!trimmed.some((c) => c.type === 'text' && c.text?.trim())) return null;
  return type === 'heading' ? { type, attrs: { level: level ?? 2 }, content: trimmed } : { type, content: trimmed };
}

function blocks(nodes: Node[] | undefined): RichNode[] {
  const out: RichNode[] = [];
  for (const n of nodes ?? []) {
    if (n.type !== 'tag') continue;
    const name = n.name ?? '';
    if (name === 'p') {
      const p = paragraph(n.children);
      if (p) out.push(p);
    } else if (/^h[1-6]$/.test(name)) {
      const p = paragraph(n.children, 'heading', Number(name[1]) <= 2 ? 2 : 3);
      if (p) out.push(p);
    } else if (name === 'ul' || name === 'ol') {
      const items = (n.children ?? [])
        .filter((c) => c.name === 'li')
        .map((li) => {
          // A list item holds its own text and any nested lists.
          const own = paragraph((li.children ?? []).filter((c) => c.name !== 'ul' && c.name !== 'ol'));
          const nested = blocks((li.children ?? []).filter((c) => c.name === 'ul' || c.name === 'ol'));
          return { type: 'listItem', content: [...(own ? [own] : [{ type: 'paragraph' as const, content: [] }]), ...nested] } as RichNode;
        });
      if (items.length) out.push({ type: name === 'ul' ? 'bulletList' : 'orderedList', content: items });
    } else if (name === 'blockquote') {
      const inner = blocks(n.children);
      if (inner.length) out.push({ type: 'blockquote', content: inner });
    } else if (name === 'table') {
      const rows: Node[] = [];
      const walk = (x: Node) => (x.name === 'tr' ? rows.push(x) : (x.children ?? []).forEach(walk));
      walk(n);
      for (const tr of rows) {
        const cells = (tr.children ?? []).filter((c) => c.name === 'td' || c.name === 'th');
        const parts: RichNode[] = [];
        cells.forEach((cell, i) => {
          if (i > 0) parts.push({ type: 'text', text: ' | ' });
          inline(cell.children, [], parts);
        });
        if (parts.some((c) => c.type === 'text' && c.text?.trim() && c.text !== ' | ')) out.push({ type: 'paragraph', content: parts });
      }
    } else {
      out.push(...blocks(n.children));
    }
  }
  return out;
}

const SUBJECT = 'The Word document';
const OUTCOME = 'nothing was imported';

/** The .docx as rich text; a Refusal (one sentence) when it is damaged, a bomb or too long for notes. */
export async function convertDocx(data: Buffer, limits: ReadLimits): Promise<{ doc: RichNode; warnings: string[] }> {
  checkDocxArchive(data, limits, SUBJECT, OUTCOME);
  let html: string;
  let messages: { message: string }[];
  try {
    const r = await mammoth.convertToHtml({ buffer: data }, { ignoreEmptyParagraphs: true });
    html = r.value;
    messages = r.messages;
  } catch {
    // mammoth's and jszip's own words ("End of data reached … Corrupted zip ?") are not for the person.
    throw new Refusal('The Word document could not be read (it may be damaged), so nothing was imported; open it in Word, save it again as .docx and retry.');
  }
  const dom = parseDocument(html, { decodeEntities: true }) as unknown as Node;
  let chars = 0;
  const tally = (n: Node): void => {
    if (n.type === 'text') chars += n.data?.length ?? 0;
    n.children?.forEach(tally);
  };
  tally(dom);
  if (chars > limits.maxImportChars) {
    throw new Refusal(`The Word document has ${count(chars)} characters of text, more than the ${count(limits.maxImportChars)} interview notes can hold, so ${OUTCOME}; split it into smaller documents, or add it to the evidence register instead.`);
  }
  return { doc: { type: 'doc', content: blocks(dom.children) }, warnings: messages.map((m) => m.message) };
}
