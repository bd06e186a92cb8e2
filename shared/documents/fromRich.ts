import type { RichNode } from '../domain/richText';
import type { Block, Run } from './model';

function runs(nodes: RichNode[] | undefined): Run[] {
  const out: Run[] = [];
  for (const n of nodes ?? []) {
    if (n.type === 'text') {
      const bold = n.marks?.some((m) => m.type === 'bold');
      const italic = n.marks?.some((m) => m.type === 'italic');
      out.push({ text: n.text ?? '', ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) });
    } else if (n.type === 'hardBreak') out.push({ text: '\n' });
  }
  return out;
}

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
