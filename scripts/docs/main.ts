/**
 * `npm run docs`: writes the generated blocks of the hand-written pages (README.md, docs/concepts.md, …) from the
 * declared shapes, and the pages of docs/ from the package schema and examples/docs (hand-written pages of docs/ are
 * left alone but for their blocks).
 */
import { writeDocs } from './pages';
import { writeBlocks } from './tables';

const rewritten = writeBlocks();
for (const page of rewritten) process.stdout.write(`${page}: generated blocks rewritten\n`);
if (rewritten.length === 0) process.stdout.write('generated blocks are current\n');

const { written, removed } = writeDocs();
for (const file of written) process.stdout.write(`docs/${file}: written\n`);
for (const file of removed) process.stdout.write(`docs/${file}: removed (no longer generated)\n`);
if (written.length === 0 && removed.length === 0) process.stdout.write('docs/ is current\n');
