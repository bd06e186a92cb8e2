import { z } from 'zod';

/**
 * Narrative text (analysis, interview notes, what the records show) as structured content: the TipTap /
 * ProseMirror JSON shape, limited to what reports can render faithfully: paragraphs, headings (levels 2–3),
 * bullet and numbered lists, quotes, line breaks, bold and italic, mentions of people (issue 10), and (case file
 * format 5) tables and links to the web or e-mail, as pasted from Word. The document renderers walk this tree;
 * nothing is guessed from HTML.
 *
 * A mention is `{ type: 'mention', attrs: { id, label } }`: `id` is a person in the case's register and is what
 * counts; `label` is the name as it was picked, for the editor to show, and no document prints it (the builders
 * write the person from the register by id, shared/documents/mentions.ts).
 */
export type RichMark = { type: 'bold' | 'italic' } | { type: 'link'; attrs: { href: string } & Record<string, unknown> };
export const RICH_NODE_TYPES = [
  'doc',
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'text',
  'hardBreak',
  'mention',
  // Tables (case file format 5): rows of header or ordinary cells, each holding paragraphs.
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
] as const;
export interface RichNode {
  type: (typeof RICH_NODE_TYPES)[number];
  attrs?: { level?: number; start?: number } & Record<string, unknown>;
  content?: RichNode[];
  text?: string;
  marks?: RichMark[];
}

/**
 * The addresses a link may go to: the web and e-mail. A link pasted from Word to a file on someone's disk, or a
 * script, is not kept (the editor drops it; a file holding one is refused).
 */
export function isSafeHref(href: unknown): href is string {
  return typeof href === 'string' && href.length <= 2000 && /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/iu.test(href.trim());
}

const markSchema = z
  .object({ type: z.enum(['bold', 'italic', 'link']), attrs: z.record(z.string(), z.unknown()).optional() })
  .passthrough()
  .refine((m) => m.type !== 'link' || isSafeHref(m.attrs?.href), { message: 'has a link that is not a web or e-mail address (https://… or mailto:…)' });

export const richNodeSchema: z.ZodType<RichNode> = z.lazy(() =>
  z
    .object({
      type: z.enum(RICH_NODE_TYPES),
      attrs: z.record(z.string(), z.unknown()).optional(),
      content: z.array(richNodeSchema).max(20_000).optional(),
      text: z.string().max(200_000).optional(),
      marks: z.array(markSchema).max(4).optional() as z.ZodOptional<z.ZodType<RichMark[]>>,
    })
    .refine((n) => n.type !== 'mention' || (typeof n.attrs?.id === 'string' && n.attrs.id.trim() !== '' && n.attrs.id.length <= 200 && (n.attrs.label === undefined || n.attrs.label === null || typeof n.attrs.label === 'string')), {
      message: 'has a mention that names no person from the register',
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
  if (node.type === 'mention') return mentionLabel(node);
  const parts = (node.content ?? []).map(richToPlain);
  if (node.type === 'paragraph' || node.type === 'heading') return parts.join('');
  // A table row reads across, cell by cell.
  return parts.join(node.type === 'tableRow' ? '\t' : '\n');
}

/** What the editor shows for a mention: the label as picked (documents print the person from the register). */
export function mentionLabel(node: RichNode): string {
  return typeof node.attrs?.label === 'string' ? node.attrs.label : '';
}

/** The ids of the people a document mentions, in order, each once. */
export function richMentions(node: RichNode | null | undefined): string[] {
  const out = new Set<string>();
  const stack: RichNode[] = node ? [node] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'mention' && typeof n.attrs?.id === 'string') out.add(n.attrs.id);
    for (const c of [...(n.content ?? [])].reverse()) stack.push(c);
  }
  return [...out];
}

export function isRichEmpty(node: RichNode | null | undefined): boolean {
  return richToPlain(node).trim() === '';
}

/** Rewrites every text run (used to put pseudonyms in place of names in documents for the complainant). */
export function mapRichText(node: RichNode, fn: (text: string) => string): RichNode {
  if (node.type === 'text') return { ...node, text: fn(node.text ?? '') };
  return node.content ? { ...node, content: node.content.map((c) => mapRichText(c, fn)) } : node;
}
