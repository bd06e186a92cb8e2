import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseFileJsonSchema } from '../shared/format/caseFile';

// Writes docs/case-format.schema.json from the zod schema; a test fails if the committed copy is stale.
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/case-format.schema.json');
fs.writeFileSync(out, `${JSON.stringify(caseFileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
