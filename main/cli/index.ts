import { enableCompileCache } from '../services/compileCache';
import { runCli } from './cli';
import { promptHidden } from './prompt';

// Before the command's modules load (they are dynamic imports): their compiled code is kept between runs.
enableCompileCache();

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin,
  isTTY: Boolean(process.stdin.isTTY),
  prompt: promptHidden,
});
process.exitCode = code;
