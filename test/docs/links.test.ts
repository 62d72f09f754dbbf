/**
 * Every relative link of the hand-written pages and of docs/ resolves: to a file of the repository and, when it names
 * a heading of a Markdown page (`page.md#anchor`), to a heading of that page, as GitHub makes anchors from headings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { REPOSITORY } from '../../scripts/docs/tables';
import { MARKDOWN_PAGES } from './markdownPages';

/** The page's lines outside fenced code blocks. */
function prose(text: string): string[] {
  let fence: string | undefined;
  return text.split('\n').filter((line) => {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker && (fence === undefined || fence === marker)) {
      fence = fence === undefined ? marker : undefined;
      return false;
    }
    return fence === undefined;
  });
}

/** GitHub's anchor of a heading: lower case, inline markup and punctuation dropped, spaces as dashes. */
export function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a page's headings, a repeated one numbered as GitHub numbers it (`-1`, `-2`, …). */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const line of prose(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

/** The targets of a page's links and images, inline code left out. */
function links(text: string): string[] {
  return prose(text).flatMap((line) =>
    [...line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] as string),
  );
}

const read = (page: string) => readFileSync(join(REPOSITORY, page), 'utf8');

it('the slug of a heading is the anchor GitHub gives it', () => {
  expect(slug('The plugin: `pulumi-resource-sinch`')).toBe('the-plugin-pulumi-resource-sinch');
  expect(slug('Renames, reorders and adoption')).toBe('renames-reorders-and-adoption');
  expect(slug('The admin surface, under `/_sim/`')).toBe('the-admin-surface-under-_sim');
  expect(slug('Explicit providers: several applications in one stack')).toBe(
    'explicit-providers-several-applications-in-one-stack',
  );
});

it.each(MARKDOWN_PAGES)('%s: every relative link resolves, anchors included', (page) => {
  const broken = links(read(page)).flatMap((target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return []; // https:, mailto:
    const [path = '', anchor] = target.split('#');
    const file = path === '' ? page : normalize(join(dirname(page), decodeURIComponent(path)));
    if (relative(REPOSITORY, join(REPOSITORY, file)).startsWith('..') || !existsSync(join(REPOSITORY, file)))
      return [`${target}: no file ${file}`];
    if (anchor !== undefined && file.endsWith('.md') && !anchors(read(file)).has(anchor))
      return [`${target}: no heading #${anchor} in ${file}`];
    return [];
  });
  expect(broken).toEqual([]);
});

it('the pages link to one another: the README reaches every hand-written page', () => {
  const fromReadme = new Set(links(read('README.md')).map((target) => target.split('#')[0]));
  const unreached = MARKDOWN_PAGES.filter((page) => page !== 'README.md' && !fromReadme.has(page));
  expect(unreached).toEqual([]);
});
