// The Electron main process entry (built to out/main/index.js). All logic lives in ./app so it can be tested
// with `electron` mocked; this file only starts it.
import { enableCompileCache } from '../services/compileCache';
import { bootstrap } from './app';

// Node's compile cache in the OS cache folder (compiled JavaScript only, never case data: docs/security.md),
// for the modules loaded from here on: the document renderers, pdf.js and the other chunks loaded when needed.
enableCompileCache();
void bootstrap();
