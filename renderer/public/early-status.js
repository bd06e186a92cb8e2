// Asks the main process which screen to show while the app's own script (React and the unlock screen, about
// 230 KB) is still being fetched and run, so the unlock screen does not wait for that round trip afterwards
// (issue 15). App.tsx takes this answer for its first status. Plain script: it runs before any module.
/* global window */
'use strict';
if (window.casewright && typeof window.casewright['app.status'] === 'function') {
  window.casewrightEarlyStatus = window.casewright['app.status']({});
  // Never an unhandled rejection: App.tsx handles the outcome when it takes the promise.
  window.casewrightEarlyStatus.catch(function () {});
}
