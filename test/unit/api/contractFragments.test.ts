import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/api/contract';
import { backupContract } from '../../../shared/api/features/backup';
import { exchangeContract } from '../../../shared/api/features/exchange';
import { reviewContract } from '../../../shared/api/features/review';
import { handlers } from '../../../main/api/handlers';

describe('the contract composed from feature parts', () => {
  it('keeps each feature’s names under its own prefix, once each, all in the one contract and the one handler table', () => {
    const parts = { backup: backupContract, exchange: exchangeContract, review: reviewContract };
    const seen = new Set<string>();
    for (const [prefix, part] of Object.entries(parts)) {
      for (const name of Object.keys(part)) {
        expect(name.startsWith(`${prefix}.`), name).toBe(true);
        // Spreading two parts that define one name would not fail to compile: this does.
        expect(seen.has(name), name).toBe(false);
        seen.add(name);
        expect(Object.hasOwn(contract, name), name).toBe(true);
        expect(typeof (handlers as Record<string, unknown>)[name], name).toBe('function');
      }
    }
    const core = Object.keys(contract).filter((n) => !Object.keys(parts).some((p) => n.startsWith(`${p}.`)));
    expect(Object.keys(contract).length).toBe(core.length + seen.size);
  });
});
