import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALTERED } from '../../../main/services/exchange/packageFile';
import { b64, party } from './parties';
import { teamAndMember } from './panelParties';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** What a panel member's store holds of papers and exchange packages, to compare before and after a refusal. */
async function papersSnapshot(p: Awaited<ReturnType<typeof party>>) {
  const db = p.session.requireStore().db;
  return JSON.stringify({
    received: await p.call('papers.received', {}),
    rows: db.prepare('SELECT count(*) AS n FROM panel_papers').get(),
    packages: db.prepare('SELECT id, direction, kind FROM exchange_packages ORDER BY id').all(),
    audit: db.prepare('SELECT count(*) AS n FROM audit_log').get(),
    cases: await p.call('cases.list', {}),
  });
}

describe('the hearing pack and papers sent to a panel member (issue 16)', () => {
  it('goes from the complaints team’s store to the member’s, kept inside their store, newer versions shown first', async () => {
    const { team, member, caseId, reference } = await teamAndMember();
    const view = await team.call('papers.panel', { caseId });
    expect(view.problems).toEqual([]);
    expect(view.members.find((m) => m.role === 'chair')?.contact).toMatchObject({ name: 'Ewa Łukasiewicz-Öztürk', verified: true });
    expect(view.documents.map((d) => d.kind).sort()).toEqual(['adjudication-letter', 'investigation-report', 'statement-of-complaint']);

    // Send: the pack (built now, the panel's version) and the investigation report.
    const out = team.saveTo('papers-1.cwpack');
    const sent = await team.call('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk', documents: [{ kind: 'investigation-report' }] });
    expect(sent.path).toBe(out);
    expect(sent.pages).toBeGreaterThan(3);
    expect(sent.papers).toHaveLength(1);
    // Only the package was written: no PDF, manifest or part file beside it.
    expect(fs.readdirSync(team.dir).filter((f) => /\.(pdf|json|part)$/.test(f))).toEqual([]);
    // The pack is now marked as sent (its page numbers are fixed).
    expect((await team.call('bundle.get', { caseId })).pack.sent).not.toBeNull();
    const bytes = fs.readFileSync(out);
    // Nothing of the case in the clear.
    for (const s of [reference, 'Łukasiewicz', 'Kieran', 'hearing pack', '%PDF']) expect(bytes.includes(Buffer.from(s, 'utf8'))).toBe(false);

    // The member opens it: their store holds no case, and keeps the papers.
    const opened = await member.call('exchange.open', { dataBase64: bytes.toString('base64') });
    expect(opened).toMatchObject({ kind: 'panel-papers', caseId: null, reference });
    expect(opened.held.join('\n')).toMatch(/hearing on 2027-01-14/);
    expect(await member.call('cases.list', {})).toEqual([]);
    let got = await member.call('papers.received', {});
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ reference, hearingDate: '2027-01-14', from: { name: 'Siobhán O’Connor-Nguyễn', organisation: 'Complaints & Representations Team' } });
    const first = got[0]!.deliveries[0]!;
    expect(first).toMatchObject({ version: 1, newest: true, memberName: 'Ewa Łukasiewicz-Öztürk', memberRole: 'chair', packPages: sent.pages });
    expect(first.papers.map((p) => p.kind)).toEqual(['pack', 'document']);
    expect(first.papers.every((p) => p.matchesManifest)).toBe(true);
    expect(first.papers[0]!.sha256).toBe(sent.sha256);
    expect(first.papers[1]!.title).toMatch(/investigation/i);

    // The pack as received: the panel's version, its pages, readable by poppler; the same bytes exported.
    const pack = await member.call('papers.read', { id: first.papers[0]!.id });
    const pdf = Buffer.from(pack.dataBase64, 'base64');
    expect(sha(pdf)).toBe(sent.sha256);
    const file = member.saveTo('pack.pdf');
    expect(await member.call('papers.export', { id: first.papers[0]!.id })).toEqual({ path: file });
    expect(fs.readFileSync(file).equals(pdf)).toBe(true);
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(info).toMatch(new RegExp(`Pages:\\s+${sent.pages}\\b`));
    expect(info).toMatch(/review panel/);

    // A late insert, sent again: shown as the newer version, the older kept.
    const late = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
    await team.call('bundle.addFile', { caseId, fileName: 'late.pdf', title: 'Late letter from Mrs Đặng', dataBase64: late.toString('base64'), after: 'A1' }).catch(async () => {
      // A1 may be the index in continuous numbering: insert after the first document's last page instead.
      const v = await team.call('bundle.get', { caseId });
      await team.call('bundle.addFile', { caseId, fileName: 'late.pdf', title: 'Late letter from Mrs Đặng', dataBase64: late.toString('base64'), after: v.sections[0]!.rows[0]!.last });
    });
    const out2 = team.saveTo('papers-2.cwpack');
    const sent2 = await team.call('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk' });
    expect(sent2.pages).toBe(sent.pages! + 1);
    await member.call('exchange.open', { dataBase64: b64(out2) });
    got = await member.call('papers.received', {});
    expect(got).toHaveLength(1);
    expect(got[0]!.deliveries.map((d) => [d.version, d.newest, d.packPages])).toEqual([
      [2, true, sent.pages! + 1],
      [1, false, sent.pages],
    ]);
    // Both stores verify; the team's store lists the packages sent for the case.
    expect(await member.call('store.verify', {})).toMatchObject({ ok: true });
    expect(await team.call('store.verify', {})).toMatchObject({ ok: true });
    expect((await team.call('papers.panel', { caseId })).members.find((m) => m.role === 'chair')!.sent).toHaveLength(2);
    // The same package again: refused, nothing changed.
    const before = await papersSnapshot(member);
    expect(await member.dispatch('exchange.open', { dataBase64: b64(out2) })).toMatchObject({ ok: false, error: { code: 'ALREADY_OPENED' } });
    expect(await papersSnapshot(member)).toBe(before);

    // After the hearing the member deletes the papers. A reference typed wrongly (or a hearing that is not
    // there) is refused with a sentence and deletes nothing.
    const key = got[0]!.key;
    for (const [input, code, sentence] of [
      [{ hearing: key, confirmReference: reference.toLowerCase() }, 'INVALID_INPUT', `To delete the papers for case ${reference}, type its reference exactly as shown; nothing was deleted.`],
      [{ hearing: key, confirmReference: '' }, 'INVALID_INPUT', `To delete the papers for case ${reference}, type its reference exactly as shown; nothing was deleted.`],
      [{ hearing: `${key}x`, confirmReference: reference }, 'NOT_FOUND', 'Those papers are no longer in this store; look at Papers received again.'],
    ] as const) {
      expect(await member.dispatch('papers.deleteHearing', input)).toEqual({ ok: false, error: { code, message: sentence } });
      expect(await papersSnapshot(member)).toBe(before);
    }
    const paperIds = got[0]!.deliveries.flatMap((d) => d.papers.map((p) => p.id));
    expect(await member.call('papers.deleteHearing', { hearing: key, confirmReference: ` ${reference} ` })).toEqual({ reference, packages: 2, papers: paperIds.length });
    expect(await member.call('papers.received', {})).toEqual([]);
    const db = member.session.requireStore().db;
    expect(db.prepare('SELECT count(*) AS n FROM panel_papers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM panel_deliveries').get()).toEqual({ n: 0 });
    expect(await member.dispatch('papers.read', { id: paperIds[0]! })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The audit log says what went (titles and digests), by whom; the store still verifies.
    const entry = db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'panel.papers-delete'").get() as { actor: string; detail: string };
    const detail = JSON.parse(entry.detail) as { reference: string; packages: number; papers: { title: string; sha256: string }[] };
    expect(detail).toMatchObject({ reference, packages: 2 });
    expect(detail.papers.map((p) => p.sha256)).toContain(sent.sha256);
    expect(await member.call('store.verify', {})).toMatchObject({ ok: true });
    // A deleted hearing does not come back by opening its package again by mistake.
    expect(await member.dispatch('exchange.open', { dataBase64: b64(out2) })).toMatchObject({ ok: false, error: { code: 'ALREADY_OPENED' } });
    expect(await member.call('papers.received', {})).toEqual([]);
  }, 240_000);

  it('refuses, each with one sentence and before anything is built or saved, what should not be sent', async () => {
    const { team, caseId } = await teamAndMember({ link: false, verified: false });
    const send = (input: object) => team.dispatch('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk', ...input });
    team.saveTo('never.cwpack');
    // Every refusal comes before the save dialog is shown.
    let asked = 0;
    const choose = team.session.platform.chooseSavePath;
    team.session.platform.chooseSavePath = async (...args) => {
      asked++;
      return choose(...args);
    };
    const refusals: string[] = [];
    const refused = async (input: object, re: RegExp) => {
      const r = await send(input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(re);
        expect(r.error.message).toMatch(/^[^\n]*\.$/);
        refusals.push(r.error.message);
      }
    };
    await refused({}, /is not linked to a contact yet/);
    await team.call('papers.link', { caseId, member: 'Ewa Łukasiewicz-Öztürk', contact: 'Ewa Łukasiewicz-Öztürk' });
    await refused({}, /Check Ewa Łukasiewicz-Öztürk's fingerprint .* before sending them the papers/);
    await team.call('exchange.verifyContact', { contact: 'Ewa Łukasiewicz-Öztürk' });
    await refused({ recipient: 'complainant' }, /complainant’s version of the hearing pack is for the complainant, not for a panel member/);
    await refused({ documents: [{ kind: 'investigation-report', variant: 'complainant' }] }, /complainant’s version of the investigation report is written for the complainant/);
    await refused({ documents: [{ kind: 'ip-report' }] }, /has not been issued, so it cannot go to the panel; the issued documents are/);
    // A kind this Casewright does not know yet (another helper adds the panel's report): the same sentence, no crash.
    await refused({ documents: [{ kind: 'panel-report' }] }, /review panel’s report of case .* has not been issued/);
    // A member not confirmed independent; a member unknown; another member's card.
    const r = await team.dispatch('papers.send', { caseId, member: 'Mr Dáithí Mac Giolla Phádraig' });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Confirm that Mr Dáithí Mac Giolla Phádraig is independent/) } });
    expect(await team.dispatch('papers.send', { caseId, member: 'Nobody' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is not on the panel/) } });
    expect(await team.dispatch('papers.link', { caseId, member: 'Θεόδωρος Παπαδόπουλος', contact: 'Ewa Łukasiewicz-Öztürk' })).toMatchObject({
      ok: false, error: { message: expect.stringMatching(/already linked to Ewa Łukasiewicz-Öztürk; each panel member needs their own card/) },
    });
    // A pack that cannot be built: its checks' sentences.
    const v = await team.call('bundle.get', { caseId });
    for (const row of v.sections.flatMap((s) => s.rows)) await team.call('bundle.remove', { caseId, entry: row.entryId });
    await refused({}, /The hearing pack cannot be sent yet: The pack has no documents yet/);
    expect(refusals.some((m) => /SQLITE|Error:|at .*\.ts/.test(m))).toBe(false);
    expect(asked).toBe(0);
    // Nothing was saved, sent or marked.
    expect(fs.existsSync(path.join(team.dir, 'never.cwpack'))).toBe(false);
    const db = team.session.requireStore().db;
    expect(db.prepare("SELECT count(*) AS n FROM exchange_packages WHERE kind = 'panel-papers'").get()).toEqual({ n: 0 });
    expect((await team.call('bundle.get', { caseId })).pack.sent).toBeNull();
  }, 240_000);

  it('is refused by the member’s store when damaged, truncated, for someone else, replayed or from an unknown or unchecked sender, and nothing is written', async () => {
    const { team, member, caseId } = await teamAndMember();
    const out = team.saveTo('papers.cwpack');
    await team.call('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk', documents: [{ kind: 'statement-of-complaint' }] });
    const bytes = fs.readFileSync(out);
    const before = await papersSnapshot(member);
    const open = (b: Buffer, p = member, extra: object = {}) => p.dispatch('exchange.open', { dataBase64: b.toString('base64') || 'AA==', ...extra });
    // Changed bytes: the header line, age's header, the body, the last byte.
    for (const i of [20, 60, 120, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 20, bytes.length - 1]) {
      const bad = Buffer.from(bytes);
      bad[i] = bad[i]! ^ 0x5a;
      expect(await open(bad), `byte ${i}`).toMatchObject({ ok: false, error: { code: 'ALTERED', message: ALTERED } });
    }
    // Truncated anywhere.
    for (const n of [10, bytes.indexOf(0x0a) + 1, 300, Math.floor(bytes.length / 2), bytes.length - 1]) {
      expect(await open(bytes.subarray(0, n)), `cut at ${n}`).toMatchObject({ ok: false, error: { message: ALTERED } });
    }
    // A newer format (a first line that is intact, with its check, but says format 2).
    const nl = bytes.indexOf(0x0a);
    const to = bytes.subarray(0, nl).toString('latin1').split(' ')[2]!;
    const rest = `CASEWRIGHT-PACKAGE 2 ${to}`;
    const newer = Buffer.concat([Buffer.from(`${rest} ${sha(Buffer.from(rest)).slice(0, 16)}`), bytes.subarray(nl)]);
    expect(await open(newer)).toMatchObject({ ok: false, error: { code: 'NEWER_VERSION', message: expect.stringMatching(/newer Casewright \(package format 2/) } });
    expect(await papersSnapshot(member)).toBe(before);
    // Someone else's store (the wrong recipient): refused with the sentence, nothing written there either.
    const other = await party('Ngozi Okonkwo-Şahin', 'other', 'Another panel');
    await other.call('exchange.addContact', { text: await team.card(), verified: true });
    const otherBefore = await papersSnapshot(other);
    expect(await open(bytes, other)).toMatchObject({ ok: false, error: { code: 'NOT_FOR_YOU', message: expect.stringMatching(/^This package is for someone else \(fingerprint/) } });
    expect(await papersSnapshot(other)).toBe(otherBefore);
    // An unknown sender, then an unchecked one (a second laptop's store, linked instead): refused with who signed it.
    const member2 = await party('Ewa Łukasiewicz-Öztürk (second laptop)', 'other', '');
    await team.call('exchange.addContact', { text: await member2.card(), verified: true });
    await team.call('papers.link', { caseId, member: 'Ewa Łukasiewicz-Öztürk', contact: 'Ewa Łukasiewicz-Öztürk (second laptop)' });
    const out2 = team.saveTo('papers-2.cwpack');
    await team.call('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk' });
    const m2Before = await papersSnapshot(member2);
    expect(await open(fs.readFileSync(out2), member2)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SENDER', details: { name: 'Siobhán O’Connor-Nguyễn' } } });
    await member2.call('exchange.addContact', { text: await team.card(), verified: false });
    expect(await open(fs.readFileSync(out2), member2)).toMatchObject({ ok: false, error: { code: 'UNVERIFIED_SENDER' } });
    expect(await papersSnapshot(member2)).not.toBe(m2Before); // the contact was added (their own action) …
    const afterContact = await papersSnapshot(member2);
    expect(await open(fs.readFileSync(out2), member2)).toMatchObject({ ok: false, error: { code: 'UNVERIFIED_SENDER' } });
    expect(await papersSnapshot(member2)).toBe(afterContact); // … the refusal itself wrote nothing.
    // The good package still opens once, then is a replay.
    expect(await open(bytes)).toMatchObject({ ok: true });
    const after = await papersSnapshot(member);
    expect(await open(bytes)).toMatchObject({ ok: false, error: { code: 'ALREADY_OPENED' } });
    expect(await papersSnapshot(member)).toBe(after);
  }, 300_000);
});

describe('a signed package of panel papers from a checked sender that holds the wrong things (issue 16)', () => {
  it('is refused when it claims another version of the pack, carries something that is not a PDF, or misstates its pages; nothing is written', async () => {
    const { sealPackage } = await import('../../../main/services/exchange/packageFile');
    const { team, member, caseId, reference } = await teamAndMember();
    const out = team.saveTo('good.cwpack');
    await team.call('papers.send', { caseId, member: 'Ewa Łukasiewicz-Öztürk' });
    // The body the team's Casewright wrote, read back with the member's key, then altered and signed again with
    // the team's own key: what a faulty or hostile sender could make.
    const { readHeader, unsealPackage } = await import('../../../main/services/exchange/packageFile');
    const memberSecret = member.session.requireStore().db.prepare('SELECT encryption_secret FROM exchange_identity').pluck().get() as string;
    const { payload, parts } = await unsealPackage(readHeader(fs.readFileSync(out)), { identity: memberSecret });
    const teamRow = team.session.requireStore().db.prepare('SELECT * FROM exchange_identity').get() as { signing_secret: string };
    const memberCard = await member.call('exchange.identity', {});
    const reseal = async (body: unknown, ps: Buffer[]) =>
      (await sealPackage({ sender: { card: payload.from, signingSecret: teamRow.signing_secret }, to: { kind: 'key', card: memberCard }, kind: 'panel-papers', body, parts: ps })).bytes;
    const body = payload.body as { pack: Record<string, unknown>; papers: unknown[] };
    const before = await papersSnapshot(member);
    const cases = [
      await reseal({ ...body, pack: { ...body.pack, recipient: 'complainant' } }, parts),
      await reseal({ ...body, pack: { ...body.pack, sha256: sha(Buffer.from('MZ\x90\x00 not a PDF at all')) } }, [Buffer.from('MZ\x90\x00 not a PDF at all'), ...parts.slice(1)]),
      await reseal({ ...body, pack: { ...body.pack, pages: (body.pack.pages as number) + 1 } }, parts),
      await reseal({ ...body, papers: [{ part: 0, sha256: body.pack.sha256, pages: body.pack.pages, fileName: 'x.pdf', title: 'Again', kind: 'investigation-report', variant: 'complainant', version: 1, final: false, issuedAt: '' }] }, parts),
      await reseal(body, [...parts, Buffer.from('%PDF-1.4 an extra part nobody lists')]),
    ];
    // A part whose digest is not the one the body gives for it: the "altered" sentence.
    expect(await member.dispatch('exchange.open', { dataBase64: (await reseal(body, [Buffer.from('%PDF-1.4 other bytes'), ...parts.slice(1)])).toString('base64') })).toMatchObject({ ok: false, error: { code: 'ALTERED' } });
    // A compression bomb (a 1-page PDF whose one stream inflates to 80 MB), listed and signed: refused, named.
    const { deflateSync } = await import('node:zlib');
    const { makePdf } = await import('../bundle/fixtures');
    const zeros = deflateSync(Buffer.alloc(80 * 1024 * 1024));
    const small = makePdf([{ lines: ['Harmless'] }]);
    const bomb = Buffer.concat([small.subarray(0, small.lastIndexOf('xref')), Buffer.from(`99 0 obj\n<< /Length ${zeros.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), zeros, Buffer.from('\nendstream\nendobj\n', 'latin1'), small.subarray(small.lastIndexOf('xref'))]);
    const bombed = await reseal({ ...body, pack: { ...body.pack, sha256: sha(bomb), pages: 1 } }, [bomb, ...parts.slice(1)]);
    expect(await member.dispatch('exchange.open', { dataBase64: bombed.toString('base64') })).toMatchObject({
      ok: false, error: { code: 'INVALID_INPUT', message: `“Hearing pack, ${reference}” in this package has compressed parts that unpack to far more than a PDF should (it may be damaged or built to cause harm), so nothing was opened; ask the sender to send it again.` },
    });
    for (const bytes of cases) {
      const r = await member.dispatch('exchange.open', { dataBase64: bytes.toString('base64') });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'This package holds something this Casewright cannot read; ask the sender to send it again.' } });
    }
    expect(await papersSnapshot(member)).toBe(before);
    // The good one opens.
    expect(await member.call('exchange.open', { dataBase64: b64(out) })).toMatchObject({ reference });
  }, 180_000);
});
