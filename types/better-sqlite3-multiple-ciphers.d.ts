// better-sqlite3-multiple-ciphers 13 ships index.d.ts, but its package.json "exports" has no "types" condition,
// so TypeScript cannot find it. This declaration points the module name at the package's own typings through
// the path alias in tsconfig.json, which only type checking uses (nothing imports the alias at run time, so
// tsx, which also reads "paths", is unaffected).
declare module 'better-sqlite3-multiple-ciphers' {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- `import x = require()` is how a declaration re-exports an `export =` module
  import Database = require('better-sqlite3-multiple-ciphers-types');
  export = Database;
}
