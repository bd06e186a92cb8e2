import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { docxParts, docxText } from '../../helpers/documents';
import { describe, expect, it } from 'vitest';
import { runCliInTest } from '../../helpers/cli';
import { CIPHER_SETTINGS } from '../../../main/services/store/caseStore';
import { GOOD_PASSPHRASE, OTHER_PASSPHRASE, tempDir } from '../../helpers/tmp';

const cli = runCliInTest;

function storeIn(dir: string) {
  return path.join(dir, 'cases.cwstore');
}

/** A new store holding the demo case, in a fresh temporary folder. */
async function demoStore(): Promise<{ dir: string; store: string }> {
  const dir = tempDir();
  const store = storeIn(dir);
  expect((await cli(['store', 'init', '--demo', '--store', store])).code).toBe(0);
  return { dir, store };
}

describe('the command line', () => {
  it('creates a store with the demo case, lists it and verifies it', async () => {
    const store = storeIn(tempDir());
    expect(await cli(['store', 'init', '--demo', '--store', store])).toMatchObject({ code: 0 });
    const list = await cli(['case', 'list', '--store', store]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^DEMO-ST2-0001\tHarrowfield Borough Council \(demo\)\tKieran Nowak\tZoë Ó Súilleabháin-Nowak\n$/);
    expect(await cli(['store', 'verify', '--store', store])).toEqual({
      code: 0,
      out: 'ok\nNote: This device had no record of this store before it was opened here, so entries removed from the end of its audit log before then cannot be detected.\n',
      err: '',
    });
  });

  it('keeps the newest audit entry it saw in CASEWRIGHT_SETTINGS and reports entries removed since', async () => {
    const dir = tempDir();
    const store = storeIn(dir);
    const env = { CASEWRIGHT_SETTINGS: path.join(dir, 'cli-settings.json') };
    expect((await cli(['store', 'init', '--demo', '--store', store], env)).code).toBe(0);
    expect(await cli(['store', 'verify', '--store', store], env)).toEqual({ code: 0, out: 'ok\n', err: '' });
    const saved = JSON.parse(fs.readFileSync(env.CASEWRIGHT_SETTINGS, 'utf8')) as { auditAnchors: Record<string, { length: number }> };
    expect(Object.values(saved.auditAnchors)).toEqual([{ length: expect.any(Number), head: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(fs.readFileSync(env.CASEWRIGHT_SETTINGS, 'utf8')).not.toContain('cases.cwstore');
    const length = Object.values(saved.auditAnchors)[0]!.length;
    const db = new Database(store);
    db.pragma(`cipher = '${CIPHER_SETTINGS.cipher}'`);
    db.pragma(`legacy = ${CIPHER_SETTINGS.legacy}`);
    db.pragma(`kdf_iter = ${CIPHER_SETTINGS.kdfIter}`);
    db.key(Buffer.from(GOOD_PASSPHRASE, 'utf8'));
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = ?').run(length);
    db.exec("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END");
    db.close();
    const r = await cli(['store', 'verify', '--store', store], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`The audit log is shorter than when this device last saw it (${length} entries, now ${length - 1}): entries have been removed.\n`);
  });

  it('accepts, on request, an older copy of a store put back on purpose', async () => {
    const dir = tempDir();
    const store = storeIn(dir);
    const env = { CASEWRIGHT_SETTINGS: path.join(dir, 'cli-settings.json') };
    expect((await cli(['store', 'init', '--demo', '--store', store], env)).code).toBe(0);
    fs.copyFileSync(store, path.join(dir, 'backup.cwstore'));
    expect((await cli(['case', 'export', '--case', 'DEMO-ST2-0001', '--out', path.join(dir, 'c.json'), '--store', store], env)).code).toBe(0);
    fs.copyFileSync(path.join(dir, 'backup.cwstore'), store);
    expect((await cli(['store', 'verify', '--store', store], env)).code).toBe(1);
    expect(await cli(['store', 'accept-log', '--store', store], env)).toEqual({ code: 0, out: "Accepted: this device's record of the store now starts from its audit log as it is.\n", err: '' });
    expect(await cli(['store', 'verify', '--store', store], env)).toEqual({ code: 0, out: 'ok\n', err: '' });
    expect(await cli(['store', 'accept-log', '--store', store], env)).toEqual({
      code: 1,
      out: '',
      err: 'The audit log still holds everything this device last saw in it, so there is nothing to accept.\n',
    });
  });

  it('checks a store against the audit log recorded in a case file exported from it', async () => {
    const { dir, store } = await demoStore();
    const file = path.join(dir, 'case.json');
    expect((await cli(['case', 'export', '--case', 'DEMO-ST2-0001', '--out', file, '--store', store])).code).toBe(0);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number; storeAudit: { length: number; head: string } };
    expect(exported.version).toBeGreaterThanOrEqual(3); // storeAudit came in version 3; 4 added mentions
    expect((await cli(['store', 'verify', '--file', file, '--store', store])).code).toBe(0);
    const db = new Database(store);
    db.pragma(`cipher = '${CIPHER_SETTINGS.cipher}'`);
    db.pragma(`legacy = ${CIPHER_SETTINGS.legacy}`);
    db.pragma(`kdf_iter = ${CIPHER_SETTINGS.kdfIter}`);
    db.key(Buffer.from(GOOD_PASSPHRASE, 'utf8'));
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(exported.storeAudit.length);
    db.exec("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END");
    db.close();
    const r = await cli(['store', 'verify', '--file', file, '--store', store]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `The audit log is shorter than when the case file was exported (${exported.storeAudit.length} entries, now ${exported.storeAudit.length - 1}): entries have been removed, or the file came from another store.`,
    );
    expect(await cli(['store', 'verify', '--file', path.join(dir, 'missing.json'), '--store', store])).toMatchObject({ code: 1, err: expect.stringMatching(/^Cannot read .*missing\.json \(ENOENT\); check the path\.\n$/) });
  });

  it('takes the store from CASEWRIGHT_STORE', async () => {
    const store = storeIn(tempDir());
    expect((await cli(['store', 'init'], { CASEWRIGHT_STORE: store })).code).toBe(0);
    expect(await cli(['case', 'list'], { CASEWRIGHT_STORE: store })).toEqual({ code: 0, out: '', err: '' });
  });

  it('round-trips a case through export and import losslessly', async () => {
    const dir = tempDir();
    const a = storeIn(dir);
    const b = path.join(dir, 'other.cwstore');
    await cli(['store', 'init', '--demo', '--store', a]);
    await cli(['store', 'init', '--store', b]);
    const file = path.join(dir, 'case.json');
    expect(await cli(['case', 'export', '--case', 'demo-st2-0001', '--out', file, '--store', a])).toEqual({ code: 0, out: '', err: '' });
    expect(await cli(['case', 'import', '--file', file, '--store', b])).toEqual({ code: 0, out: 'DEMO-ST2-0001\n', err: '' });
    const again = path.join(dir, 'again.json');
    await cli(['case', 'export', '--case', 'DEMO-ST2-0001', '--out', again, '--store', b]);
    const strip = (f: string) => {
      const j = JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>;
      delete j.exportedAt;
      // Each store's own audit log, not part of the case.
      delete j.storeAudit;
      return j;
    };
    expect(strip(again)).toEqual(strip(file));
    // Importing the same reference twice is refused, not duplicated.
    const dup = await cli(['case', 'import', '--file', file, '--store', b]);
    expect(dup.code).toBe(1);
    expect(dup.err).toBe('A case with reference DEMO-ST2-0001 is already in this store; use another reference.\n');
  });

  it('refuses a malformed case file naming the field and the problem', async () => {
    const { dir, store } = await demoStore();
    const file = path.join(dir, 'case.json');
    await cli(['case', 'export', '--case', 'DEMO-ST2-0001', '--out', file, '--store', store]);
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    j.case.reference = 'NEW-REF';
    j.case.keyDates.statementAgreed = '2023-02-30';
    fs.writeFileSync(file, JSON.stringify(j));
    const bad = await cli(['case', 'import', '--file', file, '--store', store]);
    expect(bad).toEqual({ code: 1, out: '', err: 'The case file is not valid: Key dates, statement agreed: must be a real date written as YYYY-MM-DD (for example 2024-03-07).\n' });

    j.case.keyDates.statementAgreed = null;
    j.case.complainants[0].relationshipToChild = 'neighbour';
    fs.writeFileSync(file, JSON.stringify(j));
    expect((await cli(['case', 'import', '--file', file, '--store', store])).err).toMatch(/^The case file is not valid: Complainant 1, relationship to child: must be one of: "child or young person"/);

    fs.writeFileSync(file, '{"format": "casewright.case", "version": 1, "case": ');
    expect((await cli(['case', 'import', '--file', file, '--store', store])).err).toMatch(/^The file is not valid JSON/);
    fs.writeFileSync(file, '{"format": "casewright.case", "version": 7, "case": {}}');
    expect((await cli(['case', 'import', '--file', file, '--store', store])).err).toMatch(/format version 7, newer than this Casewright reads/);
    expect((await cli(['case', 'list', '--store', store])).out.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('gives one sentence and exit 1 for a wrong passphrase, no passphrase, or a missing store', async () => {
    const store = storeIn(tempDir());
    await cli(['store', 'init', '--store', store]);
    expect(await cli(['case', 'list', '--store', store], { CASEWRIGHT_PASSPHRASE: OTHER_PASSPHRASE })).toEqual({
      code: 1,
      out: '',
      err: 'That passphrase does not open this case store; check it and try again.\n',
    });
    const none = await cli(['case', 'list', '--store', store], { CASEWRIGHT_PASSPHRASE: '' });
    expect(none).toMatchObject({ code: 1, err: 'No passphrase given: set CASEWRIGHT_PASSPHRASE, or run the command in a terminal to be asked for it.\n' });
    const missing = await cli(['case', 'list', '--store', `${store}.nope`]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^There is no case store at /);
    expect(missing.err.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('exits 2 with the usage text on bad usage, and never takes a passphrase as an argument', async () => {
    for (const args of [[], ['store'], ['case', 'frobnicate'], ['case', 'list', '--passphrase', 'x'], ['clock', 'add', '--from', '2024-01-01']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/Usage: npm run --silent cli/);
    }
  });

  it('changes the passphrase from CASEWRIGHT_NEW_PASSPHRASE', async () => {
    const store = storeIn(tempDir());
    await cli(['store', 'init', '--store', store]);
    expect((await cli(['store', 'passphrase', '--store', store], { CASEWRIGHT_NEW_PASSPHRASE: OTHER_PASSPHRASE })).code).toBe(0);
    expect((await cli(['case', 'list', '--store', store])).code).toBe(1);
    expect((await cli(['case', 'list', '--store', store], { CASEWRIGHT_PASSPHRASE: OTHER_PASSPHRASE })).code).toBe(0);
    const weak = await cli(['store', 'passphrase', '--store', store], { CASEWRIGHT_PASSPHRASE: OTHER_PASSPHRASE, CASEWRIGHT_NEW_PASSPHRASE: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/at least 12 characters/);
  });

  it('adds and counts working days, singly and from stdin', async () => {
    expect(await cli(['clock', 'add', '--from', '2023-01-03', '--days', '25'])).toEqual({ code: 0, out: '2023-02-07\n', err: '' });
    expect(await cli(['clock', 'count', '--from', '2023-01-03', '--to', '2023-02-07'])).toEqual({ code: 0, out: '25\n', err: '' });
    // A council closure day pushes the date one working day later.
    expect((await cli(['clock', 'add', '--from', '2023-01-03', '--days', '25', '--closure', '2023-01-20'])).out).toBe('2023-02-08\n');
    // Across Christmas 2024, and across the 2022 Platinum Jubilee (2 and 3 June).
    expect(await cli(['clock', 'add', '--stdin'], {}, '2023-01-03 25\n2024-12-20 10\n\n2022-05-27 5\n')).toEqual({
      code: 0,
      out: '2023-02-07\n2025-01-08\n2022-06-07\n',
      err: '',
    });
    expect(await cli(['clock', 'count', '--stdin'], {}, '2023-01-03 2023-02-07\n2024-12-24 2024-12-27\n')).toEqual({ code: 0, out: '25\n1\n', err: '' });
  });

  it('names the line of an impossible date or a negative count', async () => {
    expect(await cli(['clock', 'add', '--stdin'], {}, '2023-01-03 25\n2023-02-30 5\n')).toEqual({
      code: 1,
      out: '',
      err: 'Line 2 ("2023-02-30 5"): "2023-02-30" is not a real date; write it as YYYY-MM-DD.\n',
    });
    expect((await cli(['clock', 'add', '--stdin'], {}, '2023-01-03 -4\n')).err).toBe('Line 1 ("2023-01-03 -4"): the number of working days cannot be negative (-4).\n');
    expect((await cli(['clock', 'count', '--stdin'], {}, '2023-01-03\n')).err).toMatch(/^Line 1 .*expected two values, FROM TO/);
    expect((await cli(['clock', 'add', '--from', '2023-02-29', '--days', '3'])).err).toBe('--from 2023-02-29 is not a real date; write it as YYYY-MM-DD, for example 2024-03-07.\n');
  });

  it('prints every clock of a case as JSON', async () => {
    const store = storeIn(tempDir());
    await cli(['store', 'init', '--demo', '--store', store]);
    const r = await cli(['case', 'deadlines', '--case', 'DEMO-ST2-0001', '--store', store]);
    expect(r.code).toBe(0);
    const clocks = JSON.parse(r.out) as { id: string; statutory: boolean; state: string; takenDays: number }[];
    const s2 = clocks.find((c) => c.id === 'stage2-response-from-statement');
    expect(s2).toMatchObject({ statutory: true, state: 'on-track', takenDays: 12 });
    expect(clocks.find((c) => c.id === 'stage2-response-from-request')).toMatchObject({ statutory: false, takenDays: 24 });
  });

  it('runs as a real process through npm run cli with no stack trace on error', () => {
    const r = spawnSync('npx', ['tsx', 'main/cli/index.ts', 'clock', 'add', '--from', '2023-13-01', '--days', '3'], { encoding: 'utf8', cwd: path.resolve(__dirname, '../../..') });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('--from 2023-13-01 is not a real date; write it as YYYY-MM-DD, for example 2024-03-07.\n');
  });

  it('exports a document and the whole response', async () => {
    const { dir, store } = await demoStore();
    const out = path.join(dir, 'report.pdf');
    expect(await cli(['doc', 'export', '--case', 'DEMO-ST2-0001', '--doc', 'investigation-report', '--format', 'pdf', '--variant', 'complainant', '--out', out, '--store', store])).toEqual({ code: 0, out: '', err: '' });
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const docx = path.join(dir, 'letter.docx');
    expect((await cli(['doc', 'export', '--case', 'DEMO-ST2-0001', '--doc', 'statement-of-complaint', '--format', 'docx', '--out', docx, '--store', store])).code).toBe(0);
    expect(fs.readFileSync(docx).readUInt32LE(0)).toBe(0x04034b50);
    const all = await cli(['doc', 'export-all', '--case', 'DEMO-ST2-0001', '--out', dir, '--store', store]);
    expect(all.code).toBe(0);
    const folder = all.out.split('\n')[0]!;
    // The response (3 documents × 2 versions), the statement, and the record of each interview held (issue 13),
    // each in Word and PDF: the complainant's own in her version, the team manager's in the council's.
    const files = fs.readdirSync(folder).sort();
    expect(files).toHaveLength(18);
    expect(files.filter((f) => f.includes('interview-record'))).toEqual([
      'DEMO-ST2-0001-interview-record-interview-sam-council-draft-v1.docx',
      'DEMO-ST2-0001-interview-record-interview-sam-council-draft-v1.pdf',
      'DEMO-ST2-0001-interview-record-interview-zoe-complainant-draft-v1.docx',
      'DEMO-ST2-0001-interview-record-interview-zoe-complainant-draft-v1.pdf',
    ]);
    expect(all.err).toMatch(/^Skipped: Extension letter: There is no Stage 2 extension recorded/);
    const noExt = await cli(['doc', 'export', '--case', 'DEMO-ST2-0001', '--doc', 'extension-letter', '--format', 'pdf', '--out', path.join(dir, 'x.pdf'), '--store', store]);
    expect(noExt).toMatchObject({ code: 1, err: 'There is no Stage 2 extension recorded for this case; record the extension first, then make the letter.\n' });
    expect((await cli(['doc', 'export', '--case', 'DEMO-ST2-0001', '--doc', 'memo', '--format', 'pdf', '--out', out, '--store', store])).code).toBe(2);
    // --interview chooses the interview; the complainant's own record asks her to sign in her own name.
    const rec = path.join(dir, 'zoe.docx');
    expect((await cli(['doc', 'export', '--case', 'DEMO-ST2-0001', '--doc', 'interview-record', '--interview', 'interview-zoe', '--variant', 'complainant', '--format', 'docx', '--out', rec, '--store', store])).code).toBe(0);
    const xml = (await docxParts(fs.readFileSync(rec)))['word/document.xml']!;
    expect(docxText(xml)).toContain('Signed in my own name as an accurate record of my interview');
    expect(docxText(xml)).toContain('Zoë Ó Súilleabháin-Nowak');
    const sam = path.join(dir, 'sam.docx');
    expect((await cli(['doc', 'export', '--case', 'DEMO-ST2-0001', '--doc', 'interview-record', '--interview', 'interview-sam', '--format', 'docx', '--out', sam, '--store', store])).code).toBe(0);
    expect(docxText((await docxParts(fs.readFileSync(sam)))['word/document.xml']!)).toContain('Sam Okafor (Team manager)');
    expect(await cli(['doc', 'export', '--case', 'DEMO-ST2-0001', '--doc', 'interview-record', '--interview', 'nope', '--format', 'docx', '--out', sam, '--store', store])).toMatchObject({ code: 1, err: 'That interview is not in this case; choose one from the Interviews tab.\n' });
    expect((await cli(['doc', 'export', '--case', 'DEMO-ST2-0001', '--doc', 'ip-report', '--interview', 'interview-sam', '--format', 'docx', '--out', sam, '--store', store])).code).toBe(2);
    expect((await cli(['doc', 'export-all', '--case', 'DEMO-ST2-0001', '--out', path.join(dir, 'missing'), '--store', store])).err).toMatch(/is not a folder/);
  });

  it('imports a copy of a case with its files under another reference, and gives sentences for dates past 2199', async () => {
    const { dir, store } = await demoStore();
    const file = path.join(dir, 'case.json');
    await cli(['case', 'export', '--case', 'DEMO-ST2-0001', '--out', file, '--store', store]);
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(j.attachments).toHaveLength(1);
    j.case.reference = 'DEMO-COPY';
    fs.writeFileSync(file, JSON.stringify(j));
    expect(await cli(['case', 'import', '--file', file, '--store', store])).toEqual({ code: 0, out: 'DEMO-COPY\n', err: '' });
    const again = path.join(dir, 'again.json');
    await cli(['case', 'export', '--case', 'DEMO-COPY', '--out', again, '--store', store]);
    const copy = JSON.parse(fs.readFileSync(again, 'utf8'));
    const e4 = copy.case.evidence.find((e: { ref: string }) => e.ref === 'E4');
    expect(e4.attachmentId).toBe(copy.attachments[0].id);
    expect(copy.attachments[0].id).not.toBe(j.attachments[0].id);
    expect(copy.attachments[0].dataBase64).toBe(j.attachments[0].dataBase64);
    expect(await cli(['clock', 'add', '--from', '2199-12-20', '--days', '10'])).toEqual({ code: 1, out: '', err: '--days: 10 working days after 2199-12-20 is past 2199, the last year Casewright counts.\n' });
  });

  it('makes, lists and restores backups; a restore keeps the store as it was as another backup', async () => {
    const { dir, store } = await demoStore();
    // This device's record of the store's audit log (CASEWRIGHT_SETTINGS): a restore made on purpose starts it again.
    const device = { CASEWRIGHT_SETTINGS: path.join(dir, 'settings.json') };
    const made = await cli(['store', 'backup', '--store', store], device);
    expect(made.code).toBe(0);
    const file = made.out.trim();
    expect(path.dirname(file)).toBe(path.join(dir, 'cases.backups'));
    const caseFile = path.join(dir, 'case.json');
    await cli(['case', 'export', '--case', 'DEMO-ST2-0001', '--out', caseFile, '--store', store], device);
    fs.writeFileSync(caseFile, fs.readFileSync(caseFile, 'utf8').replace(/DEMO-ST2-0001/g, 'LATER-7'));
    expect((await cli(['case', 'import', '--file', caseFile, '--store', store], device)).code).toBe(0);
    const listed = await cli(['store', 'backups', '--store', store], device);
    expect(listed.out).toContain(`\tmanual\t`);
    expect(listed.out).toContain(file);
    const wrong = await cli(['store', 'restore', '--from', file, '--store', store], { ...device, CASEWRIGHT_BACKUP_PASSPHRASE: OTHER_PASSPHRASE });
    expect(wrong).toEqual({ code: 1, out: '', err: 'That passphrase does not open this backup; a backup opens with the passphrase the store had when the backup was made.\n' });
    const restored = await cli(['store', 'restore', '--from', file, '--store', store], device);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/the store now opens with the passphrase it had when that backup was made/);
    expect((await cli(['case', 'list', '--store', store], device)).out).not.toContain('LATER-7');
    expect((await cli(['store', 'backups', '--store', store], device)).out).toMatch(/\tbefore-restore\t/);
    expect(await cli(['store', 'verify', '--store', store], device)).toEqual({ code: 0, out: 'ok\n', err: '' });
    expect((await cli(['store', 'restore', '--store', store], device)).code).toBe(2);
  });

  it('puts a backup in the place of a store whose first page is damaged (store recover), keeping the file', async () => {
    const { dir, store } = await demoStore();
    expect((await cli(['store', 'backup', '--store', store])).code).toBe(0);
    const fd = fs.openSync(store, 'r+');
    fs.writeSync(fd, Buffer.from('damaged by a bad sector'), 0, 23, 1500);
    fs.closeSync(fd);
    const list = await cli(['case', 'list', '--store', store]);
    expect(list.code).toBe(1);
    expect(list.err).toMatch(/^That passphrase does not open this case store, but it opens its backup of .+ If it is damaged, restore that backup; the store file as it is now is kept beside it, untouched\.\n$/);
    const r = await cli(['store', 'recover', '--store', store]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Restored the backup of .+ kept beside it as cases-not-opening-\d{8}T\d{6}\.cwstore: /);
    expect(fs.readdirSync(dir).filter((f) => f.includes('-not-opening-'))).toHaveLength(1);
    expect((await cli(['case', 'list', '--store', store])).out).toMatch(/^DEMO-ST2-0001\t/);
  });
});

