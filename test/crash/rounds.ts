/**
 * The crash suite: kill a child process (test/crash/driver.ts) at a random moment while it writes to a store,
 * then check the store as a user reopening it would find it. Used by test/unit/store/crash.test.ts (a few
 * bounded rounds in `npm test`) and by `npm run test:crash -- --rounds N` (long runs).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api/contract';
import { createDispatcher } from '../../main/api/handlers';
import { AttachmentService } from '../../main/services/attachments/attachmentService';
import { memorySettings, type Platform } from '../../main/services/platform';
import { Session } from '../../main/services/session/session';
import { KEEP_EVENTS, defaultBackupFolder } from '../../main/services/backup/backupService';
import { CaseStore, openReadOnly, passphraseOpens } from '../../main/services/store/caseStore';
import { LATEST_VERSION } from '../../main/services/store/migrations';
import { verifyStore } from '../../main/services/store/verify';

export const OPS = ['save', 'attach', 'import', 'issue', 'passphrase', 'backup', 'restore', 'migrate', 'delete', 'keys', 'open', 'recover'] as const;
export type Op = (typeof OPS)[number];
/** Operations the driver performs once (the others repeat until killed). */
const ONE_OFF: readonly Op[] = ['passphrase', 'restore', 'migrate', 'open', 'recover'];
/** The case a review request from an investigating officer's store brings into the base store (`open` rounds). */
export const REVIEWED = 'REVIEW-LODZ-1';
/** A store made by Casewright 0.1.0 (store format 3): the `migrate` rounds open it, which migrates it. */
const OLD_STORE = path.resolve('test/fixtures/stores/v0.1.0.cwstore');
const OLD_FACTS = JSON.parse(fs.readFileSync(path.resolve('test/fixtures/stores/v0.1.0.json'), 'utf8')) as {
  passphrase: string;
  reference: string;
  caseId: string;
  attachment: { id: string; sha256: string };
  issued: { id: string };
};
/** A case added to the base store after its backup was made: a restore removes it. */
export const AFTER_BACKUP = 'AFTER-BACKUP-1';

export const PASS = 'violet kettle under moonlight';
export const NEXT = 'seven brass lanterns drifting';
const DRIVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'driver.ts');
const actor = 'Crash Checker';

export interface Base {
  dir: string;
  store: string;
  caseFile: string;
  caseIds: string[];
  /** A backup of the base store, made before AFTER_BACKUP was added. */
  backupFile: string;
  /** A review request (.cwpack) for the base store, signed by a contact it has checked: the `open` rounds open it. */
  packageFile: string;
}

function platformFor(dir: string): Platform {
  return {
    actor,
    appVersion: 'crash',
    settings: memorySettings(),
    vault: null,
    chooseStorePath: async () => null,
    // Stands in for a person who chose this file in the app's dialog.
    allowsPath: () => true,
    chooseSavePath: async (name) => path.join(dir, name),
    chooseFolder: async () => dir,
    emit: () => {},
    today: () => '2026-11-25',
  };
}

/** A store with the demo case (and, for big-store runs, padMb of incompressible "images"), and a case file to import. */
export async function prepareBase(dir: string, padMb = 0): Promise<Base> {
  const store = path.join(dir, 'base.cwstore');
  const session = new Session(platformFor(dir));
  const dispatch = createDispatcher(session);
  const created = await dispatch('store.create', { path: store, passphrase: PASS, ownerName: actor, demo: true });
  if (!created.ok) throw new Error(created.error.message);
  const [demo] = session.cases().list();
  const files = new AttachmentService(() => session.requireStore().db, actor);
  for (let left = padMb; left > 0; left -= 10) {
    // Well-formed chunks (the evidence register walks a PNG's structure), incompressible image data.
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, data, Buffer.alloc(4)]);
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', Buffer.alloc(13)), chunk('IDAT', randomBytes(Math.min(10, left) * 1024 * 1024)), chunk('IEND', Buffer.alloc(0))]);
    await files.add(demo!.id, `padding-${left}.png`, png);
  }
  const caseFile = path.join(dir, 'case.json');
  const json = await session.cases().exportJson(demo!.id);
  fs.writeFileSync(caseFile, json);
  const backupFile = session.backups().create('manual').file;
  await session.cases().importJson(json.replace(/DEMO-ST2-0001/g, AFTER_BACKUP));
  // An investigating officer's store sends the base store a review request; each has checked the other's card.
  const senderDir = path.join(dir, 'sender');
  fs.mkdirSync(senderDir);
  const sender = new Session({ ...platformFor(senderDir), actor: 'Zofia Wójcik-O’Neill' });
  const send = createDispatcher(sender);
  const ok = async <N extends ApiName>(d: typeof dispatch, name: N, input: ApiInput<N>): Promise<ApiOutput<N>> => {
    const x = await d(name, input);
    if (!x.ok) throw new Error(x.error.message);
    return x.data as ApiOutput<N>;
  };
  await ok(send, 'store.create', { path: path.join(senderDir, 'io.cwstore'), passphrase: PASS, ownerName: 'Zofia Wójcik-O’Neill', demo: false });
  const reviewed = await ok(send, 'cases.importJson', { json: json.replace(/DEMO-ST2-0001/g, REVIEWED) });
  const cardOf = async (d: typeof dispatch) => fs.readFileSync((await ok(d, 'exchange.exportCard', {})).path!, 'utf8');
  const baseCard = await cardOf(dispatch);
  await ok(send, 'exchange.addContact', { text: baseCard, verified: true });
  await ok(dispatch, 'exchange.addContact', { text: await cardOf(send), verified: true });
  const sent = await ok(send, 'review.send', { caseId: reviewed.id, to: actor });
  sender.lock('user');
  session.lock('user');
  return { dir, store, caseFile, caseIds: [demo!.id], backupFile, packageFile: sent.path! };
}

export interface RoundResult {
  op: Op;
  /** Whether the child was still running when it was killed (false: it finished first). */
  killed: boolean;
  acks: string[];
  /** Opened by neither passphrase (or both), or would not open: the store is lost. */
  storeLost: boolean;
  /** Acknowledged writes not found afterwards. */
  lostAcks: number;
  problems: string[];
  ms: number;
  /** From the driver's "ready" to its exit. */
  runMs: number;
}

interface Child {
  acks: string[];
  ready: Promise<void>;
  done: Promise<number | null>;
  kill(): void;
  stderr(): string;
}

function startDriver(op: Op, store: string, arg?: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', DRIVER, op, store, ...(arg ? [arg] : [])], {
    env: { ...process.env, CW_PASS: op === 'migrate' ? OLD_FACTS.passphrase : PASS, CW_NEXT: NEXT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: string[] = [];
  let err = '';
  let buf = '';
  let onReady: () => void = () => {};
  let onFail: (e: Error) => void = () => {};
  const ready = new Promise<void>((res, rej) => {
    onReady = res;
    onFail = rej;
  });
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line === 'ready') onReady();
      else if (line.startsWith('ack ')) acks.push(line.slice(4));
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const done = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  void done.then(() => onFail(new Error(`driver exited before it was ready: ${err}`)));
  return { acks, ready, done, kill: () => child.kill('SIGKILL'), stderr: () => err };
}

/** Copies the base store (one file: it was closed cleanly), or the earlier version's, into a fresh round folder. */
function freshCopy(base: Base, roundDir: string, from: string): string {
  fs.mkdirSync(roundDir, { recursive: true });
  const store = path.join(roundDir, 'cases.cwstore');
  fs.copyFileSync(from, store);
  fs.chmodSync(store, 0o600);
  return store;
}

/** One round: start the driver, let it run for a random time up to maxDelayMs, kill it, check the store. */
export async function runRound(base: Base, op: Op, roundDir: string, delayMs: number): Promise<RoundResult> {
  const started = Date.now();
  const store = freshCopy(base, roundDir, op === 'migrate' ? OLD_STORE : base.store);
  const damaged = op === 'recover' ? damageWithBackup(base, store) : null;
  const child = startDriver(op, store, op === 'import' || op === 'delete' ? base.caseFile : op === 'restore' ? base.backupFile : op === 'open' ? base.packageFile : undefined);
  await child.ready;
  const readyAt = Date.now();
  let exited = false;
  let exitedAt = 0;
  void child.done.then(() => {
    exited = true;
    exitedAt = Date.now();
  });
  await Promise.race([new Promise((r) => setTimeout(r, delayMs)), child.done]);
  const killed = !exited;
  child.kill();
  await child.done;
  const acks = [...child.acks];
  const result = op === 'migrate' ? checkMigrated(store, acks) : damaged ? checkRecovered(store, acks, damaged) : checkStore(base, op, store, acks);
  if (child.stderr().includes('internal:')) result.problems.push(`the driver hit an internal error: ${child.stderr().trim()}`);
  return { op, killed, acks, ...result, ms: Date.now() - started, runMs: (exitedAt || Date.now()) - readyAt };
}

/** What a user reopening the store would find, against what the driver acknowledged. */
export function checkStore(base: Base, op: Op, store: string, acks: string[]): { storeLost: boolean; lostAcks: number; problems: string[] } {
  const problems: string[] = [];
  const opensOld = passphraseOpens(store, PASS);
  const opensNew = passphraseOpens(store, NEXT);
  if (opensOld === opensNew) return { storeLost: true, lostAcks: acks.length, problems: [`the store opens with ${opensOld ? 'both passphrases' : 'neither passphrase'}`] };
  const passphrase = opensOld ? PASS : NEXT;
  let lostAcks = 0;
  if (acks.includes('passphrase') && passphrase !== NEXT) {
    lostAcks++;
    problems.push('the passphrase change was acknowledged but the old passphrase still opens the store');
  }
  let s: CaseStore;
  try {
    s = CaseStore.open(store, passphrase, { actor });
  } catch (e) {
    return { storeLost: true, lostAcks: acks.length, problems: [`the store does not open: ${(e as Error).message}`] };
  }
  try {
    problems.push(...verifyStore(s));
    const db = s.db;
    for (const id of base.caseIds) if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(id)) problems.push(`case ${id} was lost`);
    const lost = (what: string) => {
      lostAcks++;
      problems.push(`acknowledged ${what} is missing`);
    };
    for (const a of acks) {
      const [kind, item, extra] = a.split(' ');
      if (kind === 'save') {
        const rec = JSON.parse((db.prepare('SELECT record FROM cases WHERE id = ?').get(base.caseIds[0]) as { record: string }).record) as { teamComplainedAbout: string };
        const saved = Number(/^crash-save-(\d+)$/.exec(rec.teamComplainedAbout)?.[1] ?? 0);
        if (saved < Number(item)) lost(`save ${item} (the case holds save ${saved})`);
      } else if (kind === 'attach') {
        const row = db.prepare('SELECT sha256, data FROM attachments WHERE id = ?').get(item) as { sha256: string; data: Buffer } | undefined;
        if (!row || row.sha256 !== extra || createHash('sha256').update(row.data).digest('hex') !== extra) lost(`attachment ${item}`);
      } else if (kind === 'import') {
        // In a delete round an import is gone once its delete was acknowledged, and the newest may be gone without
        // that ack (its delete committed just before the kill).
        const newest = acks.filter((x) => x.startsWith('import ')).at(-1) === a;
        const deleted = acks.includes(`delete ${item}`) || (op === 'delete' && newest);
        if (!deleted && !db.prepare('SELECT 1 FROM cases WHERE reference = ?').get(item)) lost(`import ${item}`);
      } else if (kind === 'delete') {
        if (db.prepare('SELECT 1 FROM cases WHERE reference = ?').get(item)) lost(`delete of ${item} (the case is back)`);
        const left = db.prepare('SELECT (SELECT count(*) FROM search_index WHERE case_id NOT IN (SELECT id FROM cases)) + (SELECT count(*) FROM search_rows WHERE case_id NOT IN (SELECT id FROM cases)) AS n').get() as { n: number };
        if (left.n > 0 && !problems.some((p) => p.startsWith('search entries'))) problems.push(`search entries of deleted cases are left (${left.n})`);
      } else if (kind === 'issue') {
        if (!db.prepare('SELECT 1 FROM document_issues WHERE id = ?').get(item)) lost(`issued document ${item}`);
      }
    }
    const backupsOf = () => {
      const folder = defaultBackupFolder(store);
      return fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => n.endsWith('.cwstore')).map((n) => path.join(folder, n)) : [];
    };
    // Every finished backup opens with the passphrase the store had and passes its integrity check.
    for (const b of backupsOf()) {
      const problem = backupProblem(b);
      if (problem) problems.push(`backup ${path.basename(b)}: ${problem}`);
    }
    const backupAcks = acks.filter((a) => a.startsWith('backup ')).map((a) => a.slice(7));
    // An acked backup may only be gone if it was pruned: at least KEEP_EVENTS newer ones made on request exist.
    const existing = backupsOf().map((f) => path.basename(f));
    for (const f of backupAcks) {
      if (fs.existsSync(f)) continue;
      const newer = existing.filter((n) => n.endsWith('-manual.cwstore') && n > path.basename(f)).length;
      if (newer < KEEP_EVENTS) lost(`backup ${path.basename(f)} (only ${newer} newer backups are kept)`);
    }
    const keys = acks.filter((a) => a.startsWith('keys ')).map((a) => a.slice(5));
    if (keys.length) {
      const current = (db.prepare('SELECT fingerprint FROM exchange_identity').get() as { fingerprint: string } | undefined)?.fingerprint;
      const at = current ? keys.indexOf(current) : -2;
      // The last acknowledged keys, or newer ones made just before the kill; never earlier ones, never none.
      if (at === -2 || (at >= 0 && at < keys.length - 1)) lost(`new keys ${keys.at(-1)} (the store holds ${current ?? 'no keys'})`);
      const previous = new Set((db.prepare('SELECT fingerprint FROM exchange_previous_identities').all() as { fingerprint: string }[]).map((r) => r.fingerprint));
      for (const k of keys) if (k !== current && !previous.has(k)) lost(`retired keys ${k} (not kept among the previous keys)`);
    }
    if (op === 'open') {
      // Opened in one transaction: the case and the record of the package together, or neither.
      const hasCase = Boolean(db.prepare('SELECT 1 FROM cases WHERE reference = ?').get(REVIEWED));
      const hasPackage = Boolean(db.prepare("SELECT 1 FROM exchange_packages WHERE direction = 'in' AND reference = ?").get(REVIEWED));
      if (hasCase !== hasPackage) problems.push(`half an opened package: the case is ${hasCase ? '' : 'not '}there, the record of the package is ${hasPackage ? '' : 'not '}there`);
      if (acks.some((a) => a.startsWith('open ')) && !hasCase) lost(`the opened review request (case ${REVIEWED})`);
    }
    const restored = !db.prepare('SELECT 1 FROM cases WHERE reference = ?').get(AFTER_BACKUP);
    if (op !== 'restore' && restored) problems.push(`case ${AFTER_BACKUP} was lost`);
    if (acks.includes('restore') && !restored) lost('restore (the store is as it was before)');
    if (op === 'restore' && restored) {
      // Never overwritten without a backup of the store as it was.
      const previous = backupsOf().filter((b) => b.endsWith('-before-restore.cwstore'));
      if (!previous.some((b) => backupHolds(b, AFTER_BACKUP))) problems.push('the store was restored without a backup of it as it was');
    }
    // A refused or interrupted import leaves no trace: every case.import entry names a case that exists.
    const imports = db.prepare("SELECT entity_id FROM audit_log WHERE action = 'case.import' AND entity_id NOT IN (SELECT entity_id FROM audit_log WHERE action = 'case.delete')").all() as { entity_id: string }[];
    for (const r of imports) if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(r.entity_id)) problems.push(`an audit entry records the import of case ${r.entity_id}, which is not in the store`);
  } finally {
    s.lock();
  }
  return { storeLost: false, lostAcks, problems };
}

/**
 * A recover round's store: the base store with page 1 overwritten (it opens with no passphrase), and the base's
 * backup in its backup folder under its name. Returns the damaged bytes.
 */
function damageWithBackup(base: Base, store: string): Buffer {
  const folder = defaultBackupFolder(store);
  fs.mkdirSync(folder, { recursive: true });
  fs.copyFileSync(base.backupFile, path.join(folder, path.basename(base.backupFile).replace(/^base-/, `${path.basename(store, '.cwstore')}-`)));
  const fd = fs.openSync(store, 'r+');
  fs.writeSync(fd, Buffer.from('damaged by a bad sector'), 0, 23, 1500);
  fs.closeSync(fd);
  return fs.readFileSync(store);
}

/**
 * A recover killed anywhere: at the store's path either the damaged file, untouched (and no ack), or the
 * backup put back, whole, with a complete copy of the damaged file beside it; never no file, never a half.
 */
export function checkRecovered(store: string, acks: string[], damaged: Buffer): { storeLost: boolean; lostAcks: number; problems: string[] } {
  if (!fs.existsSync(store)) return { storeLost: true, lostAcks: acks.length, problems: ['there is no file at the store\'s path'] };
  const keptCopies = fs.readdirSync(path.dirname(store)).filter((f) => /-not-opening-\d{8}T\d{6}\.cwstore$/.test(f)).map((f) => fs.readFileSync(path.join(path.dirname(store), f)));
  if (!passphraseOpens(store, PASS)) {
    if (!fs.readFileSync(store).equals(damaged)) return { storeLost: true, lostAcks: acks.length, problems: ['the store is neither the damaged file nor the backup'] };
    return acks.includes('recover') ? { storeLost: false, lostAcks: 1, problems: ['the recover was acknowledged but the damaged file is still in place'] } : { storeLost: false, lostAcks: 0, problems: [] };
  }
  const problems: string[] = [];
  if (!keptCopies.some((k) => k.equals(damaged))) problems.push('the backup was put in place without a whole copy of the damaged file beside it');
  let s: CaseStore;
  try {
    s = CaseStore.open(store, PASS, { actor });
  } catch (e) {
    return { storeLost: true, lostAcks: acks.length, problems: [`the recovered store does not open: ${(e as Error).message}`] };
  }
  try {
    problems.push(...verifyStore(s));
    if (s.db.prepare('SELECT 1 FROM cases WHERE reference = ?').get(AFTER_BACKUP)) problems.push('the store opens but is not the backup');
    if (!s.db.prepare("SELECT 1 FROM audit_log WHERE action = 'store.recover'").get()) problems.push('no audit entry records the recovery');
  } finally {
    s.lock();
  }
  return { storeLost: false, lostAcks: 0, problems };
}

/**
 * A store from Casewright 0.1.0 whose first open by this version (backup before the migration, the migrations,
 * the audit key made and a `store.migrate` entry recording everything) was killed: it must open with its
 * passphrase, be migrated to this version, verify, and hold its case, its file and its issued document.
 */
export function checkMigrated(store: string, acks: string[]): { storeLost: boolean; lostAcks: number; problems: string[] } {
  if (!passphraseOpens(store, OLD_FACTS.passphrase)) return { storeLost: true, lostAcks: acks.length, problems: ['the store no longer opens with its passphrase'] };
  let s: CaseStore;
  try {
    s = CaseStore.open(store, OLD_FACTS.passphrase, { actor });
  } catch (e) {
    return { storeLost: true, lostAcks: acks.length, problems: [`the store does not open: ${(e as Error).message}`] };
  }
  const problems: string[] = [];
  try {
    problems.push(...verifyStore(s));
    const db = s.db;
    if ((db.pragma('user_version', { simple: true }) as number) !== LATEST_VERSION) problems.push('the store was not migrated to this version');
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ? AND reference = ?').get(OLD_FACTS.caseId, OLD_FACTS.reference)) problems.push(`case ${OLD_FACTS.reference} was lost`);
    const file = db.prepare('SELECT data FROM attachments WHERE id = ?').get(OLD_FACTS.attachment.id) as { data: Buffer } | undefined;
    if (!file || createHash('sha256').update(file.data).digest('hex') !== OLD_FACTS.attachment.sha256) problems.push('the case\'s attached file was lost or changed');
    if (!db.prepare('SELECT 1 FROM document_issues WHERE id = ?').get(OLD_FACTS.issued.id)) problems.push('the case\'s issued document was lost');
    if ((db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'store.migrate'").get() as { n: number }).n < 1) problems.push('no audit entry records the migration');
    // The backup made before the migration, if it was finished, opens with the store's passphrase and is whole.
    const folder = defaultBackupFolder(store);
    for (const n of fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.cwstore')) : []) {
      const problem = backupProblem(path.join(folder, n), [OLD_FACTS.passphrase]);
      if (problem) problems.push(`backup ${n}: ${problem}`);
    }
  } finally {
    s.lock();
  }
  return { storeLost: false, lostAcks: 0, problems };
}

function backupProblem(file: string, passphrases: string[] = [PASS, NEXT]): string | null {
  const passphrase = passphrases.find((p) => passphraseOpens(file, p)) ?? null;
  if (!passphrase) return 'opens with neither passphrase';
  const db = openReadOnly(file, passphrase);
  try {
    const r = db.pragma('integrity_check', { simple: true }) as string;
    return r === 'ok' ? null : `integrity check: ${r}`;
  } finally {
    db.close();
  }
}

function backupHolds(file: string, reference: string): boolean {
  const db = openReadOnly(file, passphraseOpens(file, PASS) ? PASS : NEXT);
  try {
    return Boolean(db.prepare('SELECT 1 FROM cases WHERE reference = ?').get(reference));
  } finally {
    db.close();
  }
}

export interface Summary {
  rounds: number;
  kills: number;
  storesLost: number;
  acksLost: number;
  acks: number;
  failures: { op: Op; round: number; problems: string[] }[];
}

/** Runs rounds over the given operations in turn, each killed after a random delay below that op's limit. */
export async function runRounds(opts: {
  dir: string;
  rounds: number;
  ops?: readonly Op[];
  padMb?: number;
  maxDelayMs?: Partial<Record<Op, number>>;
  random?: () => number;
  log?: (s: string) => void;
}): Promise<Summary> {
  const ops = opts.ops ?? OPS;
  const random = opts.random ?? Math.random;
  fs.mkdirSync(path.join(opts.dir, 'base'), { recursive: true });
  const base = await prepareBase(path.join(opts.dir, 'base'), opts.padMb ?? 0);
  const limits: Record<Op, number> = { save: 1500, attach: 1500, import: 2000, issue: 1500, passphrase: 2500, backup: 2000, restore: 2500, migrate: 2500, delete: 4000, keys: 1500, open: 2500, recover: 2500, ...opts.maxDelayMs };
  // A one-off operation is killed anywhere from its start to a little past its end: time one full run first.
  const summary: Summary = { rounds: 0, kills: 0, storesLost: 0, acksLost: 0, acks: 0, failures: [] };
  for (const op of ops.filter((o) => ONE_OFF.includes(o) && !opts.maxDelayMs?.[o])) {
    const r = await runRound(base, op, path.join(opts.dir, `calibrate-${op}`), 600_000);
    limits[op] = Math.ceil(r.runMs * 1.1);
    // The uninterrupted run is checked like any round: its ack must be there.
    if (r.problems.length || r.acks.length === 0) summary.failures.push({ op, round: -1, problems: r.problems.length ? r.problems : ['the uninterrupted run acknowledged nothing'] });
    opts.log?.(`calibration: an uninterrupted ${op} takes ${r.runMs} ms; kills are spread over 0-${limits[op]} ms${r.problems.length ? `; PROBLEMS: ${r.problems.join(' | ')}` : ''}`);
  }
  for (let i = 0; i < opts.rounds; i++) {
    const op = ops[i % ops.length]!;
    const roundDir = path.join(opts.dir, `round-${i}`);
    const r = await runRound(base, op, roundDir, Math.floor(random() * limits[op]));
    summary.rounds++;
    if (r.killed) summary.kills++;
    if (r.storeLost) summary.storesLost++;
    summary.acksLost += r.lostAcks;
    summary.acks += r.acks.length;
    if (r.problems.length) summary.failures.push({ op, round: i, problems: r.problems });
    opts.log?.(`round ${i} ${op}: ${r.killed ? 'killed' : 'finished'} after ${r.acks.length} acks, ${r.ms} ms${r.problems.length ? `; PROBLEMS: ${r.problems.join(' | ')}` : ''}`);
    fs.rmSync(roundDir, { recursive: true, force: true });
  }
  return summary;
}
