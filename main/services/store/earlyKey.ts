import { pbkdf2 } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The store key's derivation, started early (issue 15): the command line knows the store and the passphrase
 * before it has loaded the handler table that opens the store, so it starts PBKDF2 on libuv's thread pool at
 * once and the handler's open (`CaseStore.openAsync`) takes the result. Small on purpose (no SQLite, no
 * store code), so the command line's entry can load it.
 *
 * What is kept: one pending derivation, for one store file and one passphrase, until the open takes it (and
 * wipes it after use). An open of another file or with another passphrase ignores it; so does one that finds
 * page 1 changed since (another salt): it derives the key again, as it would have anyway.
 */
export const STORE_KDF_ITER = 256000;

/** NFC so the same passphrase typed on macOS and Windows gives the same key. */
export const keyBytes = (passphrase: string) => Buffer.from(passphrase.normalize('NFC'), 'utf8');

/** PBKDF2-HMAC-SHA512 of the passphrase with the store's salt, on libuv's thread pool. */
export function deriveStoreKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => pbkdf2(keyBytes(passphrase), salt, STORE_KDF_ITER, 32, 'sha512', (e, k) => (e ? reject(e) : resolve(k))));
}

let early: { file: string; passphrase: string; salt: Buffer; key: Promise<Buffer | null> } | null = null;

/** Starts deriving the key of the store at `storePath` with `passphrase`; does nothing if the file cannot be read. */
export function startStoreKey(storePath: string, passphrase: string): void {
  const salt = Buffer.alloc(16);
  try {
    const fd = fs.openSync(storePath, 'r');
    try {
      if (fs.readSync(fd, salt, 0, 16, 0) !== 16) return;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return;
  }
  // A failure here is met again, and explained, by the open itself.
  early = { file: path.resolve(storePath), passphrase, salt, key: deriveStoreKey(passphrase, salt).catch(() => null) };
}

/** The key started for this file, passphrase and salt, if any (taken: a second call gets null). */
export function takeStoreKey(storePath: string, passphrase: string, salt: Buffer): Promise<Buffer | null> | null {
  const e = early;
  if (!e || e.file !== path.resolve(storePath) || e.passphrase !== passphrase || !e.salt.equals(salt)) return null;
  early = null;
  return e.key;
}
