import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Small PDFs written by hand, so the tests control exactly what is inside: text as literal strings in
 * uncompressed content streams (a byte search then finds the words, as in many real files), pages without any
 * text (a scan), landscape and US Letter pages, and broken or encrypted files.
 */
export interface FixturePage {
  lines?: string[];
  size?: [number, number];
  rotate?: number;
  /** No text at all, only shapes: what a scan looks like to a reader's tools. */
  scan?: boolean;
}

const latin1 = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);

export function makePdf(pages: FixturePage[], title = 'Fixture'): Buffer {
  const objs: string[] = [];
  const add = (body: string) => (objs.push(body), objs.length);
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const p of pages) {
    const [w, h] = p.size ?? [595.28, 841.89];
    let content: string;
    if (p.scan) {
      content = '0.85 g 40 40 m 300 40 l 300 300 l 40 300 l f 0.2 g 60 400 200 12 re f 60 380 240 12 re f 60 360 180 12 re f';
    } else {
      content = 'BT /F1 12 Tf 14 TL 50 ' + (h - 60) + ' Td ' + (p.lines ?? []).map((l) => `(${latin1(l)}) Tj T*`).join(' ') + ' ET';
    }
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${w} ${h}] ${p.rotate ? `/Rotate ${p.rotate} ` : ''}/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objs[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objs[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = add(`<< /Title (${latin1(title)}) >>`);
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objs.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A PDF of n pages, each saying which document and page it is (and any extra lines). */
export function textPdf(name: string, n: number, extra: (page: number) => string[] = () => []): Buffer {
  return makePdf(Array.from({ length: n }, (_, i) => ({ lines: [`${name} page ${i + 1} of ${n}`, ...extra(i + 1)] })), name);
}

/** The same file encrypted with a user password by qpdf. */
export function encryptedPdf(dir: string): Buffer {
  const plain = path.join(dir, 'plain.pdf');
  const enc = path.join(dir, 'enc.pdf');
  fs.writeFileSync(plain, textPdf('Secret', 1));
  execFileSync('qpdf', ['--encrypt', 'user-pass', 'owner-pass', '256', '--', plain, enc]);
  return fs.readFileSync(enc);
}

/** Starts like a PDF, then is cut short and garbled. */
export function damagedPdf(): Buffer {
  const good = textPdf('Damaged', 3);
  return Buffer.concat([good.subarray(0, 30), Buffer.from('\x00\x01garbage that is not a PDF object at all', 'latin1')]);
}
