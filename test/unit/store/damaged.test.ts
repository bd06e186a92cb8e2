import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOD_PASSPHRASE } from '../../helpers/tmp';
import { testSession } from '../../helpers/session';

/**
 * A store with one page spoilt after it was written (a failing disk sector, or someone changing bytes of the
 * file): SQLCipher's per-page HMAC refuses that page. It still opens (page 1 is fine) and most of it reads, but
 * "Check the store" answered "Casewright hit an unexpected problem (database disk image is malformed)", or listed
 * SQLite's own multi-line report, and a backup was refused as if its folder were read-only.
 */
async function damagedStore() {
  const t = testSession();
  const file = path.join(t.dir, 'Łucja Öztürk-Nguyễn.cwstore');
  await t.call('store.create', { path: file, passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true });
  const [c] = await t.call('cases.list', {});
  for (let i = 0; i < 4; i++) await t.call('attachments.add', { caseId: c!.id, fileName: `note-${i}.txt`, dataBase64: Buffer.from(`Zoë's note ${i}. `.repeat(9000)).toString('base64') });
  t.session.lock('user');
  return { ...t, file, caseId: c!.id };
}

function spoilPage(file: string, page: number) {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.from([1, 2, 3, 4]), 0, 4, page * 4096 + 100);
  fs.closeSync(fd);
}

const DAMAGED = /^Łucja Öztürk-Nguyễn\.cwstore is damaged \(part of it can no longer be read\); restore the newest backup \(Settings → Backups, or store restore on the command line\) before making more changes\.$/;

describe('a store with a spoilt page', () => {
  it('is reported by Check the store in one plain sentence, wherever the page is, and a backup says the store is damaged', { timeout: 120_000 }, async () => {
    const { file, dispatch, call } = await damagedStore();
    const pages = fs.statSync(file).size / 4096;
    let checked = 0;
    let backupsRefused = 0;
    // Spread over the file: the tables' pages, the files' pages, the index's pages.
    for (const at of [0.3, 0.6, 0.95]) {
      const copy = path.join(path.dirname(file), `copy-${at}.cwstore`);
      fs.copyFileSync(file, copy);
      spoilPage(copy, Math.floor(pages * at));
      const opened = await dispatch('store.open', { path: copy, passphrase: GOOD_PASSPHRASE });
      if (!opened.ok) {
        // Damage the open itself meets is refused at the door, in one sentence.
        expect(opened.error.code).toBe('NOT_A_STORE');
        continue;
      }
      const v = await dispatch('store.verify', {});
      expect(v.ok, JSON.stringify(v)).toBe(true);
      if (!v.ok) continue;
      const result = v.data as { ok: boolean; problems: string[] };
      expect(result.ok).toBe(false);
      for (const p of result.problems) {
        expect(p).not.toMatch(/\n|\*\*\*|malformed|Tree \d|btree|SQLite integrity check:/i);
      }
      expect(result.problems.some((p) => DAMAGED.test(p.replace(/copy-[\d.]+\.cwstore/, 'Łucja Öztürk-Nguyễn.cwstore'))), JSON.stringify(result.problems)).toBe(true);
      checked++;
      const b = await dispatch('backup.create', {});
      if (!b.ok) {
        backupsRefused++;
        expect(b.error.code).toBe('DAMAGED');
        expect(b.error.message).not.toMatch(/folder|malformed/);
      }
      await call('store.lock', {});
    }
    // Most of these copies open (their damage is beyond page 1) and no backup of a damaged store is made.
    expect([checked, backupsRefused]).toEqual([3, 3]);
  });
});
