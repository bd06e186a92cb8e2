import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../main/services/attachments/limits';
import { UserError } from '../../../main/services/errors';
import { pageImageIsolated, redactIsolated } from '../../../main/services/bundle/redactIsolated';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { caseRecordSchema } from '../../../shared/domain/case';
import { textPdf } from './fixtures';

/**
 * The hearing pack draws pages of files it did not make (pdf.js on a canvas) in an isolated worker kept between
 * files, with a time and a memory limit per file, not on the main process's thread: what comes back is the same
 * redacted pages, and a file that takes too long is stopped and refused with one sentence, its worker with it.
 */
describe('page drawing for the hearing pack, in the isolated worker', () => {
  const record = caseRecordSchema.parse(buildDemoCase('2026-11-27'));
  const staff = record.people.find((p) => p.kind === 'staff')!;

  it('redacts the asked phrase and the names the complainant must not see, and draws a page for the preview', async () => {
    const pdf = textPdf('Letter', 3, (p) => (p === 2 ? [`A note from ${staff.name} about the visit.`] : p === 3 ? ['The housing officer rang on Tuesday.'] : []));
    const pages = await redactIsolated('letter.pdf', pdf, [{ phrase: 'housing officer', reason: 'Third party' }], { record, rules: 'investigation-report', title: 'Letter' });
    expect(pages.map((p) => p.pageIndex)).toEqual([1, 2]);
    expect(pages[0]!.removed).toEqual([expect.objectContaining({ phrase: expect.stringContaining(staff.name.split(' ').at(-1)!), reason: expect.stringMatching(/^Leak check: names /) })]);
    expect(pages[1]!.removed).toEqual([{ phrase: 'housing officer', reason: 'Third party', occurrences: 1 }]);
    expect(Buffer.from(pages[1]!.jpeg).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(pages[1]!.runs.map((r) => r.text).join(' ')).not.toMatch(/housing officer/);
    // One page alone, for the preview.
    expect((await redactIsolated('letter.pdf', pdf, [{ phrase: 'housing officer', reason: 'Third party' }], null, 2)).map((p) => p.pageIndex)).toEqual([2]);
    const png = await pageImageIsolated('letter.pdf', pdf, 0);
    expect(Buffer.from(png!).subarray(1, 4).toString()).toBe('PNG');
    expect(await pageImageIsolated('letter.pdf', pdf, 5)).toBeNull();
  }, 60_000);

  it('stops a drawing that passes its time limit and refuses the file with one sentence', async () => {
    const pdf = textPdf('Bundle', 40, () => ['Redact me here.']);
    const refused = await redactIsolated('bundle.pdf', pdf, [{ phrase: 'Redact me', reason: 'x' }], null, undefined, 'the pack was not built', { ...DEFAULT_LIMITS, timeMs: 200 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toMatch(/^“bundle\.pdf” took longer than 0 seconds to read \(it may be damaged or unusually built\), so the pack was not built; /);
    // The stopped worker is not reused: the next file is drawn by a fresh one, within the usual limits.
    const next = await redactIsolated('bundle.pdf', pdf, [{ phrase: 'Redact me', reason: 'x' }], null, 0);
    expect(next.map((p) => p.removed)).toEqual([[{ phrase: 'Redact me', reason: 'x', occurrences: 1 }]]);
  }, 60_000);
});
