/** The Markdown pages written by hand (and docs/, generated or not): what the link and block tests read. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY } from '../../scripts/docs/tables';

export const MARKDOWN_PAGES: readonly string[] = [
  'README.md',
  'CONTRIBUTING.md',
  'bench/README.md',
  'simulator/README.md',
  'test/live/README.md',
  ...readdirSync(join(REPOSITORY, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/${file}`),
];
