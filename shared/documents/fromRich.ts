import { isSafeHref, type RichNode } from '../domain/richText';
import { mentionToken, plainText } from './mentions';
import type { Block, Run } from './model';

function runs(nodes: RichNode[] | undefined): Run[] {
  const out: Run[] = [];
  for (const n of nodes ?? []) {
    const bold = n.marks?.some((m) => m.type === 'bold');
    const italic = n.marks?.some((m) => m.type === 'italic');
    const href = n.marks?.find((m) => m.type === 'link')?.attrs?.href;
    const link = isSafeHref(href) ? href.trim() : undefined;
    const fmt = { ...(bold ? { bold } : {}), ...(italic ? { italic } : {}), ...(link ? { link } : {}) };
    if (n.type === 'text') out.push({ text: plainText(n.text ?? ''), ...fmt });
    // A mention is its person's id; `finish` writes the person for the variant (mentions.ts), never the label.
    else if (n.type === 'mention') out.push({ text: mentionToken(mentionId(n)), ...fmt });
    else if (n.type === 'hardBreak') out.push({ text: '\n' });
  }
  return out;
}

const mentionId = (n: RichNode): string => (typeof n.attrs?.id === 'string' ? n.attrs.id : '');

/** Rich text (paragraphs, headings, lists, quotes) as document blocks; headings sit below `baseLevel`. */
export function richToBlocks(doc: RichNode, baseLevel: 2 | 3 = 3): Block[] {
  const out: Block[] = [];
  for (const n of doc.content ?? []) {
    if (n.type === 'paragraph') {
      const r = runs(n.content);
      if (r.some((x) => x.text.trim())) out.push({ type: 'paragraph', runs: r });
    } else if (n.type === 'heading') {
      out.push({ type: 'heading', level: baseLevel, text: runs(n.content).map((r) => r.text).join('') });
    } else if (n.type === 'bulletList' || n.type === 'orderedList') {
      const items = (n.content ?? []).map((li) => (li.content ?? []).flatMap((p) => (p.type === 'paragraph' ? runs(p.content) : [])));
      out.push({ type: 'list', ordered: n.type === 'orderedList', items });
    } else if (n.type === 'blockquote') {
      for (const b of richToBlocks(n, baseLevel)) out.push(b.type === 'paragraph' ? { ...b, style: 'quote' } : b);
    } else if (n.type === 'table') {
      const table = tableBlock(n);
      if (table) out.push(table);
    }
  }
  return out;
}

/**
 * A table pasted from Word or a report: a first row of header cells becomes the header (repeated on each page);
 * every row is padded to the widest, and the columns share the width equally (merged cells are read as one).
 */
function tableBlock(n: RichNode): Block | null {
  const rows = (n.content ?? []).filter((r) => r.type === 'tableRow').map((r) => (r.content ?? []).filter((c) => c.type === 'tableHeader' || c.type === 'tableCell'));
  if (!rows.length) return null;
  const columns = Math.max(1, ...rows.map((r) => r.length));
  // Word marks no header cells: a first row written all in bold, above other rows, is read as the header.
  const allBold = (c: RichNode) => {
    const texts = textsOf(c).filter((t) => t.text?.trim());
    return texts.length > 0 && texts.every((t) => t.marks?.some((m) => m.type === 'bold'));
  };
  const first = rows[0]!;
  const headed = first.length > 0 && (first.every((c) => c.type === 'tableHeader') || (rows.length > 1 && first.every(allBold)));
  const cellRuns = (c: RichNode | undefined): Run[] => (c ? richToRuns(c) : []);
  const pad = (cells: RichNode[]): Run[][] => Array.from({ length: columns }, (_x, i) => cellRuns(cells[i]));
  const header = headed ? pad(first).map((runs) => runs.map((r) => r.text).join('')) : Array.from({ length: columns }, () => '');
  const body = (headed ? rows.slice(1) : rows).map(pad);
  return { type: 'table', header, rows: body.length ? body : [Array.from({ length: columns }, () => [])], widths: Array.from({ length: columns }, () => 1 / columns) };
}

/** Rich text as the runs of one table cell: each paragraph, heading or list item on its own line. */
export function richToRuns(doc: RichNode): Run[] {
  const lines: Run[][] = [];
  const stack: RichNode[] = [doc];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'paragraph' || n.type === 'heading') {
      const r = runs(n.content);
      if (r.some((x) => x.text.trim())) lines.push(r);
    } else for (let i = (n.content ?? []).length - 1; i >= 0; i--) stack.push(n.content![i]!);
  }
  return lines.flatMap((l, i) => (i ? [{ text: '\n' }, ...l] : l));
}

function textsOf(n: RichNode): RichNode[] {
  const out: RichNode[] = [];
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.type === 'text' || x.type === 'mention') out.push(x);
    stack.push(...(x.content ?? []));
  }
  return out;
}
