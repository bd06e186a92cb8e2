import { runCli, type CliIo } from '../../main/cli/cli';
import { GOOD_PASSPHRASE } from './tmp';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * The command line run in this process, as a person at a terminal would run it: the test passphrase and user,
 * today pinned to a Wednesday (2026-11-25) unless `env` says otherwise, `stdin` as piped input, no terminal.
 */
export async function runCliInTest(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    env: { CASEWRIGHT_PASSPHRASE: GOOD_PASSPHRASE, CASEWRIGHT_USER: 'Test Officer', CASEWRIGHT_TODAY: '2026-11-25', ...env },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readStdin: async () => stdin,
    isTTY: false,
    prompt: async () => {
      throw new Error('no terminal in tests');
    },
  };
  const code = await runCli(args, io);
  return { code, out, err };
}
