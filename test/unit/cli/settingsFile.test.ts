import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSettings } from '../../../main/cli/cli';
import { tempDir } from '../../helpers/tmp';

/**
 * Two commands run at once with one CASEWRIGHT_SETTINGS (a scheduled `store verify` while someone works on
 * another store): each read the file when it started and wrote its whole view back, so the second write
 * dropped the first command's record of its store. That record is what reports a cut-short audit log.
 */
describe('the command line\'s settings file shared by two commands at once', () => {
  it('keeps each command\'s record of its own store, and a removal by one does not bring back what the other changed', () => {
    const file = path.join(tempDir(), 'settings Zoë O’Brien.json');
    const first = fileSettings(file);
    const second = fileSettings(file);
    first.write({ ...first.read(), auditAnchors: { storeA: { length: 5, head: 'a'.repeat(64) } } });
    second.write({ ...second.read(), auditAnchors: { storeB: { length: 9, head: 'b'.repeat(64) } } });
    const onDisk = () => (JSON.parse(fs.readFileSync(file, 'utf8')) as { auditAnchors: Record<string, { length: number }> }).auditAnchors;
    expect(onDisk()).toEqual({ storeA: { length: 5, head: 'a'.repeat(64) }, storeB: { length: 9, head: 'b'.repeat(64) } });
    // The first moves its record on; the second forgets its store (a new store made at that path).
    first.write({ ...first.read(), auditAnchors: { ...first.read().auditAnchors, storeA: { length: 6, head: 'c'.repeat(64) } } });
    const { storeB: _gone, ...rest } = second.read().auditAnchors ?? {};
    second.write({ ...second.read(), auditAnchors: rest });
    expect(onDisk()).toEqual({ storeA: { length: 6, head: 'c'.repeat(64) } });
    // Each sees the other's records from then on, and no temporary file is left.
    expect(second.read().auditAnchors).toEqual({ storeA: { length: 6, head: 'c'.repeat(64) } });
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});
