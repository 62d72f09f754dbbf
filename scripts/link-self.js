// Makes `require('pulumi-sinch-voice/implementation')` resolve inside this repository too. The serialized dynamic
// provider loads the implementation by package name from the project directory, as it does in a user's project
// where the package is installed; here the top-level stack and the demo are that project.
'use strict';
const { lstatSync, mkdirSync, symlinkSync } = require('node:fs');
const { join } = require('node:path');

const link = join(__dirname, '..', 'node_modules', 'pulumi-sinch-voice');
try {
  lstatSync(link);
} catch {
  mkdirSync(join(link, '..'), { recursive: true });
  symlinkSync('..', link, 'dir');
}
