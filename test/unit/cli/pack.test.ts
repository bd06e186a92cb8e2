import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInTest } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';
import { textPdf } from '../bundle/fixtures';
import { pdftotextAll, readPack } from '../bundle/readBack';

const cli = runCliInTest;

describe('pack commands', () => {
  it('add, list, insert, redact and build a hearing pack from the command line', async () => {
    const dir = tempDir();
    const store = path.join(dir, 'cases.cwstore');
    const s = ['--store', store, '--case', 'DEMO-ST2-0001'];
    expect((await cli(['store', 'init', '--demo', '--store', store])).code).toBe(0);
    const letter = path.join(dir, 'letter to Łucja Öztürk.pdf');
    fs.writeFileSync(letter, textPdf('Letter', 2, () => ['Dear Ms Oztürk, ring 07700 900 461.']));
    const note = path.join(dir, 'note.pdf');
    fs.writeFileSync(note, textPdf('File note', 1));
    // Our documents go in only as issued versions.
    const draft = await cli(['pack', 'add', ...s, '--doc', 'investigation-report']);
    expect(draft).toMatchObject({ code: 1, err: 'The investigation report has not been issued; issue it on the Documents tab first, because a pack takes issued versions only, never a live draft.\n' });
    const add = await cli(['pack', 'add', ...s, '--section', 'B', '--file', letter, '--title', 'Letter to Łucja Öztürk', '--date', '2026-03-04']);
    expect(add).toMatchObject({ code: 0, out: 'd1\tB1-B2\tLetter to Łucja Öztürk\n' });
    expect((await cli(['pack', 'add', ...s, '--section', 'Q', '--file', note])).err).toMatch(/^The pack has no section Q; its sections are A \(Core documents\)/);
    expect((await cli(['pack', 'add', ...s, '--section', 'C', '--file', note, '--date', '2026-02-30'])).err).toMatch(/--date 2026-02-30 is not a real date/);
    expect((await cli(['pack', 'add', ...s, '--section', 'C', '--file', note])).code).toBe(0);
    expect((await cli(['pack', 'sent', ...s])).code).toBe(0);
    const ins = await cli(['pack', 'insert', ...s, '--after', 'B2', '--file', note, '--title', 'Late note']);
    expect(ins).toMatchObject({ code: 0, out: 'd3\tB2a\tLate note\n' });
    const list = await cli(['pack', 'list', ...s]);
    expect(list.out).toBe(
      [
        'Index\ti\t(section numbering, 5 pages, sent 2026-11-25)'.replace('2026-11-25', list.out.match(/sent (\d{4}-\d{2}-\d{2})/)![1]!),
        'A  Core documents',
        'B  Correspondence',
        '  d1\tB1-B2\t2026-03-04\tLetter to Łucja Öztürk',
        '  d3\tB2a\t\t(late) Late note',
        'C  Evidence',
        '  d2\tC1\t\tnote',
        'D  The council’s submission',
        '',
      ].join('\n'),
    );
    expect((await cli(['pack', 'redact', ...s, '--doc', 'B1', '--text', '07700 900 461', '--reason', 'Private number'])).code).toBe(0);
    const out = path.join(dir, 'pack-complainant.pdf');
    const built = await cli(['pack', 'build', ...s, '--for', 'complainant', '--out', out]);
    expect(built.code).toBe(0);
    expect(built.out).toBe(`${out}\t5 pages\n${path.join(dir, 'pack-complainant.manifest.json')}\n${path.join(dir, 'pack-complainant.redaction-log.json')}\n`);
    expect(pdftotextAll(out)).not.toContain('07700');
    expect(pdftotextAll(out)).toContain('Dear Ms Oztürk, ring');
    expect((await readPack(fs.readFileSync(out))).labels).toEqual(['i', 'B1', 'B2', 'B2a', 'C1']);
    expect((await cli(['pack', 'build', ...s, '--for', 'judge', '--out', out])).code).toBe(2);
  }, 120_000);
});
