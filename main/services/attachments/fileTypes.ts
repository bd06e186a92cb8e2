import { looksLikeWordArchive, readZipDirectory } from './zipCheck';

/**
 * The kinds of file the evidence register accepts, recognised by their content as well as their name, so a
 * renamed file is not mistaken for something it is not: pictures are walked to their structure (an SVG or a
 * web page starting with "GIF89a" is not a GIF), Word files must be Word archives, and text must be text
 * throughout (a program named .txt is refused).
 */
export interface FileKind {
  mime: string;
  label: string;
  viewable: 'pdf' | 'image' | 'text' | 'none';
}

const KINDS: Record<string, FileKind> = {
  pdf: { mime: 'application/pdf', label: 'PDF', viewable: 'pdf' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document', viewable: 'text' },
  eml: { mime: 'message/rfc822', label: 'E-mail', viewable: 'text' },
  txt: { mime: 'text/plain', label: 'Text', viewable: 'text' },
  png: { mime: 'image/png', label: 'PNG image', viewable: 'image' },
  jpg: { mime: 'image/jpeg', label: 'JPEG image', viewable: 'image' },
  jpeg: { mime: 'image/jpeg', label: 'JPEG image', viewable: 'image' },
  gif: { mime: 'image/gif', label: 'GIF image', viewable: 'image' },
};

export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

function startsWith(data: Buffer, bytes: number[] | string, at = 0): boolean {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return data.length >= at + b.length && data.subarray(at, at + b.length).equals(b);
}

/** Programs, by their first bytes: Windows (MZ), Linux (ELF), macOS (Mach-O, universal), Java classes. */
function isProgram(data: Buffer): boolean {
  if (startsWith(data, 'MZ') || startsWith(data, [0x7f, 0x45, 0x4c, 0x46])) return true;
  const magic = data.length >= 4 ? data.readUInt32BE(0) : 0;
  return [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic);
}

/** A PNG: the signature, then well-formed chunks starting with IHDR and including image data. */
function isPng(data: Buffer): boolean {
  if (!startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return false;
  let p = 8;
  let first = true;
  let sawData = false;
  while (p + 12 <= data.length) {
    const len = data.readUInt32BE(p);
    const type = data.toString('latin1', p + 4, p + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || len > 0x7fffffff || p + 12 + len > data.length) return false;
    if (first && type !== 'IHDR') return false;
    first = false;
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') return sawData;
    p += 12 + len;
  }
  return sawData && p === data.length; // a file cut short after its image data is still shown
}

/** A JPEG: start-of-image, then well-formed marker segments up to the start of the scan, with a frame header. */
function isJpeg(data: Buffer): boolean {
  if (!startsWith(data, [0xff, 0xd8, 0xff])) return false;
  let p = 2;
  let sawFrame = false;
  while (p + 4 <= data.length) {
    if (data[p] !== 0xff) return false;
    let marker = data[p + 1]!;
    while (marker === 0xff && p + 2 < data.length) marker = data[++p + 1]!; // fill bytes
    if (marker === 0xda) return sawFrame; // start of scan: the compressed picture follows
    if (marker === 0xd8 || marker === 0xd9 || marker === 0x00 || marker < 0xc0 && marker !== 0x01) return false;
    if (marker >= 0xd0 && marker <= 0xd7) {
      p += 2;
      continue;
    }
    if ((marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)) sawFrame = true;
    const len = data.readUInt16BE(p + 2);
    if (len < 2) return false;
    p += 2 + len;
  }
  return false;
}

/** A GIF: header, screen descriptor, then only extension and image blocks up to the trailer. */
function isGif(data: Buffer): boolean {
  if (!(startsWith(data, 'GIF87a') || startsWith(data, 'GIF89a')) || data.length < 13) return false;
  let p = 13;
  const flags = data[10]!;
  if (flags & 0x80) p += 3 * (1 << ((flags & 0x07) + 1));
  const subBlocks = (): boolean => {
    while (p < data.length) {
      const n = data[p++]!;
      if (n === 0) return true;
      p += n;
    }
    return false;
  };
  let images = 0;
  while (p < data.length) {
    const b = data[p++]!;
    if (b === 0x3b) return images > 0;
    if (b === 0x21) {
      p++; // label
      if (!subBlocks()) return false;
    } else if (b === 0x2c) {
      if (p + 9 > data.length) return false;
      const f = data[p + 8]!;
      p += 9;
      if (f & 0x80) p += 3 * (1 << ((f & 0x07) + 1));
      p++; // LZW minimum code size
      if (!subBlocks()) return false;
      images++;
    } else return false;
  }
  return images > 0; // cut short after a complete image: still shown
}

const isPdf = (data: Buffer) => data.subarray(0, 1024).includes(Buffer.from('%PDF-'));
const isZip = (data: Buffer) => startsWith(data, [0x50, 0x4b, 0x03, 0x04]);

/** What the content says it is, when it is one of the binary kinds (for naming a lying extension). */
function contentKind(data: Buffer): string | null {
  if (isPdf(data) && startsWith(data, '%PDF-')) return 'pdf';
  if (isZip(data)) {
    const dir = readZipDirectory(data);
    return dir && looksLikeWordArchive(dir) ? 'docx' : 'zip';
  }
  if (isPng(data)) return 'png';
  if (isJpeg(data)) return 'jpg';
  if (isGif(data)) return 'gif';
  return null;
}

/**
 * Text: no NUL bytes anywhere (UTF-16 with a byte-order mark excepted) and hardly any other control
 * characters, which programs and binary files are full of and prose never has.
 */
function isText(data: Buffer): boolean {
  const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
  if (utf16) return data.length % 2 === 0;
  let control = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0) return false;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) || c === 0x7f) control++;
  }
  return control <= Math.max(8, data.length / 1000);
}

/** An e-mail saved as .eml starts with header lines ("From: …", "Received: …") or an mbox "From " line. */
function looksLikeEmail(data: Buffer): boolean {
  const head = data.toString('latin1', 0, 1024).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').replace(/^[\r\n]+/, '');
  return /^([!-9;-~]+:|From )/.test(head);
}

const EXT_OF: Record<string, string> = { pdf: 'a PDF', docx: 'a Word document', zip: 'a zip archive', png: 'a PNG image', jpg: 'a JPEG image', gif: 'a GIF image' };
const noun = (k: FileKind) => (k.label === 'Text' ? 'a text file' : k.label === 'E-mail' ? 'an e-mail' : `a ${k.label}`);
const RENAME_TO: Record<string, string> = { pdf: '.pdf', docx: '.docx', png: '.png', jpg: '.jpg', gif: '.gif' };

/** The kind of the file, or a sentence saying why it cannot be accepted. */
export function detectKind(fileName: string, data: Buffer): FileKind | string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  // Own keys only: a file called "constructor" or "toString" must not find Object.prototype's (found by fuzzing).
  const kind = Object.hasOwn(KINDS, ext) ? KINDS[ext] : undefined;
  if (!kind) {
    return `${fileName} is not a kind of file the evidence register takes; add PDFs, Word (.docx) files, e-mails saved as .eml, text files or PNG, JPEG or GIF images.`;
  }
  if (isProgram(data)) {
    return `${fileName} is a program, not ${noun(kind)}, so it was not added; the evidence register does not keep programs, so describe it in the register instead.`;
  }
  const ok =
    ext === 'pdf' ? isPdf(data)
    : ext === 'docx' ? isZip(data) && looksLikeWordArchive(readZipDirectory(data) ?? [])
    : ext === 'png' ? isPng(data)
    : ext === 'jpg' || ext === 'jpeg' ? isJpeg(data)
    : ext === 'gif' ? isGif(data)
    : contentKind(data) === null && isText(data) && (ext !== 'eml' || looksLikeEmail(data));
  if (ok) return kind;
  const actual = contentKind(data);
  const normExt = ext === 'jpeg' ? 'jpg' : ext;
  if (actual && actual !== normExt) {
    const rename = RENAME_TO[actual];
    return rename
      ? `${fileName} is ${EXT_OF[actual]}, not ${noun(kind)}; rename it to end in ${rename} and add it again.`
      : `${fileName} is ${EXT_OF[actual]}, not ${noun(kind)}; take the files out of the archive and add them one by one.`;
  }
  return `${fileName} does not contain what its name says (${kind.label}); it may be damaged or renamed, so open it in its own program, save it again and add the new copy.`;
}
