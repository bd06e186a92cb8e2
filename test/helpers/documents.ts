import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

/** Reading back what the renderers wrote, as a person's tools would. */
export async function docxParts(data: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(data);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml')) out[name] = await zip.file(name)!.async('string');
  return out;
}

/** A Word file's XML parts as one string, the times of writing blanked (to compare two renderings). */
export const undatedParts = async (data: Buffer): Promise<string> => JSON.stringify(await docxParts(data)).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'date');

/** The visible text of a Word part: every w:t, paragraphs on their own lines. */
export function docxText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

export async function pdfDocument(data: Buffer) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
}

/** Text lines of each page, top to bottom. */
export async function pdfPages(data: Buffer): Promise<string[][]> {
  const doc = await pdfDocument(data);
  const pages: string[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const tc = await (await doc.getPage(i)).getTextContent();
    const lines = new Map<number, string>();
    for (const it of tc.items) {
      if (!('str' in it) || !it.str.trim()) continue;
      const y = Math.round(it.transform[5]);
      lines.set(y, `${lines.get(y) ?? ''}${lines.has(y) ? ' ' : ''}${it.str}`);
    }
    pages.push([...lines.entries()].sort((a, b) => b[0] - a[0]).map(([, t]) => t));
  }
  await doc.destroy();
  return pages;
}

export const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export function tool(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' });
}

/** LibreOffice opens the DOCX and writes a PDF, as a reviewer with no Word would. */
export function libreOfficeToPdf(docx: string, outDir: string): string {
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${outDir}/lo-profile`, '--convert-to', 'pdf', '--outdir', outDir, docx], { stdio: 'pipe', timeout: 120_000 });
  return path.join(outDir, `${path.basename(docx, '.docx')}.pdf`);
}

export function writeTemp(dir: string, name: string, data: Buffer): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, data);
  return f;
}

export const words = (s: string) => new Set((s.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1));
