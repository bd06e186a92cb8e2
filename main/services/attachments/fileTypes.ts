/**
 * The kinds of file the evidence register accepts, recognised by their first bytes as well as their name,
 * so a renamed file is not mistaken for something it is not.
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

function startsWith(data: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => data[i] === b);
}

/** The kind of the file, or a sentence saying why it cannot be accepted. */
export function detectKind(fileName: string, data: Buffer): FileKind | string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const kind = KINDS[ext];
  if (!kind) {
    return `${fileName} is not a kind of file the evidence register takes; add PDFs, Word (.docx) files, e-mails saved as .eml, text files or PNG, JPEG or GIF images.`;
  }
  const ok =
    ext === 'pdf' ? data.subarray(0, 1024).includes(Buffer.from('%PDF-'))
    : ext === 'docx' ? startsWith(data, [0x50, 0x4b, 0x03, 0x04])
    : ext === 'png' ? startsWith(data, [0x89, 0x50, 0x4e, 0x47])
    : ext === 'jpg' || ext === 'jpeg' ? startsWith(data, [0xff, 0xd8, 0xff])
    : ext === 'gif' ? startsWith(data, [0x47, 0x49, 0x46, 0x38])
    : !data.subarray(0, 4096).includes(0); // text and e-mail: no NUL bytes
  if (!ok) return `${fileName} does not contain what its name says (${kind.label}); it may be damaged or renamed. Open it in its own program and save it again.`;
  return kind;
}
