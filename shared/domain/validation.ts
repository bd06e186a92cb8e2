import type { z } from 'zod';

/** "complainants[0].name" from a zod issue path, so a user can find the field in their file or form. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/** One sentence naming the first bad field and what is wrong with it. */
export function describeZodError(error: z.ZodError, root = ''): string {
  const issue = error.issues[0];
  if (!issue) return 'The input is not valid.';
  const where = fieldPath([...(root ? [root] : []), ...issue.path]);
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    const expected = (issue as { expected?: string }).expected;
    message = issue.input === undefined ? 'is missing' : `should be ${expected === 'array' ? 'a list' : `a ${expected}`}`;
  } else if (issue.code === 'invalid_value') {
    const values = (issue as { values?: unknown[] }).values ?? [];
    message = `must be one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (issue.code === 'unrecognized_keys') {
    message = `has a field Casewright does not know (${(issue as { keys?: string[] }).keys?.join(', ')})`;
  }
  const sentence = where ? `${where}: ${message}` : message;
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}
