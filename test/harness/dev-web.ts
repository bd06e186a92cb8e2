import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRendererForWeb, startHarness } from './server';

// `npm run dev:web`: the UI in any browser on this machine, against a store in a temporary folder.
// For development and tests only; nothing here is part of the app users install.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casewright-dev-'));
await buildRendererForWeb();
const h = await startHarness({ dir });
console.log(`Casewright (development harness) at ${h.url}\nStores are created in ${dir}; press Ctrl+C to stop.`);
const stop = async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
