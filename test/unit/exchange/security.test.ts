import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Decrypter, Encrypter } from 'age-encryption';
import { ALTERED, generateKeys, sealPackage } from '../../../main/services/exchange/packageFile';
import { b64, ioAndIp, party } from './parties';

/** A review request from the IO to the IP, its bytes, and the IP's store as it was before opening it. */
async function sentDraft() {
  const { io, ip } = await ioAndIp();
  const c = await io.firstCase();
  const file = await io.call('attachments.add', { caseId: c.id, fileName: 'Notes on the move.txt', dataBase64: Buffer.from('Très confidentiel: Kieran’s move, notes by Đặng Thị Hương and Łukasz Żółkiewski.\n').toString('base64') });
  const out = io.saveTo('draft.cwpack');
  await io.call('review.send', { caseId: c.id, to: 'Dr Femi Adebayo', attachmentIds: [file.id] });
  const bytes = fs.readFileSync(out);
  return { io, ip, c, bytes, before: await ip.snapshot() };
}

const open = (p: Awaited<ReturnType<typeof party>>, bytes: Uint8Array, extra: object = {}) => p.dispatch('exchange.open', { dataBase64: Buffer.from(bytes).toString('base64'), ...extra });

describe('opening a package checks everything before writing anything (issue 14)', () => {
  it('refuses a package with any byte changed, with one sentence, and the store is unchanged', async () => {
    const { ip, bytes, before } = await sentDraft();
    const headerEnd = bytes.indexOf(0x0a);
    const ageHeaderEnd = bytes.indexOf(Buffer.from('\n---'), headerEnd) + 50;
    // Every byte of our header line and of age's header, and a sample of the rest (including the last byte).
    const positions = new Set<number>([...Array(ageHeaderEnd).keys(), bytes.length - 1, bytes.length - 17]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (i) => {
        positions.add(i);
      }),
      { numRuns: 150, seed: 14 },
    );
    for (const i of positions) {
      const bad = Buffer.from(bytes);
      bad[i] = bad[i]! ^ (1 + (i % 255));
      const r = await open(ip, bad);
      expect(r, `byte ${i}`).toMatchObject({ ok: false, error: { code: 'ALTERED', message: ALTERED } });
    }
    expect(await ip.snapshot()).toBe(before);
    expect(await ip.call('cases.list', {})).toEqual([]);
  }, 240_000);

  it('refuses a package re-encrypted by someone who changed what it carries (anyone can encrypt to a public card)', async () => {
    const { ip, bytes, before } = await sentDraft();
    const nl = bytes.indexOf(0x0a) + 1;
    const secret = ip.session.requireStore().db.prepare('SELECT encryption_secret FROM exchange_identity').pluck().get() as string;
    const recipient = (await ip.call('exchange.identity', {})).encryptionKey;
    const d = new Decrypter();
    d.addIdentity(secret);
    const plain = Buffer.from(await d.decrypt(bytes.subarray(nl)));
    const rewrap = async (inner: Buffer) => {
      const e = new Encrypter();
      e.addRecipient(recipient);
      return Buffer.concat([bytes.subarray(0, nl), Buffer.from(await e.encrypt(new Uint8Array(inner)))]);
    };
    // The file's bytes (the last part) changed; the signed JSON changed; bytes added after the parts; the last byte cut.
    const fileChanged = Buffer.from(plain);
    fileChanged[fileChanged.length - 3] = fileChanged[fileChanged.length - 3]! ^ 0x01;
    // The sender's name in the signed JSON (still valid JSON, still the same key): the signature no longer matches.
    const at = plain.indexOf(Buffer.from('Zofia'));
    expect(at).toBeGreaterThan(4);
    const jsonChanged = Buffer.from(plain);
    jsonChanged[at + 3] = 'j'.charCodeAt(0);
    for (const inner of [fileChanged, jsonChanged, Buffer.concat([plain, Buffer.from('extra')]), plain.subarray(0, plain.length - 1)]) {
      expect(await open(ip, await rewrap(inner))).toMatchObject({ ok: false, error: { code: 'ALTERED', message: ALTERED } });
    }
    expect(await ip.snapshot()).toBe(before);
    // The same bytes re-encrypted unchanged still open: the refusals above were about the changes.
    expect(await open(ip, await rewrap(plain))).toMatchObject({ ok: true });
  }, 120_000);

  it('refuses a truncated file (anywhere) as damaged', async () => {
    const { ip, bytes, before } = await sentDraft();
    for (const n of [5, 30, bytes.indexOf(0x0a), bytes.indexOf(0x0a) + 1, 200, Math.floor(bytes.length / 2), bytes.length - 1, bytes.length - 16]) {
      expect(await open(ip, bytes.subarray(0, n)), `cut at ${n}`).toMatchObject({ ok: false, error: { message: ALTERED } });
    }
    expect(await ip.snapshot()).toBe(before);
  }, 120_000);

  it('refuses a package for someone else, naming them when they are a contact', async () => {
    const { io, ip, bytes } = await sentDraft();
    const council = await party('Harrowfield Complaints Team', 'council', 'Harrowfield Borough Council');
    const before = await council.snapshot();
    expect(await open(council, bytes)).toMatchObject({ ok: false, error: { code: 'NOT_FOR_YOU', message: expect.stringMatching(/^This package is for someone else \(fingerprint [0-9A-Z ]{29}\), not for you\.$/) } });
    await council.call('exchange.addContact', { text: await ip.card(), verified: true });
    const after = await council.snapshot();
    expect(await open(council, bytes)).toMatchObject({ ok: false, error: { code: 'NOT_FOR_YOU', message: 'This package is for Dr Femi Adebayo, not for you.' } });
    expect(await council.snapshot()).toBe(after);
    expect(before).not.toBe(after);
    // Not even the sender can open what they sent.
    expect(await open(io, bytes)).toMatchObject({ ok: false, error: { message: 'This package is for Dr Femi Adebayo, not for you.' } });
  }, 120_000);

  it('refuses a package opened before, saying when', async () => {
    const { ip, bytes } = await sentDraft();
    expect(await open(ip, bytes)).toMatchObject({ ok: true });
    const once = await ip.snapshot();
    const again = await open(ip, bytes);
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_OPENED', message: expect.stringMatching(/^This package was already opened on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d \(case DEMO-ST2-0001\); nothing was changed\.$/) } });
    expect(await ip.snapshot()).toBe(once);
  }, 120_000);

  it('shows an unknown or unchecked sender with their fingerprint and lets the person decide; the default refuses', async () => {
    const io = await party('Zofia Wójcik-O’Neill', 'investigating officer', 'Ó Briain & Wójcik', { demo: true });
    const ip = await party('Dr Femi Adebayo', 'independent person', '');
    await io.call('exchange.addContact', { text: await ip.card(), verified: true });
    const out = io.saveTo('d.cwpack');
    await io.call('review.send', { caseId: (await io.firstCase()).id, to: 'Dr Femi Adebayo' });
    const bytes = fs.readFileSync(out);
    const ioId = await io.call('exchange.identity', {});
    const before = await ip.snapshot();
    const unknown = await open(ip, bytes);
    expect(unknown).toMatchObject({
      ok: false,
      error: {
        code: 'UNKNOWN_SENDER',
        message: `This package is signed by Zofia Wójcik-O’Neill (Ó Briain & Wójcik), who is not in your contacts (fingerprint ${ioId.fingerprint}); check the fingerprint with them and add their card before opening it.`,
        details: { name: 'Zofia Wójcik-O’Neill', fingerprint: ioId.fingerprint, known: false },
      },
    });
    // "contact" (the command line's rule) still refuses someone whose card was never added.
    expect(await open(ip, bytes, { sender: 'contact' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SENDER' } });
    expect(await ip.snapshot()).toBe(before);
    // Card added but not checked: refused by default, accepted by the command line's rule.
    await ip.call('exchange.addContact', { text: await io.card(), verified: false });
    const added = await ip.snapshot();
    expect(await open(ip, bytes)).toMatchObject({ ok: false, error: { code: 'UNVERIFIED_SENDER', details: { known: true } } });
    expect(await ip.snapshot()).toBe(added);
    expect(await open(ip, bytes, { sender: 'contact' })).toMatchObject({ ok: true, data: { from: { verified: false } } });
  }, 120_000);

  it('refuses a package signed by a key other than the one on the sender card it carries', async () => {
    const { io, ip } = await ioAndIp();
    const me = await io.call('exchange.identity', {});
    const ipCard = await ip.call('exchange.identity', {});
    const other = await generateKeys();
    const { bytes } = await sealPackage({
      sender: { card: { name: me.name, role: me.role, organisation: me.organisation, encryptionKey: me.encryptionKey, signingKey: me.signingKey }, signingSecret: other.signingSecret },
      to: { kind: 'key', card: ipCard },
      kind: 'review-reply',
      body: {},
    });
    const before = await ip.snapshot();
    expect(await open(ip, bytes)).toMatchObject({ ok: false, error: { code: 'ALTERED', message: ALTERED } });
    expect(await ip.snapshot()).toBe(before);
  }, 120_000);

  it('refuses a package from a newer format, and a file that is not a package', async () => {
    const { ip, bytes, before } = await sentDraft();
    const nl = bytes.indexOf(0x0a);
    const [, , to] = bytes.subarray(0, nl).toString('utf8').split(' ');
    const rest = `CASEWRIGHT-PACKAGE 2 ${to}`;
    const newer = Buffer.concat([Buffer.from(`${rest} ${bytesToHex(sha256(new TextEncoder().encode(rest))).slice(0, 16)}\n`), bytes.subarray(nl + 1)]);
    expect(await open(ip, newer)).toMatchObject({
      ok: false,
      error: { code: 'NEWER_VERSION', message: 'This package was made by a newer Casewright (package format 2; this one reads format 1); install the latest Casewright to open it.' },
    });
    expect(await open(ip, Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).toMatchObject({ ok: false, error: { message: 'This file is not a Casewright package (.cwpack); choose the package the sender sent you.' } });
    expect(await ip.snapshot()).toBe(before);
  }, 120_000);

  it('holds none of the case’s text in the package bytes', async () => {
    const { io, c, bytes } = await sentDraft();
    const r = (await io.call('cases.get', { id: c.id })).record;
    const secrets = [
      r.reference, r.child.name, 'Kieran', 'Nowak', 'Súilleabháin', ...r.complainants.map((x) => x.name), ...r.points.map((p) => p.summary.slice(0, 30)),
      ...r.evidence.map((e) => e.title), 'Đặng Thị Hương', 'Żółkiewski', 'Très confidentiel', 'Notes on the move', 'Harrowfield', 'Zofia', 'Femi', 'Adebayo', 'Investigation report',
    ];
    for (const s of secrets) {
      for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) expect(bytes.includes(Buffer.from(s, encoding)), `${s} (${encoding})`).toBe(false);
      expect(bytes.toString('latin1').toLowerCase()).not.toContain(s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    }
  }, 120_000);

  it('refuses a reply from someone the draft was not sent to, and a card that was altered', async () => {
    const { io, ip } = await ioAndIp();
    const c = await io.firstCase();
    const d = io.saveTo('d.cwpack');
    await io.call('review.send', { caseId: c.id, to: 'Dr Femi Adebayo' });
    const opened = await ip.call('exchange.open', { dataBase64: b64(d) });
    await ip.call('review.comment', { caseId: opened.caseId!, on: 'point:1', text: 'Is this right?' });
    // Someone else with the same case: a second IP who somehow has the package content cannot reply for it.
    const impostor = await party('Dr Femi Adebayo', 'independent person', 'Not the real one');
    await io.call('exchange.addContact', { text: await impostor.card(), verified: true });
    await impostor.call('exchange.addContact', { text: await io.card(), verified: true });
    const { fingerprint: _f, createdAt: _c, previous: _p, ...impostorCard } = await impostor.call('exchange.identity', {});
    const { bytes } = await sealPackage({
      sender: { card: impostorCard, signingSecret: impostor.session.requireStore().db.prepare('SELECT signing_secret FROM exchange_identity').pluck().get() as string },
      to: { kind: 'key', card: await io.call('exchange.identity', {}) },
      kind: 'review-reply',
      body: { origin: { caseId: c.id, reference: c.reference }, draftVersion: 1, comments: [], positions: [] },
    });
    const before = await io.snapshot();
    const r = await open(io, bytes);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^This package is from Dr Femi Adebayo \(fingerprint [0-9A-Z ]+\), but the drafts of case DEMO-ST2-0001 went to Dr Femi Adebayo \(fingerprint [0-9A-Z ]+\); nothing was changed\.$/) } });
    expect(await io.snapshot()).toBe(before);
    // A card with a changed name no longer matches its signature.
    const card = JSON.parse(await ip.card()) as { card: { name: string } };
    card.card.name = 'Dr Femi Adebayo (council)';
    expect(await io.dispatch('exchange.addContact', { text: JSON.stringify(card), verified: true })).toMatchObject({ ok: false, error: { code: 'ALTERED', message: 'This contact card has been altered or damaged; ask the person to export their card again.' } });
  }, 120_000);

  it('sends to a one-off recipient with a passphrase instead of a card', async () => {
    const io = await party('Zofia Wójcik-O’Neill', 'investigating officer', '', { demo: true });
    const ip = await party('Dr Femi Adebayo', 'independent person', '');
    await ip.call('exchange.addContact', { text: await io.card(), verified: true });
    const out = io.saveTo('p.cwpack');
    await io.call('review.send', { caseId: (await io.firstCase()).id, passphrase: 'copper-otter-九-umbrella' });
    const bytes = fs.readFileSync(out);
    expect(await open(ip, bytes)).toMatchObject({ ok: false, error: { code: 'NEEDS_PASSPHRASE' } });
    expect(await open(ip, bytes, { passphrase: 'copper-otter-nine-umbrella' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(await ip.call('cases.list', {})).toEqual([]);
    expect(await open(ip, bytes, { passphrase: 'copper-otter-九-umbrella' })).toMatchObject({ ok: true, data: { kind: 'review-request' } });
    // The IP's answer cannot be matched to them: the IO is told how to put that right, and nothing changes.
    await io.call('exchange.addContact', { text: await ip.card(), verified: true });
    const ipCase = (await ip.call('cases.list', {}))[0]!;
    const reply = ip.saveTo('r.cwpack');
    await ip.call('review.reply', { caseId: ipCase.id, to: 'Zofia Wójcik-O’Neill' });
    const ioBefore = await io.snapshot();
    expect(await open(io, fs.readFileSync(reply))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The drafts of case DEMO-ST2-0001 were sent with a passphrase, so Casewright cannot tell who should answer them; add Dr Femi Adebayo's card/) } });
    expect(await io.snapshot()).toBe(ioBefore);
    // A short passphrase is refused before anything is issued.
    expect(await io.dispatch('review.send', { caseId: (await io.firstCase()).id, passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  }, 120_000);
});
