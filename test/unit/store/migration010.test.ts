import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../main/services/store/migrations';
import { migration010 } from '../../../main/services/store/migrations/010_panel_papers';

describe('migration 010: papers received for a review panel', () => {
  it('keeps each package’s papers as blobs, one role per member, valid manifest JSON, removed with their package', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration010));
    expect(before.length).toBeGreaterThan(0);
    migrate(db, before);
    migrate(db, [...before, migration010]);
    const delivery = db.prepare(
      "INSERT INTO panel_deliveries (package_id, sender_fingerprint, sender_name, sender_organisation, origin_case_id, reference, hearing_date, member_name, member_role, manifest, sent_at, received_at) VALUES (?, 'F', 'Siobhán', '', 'c1', 'R-1', NULL, 'Ewa', ?, ?, 'now', 'now')",
    );
    delivery.run('p1', 'chair', '{"documents":[]}');
    expect(() => delivery.run('p2', 'secretary', '{}')).toThrow(/CHECK/);
    expect(() => delivery.run('p3', 'member', 'not json')).toThrow(/CHECK/);
    const paper = db.prepare("INSERT INTO panel_papers (id, package_id, position, kind, document_kind, title, file_name, pages, size, sha256, manifest_sha256, data) VALUES (?, ?, ?, ?, NULL, 'Pack', 'pack.pdf', 1, 3, 'x', 'x', ?)");
    paper.run('a', 'p1', 0, 'pack', Buffer.from('%PD'));
    expect(() => paper.run('b', 'p1', 0, 'document', Buffer.from('x'))).toThrow(/UNIQUE/);
    expect(() => paper.run('c', 'nope', 1, 'document', Buffer.from('x'))).toThrow(/FOREIGN KEY/);
    expect(() => paper.run('d', 'p1', 1, 'letter', Buffer.from('x'))).toThrow(/CHECK/);
    expect((db.prepare("SELECT data FROM panel_papers WHERE id = 'a'").get() as { data: Buffer }).data.toString()).toBe('%PD');
    db.prepare("DELETE FROM panel_deliveries WHERE package_id = 'p1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM panel_papers').get()).toEqual({ n: 0 });
    db.close();
  });
});
