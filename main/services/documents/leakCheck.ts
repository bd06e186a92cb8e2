import { LETTERS_TO_COMPLAINANT, documentPeople, shownPeople } from '../../../shared/documents/context';
import { foldName } from '../../../shared/documents/fold';
import type { DocumentKind } from '../../../shared/documents/model';
import { nameFinder } from '../../../shared/documents/names';
import type { CaseRecord } from '../../../shared/domain/case';
import type { LeakHit } from '../../../shared/api/types';
import { NotOurPdf, readOwnPdf, type PdfTextSources } from './pdfText';
import { unzip } from './zip';

/**
 * The leak check (issue 10): before the complainant's version of a document is issued or exported, it reads
 * what was actually rendered, as a reader and their tools see it (the Word file's body, headers, footers,
 * image descriptions and file properties; the PDF's text on each page, bookmarks and document information;
 * the file names), and looks for every person in the register whom that version must not name. It uses the
 * same name finder as the pseudonymiser but reads the rendered files, so whatever the pseudonymiser missed,
 * or a renderer added, is caught here.
 */

export interface LeakSource {
  /** Where a reader finds the text: "PDF, page 2", "Word, page header", "file name". */
  where: string;
  text: string;
  /**
   * Checked with nothing protected: the case reference and protective marking themselves, which are never
   * names inside other text but can be one ("KIERAN-NOWAK-ST2" prints the child's name on every page).
   */
  whole?: boolean;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

/** The text of a WordprocessingML part: each paragraph's runs joined, paragraphs on their own lines. */
function wordText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) =>
      [...p.matchAll(/<w:(t|tab|br|cr)(?:\s[^>]*)?(?:\/>|>([^<]*)<\/w:t>)/g)]
        .map((m) => (m[1] === 't' ? unescapeXml(m[2] ?? '') : m[1] === 'tab' ? '\t' : '\n'))
        .join(''),
    )
    .join('\n');
}

/** Everything a Word file shows or carries as text. */
export function docxSources(data: Buffer): Promise<LeakSource[]> {
  // Our own Word file, read with Node's zlib (issue 15: JSZip's JavaScript inflate was most of the check).
  const parts = unzip(data);
  const out: LeakSource[] = [];
  for (const name of [...parts.keys()].sort()) {
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
    const xml = parts.get(name)!.toString('utf8');
    const part = name.replace(/^word\//, '').replace(/\d*\.xml$/, '');
    const where =
      part === 'document' ? 'Word, document body'
      : part === 'header' ? 'Word, page header'
      : part === 'footer' ? 'Word, page footer'
      : name.startsWith('docProps/') ? 'Word, file properties'
      : `Word, ${name}`;
    if (name.startsWith('docProps/')) {
      const values = [...xml.matchAll(/<([\w:]+)(?:\s[^>]*)?>([^<]+)<\/\1>/g)].map((m) => unescapeXml(m[2]!));
      out.push({ where, text: values.join('\n') });
      continue;
    }
    if (name.endsWith('.rels')) {
      // Link targets (a "mailto:" can name someone), as the PDF's are read.
      const targets = [...xml.matchAll(/<Relationship\s[^>]*>/g)].filter((m) => /Type="[^"]*\/hyperlink"/.test(m[0])).map((m) => unescapeXml(/\sTarget="([^"]*)"/.exec(m[0])?.[1] ?? ''));
      if (targets.length) out.push({ where: 'Word, link targets', text: targets.join('\n') });
      continue;
    }
    if (/<w:t[\s>]/.test(xml)) out.push({ where, text: wordText(xml) });
    // Image descriptions and titles (alternative text read out by screen readers).
    const alts = [...xml.matchAll(/\s(?:descr|title|name)="([^"]*)"/g)].map((m) => unescapeXml(m[1]!)).filter((t) => /\p{L}{2}/u.test(t));
    if (alts.length) out.push({ where: `${where} (image descriptions)`, text: alts.join('\n') });
  }
  return Promise.resolve(out);
}

let pdfjsLoading: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;

/** pdf.js, and the worker code it runs on this thread (its "fake worker", imported by pdf.js on the first document from the same file), loaded once. */
function loadPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  pdfjsLoading ??= Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]).then(([pdfjs]) => pdfjs);
  return pdfjsLoading;
}

/**
 * Everything a PDF shows or carries as text: each page, the bookmarks, the document information, the XMP
 * metadata, link targets and the structure tree's alternative text. Our own renderer's PDFs are read by
 * `readOwnPdf` (issue 15: pdf.js was most of the check's time); a file in any other shape, or one that reader
 * does not recognise, is read by pdf.js, so nothing is ever read partially.
 */
export async function pdfSources(data: Buffer): Promise<LeakSource[]> {
  let own: PdfTextSources;
  try {
    own = await readOwnPdf(data);
  } catch (e) {
    if (e instanceof NotOurPdf) return pdfjsSources(data);
    throw e;
  }
  const out: LeakSource[] = own.pages.map((text, i) => ({ where: `PDF, page ${i + 1}`, text }));
  if (own.bookmarks.length) out.push({ where: 'PDF, bookmarks', text: own.bookmarks.join('\n') });
  for (const [k, v] of Object.entries(own.info)) out.push({ where: `PDF, file properties (${k})`, text: v });
  if (own.xmp) out.push({ where: 'PDF, XMP metadata', text: unescapeXml(own.xmp.replace(/<[^>]+>/g, '\n')) });
  if (own.links.length) out.push({ where: 'PDF, link targets', text: own.links.join('\n') });
  if (own.alternates.length) out.push({ where: 'PDF, alternative text', text: own.alternates.join('\n') });
  return out;
}

/** The same, read with pdf.js: for PDFs that `readOwnPdf` does not recognise (and, in tests, as its reference). */
export async function pdfjsSources(data: Buffer): Promise<LeakSource[]> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const out: LeakSource[] = [];
  const links: string[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      // A glyph with no text of its own (a combining mark drawn apart from its letter) comes back from pdf.js as a
      // control character, which would split the name around it: dropped.
      // eslint-disable-next-line no-control-regex
      out.push({ where: `PDF, page ${i}`, text: content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('').replace(/[\u0000-\u0008\u000e-\u001f]/g, '') });
      for (const a of (await page.getAnnotations()) as { url?: string; unsafeUrl?: string; contentsObj?: { str?: string } }[]) {
        for (const t of [a.unsafeUrl ?? a.url, a.contentsObj?.str]) if (t) links.push(t);
      }
      page.cleanup();
    }
    const titles: string[] = [];
    const walk = (items: { title: string; items: unknown[] }[] | null) => items?.forEach((o) => (titles.push(o.title), walk(o.items as { title: string; items: unknown[] }[])));
    walk((await doc.getOutline()) as { title: string; items: unknown[] }[] | null);
    if (titles.length) out.push({ where: 'PDF, bookmarks', text: titles.join('\n') });
    const meta = await doc.getMetadata();
    const info = meta.info as Record<string, unknown>;
    for (const k of ['Title', 'Subject', 'Keywords', 'Author', 'Creator', 'Producer']) {
      if (typeof info[k] === 'string' && info[k]) out.push({ where: `PDF, file properties (${k})`, text: info[k] as string });
    }
    const xmp = meta.metadata as { getRaw(): string } | null;
    if (xmp) out.push({ where: 'PDF, XMP metadata', text: unescapeXml(xmp.getRaw().replace(/<[^>]+>/g, '\n')) });
    if (links.length) out.push({ where: 'PDF, link targets', text: links.join('\n') });
  } finally {
    await doc.destroy();
  }
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The name and a few words either side, folded: what a "not this person" decision is about. */
export function leakKey(personId: string, text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 200), start).match(/(?:[\p{L}\p{N}'’]+[^\p{L}\p{N}]*){0,4}$/u)?.[0] ?? '';
  const after = text.slice(end, end + 200).match(/^(?:[^\p{L}\p{N}]*[\p{L}\p{N}'’]+){0,4}/u)?.[0] ?? '';
  return [personId, foldName(before), foldName(text.slice(start, end)), foldName(after)].join('|');
}

/**
 * Every place in `sources` that names a register person the complainant's version of `kind` must not name:
 * everyone but the complainant, and, in letters to the complainant, their own child. Places marked "not this
 * person" are left out.
 */
export function findLeaks(record: CaseRecord, kind: DocumentKind, sources: LeakSource[], letterToComplainant = LETTERS_TO_COMPLAINANT.includes(kind)): LeakHit[] {
  // The register, and the Overview's child, complainants and supporters it does not hold by name.
  const people = documentPeople(record);
  const allowed = new Set([...shownPeople(record, letterToComplainant), ...people.filter((p) => p.kind === 'complainant')].map((p) => p.id));
  const guarded = nameFinder(people, { protect: [record.reference, record.council.protectiveMarking] });
  const whole = nameFinder(people);
  const dismissed = new Set(record.leakDismissals.map((d) => d.key));
  const byId = new Map(people.map((p) => [p.id, p]));
  const hits: LeakHit[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    const text = s.text.normalize('NFC');
    for (const h of (s.whole ? whole : guarded)(text)) {
      if (h.personIds.some((id) => allowed.has(id))) continue;
      for (const personId of h.personIds) {
        const key = leakKey(personId, text, h.start, h.end);
        if (dismissed.has(key)) continue;
        const once = `${s.where}|${key}`;
        if (seen.has(once)) continue;
        seen.add(once);
        const from = Math.max(0, h.start - 60);
        const to = Math.min(text.length, h.end + 60);
        hits.push({
          personId,
          person: byId.get(personId)?.name ?? personId,
          matched: h.text,
          context: `${from > 0 ? '…' : ''}${squash(text.slice(from, to))}${to < text.length ? '…' : ''}`,
          where: s.where,
          key,
        });
      }
    }
  }
  return hits;
}

/** Reads both rendered formats and the file names of the complainant's version. */
/** `letterToComplainant`: the document is addressed to the complainant (a letter, or her own interview record). */
/**
 * `printed`: the case reference and protective marking the document prints (in every page header, the file
 * names and the file properties); inside the rendered text they are never taken for names, so they are also
 * checked on their own, once each.
 */
export async function checkRendered(
  record: CaseRecord,
  kind: DocumentKind,
  files: { docx: Buffer; pdf: Buffer | null; names: string[]; printed?: { reference: string; marking: string } },
  letterToComplainant?: boolean,
): Promise<LeakHit[]> {
  const printed = files.printed ?? { reference: record.reference, marking: record.council.protectiveMarking };
  const sources: LeakSource[] = [
    ...(await docxSources(files.docx)),
    ...(files.pdf ? await pdfSources(files.pdf) : []),
    ...files.names.map((n) => ({ where: 'file name', text: n })),
    { where: 'case reference (every page header and the file names)', text: printed.reference, whole: true },
    // An issued version keeps the reference it was issued under; the file names carry the case's current one.
    ...(record.reference !== printed.reference ? [{ where: 'case reference (the file names)', text: record.reference, whole: true }] : []),
    { where: 'protective marking (every page header)', text: printed.marking, whole: true },
  ];
  return findLeaks(record, kind, sources, letterToComplainant ?? LETTERS_TO_COMPLAINANT.includes(kind));
}

/** One sentence for a refused export or issue. */
export function leakSentence(hits: LeakHit[]): string {
  const people = [...new Set(hits.map((h) => h.person))];
  const shown = people.slice(0, 3).map((p) => `“${p}”`).join(', ') + (people.length > 3 ? ` and ${people.length - 3} more` : '');
  return `The complainant’s version still names ${people.length === 1 ? 'a person' : `${people.length} people`} from the people register (${shown}) in ${hits.length} place${hits.length === 1 ? '' : 's'}; correct the text or mark each place “not this person” on the Documents tab, then try again.`;
}
