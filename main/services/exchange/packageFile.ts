import { createHash, randomUUID } from 'node:crypto';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { cardSigningBytes, compactFingerprint, fingerprintOf, replacementBytes, type PublicCard } from '../../../shared/exchange/card';
import { PACKAGE_FORMAT, payloadSchema, type PackageKind, type Payload } from '../../../shared/exchange/package';
import { UserError } from '../errors';

/**
 * The .cwpack envelope (docs/exchange.md):
 *
 *   CASEWRIGHT-PACKAGE <format> <recipient fingerprint | passphrase> <check>\n
 *   <age file: X25519 recipient, or scrypt passphrase>
 *
 * The age plaintext is a 4-byte big-endian length, that many bytes of JSON {payload, signature}, then the
 * package's binary parts (files) one after another. `payload` is the JSON text of the Payload (sender's card,
 * recipient, kind, id, body, and the SHA-256 and size of every part), `signature` an Ed25519 signature by the
 * sender over a domain tag, the header line and the payload text: through the digests it covers every byte. Nothing of the case is outside the age encryption; the header line names only the
 * recipient's fingerprint so that "not for you" can be said before decrypting. `check` is 16 hex digits of
 * SHA-256 of the rest of the line, so a damaged header reads as damaged rather than as another format.
 */
const MAGIC = 'CASEWRIGHT-PACKAGE';
const SIGNATURE_TAG = 'casewright-package-signature-v1\n';
const MAX_HEADER = 200;
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

export const ALTERED = 'This package has been altered or damaged; ask the sender to send it again.';
const altered = () => new UserError('ALTERED', ALTERED);

export interface KeyPairs {
  /** age X25519 identity, "AGE-SECRET-KEY-1…". */
  encryptionSecret: string;
  encryptionPublic: string;
  /** Ed25519 secret key, hex. */
  signingSecret: string;
  signingPublic: string;
}

export async function generateKeys(): Promise<KeyPairs> {
  const encryptionSecret = await generateX25519Identity();
  const encryptionPublic = await identityToRecipient(encryptionSecret);
  const sk = ed25519.utils.randomSecretKey();
  return { encryptionSecret, encryptionPublic, signingSecret: bytesToHex(sk), signingPublic: bytesToHex(ed25519.getPublicKey(sk)) };
}

export function signCard(card: PublicCard, signingSecret: string): string {
  return bytesToHex(ed25519.sign(cardSigningBytes(card), hexToBytes(signingSecret)));
}

export function verifyCard(card: PublicCard, signature: string): boolean {
  try {
    return ed25519.verify(hexToBytes(signature), cardSigningBytes(card), hexToBytes(card.signingKey));
  } catch {
    return false;
  }
}

/** The old key's statement that a new card replaces it (signed when new keys are made). */
export function signReplacement(oldFingerprint: string, newFingerprint: string, oldSigningSecret: string): string {
  return bytesToHex(ed25519.sign(replacementBytes(oldFingerprint, newFingerprint), hexToBytes(oldSigningSecret)));
}

export function verifyReplacement(oldFingerprint: string, newFingerprint: string, signature: string, oldSigningPublic: string): boolean {
  try {
    return ed25519.verify(hexToBytes(signature), replacementBytes(oldFingerprint, newFingerprint), hexToBytes(oldSigningPublic));
  } catch {
    return false;
  }
}

const headerCheck = (rest: string) => bytesToHex(sha256(enc.encode(rest))).slice(0, 16);

function headerLine(format: number, to: string): string {
  const rest = `${MAGIC} ${format} ${to}`;
  return `${rest} ${headerCheck(rest)}\n`;
}

export type Recipient = { kind: 'key'; card: PublicCard } | { kind: 'passphrase'; passphrase: string };

export interface SealInput {
  sender: { card: PublicCard; signingSecret: string };
  to: Recipient;
  kind: PackageKind;
  body: unknown;
  /** Binary parts (files), referred to from the body by index; their digests are signed. */
  parts?: Buffer[];
  now?: Date;
}

/** Builds a signed, encrypted package; returns its bytes and id. */
export async function sealPackage(input: SealInput, opts: { scryptWorkFactor?: number } = {}): Promise<{ bytes: Buffer; id: string }> {
  const to = input.to.kind === 'key' ? compactFingerprint(fingerprintOf(input.to.card)) : 'passphrase';
  const header = headerLine(PACKAGE_FORMAT, to);
  const parts = input.parts ?? [];
  const payload: Payload = {
    format: PACKAGE_FORMAT, id: randomUUID(), kind: input.kind, createdAt: (input.now ?? new Date()).toISOString(), from: input.sender.card, to, body: input.body,
    parts: parts.map((p) => ({ sha256: createHash('sha256').update(p).digest('hex'), size: p.length })),
  };
  const payloadText = JSON.stringify(payload);
  const signature = ed25519.sign(signedBytes(header, payloadText), hexToBytes(input.sender.signingSecret));
  const head = Buffer.from(JSON.stringify({ payload: payloadText, signature: bytesToHex(signature) }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(head.length);
  const inner = Buffer.concat([length, head, ...parts]);
  const e = new Encrypter();
  if (input.to.kind === 'key') e.addRecipient(input.to.card.encryptionKey);
  else {
    e.setPassphrase(input.to.passphrase);
    if (opts.scryptWorkFactor) e.setScryptWorkFactor(opts.scryptWorkFactor);
  }
  const body = await e.encrypt(new Uint8Array(inner.buffer, inner.byteOffset, inner.length));
  return { bytes: Buffer.concat([Buffer.from(header, 'utf8'), Buffer.from(body)]), id: payload.id };
}

function signedBytes(header: string, payloadText: string): Uint8Array {
  return enc.encode(SIGNATURE_TAG + header + payloadText);
}

export interface PackageHeader {
  format: number;
  /** Compact fingerprint of the recipient, or "passphrase". */
  to: string;
  headerText: string;
  body: Uint8Array;
}

/** Reads the header line; refuses a file that is not a package, is damaged, or is from a newer format. */
export function readHeader(bytes: Uint8Array): PackageHeader {
  const prefix = Buffer.from(bytes.subarray(0, MAGIC.length)).toString('latin1');
  let differing = 0;
  // Only the bytes there are: a file cut short inside the magic word is a damaged package.
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== MAGIC[i]) differing++;
  // More than a byte or two away from the magic word: some other file, not a damaged package.
  if (differing > 2 || bytes.length === 0) throw new UserError('INVALID_INPUT', 'This file is not a Casewright package (.cwpack); choose the package the sender sent you.');
  const nl = Buffer.from(bytes.subarray(0, MAX_HEADER)).indexOf(0x0a);
  if (nl < 0) throw altered();
  let line: string;
  try {
    line = dec.decode(bytes.subarray(0, nl));
  } catch {
    throw altered();
  }
  const m = /^CASEWRIGHT-PACKAGE (\d{1,4}) ([0-9A-Z]{24}|passphrase) ([0-9a-f]{16})$/.exec(line);
  if (!m || headerCheck(`${MAGIC} ${m[1]} ${m[2]}`) !== m[3]) throw altered();
  const format = Number(m[1]);
  if (format > PACKAGE_FORMAT) {
    throw new UserError('NEWER_VERSION', `This package was made by a newer Casewright (package format ${format}; this one reads format ${PACKAGE_FORMAT}); install the latest Casewright to open it.`);
  }
  if (format < 1) throw altered();
  return { format, to: m[2]!, headerText: `${line}\n`, body: bytes.subarray(nl + 1) };
}

/**
 * Decrypts and checks the signature. Any failure after the header (a changed or missing byte anywhere, a
 * signature that does not match the sender's key in it, a payload that does not say what the header says) is
 * the one "altered or damaged" sentence.
 */
export async function unsealPackage(header: PackageHeader, key: { identity: string } | { passphrase: string }): Promise<{ payload: Payload; senderFingerprint: string; parts: Buffer[] }> {
  const d = new Decrypter();
  if ('identity' in key) d.addIdentity(key.identity);
  else d.addPassphrase(key.passphrase);
  let plain: Buffer;
  try {
    const out = await d.decrypt(header.body);
    plain = Buffer.from(out.buffer, out.byteOffset, out.length);
  } catch (e) {
    if ('passphrase' in key && /no identity matched/i.test((e as Error).message ?? '')) {
      throw new UserError('WRONG_PASSPHRASE', 'That passphrase does not open this package; check it with the sender (it was given to you separately from the package).');
    }
    throw altered();
  }
  if (plain.length < 4) throw altered();
  const headLength = plain.readUInt32BE(0);
  if (headLength > plain.length - 4) throw altered();
  let outer: { payload?: unknown; signature?: unknown };
  try {
    outer = JSON.parse(dec.decode(plain.subarray(4, 4 + headLength))) as typeof outer;
  } catch {
    throw altered();
  }
  if (typeof outer.payload !== 'string' || typeof outer.signature !== 'string' || !/^[0-9a-f]{128}$/.test(outer.signature)) throw altered();
  let raw: unknown;
  try {
    raw = JSON.parse(outer.payload);
  } catch {
    throw altered();
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) throw altered();
  const payload = parsed.data;
  let ok: boolean;
  try {
    ok = ed25519.verify(hexToBytes(outer.signature), signedBytes(header.headerText, outer.payload), hexToBytes(payload.from.signingKey));
  } catch {
    ok = false;
  }
  if (!ok || payload.to !== header.to || payload.format !== header.format) throw altered();
  // The parts fill the rest exactly, each matching its signed digest.
  const parts: Buffer[] = [];
  let at = 4 + headLength;
  for (const p of payload.parts) {
    const part = plain.subarray(at, at + p.size);
    if (part.length !== p.size || createHash('sha256').update(part).digest('hex') !== p.sha256) throw altered();
    parts.push(part);
    at += p.size;
  }
  if (at !== plain.length) throw altered();
  return { payload, senderFingerprint: fingerprintOf(payload.from), parts };
}
