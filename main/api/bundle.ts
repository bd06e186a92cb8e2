import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { BuildProgress } from '../../shared/bundle/model';
import { paperClocks } from '../../shared/bundle/papers';
import { UserError } from '../services/errors';
import type { Session } from '../services/session/session';

type BundleName = Extract<ApiName, `bundle.${string}`>;
type BundleHandlers = { [N in BundleName]: (input: ApiParsedInput<N>, session: Session) => Promise<ApiOutput<N>> | ApiOutput<N> };

/** Builds running in this process, so a window can follow one and cancel it. Finished ones are kept briefly. */
const jobs = new Map<string, { progress: BuildProgress; controller: AbortController }>();

const safeFileName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');

/** The hearing pack's part of the handler table. `today` is the platform's pinned date or the clock's. */
export function bundleHandlers(today: (s: Session) => string): BundleHandlers {
  return {
    'bundle.get': async ({ caseId }, s) => {
      s.cases().get(caseId);
      return (await s.bundle()).view(caseId);
    },
    'bundle.addDocument': async ({ caseId, kind, section, title, date, after }, s) =>
      (await s.bundle()).addDocument(s.cases().get(caseId), kind, { section, title, date: date ?? null, after }),
    'bundle.addEvidence': async ({ caseId, evidenceId, section, title, after }, s) => (await s.bundle()).addEvidence(s.cases().get(caseId), evidenceId, { section, title, after }),
    'bundle.addFile': async ({ caseId, fileName, dataBase64, section, title, date, after }, s) =>
      (await s.bundle()).addFile(s.cases().get(caseId), fileName, Buffer.from(dataBase64, 'base64'), { section, title, date: date ?? null, after }),
    'bundle.remove': async ({ caseId, entry }, s) => (await s.bundle()).remove(s.cases().get(caseId).id, entry),
    'bundle.moveEntry': async ({ caseId, entry, direction }, s) => (await s.bundle()).moveEntry(s.cases().get(caseId).id, entry, direction),
    'bundle.moveSection': async ({ caseId, section, direction }, s) => (await s.bundle()).moveSection(s.cases().get(caseId).id, section, direction),
    'bundle.setNumbering': async ({ caseId, numbering }, s) => (await s.bundle()).setNumbering(s.cases().get(caseId).id, numbering),
    'bundle.markSent': async ({ caseId }, s) => (await s.bundle()).markSent(s.cases().get(caseId).id),
    'bundle.redact': async ({ caseId, entry, phrase, reason, recipients }, s) => (await s.bundle()).redact(s.cases().get(caseId).id, entry, phrase, reason, recipients),
    'bundle.previewPage': async ({ caseId, page, recipient }, s) => {
      const r = await (await s.bundle()).previewPage(s.cases().get(caseId), page, recipient);
      return { label: r.label, title: r.title, pngBase64: Buffer.from(r.png).toString('base64'), note: r.note };
    },
    'bundle.check': async ({ caseId, recipient }, s) => (await s.bundle()).checks(s.cases().get(caseId), recipient),
    'bundle.build': async ({ caseId, recipient, jobId }, s) => {
      const c = s.cases().get(caseId);
      const service = await s.bundle();
      // Refused before asking where to save it.
      const { problems } = service.checks(c, recipient);
      if (problems.length) throw new UserError('INVALID_INPUT', problems.join(' '));
      if (jobId && jobs.get(jobId)?.progress.state === 'running') throw new UserError('BUSY', 'That pack is already being built.');
      const path = await s.platform.chooseSavePath(`${safeFileName(c.record.reference)}-hearing-pack-${recipient}.pdf`, { name: 'PDF', extensions: ['pdf'] });
      if (!path) return { path: null };
      const controller = new AbortController();
      const job = { progress: { state: 'running', documentsDone: 0, documentsTotal: 0, pagesDone: 0, pagesTotal: 0, message: null } as BuildProgress, controller };
      if (jobId) jobs.set(jobId, job);
      try {
        const r = await service.build(c, recipient, path, today(s), { signal: controller.signal, onProgress: (p) => (job.progress = p) });
        job.progress = { ...job.progress, state: 'done' };
        return { path, manifestPath: r.manifestPath, redactionLogPath: r.redactionLogPath, pages: r.pages, warnings: r.warnings, redactions: r.redactions };
      } catch (e) {
        job.progress = { ...job.progress, state: controller.signal.aborted ? 'cancelled' : 'failed', message: (e as Error).message };
        throw e;
      } finally {
        if (jobId) setTimeout(() => jobs.delete(jobId), 10 * 60_000).unref?.();
      }
    },
    'bundle.progress': ({ jobId }) => ({ progress: jobs.get(jobId)?.progress ?? null }),
    'bundle.cancel': ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job || job.progress.state !== 'running') return { cancelled: false };
      job.controller.abort();
      return { cancelled: true };
    },
    'bundle.addPanelMember': async ({ caseId, name, role, available, independent }, s) => (await s.bundle()).addMember(s.cases().get(caseId), { name, role, available, independent }),
    'bundle.removePanelMember': async ({ caseId, memberId }, s) => (await s.bundle()).removeMember(s.cases().get(caseId), memberId),
    'bundle.setHearingDate': async ({ caseId, date }, s) => (await s.bundle()).setHearingDate(s.cases().get(caseId), date),
    'bundle.papers': async ({ caseId }, s) => {
      const c = s.cases().get(caseId);
      const { pack } = (await s.bundle()).get(c.id);
      const day = today(s);
      return { clocks: paperClocks(c.record, day, pack.hearingDate), panel: pack.panel, hearingDate: pack.hearingDate, today: day };
    },
  };
}
