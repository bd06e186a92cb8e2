import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInTest } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';
import { textPdf } from '../bundle/fixtures';

const cli = runCliInTest;

describe('papers for the review panel on the command line (issue 16)', () => {
  it('links a member to their card, sends the pack and a document, and the member lists and exports them', async () => {
    const dir = tempDir();
    const team = ['--store', path.join(dir, 'team.cwstore')];
    const member = ['--store', path.join(dir, 'member.cwstore')];
    const s = [...team, '--case', 'DEMO-ST2-0001'];
    const f = (n: string) => path.join(dir, n);
    const ok = async (args: string[]) => {
      const r = await cli(args);
      expect(r, args.join(' ')).toMatchObject({ code: 0, err: '' });
      return r.out;
    };
    await ok(['store', 'init', '--demo', '--name', 'Siobhán O’Connor-Nguyễn', ...team]);
    await ok(['store', 'init', '--name', 'Ewa Łukasiewicz-Öztürk', ...member]);
    await ok(['id', 'export', '--out', f('team.cwid'), ...team]);
    await ok(['id', 'export', '--out', f('member.cwid'), ...member]);
    await ok(['contact', 'add', '--file', f('member.cwid'), ...team]);
    await ok(['contact', 'add', '--file', f('team.cwid'), '--verified', ...member]);
    fs.writeFileSync(f('letter.pdf'), textPdf('Letter', 2));
    await ok(['pack', 'add', ...s, '--section', 'B', '--file', f('letter.pdf'), '--title', 'Letter to Łucja']);
    // The panel's rules warn (on stderr) while it is incomplete.
    expect(await cli(['panel', 'add', ...s, '--name', 'Ewa Łukasiewicz-Öztürk', '--role', 'chair', '--independent'])).toMatchObject({ code: 0, out: 'm1\tchair\tindependent\tEwa Łukasiewicz-Öztürk\n', err: 'The panel has 1 of its 3 people; add 2 more.\n' });
    // Not linked, then linked but unchecked: refused with a sentence, nothing written.
    expect(await cli(['panel', 'send', ...s, '--member', 'Ewa Łukasiewicz-Öztürk', '--out', f('p.cwpack')])).toMatchObject({ code: 1, err: expect.stringMatching(/^Ewa Łukasiewicz-Öztürk is not linked to a contact yet;/) });
    expect(await ok(['panel', 'link', ...s, '--member', 'ewa łukasiewicz-öztürk', '--contact', 'Ewa Łukasiewicz-Öztürk'])).toMatch(/check this fingerprint with them before sending/);
    expect(await cli(['panel', 'send', ...s, '--member', 'Ewa Łukasiewicz-Öztürk', '--out', f('p.cwpack')])).toMatchObject({ code: 1, err: expect.stringMatching(/^Check Ewa Łukasiewicz-Öztürk's fingerprint/) });
    await ok(['contact', 'verify', '--contact', 'Ewa Łukasiewicz-Öztürk', ...team]);
    expect(await cli(['panel', 'send', ...s, '--member', 'Ewa Łukasiewicz-Öztürk', '--for', 'complainant', '--out', f('p.cwpack')])).toMatchObject({ code: 1, err: expect.stringMatching(/is for the complainant, not for a panel member/) });
    expect(await cli(['panel', 'send', ...s, '--member', 'Ewa Łukasiewicz-Öztürk', '--with', 'investigation-report', '--out', f('p.cwpack')])).toMatchObject({ code: 1, err: expect.stringMatching(/investigation report of case DEMO-ST2-0001 has not been issued/) });
    expect(fs.existsSync(f('p.cwpack'))).toBe(false);
    expect(await ok(['panel', 'list', ...s])).toMatch(/^m1\tchair\tEwa Łukasiewicz-Öztürk\tEwa Łukasiewicz-Öztürk \([0-9A-Z ]+, checked\)\tnot sent\n/);
    const sent = await ok(['panel', 'send', ...s, '--member', 'Ewa Łukasiewicz-Öztürk', '--out', f('p.cwpack')]);
    expect(sent).toMatch(/^Saved to .*p\.cwpack\nThe hearing pack \(the panel's version, 3 pages, SHA-256 ([0-9a-f]{64})\)\n$/);
    const digest = /SHA-256 ([0-9a-f]{64})/.exec(sent)![1]!;
    const opened = await ok(['pkg', 'open', '--file', f('p.cwpack'), ...member]);
    expect(opened).toContain('Opened the hearing pack and papers for the review panel from Siobhán O’Connor-Nguyễn for case DEMO-ST2-0001 (kept in this store: papers list).');
    const list = await ok(['papers', 'list', ...member]);
    expect(list).toMatch(/^Case DEMO-ST2-0001, hearing date not fixed, from Siobhán O’Connor-Nguyễn \(([0-9A-Z ]+)\)\n {2}Version 1 \(newest\), sent .*, for Ewa Łukasiewicz-Öztürk\n {4}([0-9a-f]{8})\t3 pages\tHearing pack, DEMO-ST2-0001\tSHA-256 ([0-9a-f]{64}) \(matches the sender's manifest\)\n$/);
    expect(list).toContain(digest);
    const id = /\n {4}([0-9a-f]{8})\t/.exec(list)![1]!;
    await ok(['papers', 'export', '--paper', id, '--out', f('pack.pdf'), ...member]);
    expect(fs.readFileSync(f('pack.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await cli(['papers', 'export', '--paper', 'zzzz', '--out', f('x.pdf'), ...member])).toMatchObject({ code: 1, err: 'No paper received has the id zzzz; "papers list" shows them.\n' });

    // After the hearing: deleted only with the reference typed again; a wrong sender or reference deletes nothing.
    const fingerprint = /\(([0-9A-Z ]+)\)\n/.exec(list)![1]!;
    expect(await cli(['papers', 'delete', '--case', 'DEMO-ST2-0001', '--confirm', 'demo-st2-0001', ...member])).toMatchObject({ code: 1, err: 'To delete the papers for case DEMO-ST2-0001, type its reference exactly as shown; nothing was deleted.\n' });
    expect(await cli(['papers', 'delete', '--case', 'DEMO-ST2-0001', '--confirm', 'DEMO-ST2-0001', '--from', 'AAAA', ...member])).toMatchObject({ code: 1, err: 'No papers received for case DEMO-ST2-0001 from AAAA; "papers list" shows them.\n' });
    expect(await cli(['papers', 'delete', '--case', 'DEMO-ST2-0001', ...member])).toMatchObject({ code: 2 });
    expect(await ok(['papers', 'list', ...member])).toBe(list);
    expect(await ok(['papers', 'delete', '--case', 'DEMO-ST2-0001', '--confirm', 'DEMO-ST2-0001', '--from', fingerprint, ...member])).toBe('Deleted the papers for case DEMO-ST2-0001: 1 paper in 1 package.\n');
    expect(await ok(['papers', 'list', ...member])).toBe('No papers received yet.\n');
  }, 180_000);
});
