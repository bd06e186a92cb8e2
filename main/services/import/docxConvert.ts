import { parseDocument } from 'htmlparser2';
import mammoth from 'mammoth';
import { isSafeHref, type RichMark, type RichNode } from '../../../shared/domain/richText';
import { count, type ReadLimits } from '../attachments/limits';
import { Refusal, checkDocxArchive } from '../attachments/zipCheck';

/**
 * Interview notes typed in Word, as rich text: mammoth reads the .docx (it maps Word's heading, list and
 * emphasis styles to clean HTML), and the HTML tree is walked into the app's rich-text shape. Anything the
 * reports cannot show (images, colours, fonts) is dropped; tables are kept as tables (merged cells read as one),
 * and links to the web or e-mail are kept (a link to a file on someone's disk keeps only its words). This runs in
 * the extraction worker (see docxToRich.ts), after the archive has been checked for compression bombs.
 */
type Node = { type: string; name?: string; data?: string; attribs?: Record<string, string>; children?: Node[] };

/** What the notes could not keep, counted while walking, so the person is told in words, not "2 items". */
interface Dropped {
  pictures: number;
  /** Links to anything but the web or e-mail (a file on a disk, a place in the document): words kept. */
  links: number;
}

function inline(nodes: Node[] | undefined, marks: RichMark[], out: RichNode[], d: Dropped): void {
  for (const n of nodes ?? []) {
    if (n.type === 'text') {
      const text = (n.data ?? '').replace(/\s+/g, ' ');
      if (text) out.push(marks.length ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
    } else if (n.name === 'br') out.push({ type: 'hardBreak' });
    else if (n.name === 'strong' || n.name === 'b') inline(n.children, marks.some((m) => m.type === 'bold') ? marks : [...marks, { type: 'bold' }], out, d);
    else if (n.name === 'em' || n.name === 'i') inline(n.children, marks.some((m) => m.type === 'italic') ? marks : [...marks, { type: 'italic' }], out, d);
    else if (n.name === 'a' && isSafeHref(n.attribs?.href)) {
      const link: RichMark = { type: 'link', attrs: { href: n.attribs.href.trim() } };
      inline(n.children, [...marks.filter((m) => m.type !== 'link'), link], out, d);
    } else {
      if (n.name === 'img') d.pictures++;
      // mammoth writes Word's bookmarks as empty anchors: only a link with words was one the writer made.
      if (n.name === 'a' && (n.children ?? []).length > 0) d.links++;
      inline(n.children, marks, out, d);
    }
  }
}

function paragraph(children: Node[] | undefined, d: Dropped, type: 'paragraph' | 'heading' = 'paragraph', level?: number): RichNode | null {
  const content: RichNode[] = [];
  inline(children, [], content, d);
  const trimmed = content;
  if (!trimmed.some((c) => c.type === 'text' && c.text?.trim())) return null;
  return type === 'heading' ? { type, attrs: { level: level ?? 2 }, content: trimmed } : { type, content: trimmed };
}

function blocks(nodes: Node[] | undefined, d: Dropped): RichNode[] {
  const out: RichNode[] = [];
  for (const n of nodes ?? []) {
    if (n.type !== 'tag') continue;
    const name = n.name ?? '';
    if (name === 'p') {
      const p = paragraph(n.children, d);
      if (p) out.push(p);
    } else if (/^h[1-6]$/.test(name)) {
      const p = paragraph(n.children, d, 'heading', Number(name[1]) <= 2 ? 2 : 3);
      if (p) out.push(p);
    } else if (name === 'ul' || name === 'ol') {
      const items = (n.children ?? [])
        .filter((c) => c.name === 'li')
        .map((li) => {
          // A list item holds its own text and any nested lists.
          const own = paragraph((li.children ?? []).filter((c) => c.name !== 'ul' && c.name !== 'ol'), d);
          const nested = blocks((li.children ?? []).filter((c) => c.name === 'ul' || c.name === 'ol'), d);
          return { type: 'listItem', content: [...(own ? [own] : [{ type: 'paragraph' as const, content: [] }]), ...nested] } as RichNode;
        });
      if (items.length) out.push({ type: name === 'ul' ? 'bulletList' : 'orderedList', content: items });
    } else if (name === 'blockquote') {
      const inner = blocks(n.children, d);
      if (inner.length) out.push({ type: 'blockquote', content: inner });
    } else if (name === 'table') {
      const rows: Node[] = [];
      // Rows of this table only: a table inside a cell is read as that cell's text.
      const walk = (x: Node) => (x.name === 'tr' ? rows.push(x) : x.name === 'table' && x !== n ? undefined : (x.children ?? []).forEach(walk));
      walk(n);
      const tableRows: RichNode[] = rows
        .map((tr) => (tr.children ?? []).filter((c) => c.name === 'td' || c.name === 'th'))
        .filter((cells) => cells.length > 0)
        .map((cells) => ({
          type: 'tableRow',
          content: cells.map((cell) => {
            const inner = blocks(cell.children, d).filter((b) => b.type !== 'table');
            const text: RichNode[] = [];
            if (!inner.length) inline(cell.children, [], text, d);
            const content = inner.length ? inner : [{ type: 'paragraph' as const, content: text.filter((t) => t.type !== 'text' || t.text?.trim()) }];
            return { type: cell.name === 'th' ? 'tableHeader' : 'tableCell', attrs: { colspan: 1, rowspan: 1 }, content } as RichNode;
          }),
        }));
      if (tableRows.length) out.push({ type: 'table', content: tableRows });
    } else {
      if (name === 'img') d.pictures++;
      out.push(...blocks(n.children, d));
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
  const d: Dropped = { pictures: 0, links: 0 };
  const doc: RichNode = { type: 'doc', content: blocks(dom.children, d) };
  return { doc, warnings: droppedInWords(d, messages.map((m) => m.message)) };
}

const some = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What was not kept, in words: "2 pictures", "3 links to files or places in the document (their words kept)",
 * "the Word styles Title and Quote (kept as ordinary text)". mammoth's own messages name the
 * styles it did not recognise; anything else it says is left out (it is about Word's internals).
 */
export function droppedInWords(d: Dropped, mammothMessages: readonly string[]): string[] {
  const out: string[] = [];
  if (d.pictures) out.push(some(d.pictures, 'picture', 'pictures'));
  if (d.links) out.push(`${some(d.links, 'link', 'links')} to files or places in the document (their words kept)`);
  const styles = [...new Set(mammothMessages.map((m) => /Unrecognised (?:paragraph|run) style: '([^']+)'/.exec(m)?.[1]).filter((x): x is string => Boolean(x)))];
  if (styles.length) {
    const list = styles.length === 1 ? styles[0] : `${styles.slice(0, -1).join(', ')} and ${styles[styles.length - 1]}`;
    out.push(`the Word style${styles.length === 1 ? '' : 's'} ${list} (kept as ordinary text)`);
  }
  return out;
}
