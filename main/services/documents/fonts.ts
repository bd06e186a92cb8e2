import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The fonts embedded in every PDF (Liberation Sans: metric-compatible with Arial, which the Word documents
 * name, so both formats break lines alike; it covers accented and other Latin names such as
 * "Zoë Ó Súilleabháin-Nowak"). Shipped in resources/fonts with their licence.
 */
function resourcesDir(): string {
  const candidates = [
    process.env.CASEWRIGHT_RESOURCES,
    // Packaged Electron app: resources/ sits beside app.asar.
    (process as { resourcesPath?: string }).resourcesPath && path.join((process as { resourcesPath?: string }).resourcesPath!, 'resources'),
    // From source (tests, CLI): main/services/documents/ → resources/.
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources'),
    // From the electron-vite bundle: out/main/ → resources/.
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources'),
    path.resolve(process.cwd(), 'resources'),
  ].filter((x): x is string => typeof x === 'string');
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'fonts', 'LiberationSans-Regular.ttf')));
  if (!found) throw new Error('The report fonts are missing from resources/fonts; reinstall Casewright.');
  return found;
}

let cache: Record<'regular' | 'bold' | 'italic' | 'boldItalic', Buffer> | null = null;

export function reportFonts() {
  if (!cache) {
    const dir = path.join(resourcesDir(), 'fonts');
    const read = (f: string) => fs.readFileSync(path.join(dir, f));
    cache = {
      regular: read('LiberationSans-Regular.ttf'),
      bold: read('LiberationSans-Bold.ttf'),
      italic: read('LiberationSans-Italic.ttf'),
      boldItalic: read('LiberationSans-BoldItalic.ttf'),
    };
  }
  return cache;
}

/** The font name Word documents ask for; Liberation Sans matches its metrics. */
export const WORD_FONT = 'Arial';
