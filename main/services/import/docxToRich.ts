import type { RichNode } from '../../../shared/domain/richText';
import { runIsolated } from '../attachments/isolate';
import { DEFAULT_LIMITS, type ReadLimits } from '../attachments/limits';
import { UserError } from '../errors';

/**
 * Interview notes from Word. The conversion (docxConvert.ts) runs in the extraction worker with a time and
 * memory limit, so a hostile .docx cannot stall or exhaust the main process; failures are one sentence.
 */
export async function docxToRich(data: Buffer, limits: ReadLimits = DEFAULT_LIMITS): Promise<{ doc: RichNode; warnings: string[] }> {
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) {
    throw new UserError('INVALID_INPUT', 'That file is not a Word .docx document; save it from Word as .docx and import it again.');
  }
  return runIsolated({ task: 'docxToRich', data, limits }, limits, { subject: 'The Word document', outcome: 'nothing was imported' });
}
