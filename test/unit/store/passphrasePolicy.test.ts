import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../main/services/errors';
import { CaseService } from '../../../main/services/cases/caseService';
import { CaseStore } from '../../../main/services/store/caseStore';
import { passphraseProblem } from '../../../main/services/store/passphrasePolicy';
import { buildDemoCase } from '../../../shared/domain/demoCase';
import { GOOD_PASSPHRASE, OTHER_PASSPHRASE, tempDir } from '../../helpers/tmp';

const oneSentence = (s: string | null) => {
  expect(s).toMatch(/^The passphrase .*\.$/);
  expect(s!.match(/[.!?](\s|$)/g)).toHaveLength(1);
};

describe('passphrase policy (a maintained strength estimator, zxcvbn-ts)', () => {
  it('refuses guessable passphrases of 12 characters or more, with the reason', () => {
    for (const p of ['P@ssw0rd1234', '123456789012', 'Summer2024!!', '1qaz2wsx3edc']) {
      const problem = passphraseProblem(p);
      expect(problem, p).not.toBeNull();
      oneSentence(problem);
    }
    expect(passphraseProblem('P@ssw0rd1234')).toMatch(/similar to a commonly used password/);
  });

  it("refuses the user's own name, the case references and the app's name", () => {
    expect(passphraseProblem('Amira Haddad 1975', { userInputs: ['Amira Haddad'] })).toMatch(/your name, a case reference or the name of the app/);
    expect(passphraseProblem('CSC/2026/0142!', { userInputs: ['CSC/2026/0142'] })).toMatch(/your name, a case reference or the name of the app/);
    expect(passphraseProblem('casewright2024')).not.toBeNull();
  });

  it('keeps accepting good passphrases', () => {
    for (const p of [GOOD_PASSPHRASE, OTHER_PASSPHRASE, 'marmalade on the night train', 'fixture store of version 0.1.0', 'crème brûlée at Zoë’s house', 'benchmark passphrase for timing']) {
      expect(passphraseProblem(p, { userInputs: ['Test Officer', 'IO'] }), p).toBeNull();
    }
  });

  it('loads the dictionaries only when a passphrase is first checked, so start-up stays fast', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      'const require = createRequire(import.meta.url);',
      "const loaded = () => Object.keys(require.cache).some((k) => k.includes('zxcvbn'));",
      "const m = await import('./main/services/store/passphrasePolicy.ts');",
      'const before = loaded();',
      "m.passphraseProblem('violet kettle under moonlight');",
      'console.log(JSON.stringify([before, loaded()]));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: path.resolve(import.meta.dirname, '../../..'), encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual([false, true]);
  });

  it('is applied when a store is created and when the passphrase is changed (a case reference as the new one)', () => {
    const dir = tempDir();
    expect(() => CaseStore.create(path.join(dir, 'a.cwstore'), 'Summer2024!!', { actor: 'IO' })).toThrow(UserError);
    expect(() => CaseStore.create(path.join(dir, 'b.cwstore'), 'Amira Haddad 1975', { actor: 'Amira Haddad' })).toThrow(/your name/);
    expect(fs.readdirSync(dir)).toEqual([]);
    const store = CaseStore.create(path.join(dir, 'c.cwstore'), GOOD_PASSPHRASE, { actor: 'IO' });
    const c = new CaseService(() => store.db, 'IO').create(buildDemoCase('2026-11-27'));
    const ref = c.record.reference;
    expect(() => store.changePassphrase(GOOD_PASSPHRASE, `${ref}-2026`)).toThrow(/case reference/);
    store.lock();
  });
});
