import { caseRecordSchema, type CaseRecord } from './case';

/**
 * Records as stored by earlier versions. A store keeps each case as the JSON it was saved as; fields that have
 * since become rich text (chronology events and recommendations in case file format 4; the case summary,
 * extracts, the independent person's review and the adjudication in format 5) may still be plain strings
 * there. Reading such a record through the schema turns them into rich text (one paragraph a line), exactly
 * as importing an old case file does; the next save writes the new shape. The check is cheap, so records
 * already in the current shape are not parsed again.
 */
export function upgradeStoredRecord(raw: unknown): CaseRecord {
  if (!hasPlainRichFields(raw)) return raw as CaseRecord;
  const parsed = caseRecordSchema.safeParse(raw);
  // A record that no longer passes today's checks is returned as it is, for the user to correct; it is not lost.
  return parsed.success ? parsed.data : (raw as CaseRecord);
}

type Loose = Record<string, unknown> | undefined;
const isStr = (v: unknown) => typeof v === 'string';
const values = (o: unknown): Loose[] => (o && typeof o === 'object' ? (Object.values(o) as Loose[]) : []);
const items = (a: unknown): Loose[] => (Array.isArray(a) ? (a as Loose[]) : []);

export function hasPlainRichFields(raw: unknown): boolean {
  const r = raw as Loose;
  if (!r) return false;
  const ip = r.ipReview as Loose;
  const adj = r.adjudication as Loose;
  return (
    isStr(r.summary) ||
    items(r.chronology).some((c) => isStr(c?.event)) ||
    items(r.recommendations).some((x) => isStr(x?.text)) ||
    items(r.evidence).some((e) => items(e?.extracts).some((x) => isStr(x?.quote))) ||
    (!!ip && (['fairness', 'thoroughness', 'transparency', 'childFocus', 'observations'].some((k) => isStr(ip[k])) || values(ip.perPoint).some((p) => isStr(p?.comment)))) ||
    (!!adj &&
      (isStr(adj.apology) ||
        values(adj.perPoint).some((p) => isStr(p?.reasons)) ||
        values(adj.perRecommendation).some((p) => isStr(p?.reasons)) ||
        items(adj.actions).some((a) => isStr(a?.text) || isStr(a?.owner))))
  );
}
