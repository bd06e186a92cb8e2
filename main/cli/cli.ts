import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import nodePath from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api/contract';
import { parseIsoDate } from '../../shared/calendar/date';
import { makeCalendar } from '../../shared/calendar/workingDays';
import type { Dispatch } from '../api/handlers';
import { UserError } from '../services/errors';
import { startStoreKey } from '../services/store/earlyKey';
import { DEFAULT_SETTINGS, memorySettings, type PersistedSettings, type Platform, type SettingsStore } from '../services/platform';
import type { Session } from '../services/session/session';
import { EXCHANGE_USAGE } from './exchangeUsage';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/documents/model';

/**
 * The command line: a headless door onto the same handler table as the app. Exit 0 on success, 1 on a
 * user error (one sentence on stderr), 2 on bad usage (with the usage text).
 */
export const USAGE = `Usage: npm run --silent cli -- <group> <command> [options]

  store init [--demo] [--name NAME]   create a case store (with the demo case)
  store verify [--file CASE.json]     check the store's integrity and audit chain (and against the
                                      audit log a case file exported from it recorded)
  store accept-log                    after putting back an older copy on purpose: accept its audit log
                                      as it is now (recorded in the log; needs CASEWRIGHT_SETTINGS)
  store passphrase                    change the passphrase
  store backup                        make an encrypted backup now; prints its file
  store backups                       list the backups (newest first): time, kind, size, file
  store restore --from FILE           replace the store with a backup (the store is backed up first);
                                      the backup's passphrase from CASEWRIGHT_BACKUP_PASSPHRASE, or the
                                      store's own passphrase if unset
  store recover                       a store that no longer opens (damaged, or its passphrase changed
                                      since), when the passphrase opens one of its newest backups: that
                                      backup goes in its place; the store file is kept beside it
  case list                           one line per case
  case import --file CASE.json        import a case file; prints the new case's reference
  case export --case REF --out FILE   export a case to a case file
  case deadlines --case REF [--today YYYY-MM-DD]   every clock of the case as JSON
  clock add --from YYYY-MM-DD --days N [--closure YYYY-MM-DD]...
  clock count --from YYYY-MM-DD --to YYYY-MM-DD [--closure YYYY-MM-DD]...
  clock add --stdin | clock count --stdin   one "FROM N" or "FROM TO" pair per line
  doc export --case REF --doc KIND --format docx|pdf [--variant complainant|council] [--interview ID] --out FILE
        KIND: investigation-report, ip-report, adjudication-letter, statement-of-complaint,
              extension-letter, interview-record (--interview ID chooses which; default the first held),
              panel-report, council-response (Stage 3); --kind KIND is the same as --doc KIND
  doc export-all --case REF --out DIR  the whole response, both formats, into DIR/REF-DATE/, with the
        statement of complaint, any extension letter and the record of each interview held
Review exchange (docs/exchange.md):${EXCHANGE_USAGE}
  pack add --case REF [--section X] (--file FILE.pdf | --doc KIND | --evidence E5) [--title T] [--date D]
                                      add to the Stage 3 hearing pack (KIND as for doc export: its
                                      issued versions, never a draft)
  pack list --case REF                the pack's index as text: ID, pages, date, title
  pack build --case REF --for panel|complainant|council --out FILE.pdf
                                      build the pack (manifest and any redaction log beside it)
  pack insert --case REF --after LABEL --file FILE.pdf --title T [--date D]
                                      a late insert (A12a, A12b …): no existing page changes number
  pack redact --case REF --doc ID --text PHRASE [--reason R] [--for complainant,council,panel]
                                      remove a phrase from a document's pages (default: the
                                      complainant's version); ID as pack list shows it, or a page
  pack sent --case REF                mark the pack as sent: from then on page numbers never change
  panel add --case REF --name NAME --role chair|member [--independent]
                                      add a member to the review panel (never the Stage 2 independent
                                      person); --independent records that independence is confirmed
  panel hearing --case REF --date YYYY-MM-DD   the planned hearing date, checked against the 30
                                      working days from the Stage 3 request and members' availability
  panel papers --case REF            the panel's papers' two deadlines, one sentence each (counted to
                                      today, or to CASEWRIGHT_TODAY)
        (the panel's findings, recommendations and the council's response are entered in the app, on
        the case's Panel papers tab, or in a case file imported with "case import")

Options: --store PATH (or CASEWRIGHT_STORE). The passphrase comes from CASEWRIGHT_PASSPHRASE,
otherwise a hidden prompt on a terminal; the new one for "store passphrase" from
CASEWRIGHT_NEW_PASSPHRASE or a prompt. A passphrase is never accepted as an argument.
CASEWRIGHT_TODAY=YYYY-MM-DD counts the clocks and dates documents as if it were that day.
CASEWRIGHT_SETTINGS=FILE keeps, between runs, the newest audit entry seen in each store (no case data),
so that "store verify" reports entries removed since; without it each run starts with no such record.`;

export class UsageError extends Error {}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
  isTTY: boolean;
  prompt: (q: string) => Promise<string>;
}

const OPTIONS = {
  store: { type: 'string' },
  demo: { type: 'boolean' },
  name: { type: 'string' },
  file: { type: 'string' },
  case: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  days: { type: 'string' },
  closure: { type: 'string', multiple: true },
  stdin: { type: 'boolean' },
  today: { type: 'string' },
  doc: { type: 'string' },
  kind: { type: 'string' },
  independent: { type: 'boolean' },
  format: { type: 'string' },
  variant: { type: 'string' },
  interview: { type: 'string' },
  section: { type: 'string' },
  title: { type: 'string' },
  date: { type: 'string' },
  evidence: { type: 'string' },
  after: { type: 'string' },
  for: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  // The review exchange (exchangeCommands.ts).
  verified: { type: 'boolean' },
  'one-off': { type: 'boolean' },
  on: { type: 'string' },
  text: { type: 'string' },
  suggest: { type: 'string' },
  point: { type: 'string' },
  agrees: { type: 'string' },
  reason: { type: 'string' },
  comment: { type: 'string' },
  as: { type: 'string' },
  attach: { type: 'string', multiple: true },
  version: { type: 'string' },
  role: { type: 'string' },
  org: { type: 'string' },
  contact: { type: 'string' },
  // Papers for the review panel (exchangeCommands.ts).
  member: { type: 'string' },
  unlink: { type: 'boolean' },
  with: { type: 'string', multiple: true },
  paper: { type: 'string' },
  confirm: { type: 'string' },
} as const;

/**
 * The CLI's settings file (CASEWRIGHT_SETTINGS): only the audit anchors, written whole through a temporary
 * file and a rename. A missing or unreadable file is an empty record, never a failure. Two commands may share
 * the file at once: each write takes a short lock (`<file>.lock-write`, made with O_EXCL), reads the file again
 * and applies only what this command changed, so neither drops the other's record of its store.
 */
export function fileSettings(file: string): SettingsStore {
  const anchorsOnDisk = (): NonNullable<PersistedSettings['auditAnchors']> => {
    let anchors: unknown;
    try {
      anchors = (JSON.parse(fs.readFileSync(file, 'utf8')) as { auditAnchors?: unknown }).auditAnchors;
    } catch {
      anchors = undefined;
    }
    const auditAnchors: NonNullable<PersistedSettings['auditAnchors']> = {};
    if (anchors && typeof anchors === 'object') {
      for (const [k, v] of Object.entries(anchors as Record<string, { length?: unknown; head?: unknown }>)) {
        if (v && Number.isInteger(v.length) && typeof v.head === 'string') auditAnchors[k] = { length: v.length as number, head: v.head };
      }
    }
    return auditAnchors;
  };
  let value: PersistedSettings = { ...DEFAULT_SETTINGS, auditAnchors: anchorsOnDisk() };
  return {
    read: () => value,
    write: (next) => {
      const before = value.auditAnchors ?? {};
      const after = next.auditAnchors ?? {};
      const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.part`;
      try {
        const release = lockFileBriefly(`${file}.lock-write`);
        try {
          const merged = anchorsOnDisk();
          for (const k of Object.keys(before)) if (!(k in after)) delete merged[k];
          for (const [k, v] of Object.entries(after)) if (before[k]?.length !== v.length || before[k]?.head !== v.head) merged[k] = v;
          fs.writeFileSync(tmp, `${JSON.stringify({ auditAnchors: merged }, null, 2)}\n`, { mode: 0o600 });
          fs.renameSync(tmp, file);
          value = { ...next, auditAnchors: merged };
        } finally {
          release();
        }
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw new UserError('READ_ONLY', `Cannot write the settings file ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check CASEWRIGHT_SETTINGS.`);
      }
    },
  };
}

/**
 * A lock held for a moment (a settings write): a file made with O_EXCL. One left by a command that died is
 * taken over after 10 seconds; waiting longer than that for a write of a few hundred bytes means exactly that.
 */
function lockFileBriefly(lock: string): () => void {
  let until = Date.now() + 10_000;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx', 0o600));
      return () => fs.rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (Date.now() > until) {
        fs.rmSync(lock, { force: true });
        until = Date.now() + 10_000;
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

function cliPlatform(env: NodeJS.ProcessEnv, out?: string, store?: string): Platform {
  return {
    actor: env.CASEWRIGHT_USER || safeUser(),
    appVersion: '0.1.0',
    settings: env.CASEWRIGHT_SETTINGS ? fileSettings(env.CASEWRIGHT_SETTINGS) : memorySettings(),
    vault: null,
    chooseStorePath: async () => null,
    // The person running the command named the store (--store or CASEWRIGHT_STORE): that file, and no other.
    allowsPath: (p) => store !== undefined && p === store,
    // The "dialogs" answer with --out: the CLI never asks.
    chooseSavePath: async () => out ?? null,
    chooseFolder: async () => out ?? null,
    emit: () => {},
    ...(env.CASEWRIGHT_TODAY ? { today: () => env.CASEWRIGHT_TODAY! } : {}),
  };
}

/**
 * CASEWRIGHT_TODAY pins "today" for the command line (tests, and "what would the clocks say on this day").
 * The Electron app never reads it.
 */
function badPinnedToday(env: NodeJS.ProcessEnv): string | null {
  const value = env.CASEWRIGHT_TODAY;
  if (!value || parseIsoDate(value)) return null;
  return `CASEWRIGHT_TODAY=${value} is not a real date; write it as YYYY-MM-DD, for example 2026-11-25, or unset it.`;
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown user';
  }
}

async function passphraseFrom(io: CliIo, envName: string, question: string): Promise<string> {
  const v = io.env[envName];
  if (v !== undefined && v !== '') return v;
  if (!io.isTTY) throw new UserError('INVALID_INPUT', `No passphrase given: set ${envName}, or run the command in a terminal to be asked for it.`);
  return io.prompt(question);
}

function requireDate(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`--${flag} is required`);
  const d = parseIsoDate(value);
  if (!d) throw new UserError('INVALID_INPUT', `--${flag} ${value} is not a real date; write it as YYYY-MM-DD, for example 2024-03-07.`);
  return d;
}

function parseDays(value: string, where: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new UserError('INVALID_INPUT', `${where}: the number of working days "${value}" is not a whole number.`);
  const n = Number(value);
  if (n < 0) throw new UserError('INVALID_INPUT', `${where}: the number of working days cannot be negative (${n}).`);
  if (n > 5000) throw new UserError('INVALID_INPUT', `${where}: ${n} working days is more than the 5000 Casewright counts; use a smaller number.`);
  return n;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  const [group, command, ...extra] = positionals;
  if (o.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  // Checked before anything runs, so a bad pinned date changes nothing.
  const badToday = badPinnedToday(io.env);
  if (badToday) {
    io.stderr(`${badToday}\n`);
    return 1;
  }
  // The handler table (and the store, zod schemas and everything behind it) is loaded only by the commands
  // that use a store, so "clock add" starts as fast as Node itself allows.
  let session: Session | null = null;
  let dispatch: Dispatch | null = null;
  const call = async <N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> => {
    if (!dispatch) {
      const [{ Session }, { createDispatcher }] = await Promise.all([import('../services/session/session'), import('../api/handlers')]);
      session = new Session(cliPlatform(io.env, o.out, o.store ?? io.env.CASEWRIGHT_STORE));
      dispatch = createDispatcher(session);
    }
    const r = await dispatch(name, input);
    if (!r.ok) throw new UserError(r.error.code as never, r.error.message);
    return r.data as ApiOutput<N>;
  };
  const storePath = () => {
    const p = o.store ?? io.env.CASEWRIGHT_STORE;
    if (!p) throw new UsageError('--store PATH (or CASEWRIGHT_STORE) is required');
    return p;
  };
  const open = async () => {
    const file = storePath();
    const passphrase = await passphraseFrom(io, 'CASEWRIGHT_PASSPHRASE', 'Passphrase: ');
    // PBKDF2 starts now, on libuv's thread pool, while the handler table loads (issue 15).
    startStoreKey(file, passphrase);
    const st = await call('store.open', { path: file, passphrase });
    if (st.notice) io.stderr(`${st.notice}\n`);
    return st;
  };
  // The document commands load the renderers and the fonts while the store's keys are derived on libuv's
  // thread pool (issue 15), instead of after.
  const openPreparingRenderers = async () => {
    // The store first: its handler loads and starts PBKDF2 before the renderers' larger modules are evaluated.
    const opened = open();
    const renderers = import('../services/documents/documentService').then((m) => m.prepareRenderers());
    renderers.catch(() => undefined);
    await opened;
    await renderers;
  };
  const caseId = async (ref: string | undefined) => {
    if (!ref) throw new UsageError('--case REF is required');
    const found = (await call('cases.list', {})).find((c) => c.reference.toLowerCase() === ref.toLowerCase());
    if (!found) throw new UserError('NOT_FOUND', `There is no case with reference ${ref} in this store; run "case list" to see the references.`);
    return found.id;
  };

  try {
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra.join(' ')}`);
    const key = `${group ?? ''} ${command ?? ''}`;
    switch (key) {
      case 'store init': {
        const passphrase = await passphraseFrom(io, 'CASEWRIGHT_PASSPHRASE', 'New passphrase: ');
        if (!io.env.CASEWRIGHT_PASSPHRASE && (await io.prompt('Type it again: ')) !== passphrase) {
          throw new UserError('INVALID_INPUT', 'The two passphrases you typed differ; nothing was created. Run the command again.');
        }
        await call('store.create', { path: storePath(), passphrase, ownerName: o.name ?? cliPlatform(io.env).actor, demo: o.demo ?? false });
        io.stdout(`Created ${storePath()}${o.demo ? ' with the demo case' : ''}.\n`);
        return 0;
      }
      case 'store verify': {
        let exported: { length: number; head: string } | undefined;
        if (o.file) {
          let text: string;
          try {
            text = fs.readFileSync(o.file, 'utf8');
          } catch (e) {
            throw new UserError('NOT_FOUND', `Cannot read ${o.file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path.`);
          }
          try {
            exported = (JSON.parse(text) as { storeAudit?: { length: number; head: string } }).storeAudit;
          } catch {
            exported = undefined;
          }
          if (!exported) throw new UserError('INVALID_INPUT', `${o.file} is not a case file exported by a Casewright that records the store's audit log (version 3 or later).`);
        }
        await open();
        const r = await call('store.verify', exported ? { exported } : {});
        const notes = r.notes.map((n) => `Note: ${n}\n`).join('');
        if (r.ok) {
          io.stdout(`ok\n${notes}`);
          return 0;
        }
        io.stderr(`${r.problems.join('\n')}\n${notes}`);
        return 1;
      }
      case 'store accept-log': {
        await open();
        const r = await call('store.acceptAuditLog', {});
        io.stdout(`Accepted: this device's record of the store now starts from its audit log as it is.\n`);
        if (!r.ok) {
          io.stderr(`${r.problems.join('\n')}\n`);
          return 1;
        }
        return 0;
      }
      case 'store passphrase': {
        const current = await passphraseFrom(io, 'CASEWRIGHT_PASSPHRASE', 'Current passphrase: ');
        await call('store.open', { path: storePath(), passphrase: current });
        const next = await passphraseFrom(io, 'CASEWRIGHT_NEW_PASSPHRASE', 'New passphrase: ');
        if (!io.env.CASEWRIGHT_NEW_PASSPHRASE && (await io.prompt('Type it again: ')) !== next) {
          throw new UserError('INVALID_INPUT', 'The two new passphrases you typed differ; the passphrase was not changed.');
        }
        await call('store.changePassphrase', { current, next });
        io.stdout('Passphrase changed.\n');
        return 0;
      }
      case 'store backup': {
        await open();
        io.stdout(`${(await call('backup.create', {})).file}\n`);
        return 0;
      }
      case 'store backups': {
        await open();
        for (const b of (await call('backup.list', {})).backups) io.stdout(`${b.createdAt}\t${b.kind}\t${b.size}\t${b.file}\n`);
        return 0;
      }
      case 'store recover': {
        // For a store that does not open with a passphrase that opens one of its newest backups (the open says
        // so): that backup goes in its place, the store file kept beside it. No open first: it would fail.
        const file = storePath();
        const passphrase = await passphraseFrom(io, 'CASEWRIGHT_PASSPHRASE', 'Passphrase: ');
        const r = await call('backup.recover', { path: file, passphrase });
        io.stdout(`${r.notice ?? 'Restored.'}\n`);
        return 0;
      }
      case 'store restore': {
        if (!o.from) throw new UsageError('--from FILE is required');
        await open();
        const backupPassphrase = io.env.CASEWRIGHT_BACKUP_PASSPHRASE || (await passphraseFrom(io, 'CASEWRIGHT_PASSPHRASE', 'Passphrase of the backup: '));
        const r = await call('backup.restore', { file: o.from, passphrase: backupPassphrase });
        io.stdout(`${r.notice ?? 'Restored.'}\n`);
        return 0;
      }
      case 'case list': {
        await open();
        for (const c of await call('cases.list', {})) {
          io.stdout(`${c.reference}\t${c.council}\t${c.childName}\t${c.complainants.join('; ')}\n`);
        }
        return 0;
      }
      case 'case import': {
        if (!o.file) throw new UsageError('--file CASE.json is required');
        let json: string;
        try {
          json = fs.readFileSync(o.file, 'utf8');
        } catch (e) {
          throw new UserError('NOT_FOUND', `Cannot read ${o.file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path.`);
        }
        await open();
        const c = await call('cases.importJson', { json });
        io.stdout(`${c.record.reference}\n`);
        return 0;
      }
      case 'case export': {
        if (!o.out) throw new UsageError('--out FILE is required');
        await open();
        const { json } = await call('cases.exportJson', { id: await caseId(o.case) });
        try {
          fs.writeFileSync(o.out, json, { encoding: 'utf8', flag: 'w' });
        } catch (e) {
          throw new UserError('READ_ONLY', `Cannot write ${o.out} (${(e as NodeJS.ErrnoException).code ?? 'error'}); choose a folder you can write to.`);
        }
        return 0;
      }
      case 'case deadlines': {
        await open();
        const today = o.today === undefined ? undefined : requireDate(o.today, 'today');
        const clocks = await call('cases.deadlines', { id: await caseId(o.case), ...(today ? { today } : {}) });
        io.stdout(`${JSON.stringify(clocks, null, 2)}\n`);
        return 0;
      }
      case 'doc export': {
        const kinds = DOCUMENT_KINDS;
        if (o.doc !== undefined && o.kind !== undefined && o.doc !== o.kind) throw new UsageError('give --doc KIND or --kind KIND, not two different kinds');
        o.doc ??= o.kind;
        if (!o.doc || !(kinds as readonly string[]).includes(o.doc)) throw new UsageError(`--doc must be one of: ${kinds.join(', ')}`);
        if (o.format !== 'docx' && o.format !== 'pdf') throw new UsageError('--format must be docx or pdf');
        if (o.variant !== undefined && o.variant !== 'complainant' && o.variant !== 'council') throw new UsageError('--variant must be complainant or council');
        if (!o.out) throw new UsageError('--out FILE is required');
        await openPreparingRenderers();
        if (o.interview !== undefined && o.doc !== 'interview-record') throw new UsageError('--interview goes with --doc interview-record');
        if (o.interview !== undefined && !o.interview.trim()) throw new UsageError('--interview needs the id of an interview');
        await call('documents.export', {
          caseId: await caseId(o.case),
          kind: o.doc as DocumentKind,
          format: o.format,
          variant: (o.variant ?? 'council') as 'complainant' | 'council',
          ...(o.interview ? { subjectId: o.interview.trim() } : {}),
        });
        return 0;
      }
      case 'doc export-all': {
        if (!o.out) throw new UsageError('--out DIR is required');
        if (!fs.existsSync(o.out) || !fs.statSync(o.out).isDirectory()) throw new UserError('NOT_FOUND', `${o.out} is not a folder; create it first or choose another.`);
        await openPreparingRenderers();
        const r = await call('documents.exportAll', { caseId: await caseId(o.case) });
        io.stdout(`${r.folder}\n`);
        for (const f of r.files) io.stdout(`  ${f}\n`);
        for (const s of r.skipped) io.stderr(`Skipped: ${s}\n`);
        return 0;
      }
      case 'pack add':
      case 'pack insert': {
        const date = o.date === undefined ? null : requireDate(o.date, 'date');
        const after = command === 'insert' ? (o.after ?? null) : null;
        if (command === 'insert' && !after) throw new UsageError('--after LABEL is required');
        const sources = [o.file, o.doc, o.evidence].filter((x) => x !== undefined).length;
        if (sources !== 1) throw new UsageError('give one of --file FILE.pdf, --doc KIND or --evidence REF');
        await open();
        const caseRef = await caseId(o.case);
        let view;
        if (o.file) {
          let data: Buffer;
          try {
            data = fs.readFileSync(o.file);
          } catch (e) {
            throw new UserError('NOT_FOUND', `Cannot read ${o.file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the path.`);
          }
          view = await call('bundle.addFile', { caseId: caseRef, fileName: nodePath.basename(o.file), dataBase64: data.toString('base64'), section: o.section, title: o.title, date, after });
        } else if (o.doc) {
          if (!(DOCUMENT_KINDS as readonly string[]).includes(o.doc)) throw new UsageError(`--doc must be one of: ${DOCUMENT_KINDS.join(', ')}`);
          view = await call('bundle.addDocument', { caseId: caseRef, kind: o.doc as DocumentKind, section: o.section, title: o.title, date, after });
        } else {
          view = await call('bundle.addEvidence', { caseId: caseRef, evidenceId: o.evidence!, section: o.section, title: o.title, after });
        }
        const added = view.pack.entries.at(-1)!;
        const row = view.sections.flatMap((s) => s.rows).find((r) => r.entryId === added.id)!;
        io.stdout(`${added.id}\t${row.first === row.last ? row.first : `${row.first}-${row.last}`}\t${added.title}\n`);
        for (const n of added.notes) io.stderr(`${n}\n`);
        return 0;
      }
      case 'pack list': {
        await open();
        const view = await call('bundle.get', { caseId: await caseId(o.case) });
        io.stdout(`Index\t${view.indexLabels.join(', ')}\t(${view.pack.numbering} numbering, ${view.totalPages} pages${view.pack.sent ? `, sent ${view.pack.sent.at.slice(0, 10)}` : ''})\n`);
        for (const s of view.sections) {
          io.stdout(`${s.section.letter}  ${s.section.title}\n`);
          for (const r of s.rows) io.stdout(`  ${r.entryId}\t${r.first === r.last ? r.first : `${r.first}-${r.last}`}\t${r.date ?? ''}\t${r.late ? '(late) ' : ''}${r.title}\n`);
        }
        return 0;
      }
      case 'pack build': {
        const recipients = ['panel', 'complainant', 'council'] as const;
        if (!o.for || !(recipients as readonly string[]).includes(o.for)) throw new UsageError('--for must be panel, complainant or council');
        if (!o.out) throw new UsageError('--out FILE.pdf is required');
        await open();
        const r = await call('bundle.build', { caseId: await caseId(o.case), recipient: o.for as (typeof recipients)[number] });
        if (!('manifestPath' in r)) return 1;
        io.stdout(`${r.path}\t${r.pages} pages\n${r.manifestPath}\n${r.redactionLogPath ? `${r.redactionLogPath}\n` : ''}`);
        for (const w of r.warnings) io.stderr(`${w}\n`);
        return 0;
      }
      case 'pack redact': {
        if (!o.doc) throw new UsageError('--doc ID is required (the ID or a page number from pack list)');
        if (!o.text) throw new UsageError('--text PHRASE is required');
        const wanted = (o.for ?? 'complainant').split(',').map((x) => x.trim());
        if (!wanted.every((w) => ['panel', 'complainant', 'council'].includes(w))) throw new UsageError('--for must list panel, complainant or council, separated by commas');
        await open();
        await call('bundle.redact', { caseId: await caseId(o.case), entry: o.doc, phrase: o.text, reason: o.reason ?? '', recipients: wanted as ('panel' | 'complainant' | 'council')[] });
        return 0;
      }
      case 'panel add': {
        if (!o.name?.trim()) throw new UsageError('--name NAME is required');
        if (o.role !== 'chair' && o.role !== 'member') throw new UsageError('--role must be chair or member');
        await open();
        const r = await call('bundle.addPanelMember', { caseId: await caseId(o.case), name: o.name, role: o.role, available: [], independent: o.independent ?? false });
        for (const m of r.pack.panel) io.stdout(`${m.id}\t${m.role}\t${m.independent ? 'independent' : 'independence not confirmed'}\t${m.name}\n`);
        for (const p of r.problems) io.stderr(`${p}\n`);
        return 0;
      }
      case 'panel hearing': {
        const date = requireDate(o.date, 'date');
        await open();
        const r = await call('bundle.setHearingDate', { caseId: await caseId(o.case), date });
        io.stdout(`${r.check ? r.check.sentence : `The hearing is planned for ${date}; record the date of the Stage 3 request to check it against the 30 working days.`}\n`);
        if (r.check?.unavailable.length) io.stderr(`Not available that day: ${r.check.unavailable.join(', ')}.\n`);
        return 0;
      }
      case 'panel papers': {
        await open();
        const r = await call('bundle.papers', { caseId: await caseId(o.case) });
        for (const c of r.clocks) io.stdout(`${c.label}: ${c.sentence}\n`);
        return 0;
      }
      case 'pack sent': {
        await open();
        await call('bundle.markSent', { caseId: await caseId(o.case) });
        return 0;
      }
      case 'clock add':
      case 'clock count':
        return await clockCommand(command as 'add' | 'count', o, io);
      default: {
        // The exchange's commands (and its crypto and diff modules) load only when one is asked for.
        const { runExchangeCommand } = await import('./exchangeCommands');
        const done = await runExchangeCommand(key, { o, stdout: io.stdout, env: io.env, prompt: io.prompt, isTTY: io.isTTY, call, open, caseId, usage: (m) => new UsageError(m) });
        if (done !== null) return done;
        throw new UsageError(group ? `unknown command: ${key.trim()}` : 'no command given');
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof UserError) {
      io.stderr(`${e.message}\n`);
      return 1;
    }
    io.stderr(`Casewright hit an unexpected problem: ${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  } finally {
    (session as Session | null)?.lock('user');
  }
}

async function clockCommand(
  command: 'add' | 'count',
  o: { from?: string; to?: string; days?: string; closure?: string[]; stdin?: boolean },
  io: CliIo,
): Promise<number> {
  const closures = (o.closure ?? []).map((c) => requireDate(c, 'closure'));
  const cal = makeCalendar({ closures });
  const answer = (from: string, second: string, where: string): string => {
    if (command === 'add') {
      const n = parseDays(second, where);
      try {
        return cal.addWorkingDays(from, n);
      } catch (e) {
        if (e instanceof RangeError) throw new UserError('INVALID_INPUT', `${where}: ${n} working days after ${from} is past 2199, the last year Casewright counts.`);
        throw e;
      }
    }
    const to = parseIsoDate(second);
    if (!to) throw new UserError('INVALID_INPUT', `${where}: "${second}" is not a real date; write it as YYYY-MM-DD.`);
    return String(cal.countWorkingDays(from, to));
  };
  if (o.stdin) {
    const lines = (await io.readStdin()).split(/\r?\n/);
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === '') continue;
      const parts = line.split(/\s+/);
      const where = `Line ${i + 1} ("${line}")`;
      if (parts.length !== 2) throw new UserError('INVALID_INPUT', `${where}: expected two values, ${command === 'add' ? 'FROM N' : 'FROM TO'}.`);
      const from = parseIsoDate(parts[0]!);
      if (!from) throw new UserError('INVALID_INPUT', `${where}: "${parts[0]}" is not a real date; write it as YYYY-MM-DD.`);
      out.push(answer(from, parts[1]!, where));
    }
    io.stdout(out.length ? `${out.join('\n')}\n` : '');
    return 0;
  }
  const from = requireDate(o.from, 'from');
  if (command === 'add') {
    if (o.days === undefined) throw new UsageError('--days N is required');
    io.stdout(`${answer(from, o.days, '--days')}\n`);
  } else {
    if (o.to === undefined) throw new UsageError('--to YYYY-MM-DD is required');
    io.stdout(`${answer(from, requireDate(o.to, 'to'), '--to')}\n`);
  }
  return 0;
}
