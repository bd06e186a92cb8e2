/** The fields that differ between two JSON values, as paths with old and new values (for the audit log). */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function diffJson(before: unknown, after: unknown, path = '', out: FieldChange[] = []): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      diffJson(before[k], after[k], path ? `${path}.${k}` : k, out);
    }
  } else if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) diffJson(before[i], after[i], `${path}[${i}]`, out);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path, before: before ?? null, after: after ?? null });
  }
  return out;
}
