// Asks the main process which screen to show while the app's entry script (the shell and the unlock screen) is
// still being fetched and run, so the unlock screen does not wait for that round trip afterwards (issue 15).
// src/main.ts takes this answer for its first status. Plain script: it runs before any module.
/* global window */
'use strict';
if (window.casewright && typeof window.casewright['app.status'] === 'function') {
  window.casewrightEarlyStatus = window.casewright['app.status']({});
  // Never an unhandled rejection: main.ts handles the outcome when it takes the promise.
  window.casewrightEarlyStatus.catch(function () {});
}
