import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInTest } from '../../helpers/cli';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';
import { CaseService } from '../../../main/services/cases/caseService';
import { CaseStore } from '../../../main/services/store/caseStore';

const cli = runCliInTest;

describe('the review exchange on the command line (issue 14)', () => {
  it('runs the review between two stores: cards, draft, comments, agreement, reply, resolution, second draft and its diff, the IP report', async () => {
    const dir = tempDir();
    const io = ['--store', path.join(dir, 'io.cwstore')];
    const ip = ['--store', path.join(dir, 'ip.cwstore')];
    const f = (n: string) => path.join(dir, n);
    const ok = async (args: string[], env: Record<string, string> = {}) => {
      const r = await cli(args, env);
      expect(r, args.join(' ')).toMatchObject({ code: 0, err: '' });
      return r.out;
    };
    await ok(['store', 'init', '--demo', '--name', 'Zofia Wójcik-O’Neill', ...io]);
    await ok(['store', 'init', '--name', 'Dr Femi Adebayo', ...ip]);
    expect(await ok(['id', 'set', '--name', 'Dr Femi Adebayo', '--role', 'independent person', '--org', 'Independent', ...ip])).toMatch(/^Dr Femi Adebayo, independent person\. Fingerprint: [0-9A-Z]{4}( [0-9A-Z]{4}){5}\n$/);
    const shown = await ok(['id', 'show', ...io]);
    expect(shown).toMatch(/^Zofia Wójcik-O’Neill\nother\nFingerprint: /);
    await ok(['id', 'export', '--out', f('io.cwid'), ...io]);
    await ok(['id', 'export', '--out', f('ip.cwid'), ...ip]);
    const added = await ok(['contact', 'add', '--file', f('ip.cwid'), ...io]);
    expect(added).toContain('Check this fingerprint with them');
    // Sending to a contact whose fingerprint was not checked is refused.
    expect(await cli(['review', 'send', '--case', 'DEMO-ST2-0001', '--to', 'Dr Femi Adebayo', '--out', f('d1.cwpack'), ...io])).toMatchObject({ code: 1, err: expect.stringMatching(/^Check Dr Femi Adebayo's fingerprint \(/) });
    await ok(['contact', 'verify', '--contact', 'dr femi adebayo', ...io]);
    expect(await ok(['contact', 'list', ...io])).toMatch(/\tchecked\tDr Femi Adebayo\tindependent person\tIndependent\n$/);
    expect(await ok(['review', 'send', '--case', 'DEMO-ST2-0001', '--to', 'Dr Femi Adebayo', '--attach', 'E4', '--out', f('d1.cwpack'), ...io])).toContain('Draft 1 of the investigation report');
    // The IP's command line refuses a package whose sender's card was never added.
    expect(await cli(['pkg', 'open', '--file', f('d1.cwpack'), ...ip])).toMatchObject({ code: 1, err: expect.stringContaining('who is not in your contacts (fingerprint ') });
    await ok(['contact', 'add', '--file', f('io.cwid'), '--verified', ...ip]);
    const opened = await ok(['pkg', 'open', '--file', f('d1.cwpack'), ...ip]);
    expect(opened).toContain('Opened a draft for review from Zofia Wójcik-O’Neill into case DEMO-ST2-0001.');
    expect(opened).toContain('1 files');
    expect(await cli(['pkg', 'open', '--file', f('d1.cwpack'), ...ip])).toMatchObject({ code: 1, err: expect.stringMatching(/^This package was already opened on /) });
    const draft = await ok(['review', 'draft', '--case', 'DEMO-ST2-0001', ...ip]);
    const para = /\[para:(\d+)\] Zoë Ó Súilleabháin-Nowak complains/.exec(draft)![1]!;
    await ok(['review', 'comment', '--case', 'DEMO-ST2-0001', '--on', `para:${para}`, '--text', 'Say “on behalf of Kieran” — and who is Ms Ó Súilleabháin-Nowak’s advocate?', '--suggest', 'Ms Ó Súilleabháin-Nowak complains on behalf of Kieran.', ...ip]);
    await ok(['review', 'agree', '--case', 'DEMO-ST2-0001', '--point', '1', '--agrees', 'no', '--reason', 'A telephone meeting is recorded on 21 April.', ...ip]);
    expect(await cli(['review', 'agree', '--case', 'DEMO-ST2-0001', '--point', '9', '--agrees', 'yes', ...ip])).toMatchObject({ code: 1, err: 'Case DEMO-ST2-0001 has no point 9; the points are 1, 2, 3, 4, 5.\n' });
    await ok(['review', 'reply', '--case', 'DEMO-ST2-0001', '--to', 'Zofia Wójcik-O’Neill', '--out', f('r1.cwpack'), ...ip]);
    expect(await ok(['pkg', 'open', '--file', f('r1.cwpack'), ...io])).toContain('1 new comments (1 in all) on draft 1');
    const list = await ok(['review', 'list', '--case', 'DEMO-ST2-0001', ...io]);
    expect(list).toMatch(/^Drafts: 1 \(with Dr Femi Adebayo\)\n([0-9a-f]{8})\tdraft 1\tParagraph \d+\topen\n/);
    expect(list).toContain('Point 1: upheld — disagreed (A telephone meeting is recorded on 21 April.)');
    const id = /\n([0-9a-f]{8})\t/.exec(list)![1]!;
    await ok(['review', 'resolve', '--case', 'DEMO-ST2-0001', '--comment', id, '--as', 'changed', ...io]);
    expect(await ok(['review', 'list', '--case', 'DEMO-ST2-0001', ...io])).toContain('\tChanged as suggested\n');
    // The IO finds on the other points (in the app), so the IP's report can be final (issue 13: never final while incomplete).
    {
      const store = CaseStore.open(path.join(dir, 'io.cwstore'), GOOD_PASSPHRASE, { actor: 'Zofia Wójcik-O’Neill' });
      const cases = new CaseService(() => store.db, 'Zofia Wójcik-O’Neill');
      const c = cases.get(cases.list()[0]!.id);
      const findings = Object.fromEntries(c.record.points.map((p) => [p.id, { ...(c.record.findings[p.id] ?? {}), finding: c.record.findings[p.id]?.finding ?? ('not upheld' as const) }]));
      cases.update(c.id, c.revision, { ...c.record, findings });
      store.lock();
    }
    await ok(['review', 'send', '--case', 'DEMO-ST2-0001', '--to', 'Dr Femi Adebayo', '--out', f('d2.cwpack'), ...io]);
    expect(await ok(['pkg', 'open', '--file', f('d2.cwpack'), ...ip])).toContain('1 of your comments resolved');
    expect(await ok(['review', 'list', '--case', 'DEMO-ST2-0001', ...ip])).toContain('Changed as suggested (draft 2)');
    expect(await ok(['review', 'diff', '--case', 'DEMO-ST2-0001', '--from', '1', '--to', '2', ...ip])).toMatch(/== 2\. Introduction: unchanged/);
    for (const n of [1, 2, 3, 4, 5]) await ok(['review', 'agree', '--case', 'DEMO-ST2-0001', '--point', String(n), '--agrees', 'yes', '--reason', 'Agreed on draft 2.', ...ip]);
    await ok(['review', 'report', '--case', 'DEMO-ST2-0001', '--to', 'Zofia Wójcik-O’Neill', '--out', f('rep.cwpack'), ...ip]);
    expect(await ok(['pkg', 'open', '--file', f('rep.cwpack'), ...io])).toContain('The independent person report (council version and complainant version), final');
    expect(await ok(['review', 'list', '--case', 'DEMO-ST2-0001', ...io])).toContain('The independent person report has arrived.');
    // Bad usage is the usage text and exit 2.
    expect((await cli(['review', 'agree', '--case', 'DEMO-ST2-0001', '--point', '1', '--agrees', 'maybe', ...ip])).code).toBe(2);
  }, 240_000);

  it('replaces keys and revokes a card: the new card replaces the old at the contact, a revoked card opens nothing', async () => {
    const dir = tempDir();
    const io = ['--store', path.join(dir, 'io.cwstore')];
    const ip = ['--store', path.join(dir, 'ip.cwstore')];
    const f = (n: string) => path.join(dir, n);
    const ok = async (args: string[]) => {
      const r = await cli(args);
      expect(r, args.join(' ')).toMatchObject({ code: 0, err: '' });
      return r.out;
    };
    await ok(['store', 'init', '--demo', '--name', 'Zofia Wójcik-O’Neill', ...io]);
    await ok(['store', 'init', '--name', 'Dr Femi Adebayo', ...ip]);
    await ok(['id', 'export', '--out', f('io.cwid'), ...io]);
    await ok(['id', 'export', '--out', f('ip.cwid'), ...ip]);
    await ok(['contact', 'add', '--file', f('ip.cwid'), '--verified', ...io]);
    await ok(['contact', 'add', '--file', f('io.cwid'), '--verified', ...ip]);
    const oldFpr = /Fingerprint: (.+)\n/.exec(await ok(['id', 'show', ...io]))![1]!;
    await ok(['review', 'send', '--case', 'DEMO-ST2-0001', '--to', 'Dr Femi Adebayo', '--out', f('d1.cwpack'), ...io]);

    expect(await cli(['id', 'new-keys', ...io])).toMatchObject({ code: 2 });
    const made = await ok(['id', 'new-keys', '--reason', 'laptop stolen', ...io]);
    const newFpr = /^New keys made\. Fingerprint: (.+)\n/.exec(made)![1]!;
    expect(made).toContain(`Replaces: ${oldFpr}\n`);
    expect(await ok(['id', 'show', ...io])).toContain(`Earlier card: ${oldFpr}, replaced `);
    await ok(['id', 'export', '--out', f('io-2.cwid'), ...io]);
    expect(await ok(['contact', 'add', '--file', f('io-2.cwid'), ...ip])).toContain(`This card replaces Zofia Wójcik-O’Neill's card ${oldFpr}, which is no longer trusted.`);
    const list = await ok(['contact', 'list', ...ip]);
    expect(list).toContain(`${oldFpr}\tno longer trusted since `);
    expect(list).toContain(`(replaced by their new card ${newFpr})`);
    expect(list).toContain(`${newFpr}\tnot checked\tZofia Wójcik-O’Neill`);
    // The draft signed with the old key, still on its way: refused, with the reason, nothing opened.
    expect(await cli(['pkg', 'open', '--file', f('d1.cwpack'), ...ip])).toMatchObject({ code: 1, err: expect.stringMatching(/^This package is signed with a card you no longer trust \(you stopped trusting Zofia Wójcik-O’Neill's card on .+: replaced by their new card /) });
    expect(await ok(['case', 'list', ...ip])).toBe('');

    // Revoking by hand, with a reason; the reason is needed.
    expect(await cli(['contact', 'revoke', '--contact', 'Dr Femi Adebayo', ...io])).toMatchObject({ code: 2 });
    expect(await ok(['contact', 'revoke', '--contact', 'Dr Femi Adebayo', '--reason', 'their laptop was lost', ...io])).toMatch(/^Dr Femi Adebayo's card [0-9A-Z ]+ is no longer trusted: nothing will be sent to it or opened from it\.\n$/);
    expect(await cli(['review', 'send', '--case', 'DEMO-ST2-0001', '--to', 'Dr Femi Adebayo', '--out', f('d2.cwpack'), ...io])).toMatchObject({ code: 1, err: expect.stringMatching(/^You stopped trusting Dr Femi Adebayo's card on .+ \(their laptop was lost\), so nothing was sent; /) });
  }, 180_000);
});
