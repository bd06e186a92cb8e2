import fs from 'node:fs';
import { UserError } from '../services/errors';

/** Writes a file the person chose to export, whole or not at all; a failure is one sentence. */
export function writeExport(path: string, content: string | Buffer): void {
  const tmp = `${path}.part`;
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, path);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOSPC' ? 'DISK_FULL' : 'READ_ONLY', `The file could not be saved to ${path} (${code ?? 'error'}); choose another folder.`);
  }
}
