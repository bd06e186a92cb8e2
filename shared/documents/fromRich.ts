import type { RichNode } from '../domain/richText';
import { mentionToken, plainText } from './mentions';
import type { Block, Run } from './model';

function runs(nodes: RichNode[] | undefined): Run[] {
  const out: Run[] = [];
  for (const n of nodes ?? []) {
    const bold = n.marks?.some((m) => m.type === 'bold');
    const italic = n.marks?.some((m) => m.type === 'italic');
    const fmt = { ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) };
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
    }
  }
  return out;
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
