import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { todayInLondon } from '../services/clockToday';
import type { Session } from '../services/session/session';
import { writeExport } from './writeExport';

type Name = Extract<ApiName, `papers.${string}`>;
type PapersHandlers = { [N in Name]: (input: ApiParsedInput<N>, session: Session) => Promise<ApiOutput<N>> | ApiOutput<N> };

const today = (s: Session) => s.platform.today?.() ?? todayInLondon();

/** Papers for the review panel's part of the handler table (docs/exchange.md). */
export function papersHandlers(): PapersHandlers {
  return {
    'papers.panel': async ({ caseId }, s) => (await s.panelPapers()).view(s.cases().get(caseId)),
    'papers.link': async ({ caseId, member, contact }, s) => (await s.panelPapers()).link(s.cases().get(caseId), member, contact),
    'papers.send': async ({ caseId, member, documents, recipient }, s) => {
      const c = s.cases().get(caseId);
      const service = await s.panelPapers();
      // Every refusal that needs no build comes before the save dialog.
      await service.refusals(c, member, documents, recipient);
      const name = `${c.record.reference}-panel-papers-${member}`.replace(/[^A-Za-z0-9._-]+/g, '-');
      const path = await s.platform.chooseSavePath(`${name}.cwpack`, { name: 'Casewright package', extensions: ['cwpack'] });
      if (!path) return { path: null, packageId: null, pages: null, sha256: null, papers: [] };
      const built = await service.send(c, member, documents, recipient, today(s));
      writeExport(path, built.bytes);
      built.commit();
      return { path, packageId: built.packageId, pages: built.pages, sha256: built.sha256, papers: built.papers };
    },
    'papers.received': async (_i, s) => (await s.panelPapers()).received(),
    'papers.read': async ({ id }, s) => {
      const p = (await s.panelPapers()).read(id);
      return { fileName: p.fileName, title: p.title, mimeType: 'application/pdf', dataBase64: p.data.toString('base64'), sha256: p.sha256 };
    },
    'papers.deleteHearing': async ({ hearing, confirmReference }, s) => (await s.panelPapers()).deleteHearing(hearing, confirmReference),
    'papers.export': async ({ id }, s) => {
      const service = await s.panelPapers();
      const p = service.read(id);
      const path = await s.platform.chooseSavePath(p.fileName, { name: 'PDF', extensions: ['pdf'] });
      if (!path) return { path: null };
      writeExport(path, p.data);
      service.recordExport(id, path);
      return { path };
    },
  };
}
