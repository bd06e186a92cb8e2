import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import nodePath from 'node:path';
import { contract, type ApiName, type ApiOutput, type ApiParsedInput, type Envelope } from '../../shared/api/contract';
import type { AppStatus, AuditView, DashboardRow, VerifyResult } from '../../shared/api/types';
import { computeCaseClocks, nextDeadline } from '../../shared/clock/caseClocks';
import { describeZodError } from '../../shared/domain/validation';
import { todayInLondon } from '../services/clockToday';
import { addDemoCase } from '../services/demo';
import { clocksForCase } from '../services/cases/caseClocks';
import { caseRepository } from '../services/cases/caseRepository';
import { offerBackup } from '../services/backup/recover';
import { UserError, isUserError } from '../services/errors';
import type { Session } from '../services/session/session';
import { appendAudit, auditHead, listAudit, verifyAuditChain, type AuditAnchor } from '../services/store/audit';
import { checksBeyondIntegrity, missingEvidenceFiles, summaryMismatches } from '../services/store/verify';
import { RANK_AT_MOST, searchDetailed } from '../services/search/searchIndex';
import { docxToRich } from '../services/import/docxToRich';
import { CaseStore, damagedMessage, describeStoreError } from '../services/store/caseStore';
import { BackupService } from '../services/backup/backupService';
import { backupHandlers } from './backup';
import { exchangeHandlers } from './exchange';
import { bundleHandlers } from './bundle';
import { papersHandlers } from './papers';
import { writeExport } from './writeExport';
import { documentPeople } from '../../shared/documents/context';

type Handler<N extends ApiName> = (input: ApiParsedInput<N>, session: Session) => Promise<ApiOutput<N>> | ApiOutput<N>;
type HandlerTable = { [N in ApiName]: Handler<N> };

async function status(session: Session): Promise<AppStatus> {
  const s = session.settings();
  const vaultOk = (await session.platform.vault?.isAvailable()) ?? false;
  return {
    version: session.platform.appVersion,
    storeOpen: session.isOpen,
    storePath: session.path,
    recentStores: s.recentStores.map((p) => ({ path: p, remembered: vaultOk && p in s.remembered })),
    rememberAvailable: vaultOk,
    ownerName: session.isOpen ? session.requireStore().meta('created_by') : null,
  };
}

function auditSummary(action: string, detail: unknown): string {
  const d = detail as { changes?: { path: string }[]; reference?: string };
  if (d.changes) {
    const paths = d.changes.map((c) => c.path);
    return `Changed ${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ` and ${paths.length - 5} more` : ''}`;
  }
  return d.reference ? `${action} ${d.reference}` : action;
}

/** Before a migration changes the store, a backup of it as it was (opens with the same passphrase). */
const beforeMigrate = (s: Session, storePath: string) => (db: Database) => {
  new BackupService(() => db, storePath, s.backupFolder(storePath)).create('before-migration');
};

/** An audit entry on its own (after an export): in an IMMEDIATE transaction, so two processes never pick the same seq. */
function audit(s: Session, entry: Parameters<typeof appendAudit>[1]): void {
  const db = s.requireStore().db;
  db.transaction(() => appendAudit(db, entry)).immediate();
}

const safeFileName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');


/** Today in England: the platform's pinned date (CLI and test harness) or the machine's clock. */
const todayOf = (s: Session) => s.platform.today?.() ?? todayInLondon();
/** A handler's `today` input wins over the platform's. */
const today = (t: string | undefined, s: Session) => t ?? todayOf(s);

/** Integrity, the audit chain and what it covers, and the device's record (and a case file's, if given). */
function verifyStore(s: Session, exported: AuditAnchor | null): VerifyResult {
  const store = s.requireStore();
  const integrity = store.integrityProblems();
  const problems = [
    ...integrity,
    ...checksBeyondIntegrity(store, [() => verifyAuditChain(store.db, { anchor: s.auditAnchor(), exported }), () => missingEvidenceFiles(store.db), () => summaryMismatches(store.db)], integrity),
  ];
  const notes = s.storeWasKnown
    ? []
    : ['This device had no record of this store before it was opened here, so entries removed from the end of its audit log before then cannot be detected.'];
  return { ok: problems.length === 0, problems, notes, differsFromDevice: s.storeDiffersFromDevice() };
}

/** The one handler table. Each entry gets input already checked against the contract. */
export const handlers: HandlerTable = {
  'app.status': (_i, s) => status(s),
  'store.choosePath': async ({ mode }, s) => {
    const path = await s.platform.chooseStorePath(mode);
    return path === null ? { token: null, path: null } : { token: s.pathGrants.grant(path, mode), path };
  },
  'store.create': async ({ token, path: given, passphrase, ownerName, demo }, s) => {
    const path = s.storeTarget({ token, path: given }, 'create');
    const store = CaseStore.create(path, passphrase, { actor: ownerName });
    s.attach(store, { created: true });
    // Each store gets its identity for the review exchange when it is made (older stores on first use).
    await s.exchange().ensureIdentity();
    if (demo) await addDemoCase(s, todayOf(s));
    return status(s);
  },
  'store.open': async ({ token, path: given, passphrase, remember }, s) => {
    const path = s.storeTarget({ token, path: given }, 'open');
    const vault = s.platform.vault;
    // Asked before opening, so a device without a keychain says so without the store having been opened.
    const canRemember = remember ? ((await vault?.isAvailable()) ?? false) : false;
    const store = await CaseStore.openAsync(path, passphrase, { actor: s.platform.actor, beforeMigrate: beforeMigrate(s, path) }).catch(async (e: unknown) => {
      // A store that will not open looks like a wrong passphrase (or is no longer a whole file); its backups may
      // tell, and be offered in its place.
      throw e instanceof UserError ? await offerBackup(e, path, s.backupFolder(path), passphrase) : e;
    });
    s.attach(store);
    const notice = store.notice;
    if (remember) {
      if (!vault || !canRemember) throw new UserError('UNSUPPORTED', 'This device has no secure keychain, so the passphrase cannot be remembered; the store is open.');
      const sealed = await vault.encrypt(passphrase);
      s.updateSettings({ remembered: { ...s.settings().remembered, [path]: sealed } });
    }
    // status() is async: awaited before spreading, or the reply would carry only the notice.
    return notice ? { ...(await status(s)), notice } : status(s);
  },
  'store.openRemembered': async ({ path }, s) => {
    const sealed = s.settings().remembered[path];
    const vault = s.platform.vault;
    if (!sealed || !vault || !(await vault.isAvailable())) throw new UserError('NOT_FOUND', 'This device does not remember a passphrase for that store; enter it instead.');
    let opened: { plain: string; reseal: boolean };
    try {
      opened = await vault.decrypt(sealed);
    } catch {
      throw new UserError('WRONG_PASSPHRASE', 'The remembered passphrase could not be read on this device; enter it instead.');
    }
    const store = await CaseStore.openAsync(path, opened.plain, { actor: s.platform.actor, beforeMigrate: beforeMigrate(s, path) });
    s.attach(store);
    if (opened.reseal) {
      // The OS keychain has a new key: keep a copy sealed with it. Failing to is harmless; the old copy still works.
      try {
        s.updateSettings({ remembered: { ...s.settings().remembered, [path]: await vault.encrypt(opened.plain) } });
      } catch {
        // Keep the old sealed copy.
      }
    }
    return store.notice ? { ...(await status(s)), notice: store.notice } : status(s);
  },
  'store.forget': ({ path }, s) => {
    const { [path]: _gone, ...rest } = s.settings().remembered;
    s.updateSettings({ remembered: rest });
    return status(s);
  },
  'store.lock': (_i, s) => {
    s.lock('user');
    return status(s);
  },
  'store.changePassphrase': ({ current, next }, s) => {
    const store = s.requireStore();
    // A remembered old passphrase would no longer open the store: forget it rather than keep a stale secret.
    const forget = () => {
      const { [store.path]: _stale, ...rest } = s.settings().remembered;
      s.updateSettings({ remembered: rest });
    };
    try {
      store.changePassphrase(current, next, { beforeChange: () => s.backups().create('before-passphrase') });
    } catch (e) {
      // Changed, but the store could not be opened again: the old passphrase is stale all the same.
      if (!store.isOpen) {
        forget();
        s.lock('user');
      }
      throw e;
    }
    forget();
    return { changed: true };
  },
  'store.verify': ({ exported }, s) => verifyStore(s, exported ?? null),
  'store.acceptAuditLog': (_i, s) => {
    const store = s.requireStore();
    if (!s.storeDiffersFromDevice()) {
      throw new UserError('CONFLICT', 'The audit log still holds everything this device last saw in it, so there is nothing to accept.');
    }
    // The acceptance is itself an audit entry: what this device had seen, and what the store holds now.
    audit(s, { actor: s.platform.actor, action: 'store.audit-accepted', entity: 'store', entityId: null, detail: { deviceHadSeen: s.auditAnchor(), storeHeld: auditHead(store.db) } });
    s.resetAnchor();
    return verifyStore(s, null);
  },
  'session.touch': (_i, s) => ({ lockAt: s.touch() }),
  'settings.get': (_i, s) => ({ idleLockMinutes: s.settings().idleLockMinutes }),
  'settings.update': (input, s) => {
    const next = s.updateSettings(input.idleLockMinutes !== undefined ? { idleLockMinutes: input.idleLockMinutes } : {});
    return { idleLockMinutes: next.idleLockMinutes };
  },
  'cases.list': (_i, s) => s.cases().list(),
  'cases.get': ({ id }, s) => s.cases().get(id),
  'cases.create': ({ record }, s) => s.cases().create(record as never),
  'cases.update': ({ id, revision, record }, s) => s.cases().update(id, revision, record as never),
  'cases.addDemo': (_i, s) => addDemoCase(s, todayOf(s)),
  'councils.list': (_i, s) => s.councils().list(),
  'councils.save': ({ id, profile, linkCaseId }, s) => s.councils().save({ id, profile, linkCaseId }),
  'cases.delete': ({ id, confirmReference }, s) => s.cases().delete(id, confirmReference),
  'cases.importJson': async ({ json }, s) => s.cases().importJson(json),
  'cases.exportJson': async ({ id }, s) => ({ json: await s.cases().exportJson(id) }),
  'cases.exportFile': async ({ id }, s) => {
    const cases = s.cases();
    const c = cases.get(id);
    const path = await s.platform.chooseSavePath(`${safeFileName(c.record.reference)}.json`, { name: 'Casewright case file', extensions: ['json'] });
    if (!path) return { path: null };
    writeExport(path, await cases.exportJson(id));
    return { path };
  },
  'cases.recordExtension': ({ id, revision, extension, today: t }, s) =>
    s.cases().recordExtension(id, revision, extension as never, today(t, s)),
  'cases.setLateReason': ({ id, revision, clock, reason }, s) => s.cases().setLateReason(id, revision, clock, reason),
  'cases.audit': ({ id }, s): AuditView[] => {
    s.cases().get(id);
    return listAudit(s.requireStore().db, id).map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, summary: auditSummary(r.action, r.detail) }));
  },
  'cases.deadlines': ({ id, today: t }, s) => clocksForCase(s.cases().get(id).record, today(t, s)),
  'attachments.add': ({ caseId, fileName, dataBase64 }, s) => s.attachments().add(caseId, fileName, Buffer.from(dataBase64, 'base64')),
  'attachments.list': ({ caseId }, s) => s.attachments().list(caseId),
  'attachments.read': ({ id }, s) => {
    const r = s.attachments().read(id);
    return { info: r.info, dataBase64: r.data.toString('base64'), text: r.text };
  },
  'attachments.exportCopy': async ({ id }, s) => {
    const r = s.attachments().read(id);
    const path = await s.platform.chooseSavePath(r.info.fileName, { name: 'Copy of the file', extensions: [r.info.fileName.split('.').pop() ?? '*'] });
    if (!path) return { path: null };
    writeExport(path, r.data);
    audit(s, { actor: s.actor, action: 'attachment.export', entity: 'case', entityId: r.info.caseId, detail: { attachmentId: id, path } });
    return { path };
  },
  'search.query': ({ query, limit, caseId, kinds }, s) => searchDetailed(s.requireStore().db, query, limit, RANK_AT_MOST, { caseId, kinds }),
  'import.docxToRich': ({ dataBase64 }) => docxToRich(Buffer.from(dataBase64, 'base64')),
  'documents.preview': async ({ caseId, kind, variant, subjectId }, s) => (await s.documents()).current(s.cases().get(caseId), kind, variant, todayOf(s), subjectId),
  'documents.export': async ({ caseId, kind, variant, subjectId, format, issueId }, s) => {
    const c = s.cases().get(caseId);
    const docs = await s.documents();
    const model = issueId ? docs.issuedModel(caseId, issueId) : docs.current(c, kind, variant, todayOf(s), subjectId);
    await docs.guard(c, model);
    const { documentFileName } = await import('../services/documents/documentService');
    const data = await docs.render(model, format);
    const path = await s.platform.chooseSavePath(documentFileName(c.record.reference, model, format, model.kind === 'interview-record' ? subjectId : ''), format === 'pdf' ? { name: 'PDF', extensions: ['pdf'] } : { name: 'Word document', extensions: ['docx'] });
    if (!path) return { path: null };
    writeExport(path, data);
    audit(s, { actor: s.actor, action: 'document.export', entity: 'case', entityId: caseId, detail: { kind, variant, format, path } });
    return { path };
  },
  'documents.issue': async ({ caseId, kind, variant, subjectId, final, complainantSentTo, councilSentTo }, s) =>
    (await s.documents()).issue(s.cases().get(caseId), kind, variant, todayOf(s), final, subjectId, {
      ...(complainantSentTo !== undefined ? { complainant: complainantSentTo } : {}),
      ...(councilSentTo !== undefined ? { council: councilSentTo } : {}),
    }),
  'documents.list': async ({ caseId }, s) => (await s.documents()).issued(caseId),
  'documents.check': async ({ caseId, kind, variant, subjectId, issueId }, s) => {
    const c = s.cases().get(caseId);
    const docs = await s.documents();
    return docs.check(c, issueId ? docs.issuedModel(caseId, issueId) : docs.current(c, kind, variant, todayOf(s), subjectId));
  },
  'documents.notThisPerson': ({ caseId, revision, personId, key, matched, context }, s) => {
    const c = s.cases().get(caseId);
    // The register, or a child, complainant or supporter the Overview names and the register does not hold.
    if (!documentPeople(c.record).some((p) => p.id === personId)) throw new UserError('NOT_FOUND', 'That person is no longer in the people register; check the document again.');
    if (c.record.leakDismissals.some((d) => d.key === key)) return c;
    const dismissal = { personId, key, matched, context, by: s.platform.actor, at: new Date().toISOString() };
    return s.cases().update(caseId, revision, { ...c.record, leakDismissals: [...c.record.leakDismissals, dismissal] });
  },
  'documents.exportAll': async ({ caseId }, s) => {
    const c = s.cases().get(caseId);
    const parent = await s.platform.chooseFolder();
    if (!parent) return { folder: null, files: [], skipped: [] };
    const { exportAll } = await import('../services/documents/documentService');
    const r = await exportAll(await s.documents(), c, parent, todayOf(s), (f, d) => {
      fs.mkdirSync(nodePath.dirname(f), { recursive: true });
      writeExport(f, d);
    }, nodePath.join);
    audit(s, { actor: s.actor, action: 'document.export-all', entity: 'case', entityId: caseId, detail: { folder: r.folder, files: r.files.length } });
    return r;
  },
  'dashboard.deadlines': ({ today: t }, s): DashboardRow[] => {
    const day = today(t, s);
    // From the summary columns (migration 008): no case record is read.
    const rows = caseRepository.listClockInputs(s.requireStore().db).map((c) => {
      const clocks = computeCaseClocks({ ...c.clockInput, today: day });
      return {
        caseId: c.id,
        reference: c.reference,
        council: c.council,
        childName: c.childName,
        next: nextDeadline(clocks),
        overdueCount: clocks.filter((k) => k.state === 'overdue').length,
      };
    });
    // Nearest deadline first; cases with no open clock go last.
    return rows.sort((a, b) => (a.next?.due ?? '9999').localeCompare(b.next?.due ?? '9999') || a.reference.localeCompare(b.reference));
  },
  ...backupHandlers(status),
  ...exchangeHandlers(),
  ...bundleHandlers(todayOf),
  ...papersHandlers(),
  'calendar.exportIcs': async ({ id }, s) => {
    const db = s.requireStore().db;
    const day = todayOf(s);
    const cases = id
      ? [s.cases().get(id)].map((c) => ({ reference: c.record.reference, clocks: clocksForCase(c.record, day) }))
      : caseRepository.listClockInputs(db).map((c) => ({ reference: c.reference, clocks: computeCaseClocks({ ...c.clockInput, today: day }) }));
    const { deadlinesToIcs } = await import('../services/calendarExport');
    const ics = deadlinesToIcs(cases);
    const name = id && cases[0] ? `${safeFileName(cases[0].reference)}-deadlines.ics` : 'casewright-deadlines.ics';
    const path = await s.platform.chooseSavePath(name, { name: 'Calendar', extensions: ['ics'] });
    if (!path) return { path: null };
    writeExport(path, ics);
    return { path };
  },
};

/** After every call: the device's record of the store's newest audit entry moves forward (never fails the call). */
function recordAnchor(session: Session, onInternalError: (e: unknown) => void): void {
  try {
    session.recordAnchor();
  } catch (e) {
    onInternalError(e);
  }
}

export type Dispatch = (name: string, input: unknown) => Promise<Envelope<unknown>>;

/** Validates, calls, and wraps every result in the envelope; the three transports all call this. */
export function createDispatcher(session: Session, onInternalError: (e: unknown) => void = () => {}): Dispatch {
  return async (name, input) => {
    if (!Object.hasOwn(contract, name)) {
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: `There is no API call named ${name}.` } };
    }
    const n = name as ApiName;
    const parsed = contract[n].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: describeZodError(parsed.error) } };
    // The two calls the UI makes all the time neither count as activity nor change anything in the store.
    const writes = n !== 'app.status' && n !== 'session.touch';
    if (writes) session.touch();
    try {
      const handler = handlers[n] as (i: unknown, s: Session) => unknown;
      const data = await handler(parsed.data, session);
      if (writes) recordAnchor(session, onInternalError);
      // While a store is in use, one automatic backup a day (checked at most hourly; never blocks the answer's success).
      if (!n.startsWith('store.') && !n.startsWith('backup.') && n !== 'app.status' && n !== 'session.touch') session.dailyBackupIfDue();
      return { ok: true, data };
    } catch (e) {
      if (writes) recordAnchor(session, onInternalError);
      if (isUserError(e)) return { ok: false, error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) } };
      // SQLite's busy, full-disk, disk-error and read-only errors have plain sentences of their own.
      const code = (e as { code?: string })?.code ?? '';
      const known =
        session.isOpen && /^SQLITE_CORRUPT/.test(code)
          ? new UserError('DAMAGED', damagedMessage(session.path ?? 'the case store'))
          : /^(SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR)|ENOSPC|EIO$)/.test(code)
            ? describeStoreError(e, session.path ?? 'the case store')
            : null;
      if (known) return { ok: false, error: { code: known.code, message: known.message } };
      // The store was locked (idle, or from another window) while this call was waiting on something: say so,
      // and the window goes back to the unlock screen (LOCKED), rather than report an internal problem.
      if (!session.isOpen && /database connection is not open/i.test((e as Error)?.message ?? '')) {
        return { ok: false, error: { code: 'LOCKED', message: 'The case store was locked while this was being done, so it may not have finished; unlock it and look before trying again.' } };
      }
      onInternalError(e);
      return { ok: false, error: { code: 'INTERNAL', message: `Casewright hit an unexpected problem (${(e as Error)?.message ?? String(e)}); nothing further was changed. Please report it.` } };
    }
  };
}
