/**
 * `npm run docs`: writes the README's generated blocks from the declared shapes, and the pages of docs/ from the
 * package schema and examples/docs (hand-written pages of docs/ are left alone).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDocs } from './pages';
import { REPOSITORY, renderReadme } from './tables';

const readme = join(REPOSITORY, 'README.md');
const before = readFileSync(readme, 'utf8');
const after = renderReadme(before);
if (after !== before) writeFileSync(readme, after);
process.stdout.write(after === before ? 'README.md is current\n' : 'README.md: generated blocks rewritten\n');

const { written, removed } = writeDocs();
for (const file of written) process.stdout.write(`docs/${file}: written\n`);
for (const file of removed) process.stdout.write(`docs/${file}: removed (no longer generated)\n`);
if (written.length === 0 && removed.length === 0) process.stdout.write('docs/ is current\n');
