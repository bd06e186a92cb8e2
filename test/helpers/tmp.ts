import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-test-'));
  made.push(d);
  return d;
}

afterEach(() => {
  while (made.length) fs.rmSync(made.pop()!, { recursive: true, force: true });
});

export const GOOD_PASSPHRASE = 'violet kettle under moonlight';
export const OTHER_PASSPHRASE = 'seven brass lanterns drifting';

/** Every file belonging to a store (the store and any WAL, shared-memory or journal files). */
export function storeFiles(storePath: string): string[] {
  return ['', '-wal', '-shm', '-journal'].map((s) => storePath + s).filter((p) => fs.existsSync(p));
}
