/**
 * The crash suite's child process: opens a store through the real handler table and performs one kind of
 * write over and over (or once, for a passphrase change or a restore), printing "ack <kind> <item>" only
 * after each write has returned, i.e. committed. For `migrate` the kill window starts before the open, which
 * migrates a store made by an earlier version. The parent kills it with SIGKILL at a random moment and
 * then checks that every acknowledged write is still there. Pipes to the parent are written synchronously
 * on POSIX, so an ack line the parent reads was printed after its commit.
 *
 *   tsx test/crash/driver.ts <op> <store> [arg]      CW_PASS: the passphrase; CW_NEXT: the new one
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api/contract';
import { createDispatcher } from '../../main/api/handlers';
import { memorySettings, type Platform } from '../../main/services/platform';
import { Session } from '../../main/services/session/session';

const [op, store, arg] = process.argv.slice(2) as [string, string, string | undefined];
const pass = process.env.CW_PASS!;
const next = process.env.CW_NEXT!;
const work = path.dirname(store);

const platform: Platform = {
  actor: 'Crash Driver',
  appVersion: 'crash',
  settings: memorySettings(),
  vault: null,
  chooseStorePath: async () => null,
  // Stands in for a person who chose this file in the app's dialog.
  allowsPath: () => true,
  chooseSavePath: async (name) => path.join(work, name),
  chooseFolder: async () => work,
  emit: () => {},
  today: () => '2026-11-25',
};
const session = new Session(platform);
const dispatch = createDispatcher(session, (e) => process.stderr.write(`internal: ${String((e as Error)?.stack ?? e)}\n`));
async function call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const r = await dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as ApiOutput<N>;
}
const ack = (s: string) => process.stdout.write(`ack ${s}\n`);

if (op === 'migrate') {
  process.stdout.write('ready\n');
  await call('store.open', { path: store, passphrase: pass });
  ack('migrate');
  session.lock('user');
  process.exit(0);
}
if (op === 'recover') {
  // The store does not open (page 1 damaged); its backup goes in its place.
  process.stdout.write('ready\n');
  await call('backup.recover', { path: store, passphrase: pass });
  ack('recover');
  session.lock('user');
  process.exit(0);
}
await call('store.open', { path: store, passphrase: pass });
// The first call of the day also makes the daily backup; the kill window starts after it (backup rounds cover backups).
const first = (await call('cases.list', {})).find((c) => c.reference === 'DEMO-ST2-0001')!;
process.stdout.write('ready\n');

switch (op) {
  case 'save':
    for (let i = 1; ; i++) {
      const c = await call('cases.get', { id: first.id });
      await call('cases.update', { id: c.id, revision: c.revision, record: { ...c.record, teamComplainedAbout: `crash-save-${i}` } });
      ack(`save ${i}`);
    }
  case 'attach':
    for (let i = 1; ; i++) {
      const a = await call('attachments.add', { caseId: first.id, fileName: `crash-${i}.txt`, dataBase64: Buffer.from(`crash attachment ${i}\n`.repeat(2000)).toString('base64') });
      ack(`attach ${a.id} ${a.sha256}`);
    }
  case 'import': {
    const json = JSON.parse(fs.readFileSync(arg!, 'utf8')) as { case: { reference: string } };
    for (let i = 1; ; i++) {
      json.case.reference = `CRASH-${process.pid}-${i}`;
      const c = await call('cases.importJson', { json: JSON.stringify(json) });
      ack(`import ${c.record.reference}`);
    }
  }
  case 'delete': {
    // A case comes in and is deleted for good (with its files, issued documents and search entries), over and over.
    const json = JSON.parse(fs.readFileSync(arg!, 'utf8')) as { case: { reference: string } };
    for (let i = 1; ; i++) {
      const reference = `CRASH-DEL-${process.pid}-${i}`;
      json.case.reference = reference;
      const c = await call('cases.importJson', { json: JSON.stringify(json) });
      ack(`import ${reference}`);
      await call('cases.delete', { id: c.id, confirmReference: reference });
      ack(`delete ${reference}`);
    }
  }
  case 'keys':
    // New exchange keys (a lost laptop), over and over: the store must hold the last acknowledged ones.
    for (;;) {
      const v = await call('exchange.newKeys', { reason: 'Laptop left on a train (crash test)' });
      ack(`keys ${v.fingerprint}`);
    }
  case 'issue':
    for (;;) {
      const d = await call('documents.issue', { caseId: first.id, kind: 'statement-of-complaint', variant: 'council', subjectId: '', final: false });
      ack(`issue ${d.id}`);
    }
  case 'backup':
    for (;;) {
      const b = await call('backup.create', {});
      ack(`backup ${b.file}`);
    }
  case 'restore':
    await call('backup.restore', { file: arg!, passphrase: pass });
    ack('restore');
    break;
  case 'open': {
    // A review request from a checked contact: the case, its files and the record of the package in one transaction.
    const opened = await call('exchange.open', { dataBase64: fs.readFileSync(arg!).toString('base64') });
    ack(`open ${opened.reference}`);
    break;
  }
  case 'passphrase':
    await call('store.changePassphrase', { current: pass, next });
    ack('passphrase');
    break;
  default:
    throw new Error(`unknown op ${op}`);
}
session.lock('user');
