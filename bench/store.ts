import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CaseService } from '../main/services/cases/caseService';
import { verifyAuditChain } from '../main/services/store/audit';
import { CaseStore } from '../main/services/store/caseStore';
import { buildDemoCase } from '../shared/domain/demoCase';
import { mib, ms, timeMany } from './stats';

const PASS = 'benchmark passphrase for timing';

/** Opening (key derivation dominates), saving a case and listing, on a real encrypted store of 200 cases. */
export function benchStore(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-bench-'));
  try {
    const file = path.join(dir, 'bench.cwstore');
    const rssBefore = process.memoryUsage().rss;
    const store = CaseStore.create(file, PASS, { actor: 'bench' });
    const cases = new CaseService(() => store.db, 'bench');
    const demo = buildDemoCase('2026-11-27');
    const ids: string[] = [];
    const create = timeMany(200, (i) => ids.push(cases.create({ ...demo, reference: `BENCH-${i}` }).id));
    const save = timeMany(200, (i) => {
      const c = cases.get(ids[i]!);
      cases.update(c.id, c.revision, { ...c.record, teamComplainedAbout: `Team ${i}` });
    });
    const get = timeMany(200, (i) => cases.get(ids[i]!));
    const list = timeMany(20, () => cases.list());
    store.lock();
    const open = timeMany(5, () => CaseStore.open(file, PASS, { actor: 'bench' }).lock());
    const again = CaseStore.open(file, PASS, { actor: 'bench' });
    const verify = timeMany(5, () => {
      if (verifyAuditChain(again.db).length > 0) throw new Error('the benchmark store does not verify');
    });
    again.lock();
    const size = fs.statSync(file).size;
    return [
      '## Case store',
      '',
      'A real encrypted store (SQLCipher 4 settings) holding 200 demo-sized cases.',
      '',
      '| measure | p50 | p95 |',
      '|---|---|---|',
      `| open (PBKDF2-SHA512, 256,000 iterations, and scrypt to unwrap the audit key) | ${ms(open.p50)} | ${ms(open.p95)} |`,
      `| create a case | ${ms(create.p50)} | ${ms(create.p95)} |`,
      `| save a case (read, diff, write, audit) | ${ms(save.p50)} | ${ms(save.p95)} |`,
      `| open a case | ${ms(get.p50)} | ${ms(get.p95)} |`,
      `| list 200 cases | ${ms(list.p50)} | ${ms(list.p95)} |`,
      `| verify the audit log (${200 * 2 + 1} entries: chain, guards, digest of every case) | ${ms(verify.p50)} | ${ms(verify.p95)} |`,
      '',
      `Store file: ${mib(size)}; resident memory grew by ${mib(process.memoryUsage().rss - rssBefore)} over the run.`,
      '',
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
