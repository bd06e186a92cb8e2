import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, type PublicCard } from '../../../shared/exchange/card';
import { generateKeys, sealPackage, signCard, signReplacement } from '../../../main/services/exchange/packageFile';
import { teamAndMember } from './panelParties';
import { b64, ioAndIp, party } from './parties';

/**
 * Lost laptops and new keys (issue 14's leftover; docs/exchange.md): a contact's card can be revoked (nothing is
 * sent to it, nothing signed with it opens, whatever is chosen for unknown senders), and a store can make new
 * keys whose card says, signed with the old key, that it replaces the old one.
 */
describe('revoking a contact and replacing keys', () => {
  it('revokes a card for good: nothing is sent to it, nothing signed with it opens, and it cannot be checked or added back', async () => {
    const { io, ip } = await ioAndIp();
    const c = await io.firstCase();
    // A draft on its way from the IO when the IO reports the laptop stolen.
    const out = io.saveTo('draft.cwpack');
    await io.call('review.send', { caseId: c.id, to: 'Dr Femi Adebayo' });
    const before = await ip.snapshot();

    // A reason is needed; a contact that is not there is named in the sentence.
    expect(await ip.dispatch('exchange.revokeContact', { contact: 'Zofia Wójcik-O’Neill', reason: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ip.dispatch('exchange.revokeContact', { contact: 'Nobody Here', reason: 'x' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Nobody Here is not in your contacts; add their card first (contact add --file CARD.cwid).' } });
    expect(await ip.snapshot()).toBe(before);

    const revoked = await ip.call('exchange.revokeContact', { contact: 'Zofia Wójcik-O’Neill', reason: 'laptop stolen on the train' });
    expect(revoked).toMatchObject({ name: 'Zofia Wójcik-O’Neill', revokedReason: 'laptop stolen on the train' });
    expect(revoked.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const stopped = /^You stopped trusting Zofia Wójcik-O’Neill's card on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d \(laptop stolen on the train\)/;

    // Opening the draft signed with that card: refused whatever the person chose for unknown senders; nothing written.
    const after = await ip.snapshot();
    for (const sender of ['verified', 'contact', 'anyone'] as const) {
      const r = await ip.dispatch('exchange.open', { dataBase64: b64(out), sender });
      expect(r).toMatchObject({ ok: false, error: { code: 'REVOKED_SENDER' } });
      expect(!r.ok && r.error.message).toMatch(/^This package is signed with a card you no longer trust \(you stopped trusting Zofia Wójcik-O’Neill's card on .+: laptop stolen on the train\), so nothing was opened; ask Zofia Wójcik-O’Neill to send it again from their new card\.$/);
      expect(await ip.snapshot()).toBe(after);
    }
    // It cannot be marked as checked, revoked again or added back from the same card.
    const send = await ip.dispatch('exchange.verifyContact', { contact: 'Zofia Wójcik-O’Neill' });
    expect(send).toMatchObject({ ok: false, error: { code: 'REVOKED' } });
    expect(!send.ok && send.error.message).toMatch(stopped);
    expect(await ip.dispatch('exchange.revokeContact', { contact: 'Zofia Wójcik-O’Neill', reason: 'again' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const again = await ip.dispatch('exchange.addContact', { text: await io.card(), verified: true });
    expect(again).toMatchObject({ ok: false, error: { code: 'REVOKED' } });
    expect(!again.ok && again.error.message).toMatch(/; ask Zofia Wójcik-O’Neill for their new card\.$/);
    expect(await ip.snapshot()).toBe(after);
    // The IO's side: sending to a revoked card is refused before any save dialog.
    await io.call('exchange.revokeContact', { contact: 'Dr Femi Adebayo', reason: 'their keys were replaced' });
    const out2 = io.saveTo('never.cwpack');
    const dialogs = io.dialogsAsked();
    expect(await io.dispatch('review.send', { caseId: c.id, to: 'Dr Femi Adebayo' })).toMatchObject({ ok: false, error: { code: 'REVOKED', message: expect.stringMatching(/, so nothing was sent; add their new card and check its fingerprint with them\.$/) } });
    expect(await io.dispatch('exchange.handover', { caseId: c.id, to: 'Dr Femi Adebayo' })).toMatchObject({ ok: false, error: { code: 'REVOKED' } });
    // Refused before the save dialog opened, and nothing written.
    expect(io.dialogsAsked()).toBe(dialogs);
    expect(fs.existsSync(out2)).toBe(false);
    expect(await ip.call('store.verify', {})).toMatchObject({ ok: true });
  }, 120_000);

  it('makes new keys: the new card replaces the old one at the contact, and packages sent to the old card still open', async () => {
    const { io, ip } = await ioAndIp();
    const c = await io.firstCase();
    const oldId = await io.call('exchange.identity', {});
    // The IP sends to the IO's current card, then the IO replaces the keys before opening it.
    const ipCase = await (async () => {
      const o = io.saveTo('draft.cwpack');
      await io.call('review.send', { caseId: c.id, to: 'Dr Femi Adebayo' });
      await ip.call('exchange.open', { dataBase64: b64(o) });
      return (await ip.firstCase()).id;
    })();
    await ip.call('review.comment', { caseId: ipCase, on: 'point:1', text: 'Please say who decided on the placement move.' });
    const inTransit = ip.saveTo('reply.cwpack');
    await ip.call('review.reply', { caseId: ipCase, to: 'Zofia Wójcik-O’Neill' });

    // A card that replaces nothing is still version 1, which a Casewright from before key replacement reads.
    expect(JSON.parse(await io.card())).toMatchObject({ version: 1 });
    expect(JSON.parse(await io.card())).not.toHaveProperty('replaces');
    expect(await io.dispatch('exchange.newKeys', { reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const fresh = await io.call('exchange.newKeys', { reason: 'laptop stolen' });
    expect(fresh.fingerprint).not.toBe(oldId.fingerprint);
    expect(fresh.name).toBe('Zofia Wójcik-O’Neill');
    expect(fresh.previous).toEqual([{ fingerprint: oldId.fingerprint, createdAt: oldId.createdAt, retiredAt: expect.any(String), reason: 'laptop stolen' }]);
    // The reply on its way to the old card opens, with a note to send the new card.
    const opened = await io.call('exchange.open', { dataBase64: b64(inTransit) });
    expect(opened.held.at(-1)).toBe(`It was sent to your earlier card (${oldId.fingerprint}, replaced on ${opened.held.at(-1)!.match(/replaced on (.+)\): /)![1]}): send Dr Femi Adebayo your new card.`);

    // The new card says what it replaces (version 2); the IP adds it: the old card is no longer trusted at once,
    // and the new one still has to be checked with the person.
    const card = JSON.parse(await io.card()) as { version: number; replaces: { fingerprint: string }[] };
    expect(card).toMatchObject({ version: 2, replaces: [{ fingerprint: oldId.fingerprint }] });
    const added = await ip.call('exchange.addContact', { text: JSON.stringify(card), verified: false });
    expect(added).toMatchObject({ fingerprint: fresh.fingerprint, verified: false, replaced: { name: 'Zofia Wójcik-O’Neill', fingerprint: oldId.fingerprint } });
    const contacts = await ip.call('exchange.contacts', {});
    expect(contacts.find((x) => x.fingerprint === oldId.fingerprint)).toMatchObject({ revokedReason: `replaced by their new card ${fresh.fingerprint}` });
    // The name now means the new card (the old one is set aside), which must be checked before anything is sent.
    expect(await ip.dispatch('review.reply', { caseId: ipCase, to: 'Zofia Wójcik-O’Neill' })).toMatchObject({ ok: false, error: { code: 'UNVERIFIED' } });
    await ip.call('exchange.verifyContact', { contact: 'Zofia Wójcik-O’Neill' });
    expect((await ip.call('exchange.contacts', {})).find((x) => x.fingerprint === fresh.fingerprint)).toMatchObject({ verified: true, revokedAt: null });

    // The next draft, signed with the new key, opens at the IP; one signed with the old key would not.
    const o2 = io.saveTo('draft-2.cwpack');
    await io.call('review.send', { caseId: c.id, to: 'Dr Femi Adebayo' });
    // It carries on the review the IP began with the old card: the same case, draft 2 beside draft 1.
    expect(await ip.call('exchange.open', { dataBase64: b64(o2) })).toMatchObject({ caseId: ipCase });
    expect((await ip.call('review.state', { caseId: ipCase })).drafts).toEqual([1, 2]);

    // The other way round: the IP makes new keys, the IO adds and checks the new card, and the IP's next reply
    // (signed with the new key) is taken as coming from the person the drafts went to.
    await ip.call('exchange.newKeys', { reason: 'new laptop' });
    expect(await io.call('exchange.addContact', { text: await ip.card(), verified: true })).toMatchObject({ replaced: { name: 'Dr Femi Adebayo' } });
    await ip.call('review.comment', { caseId: ipCase, on: 'point:2', text: 'Thank you; point 2 reads clearly now.' });
    const reply2 = ip.saveTo('reply-2.cwpack');
    await ip.call('review.reply', { caseId: ipCase, to: 'Zofia Wójcik-O’Neill' });
    expect(await io.call('exchange.open', { dataBase64: b64(reply2) })).toMatchObject({ caseId: c.id });
    expect(await io.call('store.verify', {})).toMatchObject({ ok: true });
    expect(await ip.call('store.verify', {})).toMatchObject({ ok: true });
  }, 180_000);

  it('refuses a card whose replacement statement was not made with the old card’s key, and changes nothing', async () => {
    const { io, ip } = await ioAndIp();
    const oldId = await io.call('exchange.identity', {});
    await io.call('exchange.newKeys', { reason: 'routine' });
    const card = JSON.parse(await io.card()) as { replaces: { fingerprint: string; signature: string }[] };
    // A flipped digit in the statement's signature, or a statement naming the card as replacing another of the
    // IP's contacts: both are refused as altered, and the old card stays trusted.
    const step = card.replaces[0]!;
    const flipped = { ...card, replaces: [{ ...step, signature: `${step.signature[0] === '0' ? '1' : '0'}${step.signature.slice(1)}` }] };
    // The same statement presented as replacing another of the IP's contacts (Dr Femi is the IP's own card here,
    // so take a contact the IP holds: a card made for the test) does not verify either.
    const other = await party('Łucja Żółkiewska', 'council', 'Complaints team');
    await ip.call('exchange.addContact', { text: await other.card(), verified: true });
    const otherId = await other.call('exchange.identity', {});
    const misattributed = { ...card, replaces: [{ ...step, fingerprint: otherId.fingerprint, encryptionKey: otherId.encryptionKey, signingKey: otherId.signingKey }] };
    const before2 = await ip.snapshot();
    expect(await ip.dispatch('exchange.addContact', { text: JSON.stringify(misattributed), verified: true })).toMatchObject({ ok: false, error: { code: 'ALTERED' } });
    expect(await ip.snapshot()).toBe(before2);
    for (const text of [JSON.stringify(flipped)]) {
      expect(await ip.dispatch('exchange.addContact', { text, verified: true })).toEqual({ ok: false, error: { code: 'ALTERED', message: 'This contact card has been altered or damaged; ask the person to export their card again.' } });
      expect(await ip.snapshot()).toBe(before2);
    }
    const before = before2;
    expect((await ip.call('exchange.contacts', {})).find((x) => x.fingerprint === oldId.fingerprint)).toMatchObject({ revokedAt: null, verified: true });
    // A card from a newer Casewright than this one reads (version 3) is refused with what to do.
    expect(await ip.dispatch('exchange.addContact', { text: JSON.stringify({ ...card, version: 3 }), verified: true })).toEqual({
      ok: false,
      error: { code: 'NEWER_VERSION', message: 'This contact card was made by a newer Casewright; install the latest Casewright to add it.' },
    });
    expect(await ip.snapshot()).toBe(before);
  }, 120_000);

  it('refuses to send a panel member their papers once the card linked to them is no longer trusted, before the save dialog', async () => {
    const { team, caseId } = await teamAndMember();
    await team.call('exchange.revokeContact', { contact: 'Ewa Łukasiewicz-Öztürk', reason: 'she reported her laptop stolen' });
    const dialogs = team.dialogsAsked();
    expect(await team.dispatch('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk' })).toEqual({
      ok: false,
      error: { code: 'REVOKED', message: 'You stopped trusting the card linked to Ewa Łukasiewicz-Öztürk (she reported her laptop stolen), so nothing was sent; link the card they use now (check it with them first).' },
    });
    expect(team.dialogsAsked()).toBe(dialogs);
    // Nor can a card no longer trusted be linked to a member.
    expect(await team.dispatch('papers.link', { caseId, member: 'Θεόδωρος Παπαδόπουλος', contact: 'Ewa Łukasiewicz-Öztürk' })).toMatchObject({ ok: false, error: { code: 'REVOKED', message: expect.stringMatching(/^You stopped trusting Ewa Łukasiewicz-Öztürk's card [0-9A-Z ]+, so it cannot be linked to Θεόδωρος Παπαδόπουλος; link the card they use now\.$/) } });
  }, 120_000);

  it('a thief holding the old key cannot take over: their card is not trusted, a second claim is flagged, the review waits for the checked card', async () => {
    const { io, ip } = await ioAndIp();
    const c = await io.firstCase();
    const d1 = io.saveTo('d1.cwpack');
    await io.call('review.send', { caseId: c.id, to: 'Dr Femi Adebayo' });
    const ipCase = (await ip.call('exchange.open', { dataBase64: b64(d1) })).caseId!;
    const oldId = await io.call('exchange.identity', {});
    const oldSecret = io.session.requireStore().db.prepare('SELECT signing_secret FROM exchange_identity').pluck().get() as string;
    // The thief, with the old signing key from a stolen laptop, makes a card that "replaces" it.
    const keys = await generateKeys();
    const thiefCard: PublicCard = { name: oldId.name, role: oldId.role, organisation: oldId.organisation, encryptionKey: keys.encryptionPublic, signingKey: keys.signingPublic };
    const thiefFpr = fingerprintOf(thiefCard);
    const forged = { format: 'casewright-contact-card', version: 2, card: thiefCard, fingerprint: thiefFpr, signature: signCard(thiefCard, keys.signingSecret), replaces: [{ fingerprint: oldId.fingerprint, encryptionKey: oldId.encryptionKey, signingKey: oldId.signingKey, signature: signReplacement(oldId.fingerprint, thiefFpr, oldSecret) }] };
    // The IP adds it (not checked): the old card stops being trusted, the thief's is not trusted either.
    expect(await ip.call('exchange.addContact', { text: JSON.stringify(forged), verified: false })).toMatchObject({ fingerprint: thiefFpr, verified: false, replaced: { fingerprint: oldId.fingerprint } });
    // A draft signed by the thief does not land in the review, even on the command line's looser rule.
    const thiefDraft = await sealPackage({
      sender: { card: thiefCard, signingSecret: keys.signingSecret },
      to: { kind: 'key', card: await ip.call('exchange.identity', {}) },
      kind: 'review-reply',
      body: { origin: { caseId: c.id, reference: c.reference }, draftVersion: 1, comments: [], positions: [] },
    });
    expect(await ip.dispatch('exchange.open', { dataBase64: thiefDraft.bytes.toString('base64') })).toMatchObject({ ok: false, error: { code: 'UNVERIFIED_SENDER' } });
    // The real holder makes new keys; their card also says it replaces the old one: two claims, flagged.
    await io.call('exchange.newKeys', { reason: 'laptop stolen' });
    const real = await io.card();
    const before = await ip.snapshot();
    const clash = await ip.dispatch('exchange.addContact', { text: real, verified: false });
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^Two different cards say they replace Zofia Wójcik-O’Neill's card [0-9A-Z ]+ \(this one and [0-9A-Z ]+\), so their old key may be in someone else's hands; check both fingerprints with them by phone and stop trusting the wrong one, then add this card again\.$/) } });
    expect(await ip.snapshot()).toBe(before);
    // After a phone call: the thief's card is stopped, the real one added and checked; the review carries on.
    await ip.call('exchange.revokeContact', { contact: thiefFpr, reason: 'not hers: she never sent this card' });
    await ip.call('exchange.addContact', { text: real, verified: true });
    const d2 = io.saveTo('d2.cwpack');
    await io.call('review.send', { caseId: c.id, to: 'Dr Femi Adebayo' });
    expect(await ip.call('exchange.open', { dataBase64: b64(d2) })).toMatchObject({ caseId: ipCase });
  }, 180_000);

  it('stopped by hand first, then the new card: the review carries on once the new card is checked, and twice-replaced keys chain', async () => {
    const { io, ip } = await ioAndIp();
    const c = await io.firstCase();
    const d1 = io.saveTo('d1.cwpack');
    await io.call('review.send', { caseId: c.id, to: 'Dr Femi Adebayo' });
    const ipCase = (await ip.call('exchange.open', { dataBase64: b64(d1) })).caseId!;
    const oldFpr = (await io.call('exchange.identity', {})).fingerprint;
    await ip.call('exchange.revokeContact', { contact: 'Zofia Wójcik-O’Neill', reason: 'she rang: laptop stolen' });
    // Two sets of new keys before the IP hears again: the newest card carries both steps.
    await io.call('exchange.newKeys', { reason: 'laptop stolen' });
    await io.call('exchange.newKeys', { reason: 'the first new laptop went back' });
    const card = JSON.parse(await io.card()) as { replaces: { fingerprint: string }[] };
    expect(card.replaces.map((x) => x.fingerprint)[0]).toBe(oldFpr);
    expect(card.replaces).toHaveLength(2);
    // Added unchecked: nothing said to be replaced now (the old card was already stopped by hand), and the review
    // does not follow an unchecked card.
    const added = await ip.call('exchange.addContact', { text: JSON.stringify(card), verified: false });
    expect(added.replaced).toBeUndefined();
    const d2 = io.saveTo('d2.cwpack');
    await io.call('review.send', { caseId: c.id, to: 'Dr Femi Adebayo' });
    expect(await ip.dispatch('exchange.open', { dataBase64: b64(d2), sender: 'contact' })).toMatchObject({ ok: false, error: { code: 'EXISTS' } });
    // Checked by phone: the draft (a new package of it) lands in the same case.
    await ip.call('exchange.verifyContact', { contact: added.fingerprint });
    const d3 = io.saveTo('d3.cwpack');
    await io.call('review.send', { caseId: c.id, to: 'Dr Femi Adebayo' });
    expect(await ip.call('exchange.open', { dataBase64: b64(d3) })).toMatchObject({ caseId: ipCase });
  }, 180_000);

  it('refuses packages and cards made with this store’s own earlier keys', async () => {
    const { io, ip } = await ioAndIp();
    const oldCard = await io.card();
    const oldId = await io.call('exchange.identity', {});
    const oldSecret = io.session.requireStore().db.prepare('SELECT signing_secret FROM exchange_identity').pluck().get() as string;
    await io.call('exchange.newKeys', { reason: 'backup disk lost' });
    const { fingerprint: _f, createdAt: _c, previous: _p, ...oldPublic } = oldId;
    // A package signed with the old key (by whoever has the lost backup), sent to this store.
    const forged = await sealPackage({
      sender: { card: oldPublic, signingSecret: oldSecret },
      to: { kind: 'key', card: await io.call('exchange.identity', {}) },
      kind: 'review-reply',
      body: { origin: { caseId: 'x', reference: 'X' }, draftVersion: 1, comments: [], positions: [] },
    });
    const before = await io.snapshot();
    const r = await io.dispatch('exchange.open', { dataBase64: forged.bytes.toString('base64'), sender: 'anyone' });
    expect(r).toMatchObject({ ok: false, error: { code: 'REVOKED_SENDER', message: expect.stringMatching(/^This package is signed with your own earlier card [0-9A-Z ]+, which you replaced on .+ \(backup disk lost\), so nothing was opened\.$/) } });
    expect(await io.dispatch('exchange.addContact', { text: oldCard, verified: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^This is your own earlier card, replaced on /) } });
    // A card that says it replaces this store's own card.
    const keys = await generateKeys();
    const t: PublicCard = { name: 'Someone', role: 'other', organisation: '', encryptionKey: keys.encryptionPublic, signingKey: keys.signingPublic };
    const tf = fingerprintOf(t);
    const claim = { format: 'casewright-contact-card', version: 2, card: t, fingerprint: tf, signature: signCard(t, keys.signingSecret), replaces: [{ fingerprint: oldId.fingerprint, encryptionKey: oldId.encryptionKey, signingKey: oldId.signingKey, signature: signReplacement(oldId.fingerprint, tf, oldSecret) }] };
    expect(await io.dispatch('exchange.addContact', { text: JSON.stringify(claim), verified: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^This card says it replaces your own card [0-9A-Z ]+, so someone may hold a copy of your keys; /) } });
    expect(await io.snapshot()).toBe(before);
    void ip;
  }, 120_000);
});
