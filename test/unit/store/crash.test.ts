import { describe, expect, it } from 'vitest';
import { OPS, runRounds } from '../../crash/rounds';
import { tempDir } from '../../helpers/tmp';

/**
 * The crash suite, bounded for `npm test`: one child process per operation, killed with SIGKILL at a random
 * moment while it writes. Long runs: `npm run test:crash -- --rounds 200`.
 */
describe('killing Casewright in the middle of a write', () => {
  it('never loses the store or an acknowledged write', { timeout: 420_000 }, async () => {
    const lines: string[] = [];
    const s = await runRounds({ dir: tempDir(), rounds: OPS.length, ops: OPS, log: (l) => lines.push(l) });
    expect(s.failures, lines.join('\n')).toEqual([]);
    expect(s.storesLost).toBe(0);
    expect(s.acksLost).toBe(0);
    expect(s.rounds).toBe(OPS.length);
  });
});
