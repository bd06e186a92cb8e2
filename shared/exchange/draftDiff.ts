import { diffWords } from 'diff';
import type { Block, DocumentModel } from '../documents/model';

/** The plain text of one block of a document model. */
export function blockText(b: Block): string {
  switch (b.type) {
    case 'title':
    case 'heading':
      return b.text;
    case 'paragraph':
      return b.runs.map((r) => r.text).join('');
    case 'list':
      return b.items.map((i) => i.map((r) => r.text).join('')).join('\n');
    case 'table':
      return [b.header.join(' | '), ...b.rows.map((row) => row.map((cell) => cell.map((r) => r.text).join('')).join(' | '))].join('\n');
    case 'signature':
      return [b.name, b.role, b.date ?? ''].filter(Boolean).join(', ');
    default:
      return '';
  }
}

export interface Section {
  title: string;
  text: string;
}

/** A draft cut into sections at its headings (the text before the first heading is "Opening"). */
export function sectionsOf(m: DocumentModel): Section[] {
  const out: Section[] = [];
  let current: Section = { title: 'Opening', text: '' };
  const seen = new Map<string, number>();
  for (const b of m.blocks) {
    if (b.type === 'heading') {
      if (current.text || current.title !== 'Opening') out.push(current);
      // Two sections with the same heading are told apart by their order.
      const n = (seen.get(b.text) ?? 0) + 1;
      seen.set(b.text, n);
      current = { title: n > 1 ? `${b.text} (${n})` : b.text, text: '' };
      continue;
    }
    const t = blockText(b);
    if (t) current.text += (current.text ? '\n' : '') + t;
  }
  out.push(current);
  return out;
}

export interface DiffPart {
  value: string;
  change: 'same' | 'added' | 'removed';
}
export interface SectionDiff {
  title: string;
  status: 'same' | 'changed' | 'added' | 'removed';
  parts: DiffPart[];
}

/** What changed between two drafts, word by word, section by section (jsdiff's diffWords). */
export function diffDrafts(from: DocumentModel, to: DocumentModel): SectionDiff[] {
  const a = sectionsOf(from);
  const b = sectionsOf(to);
  const inA = new Map(a.map((s) => [s.title, s]));
  const inB = new Set(b.map((s) => s.title));
  const out: SectionDiff[] = [];
  for (const s of b) {
    const old = inA.get(s.title);
    if (!old) {
      out.push({ title: s.title, status: 'added', parts: [{ value: s.text, change: 'added' }] });
      continue;
    }
    if (old.text === s.text) {
      out.push({ title: s.title, status: 'same', parts: [{ value: s.text, change: 'same' }] });
      continue;
    }
    const parts = diffWords(old.text, s.text).map((c): DiffPart => ({ value: c.value, change: c.added ? 'added' : c.removed ? 'removed' : 'same' }));
    out.push({ title: s.title, status: 'changed', parts });
  }
  for (const s of a) if (!inB.has(s.title)) out.push({ title: s.title, status: 'removed', parts: [{ value: s.text, change: 'removed' }] });
  return out;
}

/** The diff as plain text for the command line: [-removed-] and {+added+}, unchanged sections named only. */
export function diffAsText(diff: SectionDiff[]): string {
  return diff
    .map((s) => {
      if (s.status === 'same') return `== ${s.title}: unchanged`;
      const body = s.parts.map((p) => (p.change === 'added' ? `{+${p.value}+}` : p.change === 'removed' ? `[-${p.value}-]` : p.value)).join('');
      return `== ${s.title}: ${s.status}\n${body}`;
    })
    .join('\n');
}
