import type { CaseRecord } from '../domain/case';
import { buildInvestigationReport } from './builders/investigationReport';
import { buildAdjudicationLetter, buildExtensionLetter, buildInterviewRecord, buildIpReport, buildStatementOfComplaint } from './builders/letters';
import { buildCouncilResponse, buildPanelReport } from './builders/panelPapers';
import type { BuildContext, Stage3Facts } from './context';
import type { DocumentKind, DocumentModel, Variant } from './model';

/** Builds one document of the case as the neutral model both renderers take. */
export function buildDocument(kind: DocumentKind, record: CaseRecord, opts: { today: string; variant: Variant; draft: { version: number } | null; interviewId?: string; stage3?: Stage3Facts }): DocumentModel {
  const ctx: BuildContext = { record, today: opts.today, variant: opts.variant, draft: opts.draft, ...(opts.stage3 ? { stage3: opts.stage3 } : {}) };
  switch (kind) {
    case 'investigation-report':
      return buildInvestigationReport(ctx);
    case 'ip-report':
      return buildIpReport(ctx);
    case 'adjudication-letter':
      return buildAdjudicationLetter(ctx);
    case 'statement-of-complaint':
      return buildStatementOfComplaint(ctx);
    case 'extension-letter':
      return buildExtensionLetter(ctx);
    case 'interview-record':
      return buildInterviewRecord(ctx, opts.interviewId);
    case 'panel-report':
      return buildPanelReport(ctx);
    case 'council-response':
      return buildCouncilResponse(ctx);
  }
}
