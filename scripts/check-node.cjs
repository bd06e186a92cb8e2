// Runs before anything else on `npm start` (and is required first by scripts/start.mjs), so it is written to
// load on any Node still in use: CommonJS, `var`, no optional chaining, no node: imports. An old Node
// (Debian's 18 or 20, say) would otherwise fail inside start.mjs or a dependency with an error that names
// neither the cause nor the fix.
'use strict';

// Keep equal to "engines.node" in package.json (a unit test checks).
var REQUIRED = { major: 22, minor: 12 };

/**
 * One sentence saying what to do when `version` (process.versions.node, e.g. "20.11.1") is older than
 * REQUIRED, or null when it is new enough.
 */
function nodeVersionProblem(version) {
  var parts = String(version).replace(/^v/, '').split('.');
  var major = parseInt(parts[0], 10);
  var minor = parseInt(parts[1], 10);
  if (isNaN(major) || isNaN(minor)) return null;
  if (major > REQUIRED.major || (major === REQUIRED.major && minor >= REQUIRED.minor)) return null;
  return (
    'Casewright needs Node ' + REQUIRED.major + '.' + REQUIRED.minor + ' or newer but this is Node ' + version +
    '; install Node 24 LTS from https://nodejs.org (or with nvm: nvm install 24) and run npm start again.'
  );
}

module.exports = { REQUIRED: REQUIRED, nodeVersionProblem: nodeVersionProblem };

if (require.main === module) {
  var problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
