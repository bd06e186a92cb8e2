import { createDispatcher } from '../../main/api/handlers';
import { memorySettings, type Platform } from '../../main/services/platform';
import { Session } from '../../main/services/session/session';
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api/contract';
import { tempDir } from './tmp';

/**
 * A session on the real handler table in a fresh temporary folder, as the unit tests use it: today pinned to a
 * Wednesday, and every path allowed (the test stands in for a person who chose the file in the app's dialog).
 * `call` returns the data or throws the refusal's sentence.
 */
export function testSession(overrides: Partial<Platform> = {}) {
  const dir = tempDir();
  const session = new Session({
    actor: 'Test Officer',
    appVersion: 'test',
    settings: memorySettings(),
    vault: null,
    chooseStorePath: async () => null,
    allowsPath: () => true,
    chooseSavePath: async () => null,
    chooseFolder: async () => null,
    emit: () => {},
    today: () => '2026-11-25',
    ...overrides,
  });
  const dispatch = createDispatcher(session);
  const call = async <N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> => {
    const r = await dispatch(name, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.data as ApiOutput<N>;
  };
  return { dir, session, dispatch, call };
}
