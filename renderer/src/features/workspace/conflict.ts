import { diffJson } from '../../../../shared/domain/diff';
import type { CaseRecord } from '../../../../shared/domain/case';
import { richToPlain, type RichNode } from '../../../../shared/domain/richText';

/** What a person needs to see when their save met a change made elsewhere (another window, the command line). */
export interface ChangeLine {
  /** Where, in words: "People, entry 2", "Key dates". */
  where: string;
  /** The value as text, to read or copy. */
  text: string;
}

const SECTION_NAMES: Record<string, string> = {
  reference: 'Case reference',
  council: 'Council profile',
  child: 'The child',
  complainants: 'Complainants',
  advocate: 'Advocate',
  representative: 'Representative',
  roles: 'People in roles',
  keyDates: 'Key dates',
  points: 'Statement of complaint',
  statement: 'Statement of complaint',
  extensions: 'Extensions',
  lateReasons: 'Reasons for lateness',
  people: 'People',
  plan: 'Plan',
  interviews: 'Interviews',
  evidence: 'Evidence',
  chronology: 'Chronology',
  findings: 'Findings',
  recommendations: 'Recommendations',
  ipReview: 'Independent person',
  adjudication: 'Adjudication',
  summary: 'Case summary',
};

/** "interviews[1].notes" → "Interviews, entry 2": a place a person recognises, never a schema path. */
export function placeInWords(path: string): string {
  const m = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(path);
  const top = m?.[1] ?? path;
  const name = SECTION_NAMES[top] ?? 'Other details';
  return m?.[2] !== undefined ? `${name}, entry ${Number(m[2]) + 1}` : name;
}

const isRich = (v: unknown): v is RichNode => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'doc';

function asText(v: unknown): string {
  if (v === null || v === undefined) return '(empty)';
  if (typeof v === 'string') return v || '(empty)';
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
