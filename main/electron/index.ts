// The Electron main process entry (built to out/main/index.js). All logic lives in ./app so it can be tested
// with `electron` mocked; this file only starts it.
import { bootstrap } from './app';

void bootstrap();
