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

/**
 * How deep rich text may nest, counting the document and its text: room for lists about fifteen levels inside
 * each other, far more than people write. Deeper trees are refused with a sentence before anything walks them
 * recursively (at about 500 levels SQLite's JSON check failed; at about 1,000 the stack overflowed).
 */
export const MAX_RICH_DEPTH = 32;

/** True when the tree is deeper than `limit`, counted without recursion, so any depth is safe to ask about. */
export function richTooDeep(value: unknown, limit = MAX_RICH_DEPTH): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 1 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (depth > limit) return true;
    const content = node !== null && typeof node === 'object' ? (node as { content?: unknown }).content : undefined;
    if (Array.isArray(content)) for (const c of content) stack.push({ node: c, depth: depth + 1 });
  }
  return false;
}

// The depth check is a transform in front of the schema: it runs before anything recursive, and the case
// file's JSON Schema (which follows a transform to what it feeds) still describes the document.
export const richDocSchema = z
  .transform((v: unknown, ctx) => {
    if (richTooDeep(v)) {
      ctx.issues.push({ code: 'custom', message: `is nested more than ${MAX_RICH_DEPTH} levels deep (quotes or lists inside each other); flatten it and save again`, input: v });
      return z.NEVER;
    }
    return v;
  })
  .pipe(richNodeSchema.refine((n) => n.type === 'doc', { message: 'must be a rich-text document' }));

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
