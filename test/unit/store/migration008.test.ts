import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOCK_INPUTS_SQL, LIST_SQL, caseRepository } from '../../../main/services/cases/caseRepository';
import { CaseService } from '../../../main/services/cases/caseService';
import { clocksForCase } from '../../../main/services/cases/caseClocks';
import { MIGRATIONS, migrate } from '../../../main/services/store/migrations';
import { migration008 } from '../../../main/services/store/migrations/008_case_summary';
import { summaryMismatches } from '../../../main/services/store/verify';
import { CaseStore } from '../../../main/services/store/caseStore';
import { computeCaseClocks } from '../../../shared/clock/caseClocks';
import { caseRecordSchema, type CaseRecord } from '../../../shared/domain/case';
import { summaryColumnsOf } from '../../../shared/domain/caseSummary';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { testSession } from '../../helpers/session';
import { GOOD_PASSPHRASE, tempDir } from '../../helpers/tmp';

const HARD_NAMES = ["Siobhán O'Connor-Ní Bhriain", 'Łucja Żółkiewska', 'Gülşen İnce', 'Νικόλαος Παπαδόπουλος', 'Nguyễn Thị Ánh', `Aa${'ŷ'.repeat(190)}`];

/** What the case list showed before the columns: worked out from the record itself. */
const fromRecord = (id: string, revision: number, updatedAt: string, r: CaseRecord) => ({
  id,
  reference: r.reference,
  council: r.council.name,
  childName: r.child.name,
  complainants: r.complainants.map((c) => c.name),
  updatedAt,
  revision,
  archivedOn: r.archivedOn ?? null,
});

function openStore() {
  const store = CaseStore.create(path.join(tempDir(), 's.cwstore'), GOOD_PASSPHRASE, { actor: 'Test Officer' });
  return { store, cases: new CaseService(() => store.db, 'Test Officer') };
}

describe('migration 008: case summary columns', () => {
  it('adds the columns and fills them, for cases saved before it, with what a save writes now', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 7));
    const demo = buildDemoCase('2026-11-25');
    const records = HARD_NAMES.map((name, i) => caseRecordSchema.parse({
      ...demo,
      reference: `OLD-${i}`,
      child: { ...demo.child, name },
      complainants: [{ ...demo.complainants[0]!, name: HARD_NAMES[(i + 1) % HARD_NAMES.length]! }],
      ...(i === 2 ? { archivedOn: '2026-10-01' } : {}),
    }) as CaseRecord);
    const put = db.prepare('INSERT INTO cases (id, reference, council, revision, created_at, updated_at, record) VALUES (?, ?, ?, 1, ?, ?, ?)');
    records.forEach((r, i) => put.run(`id-${i}`, r.reference, r.council.name, '2026-11-01T10:00:00Z', `2026-11-0${i + 1}T10:00:00Z`, JSON.stringify(r)));
    migrate(db, [...MIGRATIONS.slice(0, 7), migration008]);
    const listed = caseRepository.list(db);
    expect(listed).toEqual(records.map((r, i) => fromRecord(`id-${i}`, 1, `2026-11-0${i + 1}T10:00:00Z`, r)).reverse());
    expect(listed.find((c) => c.reference === 'OLD-2')?.archivedOn).toBe('2026-10-01');
    expect(summaryMismatches(db)).toEqual([]);
    const clocks = caseRepository.listClockInputs(db);
    expect(clocks.map((c) => computeCaseClocks({ ...c.clockInput, today: '2026-11-25' }))).toEqual(records.map((r) => clocksForCase(r, '2026-11-25')));
    db.close();
  });

  it('keeps the columns in step with the record on every save, whatever the names', () => {
    const { store, cases } = openStore();
    const demo = buildDemoCase('2026-11-25');
    const name = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0);
    let n = 0;
    fc.assert(
      fc.property(name, fc.oneof(fc.constantFrom(...HARD_NAMES), name), fc.boolean(), (child, complainant, archive) => {
        const created = cases.create({ ...demo, reference: `R-${n++}`, child: { ...demo.child, name: child } });
        const edited = { ...created.record, complainants: [{ ...created.record.complainants[0]!, name: complainant }], ...(archive ? { archivedOn: '2026-11-20' } : {}) };
        let saved;
        try {
          saved = cases.update(created.id, created.revision, edited);
        } catch {
          return; // refused (the schema's own rules): nothing to compare
        }
        const row = cases.list().find((c) => c.id === created.id)!;
        expect(row).toEqual(fromRecord(saved.id, saved.revision, saved.updatedAt, saved.record));
      }),
      { numRuns: 25 },
    );
    expect(summaryMismatches(store.db)).toEqual([]);
    store.lock();
  });

  it('lists cases, finds a reference and counts every clock without reading a record', async () => {
    const { session, call } = testSession();
    await call('store.create', { path: path.join(tempDir(), 'x.cwstore'), passphrase: GOOD_PASSPHRASE, ownerName: 'Test Officer', demo: true });
    const before = await call('cases.list', {});
    const dashboard = await call('dashboard.deadlines', {});
    const db = session.requireStore().db;
    // A record emptied behind the app's back: the list and dashboard still show the summary the save wrote.
    db.prepare("UPDATE cases SET record = '{}'").run();
    expect(await call('cases.list', {})).toEqual(before);
    expect(await call('dashboard.deadlines', {})).toEqual(dashboard);
    expect(caseRepository.idByReference(db, before[0]!.reference.toLowerCase())).toBe(before[0]!.id);
  });

  it('answers the list and the clock inputs from covering indexes, never the rows that hold the records', () => {
    const { store, cases } = openStore();
    cases.create({ ...buildDemoCase('2026-11-25'), reference: 'PLAN-1' });
    const plan = (sql: string) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan(LIST_SQL)).toMatch(/USING COVERING INDEX cases_list/);
    expect(plan(CLOCK_INPUTS_SQL)).toMatch(/USING COVERING INDEX cases_clock_inputs/);
    expect(plan(LIST_SQL)).not.toMatch(/TEMP B-TREE/);
    store.lock();
  });

  it('is reported by store verify when the columns and the record disagree', () => {
    const { store, cases } = openStore();
    cases.create({ ...buildDemoCase('2026-11-25'), reference: 'TAMPER-1' });
    expect(summaryMismatches(store.db)).toEqual([]);
    store.db.prepare("UPDATE cases SET child_name = 'Someone Else'").run();
    expect(summaryMismatches(store.db)).toEqual([expect.stringMatching(/^Case TAMPER-1: the case list’s summary|^Case TAMPER-1: the case list's summary/)]);
    store.lock();
  });

  it('writes the summary with the record, so a refused save changes neither', () => {
    const { store, cases } = openStore();
    const c = cases.create({ ...buildDemoCase('2026-11-25'), reference: 'ATOMIC-1' });
    const before = store.db.prepare('SELECT child_name, record FROM cases').get();
    // A stale revision is refused inside the transaction: the record and its summary are both untouched.
    expect(() => cases.update(c.id, c.revision + 1, { ...c.record, child: { ...c.record.child, name: 'Changed Name' } })).toThrow(/changed elsewhere/);
    expect(store.db.prepare('SELECT child_name, record FROM cases').get()).toEqual(before);
    expect(summaryColumnsOf(c.record).childName).toBe((before as { child_name: string }).child_name);
    store.lock();
  });
});
