import zlib from 'node:zlib';
import { mb, type ReadLimits } from './limits';

/**
 * A .docx is a zip archive. Before mammoth (through jszip) inflates anything, the archive's own directory is
 * read here and its declared sizes checked, then each part mammoth will parse is inflated with a ceiling, so
 * an archive that lies about its sizes is caught too. A 1 MB file can otherwise inflate to gigabytes.
 */
export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The archive's central directory, or null when the file is not a readable zip. Cheap: nothing is inflated. */
export function readZipDirectory(data: Buffer): ZipEntryInfo[] | null {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = data.readUInt16LE(eocd + 10);
  const cdSize = data.readUInt32LE(eocd + 12);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > eocd) return null;
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || data.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    entries.push({
      method: data.readUInt16LE(p + 10),
      compressedSize: data.readUInt32LE(p + 20),
      size: data.readUInt32LE(p + 24),
      name: data.toString('utf8', p + 46, p + 46 + nameLen),
      localOffset: data.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** True when the archive has the parts every Word document has. */
export function looksLikeWordArchive(entries: ZipEntryInfo[]): boolean {
  const names = new Set(entries.map((e) => e.name));
  return names.has('[Content_Types].xml') && entries.some((e) => e.name.startsWith('word/') && e.name.endsWith('.xml'));
}

/** A sentence for the person: what is wrong with the file and what to do. */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

const isParsed = (name: string) => /\.(xml|rels)$/i.test(name);

/**
 * Refuses (throws a Refusal) a Word archive that is, or pretends not to be, too big to read. `subject` is how the
 * file is named in the sentence ("notes.docx", "The Word document"); `outcome` what happened ("it was not added").
 */
export function checkDocxArchive(data: Buffer, limits: ReadLimits, subject: string, outcome: string): void {
  const entries = readZipDirectory(data);
  const damaged = `${subject} is a damaged Word document, so ${outcome}; open it in Word, save it again as .docx and use the new copy.`;
  if (!entries) throw new Refusal(damaged);
  if (!looksLikeWordArchive(entries)) throw new Refusal(`${subject} is a zip archive but not a Word document, so ${outcome}; save it from Word as .docx and try again.`);
  if (entries.length > limits.maxZipEntries) {
    throw new Refusal(`${subject} holds ${entries.length.toLocaleString('en-GB')} parts, more than the ${limits.maxZipEntries.toLocaleString('en-GB')} Casewright reads, so ${outcome}; open it in Word, save it again or save it as PDF, and use that copy.`);
  }
  const bomb = (what: string, limit: number) =>
    new Refusal(`${subject} unpacks to more than ${mb(limit)} of ${what} (it may be damaged or built to cause harm), so ${outcome}; open it in Word, save it again or save it as PDF, and use that copy.`);
  let total = 0;
  for (const e of entries) {
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) throw bomb('data', limits.maxZipTotalBytes);
    if (isParsed(e.name) && e.size > limits.maxZipPartBytes) throw bomb('text and layout', limits.maxZipPartBytes);
    total += e.size;
    if (total > limits.maxZipTotalBytes) throw bomb('data', limits.maxZipTotalBytes);
  }
  // The declared sizes may lie: inflate each part that will be parsed, never beyond the limit.
  let parsedTotal = 0;
  for (const e of entries) {
    if (!isParsed(e.name) || e.localOffset + 30 > data.length) continue;
    if (data.readUInt32LE(e.localOffset) !== 0x04034b50) throw new Refusal(damaged);
    const start = e.localOffset + 30 + data.readUInt16LE(e.localOffset + 26) + data.readUInt16LE(e.localOffset + 28);
    const raw = data.subarray(start, start + e.compressedSize);
    let size: number;
    if (e.method === 0) size = raw.length;
    else if (e.method === 8) {
      try {
        size = zlib.inflateRawSync(raw, { maxOutputLength: limits.maxZipPartBytes }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw bomb('text and layout', limits.maxZipPartBytes);
        throw new Refusal(damaged);
      }
    } else throw new Refusal(damaged);
    if (size !== e.size) throw new Refusal(damaged);
    parsedTotal += size;
    if (parsedTotal > limits.maxZipTotalBytes) throw bomb('data', limits.maxZipTotalBytes);
  }
}
