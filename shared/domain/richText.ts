import { z } from 'zod';

/**
 * Narrative text (analysis, interview notes, what the records show) as structured content: the TipTap /
 * ProseMirror JSON shape, limited to what reports can render faithfully: paragraphs, headings (levels 2–3),
 * bullet and numbered lists, quotes, line breaks, bold and italic. The document renderers walk this tree;
 * nothing is guessed from HTML.
 */
export type RichMark = { type: 'bold' | 'italic' };
export interface RichNode {
  type: 'doc' | 'paragraph' | 'heading' | 'bulletList' | 'orderedList' | 'listItem' | 'blockquote' | 'text' | 'hardBreak';
  attrs?: { level?: number; start?: number } & Record<string, unknown>;
  content?: RichNode[];
  text?: string;
  marks?: RichMark[];
}

const markSchema = z.object({ type: z.enum(['bold', 'italic']) }).passthrough();

export const richNodeSchema: z.ZodType<RichNode> = z.lazy(() =>
  z
    .object({
      type: z.enum(['doc', 'paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'blockquote', 'text', 'hardBreak']),
      attrs: z.record(z.string(), z.unknown()).optional(),
      content: z.array(richNodeSchema).max(20_000).optional(),
      text: z.string().max(200_000).optional(),
      marks: z.array(markSchema).max(4).optional(),
    })
    .transform((n) => n as RichNode),
);

export const richDocSchema = richNodeSchema.refine((n) => n.type === 'doc', { message: 'must be a rich-text document' });

export const EMPTY_DOC: RichNode = { type: 'doc', content: [] };

/** Plain text to a document: one paragraph per line (blank lines dropped). */
export function richFromPlain(text: string): RichNode {
  const paras = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return { type: 'doc', content: paras.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })) };
}

/** The words of a document: blocks on their own lines (for search, counting and plain previews). */
export function richToPlain(node: RichNode | null | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const parts = (node.content ?? []).map(richToPlain);
  return node.type === 'paragraph' || node.type === 'heading' ? parts.join('') : parts.join('\n');
}

export function isRichEmpty(node: RichNode | null | undefined): boolean {
  return richToPlain(node).trim() === '';
}

/** Rewrites every text run (used to put pseudonyms in place of names in documents for the complainant). */
export function mapRichText(node: RichNode, fn: (text: string) => string): RichNode {
  if (node.type === 'text') return { ...node, text: fn(node.text ?? '') };
  return node.content ? { ...node, content: node.content.map((c) => mapRichText(c, fn)) } : node;
}
