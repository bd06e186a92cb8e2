import { z } from 'zod';
import { none, op } from '../op';
import { EXCHANGE_ROLES, type Contact, type OwnIdentityView } from '../../exchange/card';
import type { OpenedPackage } from '../../exchange/package';

/**
 * The review exchange's identity, contacts and packages (handlers: main/api/exchange.ts, service:
 * main/services/exchange, docs/exchange.md). The review itself is shared/api/features/review.ts.
 */
const contactRef = z.string().trim().min(1, { message: 'Choose a contact' }).max(200);
export const sendTo = {
  /** A contact's name or fingerprint. */
  to: contactRef.optional(),
  /** For a one-off recipient without a card: the package is locked with this passphrase instead. */
  passphrase: z.string().min(1).max(1024).optional(),
};
export const oneRecipient = (o: { to?: string | undefined; passphrase?: string | undefined }) => (o.to === undefined) !== (o.passphrase === undefined);
export const ONE_RECIPIENT = 'Choose one contact to send to, or give a passphrase for a one-off recipient (not both).';
/** A package file as read by the renderer's file picker or the CLI (at most about 300 MB). */
const packageData = z.string().min(1, { message: 'Choose a package file' }).max(400_000_000, { message: 'The package is larger than the 300 MB Casewright opens' });

export const exchangeContract = {
  'exchange.identity': op<OwnIdentityView>()(none),
  'exchange.setIdentity': op<OwnIdentityView>()(
    z.object({ name: z.string().trim().min(1, { message: 'Enter your name' }).max(200), role: z.enum(EXCHANGE_ROLES), organisation: z.string().trim().max(200).default('') }).strict(),
  ),
  /** Saves this store's contact card (.cwid) where the person chooses. */
  'exchange.exportCard': op<{ path: string | null; fingerprint: string }>()(none),
  'exchange.contacts': op<Contact[]>()(none),
  'exchange.addContact': op<Contact>()(z.object({ text: z.string().min(1).max(100_000), verified: z.boolean().default(false) }).strict()),
  'exchange.verifyContact': op<Contact>()(z.object({ contact: contactRef }).strict()),
  /** Stops trusting a contact's card for good (lost laptop, new keys), with the reason shown beside it. */
  'exchange.revokeContact': op<Contact>()(z.object({ contact: contactRef, reason: z.string().trim().min(1, { message: 'Say why this card is no longer trusted' }).max(500) }).strict()),
  /** New keys for this store; the new card says, signed with the old key, that it replaces the old one. */
  'exchange.newKeys': op<OwnIdentityView>()(z.object({ reason: z.string().trim().min(1, { message: 'Say why the keys are being replaced' }).max(500) }).strict()),
  /**
   * Opens a package. `sender`: 'verified' refuses anyone not a checked contact (UNKNOWN_SENDER /
   * UNVERIFIED_SENDER, with the sender's details), 'contact' accepts an added card, 'anyone' is the person's
   * decision after seeing the fingerprint.
   */
  'exchange.open': op<OpenedPackage>()(
    z.object({ dataBase64: packageData, passphrase: z.string().min(1).max(1024).optional(), sender: z.enum(['verified', 'contact', 'anyone']).default('verified') }).strict(),
  ),
  'exchange.handover': op<{ path: string | null; packageId: string | null }>()(
    z.object({ caseId: z.string().min(1), ...sendTo }).strict().refine(oneRecipient, { message: ONE_RECIPIENT }),
  ),
} as const;
