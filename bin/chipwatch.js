#!/usr/bin/env node
// The `chipwatch` command: runs the compiled CLI (built by `npm install` through the prepare script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('chipwatch: not built yet; run `npm run build` in ' + join(__dirname, '..') + '\n');
  process.exit(1);
}
require(entry)
  .main(process.argv)
  .catch((error) => {
    process.stderr.write('chipwatch: ' + (error && error.stack ? error.stack : String(error)) + '\n');
    process.exit(1);
  });
