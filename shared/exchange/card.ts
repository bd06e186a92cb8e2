import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';

/**
 * Contact cards (.cwid) and fingerprints. A card carries its holder's name, role, organisation and public keys
 * (an age X25519 recipient for encryption, an Ed25519 key for signatures), signed with that Ed25519 key. The
 * fingerprint is a hash of the two public keys, short enough to read over the phone: 24 characters in six
 * groups of four, from an alphabet without look-alike letters (Crockford's base 32).
 */
export const CARD_FORMAT = 'casewright-contact-card';
/** 1: a card; 2: a card that also says which cards it replaces (`replaces`), written only when it does. */
export const CARD_VERSION = 2;

import { EXCHANGE_ROLES } from './roles';
export { EXCHANGE_ROLES, type ExchangeRole } from './roles';

const text = (max: number) => z.string().trim().max(max);
/** A fingerprint as cards write it: six groups of four of Crockford's base 32 (see fingerprintOf). */
const FINGERPRINT = /^[0-9A-HJKMNP-TV-Z]{4}( [0-9A-HJKMNP-TV-Z]{4}){5}$/;

export const publicCardSchema = z
  .object({
    name: text(200).min(1),
    role: z.enum(EXCHANGE_ROLES),
    organisation: text(200),
    /** age X25519 recipient, "age1…". */
    encryptionKey: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/),
    /** Ed25519 public key, 64 hex digits. */
    signingKey: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type PublicCard = z.infer<typeof publicCardSchema>;

export const cardFileSchema = z
  .object({
    format: z.literal(CARD_FORMAT),
    version: z.number().int().min(1),
    card: publicCardSchema,
    fingerprint: z.string().max(40),
    /** Ed25519 signature (hex) over cardSigningBytes(card), made with the card's own signing key. */
    signature: z.string().regex(/^[0-9a-f]{128}$/),
    /**
     * The cards this one replaces, oldest first (its holder made new keys, perhaps more than once): each with its
     * public keys (so its fingerprint can be checked) and an Ed25519 signature made with THAT card's signing key
     * over replacementBytes(it, the next card), so each step could only have been said by the holder of the card
     * it replaces.
     */
    replaces: z
      .array(
        z
          .object({
            fingerprint: z.string().regex(FINGERPRINT),
            encryptionKey: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/),
            signingKey: z.string().regex(/^[0-9a-f]{64}$/),
            signature: z.string().regex(/^[0-9a-f]{128}$/),
          })
          .strict(),
      )
      .min(1)
      .max(50)
      .optional(),
  })
  .strict();
export type CardFile = z.infer<typeof cardFileSchema>;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const enc = new TextEncoder();

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** "7QKM 3XPA 9D2F HT4R 0WZC 5NBE": 120 bits of SHA-256 over both public keys. */
export function fingerprintOf(card: Pick<PublicCard, 'encryptionKey' | 'signingKey'>): string {
  const digest = sha256(enc.encode(`casewright-fingerprint-v1\n${card.encryptionKey}\n${card.signingKey}`));
  return base32(digest.slice(0, 15)).match(/.{4}/g)!.join(' ');
}

/** A fingerprint as typed or read out (spaces, dashes, lower case, O for 0, I/L for 1) in its compact form. */
export function compactFingerprint(s: string): string {
  return s
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** The bytes of a replacement statement: the old card's key says that the new fingerprint replaces it. */
export function replacementBytes(oldFingerprint: string, newFingerprint: string): Uint8Array {
  return enc.encode(`casewright-card-replaces-v1\n${compactFingerprint(oldFingerprint)}\n${compactFingerprint(newFingerprint)}`);
}

/** The bytes a card's self-signature covers. */
export function cardSigningBytes(card: PublicCard): Uint8Array {
  return enc.encode(`casewright-card-v1\n${JSON.stringify([card.name, card.role, card.organisation, card.encryptionKey, card.signingKey])}`);
}

export interface Contact extends PublicCard {
  fingerprint: string;
  verified: boolean;
  verifiedAt: string | null;
  addedAt: string;
  /** When this store stopped trusting the card (lost laptop, new keys), and why; null while it is trusted. */
  revokedAt: string | null;
  revokedReason: string | null;
  /** On the answer to adding a card that replaces one already here: the old card, no longer trusted from now on. */
  replaced?: { name: string; fingerprint: string };
}

export interface OwnIdentityView extends PublicCard {
  fingerprint: string;
  createdAt: string;
  /** Cards of this store's earlier keys, newest first: packages sent to them still open here. */
  previous: { fingerprint: string; createdAt: string; retiredAt: string; reason: string }[];
}
