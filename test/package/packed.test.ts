/**
 * What `npm pack` ships (the build that `npm test` made first): a licence that matches package.json, and no source map
 * that names a file the package lacks. Pulumi's program host and dynamic-provider host load source-map-support, so a
 * shipped map decides the file names in the stack traces users see when an operation fails.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

const REPOSITORY = join(__dirname, '..', '..');

/** The files `npm pack` would put in the tarball, relative to the package root. */
function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: REPOSITORY,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const [tarball] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
  return (tarball?.files ?? []).map((file) => file.path);
}

/** The files a source map names, as paths inside the package. */
function sourcesOf(mapText: string, mapPath: string): string[] {
  const map = JSON.parse(mapText) as { sourceRoot?: string; sources: string[] };
  return map.sources.map((source) => posix.join(posix.dirname(mapPath), map.sourceRoot ?? '', source));
}

/** Each way the shipped files name a file the tarball lacks, through source maps (inline, beside, or pointed to). */
function unshippedNames(files: string[]): string[] {
  const shipped = new Set(files);
  const problems: string[] = [];
  const check = (where: string, sources: string[]) => {
    for (const source of sources) if (!shipped.has(source)) problems.push(`${where} names ${source}`);
  };
  for (const file of files.filter((path) => path.endsWith('.map')))
    check(file, sourcesOf(readFileSync(join(REPOSITORY, file), 'utf8'), file));
  for (const file of files.filter((path) => path.endsWith('.js'))) {
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(REPOSITORY, file), 'utf8'))?.[1];
    if (url === undefined) continue;
    const inline = /^data:application\/json;(?:charset=utf-8;)?base64,(.*)$/.exec(url);
    if (inline) check(file, sourcesOf(Buffer.from(inline[1] as string, 'base64').toString('utf8'), file));
    else if (!shipped.has(posix.join(posix.dirname(file), url))) problems.push(`${file} points to ${url}, not shipped`);
  }
  return problems;
}

let files: string[];
beforeAll(() => {
  files = packedFiles();
});

it("ships the package's code (the list is not empty by accident)", () => {
  expect(files).toEqual(
    expect.arrayContaining(['package.json', 'dist/provider/index.js', 'dist/provider/implementation/index.js']),
  );
});

it('ships a LICENSE with the text of the licence package.json names', () => {
  const { license } = JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as { license: string };
  expect(license).toBe('Apache-2.0');
  expect(files).toContain('LICENSE');
  const text = readFileSync(join(REPOSITORY, 'LICENSE'), 'utf8');
  expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  expect(text).toContain('Copyright 2026 the pulumi-sinch-voice authors');
});

it('no source map it ships, inline or beside the code, names a file it does not ship', () => {
  expect(unshippedNames(files)).toEqual([]);
});
