import type { z } from 'zod';

/** The parts of a case record as a person names them (the workspace's tabs and the overview's sections). */
export const SECTION_NAMES: Readonly<Record<string, string>> = {
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

const ONE_OF: Readonly<Record<string, string>> = {
  complainants: 'complainant',
  people: 'person',
  points: 'point',
  interviews: 'interview',
  evidence: 'evidence item',
  extracts: 'extract',
  chronology: 'chronology entry',
  recommendations: 'recommendation',
  extensions: 'extension',
  records: 'record',
  tasks: 'task',
  actions: 'action',
  desiredOutcomes: 'outcome',
};

const words = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
// Internal ids ("point-3f2a…", UUIDs) mean nothing to a person: they are left out of the words.
const looksLikeId = (key: string) => /^[a-z]+-[0-9a-z-]{1,}$/i.test(key) && /\d/.test(key);

/**
 * Where a field is, in words ("Complainant 1, relationship to child", "Independent person, observations"),
 * never a schema path: this is what a message about a bad value says.
 */
export function fieldInWords(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let previous = '';
  for (const p of path) {
    if (typeof p === 'number') {
      parts[parts.length - 1] = `${ONE_OF[previous] ?? 'entry'} ${p + 1}`;
      continue;
    }
    const key = String(p);
    previous = key;
    if (key === 'case' && parts.length === 0) continue;
    if (looksLikeId(key)) continue;
    parts.push(parts.length === 0 && SECTION_NAMES[key] ? SECTION_NAMES[key] : words(key));
  }
  const out = parts.join(', ');
  return out.charAt(0).toUpperCase() + out.slice(1);
}

const EXPECTED_IN_WORDS: Record<string, string> = { string: 'text', number: 'a number', boolean: 'yes or no', array: 'a list', object: 'a group of fields', date: 'a date' };

/** One sentence naming the first bad field, in words, and what is wrong with it. */
export function describeZodError(error: z.ZodError, root = ''): string {
  const issue = error.issues[0];
  if (!issue) return 'The input is not valid.';
  const where = fieldInWords([...(root ? [root] : []), ...issue.path]);
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    const expected = (issue as { expected?: string }).expected ?? '';
    // zod 4 leaves the input out of an issue unless asked; its message says what it received.
    const received = 'input' in issue ? (issue.input === undefined ? 'undefined' : typeof issue.input) : (/received (\w+)/.exec(issue.message)?.[1] ?? 'undefined');
    message = received === 'undefined' ? 'is missing' : `should be ${EXPECTED_IN_WORDS[expected] ?? `a ${expected}`}`;
  } else if (issue.code === 'invalid_value') {
    const values = (issue as { values?: unknown[] }).values ?? [];
    message = `must be one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (issue.code === 'unrecognized_keys') {
    message = `has a field Casewright does not know (${(issue as { keys?: string[] }).keys?.join(', ')})`;
  }
  // A message that is already a whole sentence ("The idle lock must be…") names its field itself.
  const sentence = where && !/^[A-Z]/.test(message) ? `${where}: ${message}` : message;
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}
