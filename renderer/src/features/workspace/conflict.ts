import { isIsoDate } from '../../../../shared/calendar/date';
import { showDate } from '../../../../shared/calendar/readDate';
import { diffJson } from '../../../../shared/domain/diff';
import { fieldInWords } from '../../../../shared/domain/validation';
import type { CaseRecord } from '../../../../shared/domain/case';
import { richToPlain, type RichNode } from '../../../../shared/domain/richText';

/** What a person needs to see when their save met a change made elsewhere (another window, the command line). */
export interface ChangeLine {
  /** Where, in words: "People, entry 2", "Key dates". */
  where: string;
  /** The value as text, to read or copy. */
  text: string;
}

/** "interviews[1].notes" → "Interview 2, notes": a place a person recognises, never a schema path. */
export function placeInWords(path: string): string {
  const parts: PropertyKey[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return fieldInWords(parts) || 'Other details';
}

const isRich = (v: unknown): v is RichNode => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'doc';

function asText(v: unknown): string {
  if (v === null || v === undefined) return '(empty)';
  if (typeof v === 'string') return (isIsoDate(v) ? showDate(v) : v) || '(empty)';
  if (isRich(v)) return richToPlain(v) || '(empty)';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // A whole item added or removed: its words, not its structure.
  const words: string[] = [];
  const walk = (x: unknown) => {
    if (typeof x === 'string' && x.trim() && !/^[a-z]+-[0-9a-f-]{8,}$/.test(x)) words.push(x);
    else if (isRich(x)) words.push(richToPlain(x));
    else if (Array.isArray(x)) x.forEach(walk);
    else if (typeof x === 'object' && x !== null) Object.values(x).forEach(walk);
  };
  walk(v);
  return words.join(' · ') || '(empty)';
}

/** The changes from `before` to `after`, one line per place (rich text is compared as a whole). */
export function changeLines(before: CaseRecord, after: CaseRecord): ChangeLine[] {
  const seen = new Map<string, string[]>();
  for (const c of diffJson(before, after)) {
    // Rich text changes show as the whole new text of the field, not as its inner nodes.
    const richRoot = /^(.*?\.(?:notes|questions|analysis|summary|body|text|observations|reasons?))(?:\.|$)/.exec(c.path)?.[1];
    const key = richRoot ?? c.path;
    const value = richRoot ? valueAt(after, richRoot) : c.after;
    const where = placeInWords(key);
    const list = seen.get(where) ?? [];
    const t = asText(value);
    if (!list.includes(t)) list.push(t);
    seen.set(where, list);
  }
  return [...seen].map(([where, texts]) => ({ where, text: texts.join(' · ') }));
}

function valueAt(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}
