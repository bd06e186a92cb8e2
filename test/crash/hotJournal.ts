/**
 * Leaves a store as a crash in the middle of a rollback-journal transaction would: pages written to the
 * store and the originals in a hot -journal. The process kills itself before it can commit or roll back.
 *
 *   tsx test/crash/hotJournal.ts <store>      CW_PASS: the passphrase
 */
import { applyCipher, openDatabase } from '../../main/services/store/caseStore';

const db = openDatabase(process.argv[2]!, { fileMustExist: true });
applyCipher(db, process.env.CW_PASS!);
db.pragma('journal_mode = DELETE');
db.pragma('cache_size = 1');
db.exec('BEGIN IMMEDIATE');
const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
for (let i = 0; i < 300; i++) put.run(`crash-${i}`, 'x'.repeat(3000));
db.prepare('UPDATE meta SET value = ? WHERE key = ?').run('overwritten', 'created_by');
process.kill(process.pid, 'SIGKILL');
