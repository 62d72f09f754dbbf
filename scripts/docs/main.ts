/** `npm run docs`: writes the README's generated blocks from the declared shapes. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReadme } from './tables';

const readme = join(__dirname, '..', '..', '..', 'README.md');
const before = readFileSync(readme, 'utf8');
const after = renderReadme(before);
if (after !== before) writeFileSync(readme, after);
process.stdout.write(after === before ? 'README.md is current\n' : 'README.md: generated blocks rewritten\n');
