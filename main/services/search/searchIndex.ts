import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseRecord } from '../../../shared/domain/case';
import { formatPartialDate } from '../../../shared/domain/partialDate';
import { richToPlain } from '../../../shared/domain/richText';
import type { SearchHit } from '../../../shared/api/types';
import { PAGE_BREAK } from '../attachments/text';
import { bodyAsWritten, bodyForIndex, searchFold } from './fold';
import { makeSnippet, termsOf } from './snippet';

/**
 * The full-text index (SQLite FTS5 inside the encrypted store). Each row is one place a result can open at:
 * a point, a person, an interview, an evidence item, a chronology entry, a finding, a recommendation or an
 * attached file. The case's rows are rewritten on every save; attachment rows when a file is added.
 */
type Row = { kind: string; itemId: string; title: string; body: string };

function rowsFor(c: CaseRecord): Row[] {
  const rows: Row[] = [
    {
      kind: 'case',
      itemId: '',
      title: `Case ${c.reference}`,
      body: [c.council.name, c.teamComplainedAbout, richToPlain(c.summary), c.child.name, ...c.complainants.map((x) => x.name), c.statement.notes].join('\n'),
    },
  ];
  for (const p of c.points) rows.push({ kind: 'point', itemId: p.id, title: `Point ${p.number}`, body: [p.summary, ...p.desiredOutcomes, c.plan.linesOfEnquiry[p.id] ?? ''].join('\n') });
  for (const p of c.people) rows.push({ kind: 'person', itemId: p.id, title: p.name, body: [p.role, p.organisation, p.pseudonym].join('\n') });
  for (const v of c.interviews) {
    const who = c.people.find((p) => p.id === v.personId)?.name ?? 'Interview';
    rows.push({ kind: 'interview', itemId: v.id, title: `Interview: ${who}`, body: [v.questions, richToPlain(v.notes)].join('\n') });
  }
  for (const e of c.evidence) {
    rows.push({ kind: 'evidence', itemId: e.id, title: `${e.ref} ${e.title}`, body: [e.source, e.description, ...e.extracts.map((x) => richToPlain(x.quote))].join('\n') });
  }
  for (const e of c.chronology) rows.push({ kind: 'chronology', itemId: e.id, title: formatPartialDate(e.date), body: richToPlain(e.event) });
  for (const [pointId, f] of Object.entries(c.findings)) {
    const n = c.points.find((p) => p.id === pointId)?.number;
    rows.push({
      kind: 'finding',
      itemId: pointId,
      title: `Finding on point ${n ?? '?'}`,
      body: [f.complainantSays, f.recordsShow, f.staffSay, f.analysis].map(richToPlain).join('\n'),
    });
  }
  for (const r of c.recommendations) rows.push({ kind: 'recommendation', itemId: r.id, title: 'Recommendation', body: richToPlain(r.text) });
  // Stage 3 (issue 16): the panel's reasons on each point, its recommendations and conclusions, the council's response.
  const pp = c.panelPapers;
  if (pp) {
    for (const [pointId, x] of Object.entries(pp.perPoint)) {
      const n = c.points.find((p) => p.id === pointId)?.number;
      rows.push({ kind: 'panel', itemId: `point:${pointId}`, title: `Panel’s finding on point ${n ?? '?'}`, body: richToPlain(x.reasons) });
    }
    pp.recommendations.forEach((r, i) =>
      rows.push({ kind: 'panel', itemId: `rec:${r.id}`, title: `Panel recommendation ${i + 1}`, body: [richToPlain(r.text), r.owner, r.timescale, richToPlain(pp.response.perRecommendation[r.id]?.reasons ?? { type: 'doc', content: [] })].join('\n') }),
    );
    rows.push({ kind: 'panel', itemId: 'conclusions', title: 'Panel’s conclusions and the council’s response', body: [richToPlain(pp.conclusions), richToPlain(pp.response.remarks), ...pp.response.actions.map((a) => richToPlain(a.text))].join('\n') });
  }
  return rows;
}

const digestOf = (r: Row) => createHash('sha1').update(r.title).update('\u0000').update(r.body).digest('base64');

function putRow(db: Database, caseId: string, r: Row, digest: string): void {
  const { lastInsertRowid } = db.prepare('INSERT INTO search_index (case_id, kind, item_id, title, body) VALUES (?, ?, ?, ?, ?)').run(caseId, r.kind, r.itemId, r.title, bodyForIndex(r.title, r.body));
  db.prepare('INSERT OR REPLACE INTO search_rows (case_id, kind, item_id, fts_rowid, digest) VALUES (?, ?, ?, ?, ?)').run(caseId, r.kind, r.itemId, lastInsertRowid, digest);
}

function dropRow(db: Database, caseId: string, kind: string, itemId: string, ftsRowid: number): void {
  db.prepare('DELETE FROM search_index WHERE rowid = ?').run(ftsRowid);
  db.prepare('DELETE FROM search_rows WHERE case_id = ? AND kind = ? AND item_id = ?').run(caseId, kind, itemId);
}

/** Takes every index row of a case away (the case is being deleted). */
export function dropCaseFromIndex(db: Database, caseId: string): void {
  db.prepare('DELETE FROM search_index WHERE rowid IN (SELECT fts_rowid FROM search_rows WHERE case_id = ?)').run(caseId);
  db.prepare('DELETE FROM search_rows WHERE case_id = ?').run(caseId);
}

/** Brings the case's index rows in line with the record, touching only the items whose text changed. */
export function indexCase(db: Database, caseId: string, record: CaseRecord): void {
  const existing = new Map(
    (db.prepare("SELECT kind, item_id AS itemId, fts_rowid AS ftsRowid, digest FROM search_rows WHERE case_id = ? AND kind <> 'attachment'").all(caseId) as {
      kind: string; itemId: string; ftsRowid: number; digest: string;
    }[]).map((e) => [`${e.kind}\u0000${e.itemId}`, e]),
  );
  for (const r of rowsFor(record)) {
    const key = `${r.kind}\u0000${r.itemId}`;
    const digest = digestOf(r);
    const old = existing.get(key);
    existing.delete(key);
    if (old?.digest === digest) continue;
    if (old) dropRow(db, caseId, old.kind, old.itemId, old.ftsRowid);
    putRow(db, caseId, r, digest);
  }
  for (const gone of existing.values()) dropRow(db, caseId, gone.kind, gone.itemId, gone.ftsRowid);
}

export function indexAttachment(db: Database, caseId: string, attachmentId: string, title: string, text: string): void {
  const old = db.prepare("SELECT fts_rowid AS ftsRowid FROM search_rows WHERE case_id = ? AND kind = 'attachment' AND item_id = ?").get(caseId, attachmentId) as { ftsRowid: number } | undefined;
  if (old) dropRow(db, caseId, 'attachment', attachmentId, old.ftsRowid);
  const row: Row = { kind: 'attachment', itemId: attachmentId, title, body: text.replaceAll(PAGE_BREAK, '\n') };
  putRow(db, caseId, row, digestOf(row));
}

/**
 * The user's words as an FTS5 query: "quoted text" is a phrase, other words must all appear (the last one
 * may be the start of a word). Everything is quoted, so FTS5 operators in the input are just words.
 */
export function toFtsQuery(input: string): string | null {
  const parts: string[] = [];
  const re = /"([^"]*)"|([^\s"]+)/g;
  for (const m of input.matchAll(re)) {
    const words = (m[1] ?? m[2] ?? '').match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    parts.push(m[1] !== undefined ? `"${words.join(' ')}"` : words.map((w) => `"${w}"`).join(' '));
  }
  if (parts.length === 0) return null;
  const last = parts[parts.length - 1]!;
  if (!input.trimEnd().endsWith('"') && /^"[^ ]+"$/.test(last)) parts[parts.length - 1] = `${last}*`;
  return parts.join(' ');
}


/** The page of an attachment's text on which the first word of the query appears (null for a text without pages). */
function pageOf(text: string, query: string): number | null {
  if (!text.includes(PAGE_BREAK)) return null;
  const word = (query.match(/[\p{L}\p{N}]+/gu) ?? [])[0];
  if (!word) return null;
  const at = text.split(PAGE_BREAK).findIndex((page) => searchFold(page).includes(searchFold(word)));
  return at < 0 ? null : at + 1;
}

/** Ranking looks at no more than this many matches: the newest ones, when a query matches nearly everything. */
export const RANK_AT_MOST = 5000;

export function search(db: Database, input: string, limit = 50): SearchHit[] {
  return searchDetailed(db, input, limit).hits;
}

/** Hits, and whether only the newest RANK_AT_MOST matches were ranked (the UI then suggests more words). */
/** Narrows a search to one case and/or some kinds of item ("finding", "attachment" …). */
export interface SearchFilter {
  caseId?: string | undefined;
  kinds?: readonly string[] | undefined;
}

export function searchDetailed(db: Database, input: string, limit = 50, rankAtMost = RANK_AT_MOST, filter: SearchFilter = {}): { hits: SearchHit[]; capped: boolean } {
  const q = toFtsQuery(input);
  if (!q) return { hits: [], capped: false };
  // The filter is on the index's own (unindexed) columns, so it narrows the same two queries below.
  const kinds = filter.kinds && filter.kinds.length > 0 ? filter.kinds : null;
  const where = `${filter.caseId ? ' AND case_id = ?' : ''}${kinds ? ` AND kind IN (${kinds.map(() => '?').join(', ')})` : ''}`;
  const args = [...(filter.caseId ? [filter.caseId] : []), ...(kinds ?? [])];
  // Ranking costs time for every match; FTS5 walks matches newest first cheaply, so a query that matches more
  // than RANK_AT_MOST rows is ranked over the newest RANK_AT_MOST of them.
  const edge = db
    .prepare(`SELECT rowid FROM search_index WHERE search_index MATCH ?${where} ORDER BY rowid DESC LIMIT 1 OFFSET ?`)
    .get(q, ...args, rankAtMost) as { rowid: number } | undefined;
  // Rank first, touching only the index; snippets and joins only for the rows that will be shown.
  // (In one query SQLite would build a snippet and read the file text for every match before sorting.)
  const top = db
    .prepare(`SELECT rowid FROM search_index WHERE search_index MATCH ?${where} AND rowid > ? ORDER BY bm25(search_index, 0, 0, 0, 5.0, 1.0) LIMIT ?`)
    .all(q, ...args, edge?.rowid ?? 0, limit) as { rowid: number }[];
  if (top.length === 0) return { hits: [], capped: false };
  const order = new Map(top.map((t, i) => [t.rowid, i]));
  // The shown rows by rowid alone: with MATCH here FTS5 would walk every match again (see snippet.ts).
  const rows = db
    .prepare(
      `SELECT s.rowid AS rowid, s.case_id AS caseId, s.kind, s.item_id AS itemId, s.title, s.body, c.reference,
              CASE WHEN s.kind = 'attachment' THEN a.text ELSE NULL END AS fullText
         FROM search_index s
         JOIN cases c ON c.id = s.case_id
         LEFT JOIN attachments a ON s.kind = 'attachment' AND a.id = s.item_id
        WHERE s.rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(top.map((t) => t.rowid))) as {
    rowid: number; caseId: string; kind: string; itemId: string; title: string; body: string; reference: string; fullText: string | null;
  }[];
  const terms = termsOf(q);
  const hits = rows
    .sort((a, b) => order.get(a.rowid)! - order.get(b.rowid)!)
    .map((r) => ({
      caseId: r.caseId,
      reference: r.reference,
      kind: r.kind,
      itemId: r.itemId,
      title: r.title,
      snippet: makeSnippet(bodyAsWritten(r.body), terms),
      page: r.fullText ? pageOf(r.fullText, input) : null,
    }));
  return { hits, capped: edge !== undefined };
}
