/**
 * What package.json promises a user's `npm install`: the Node versions that every runtime dependency accepts, and the
 * range of Pulumi SDKs (a peer dependency: the user's copy hosts our dynamic provider).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';

const REPOSITORY = join(__dirname, '..', '..');

interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readManifest = (directory: string): Manifest =>
  JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Manifest;
const ours = readManifest(REPOSITORY);

/** Where Node's resolution finds `name` from `directory`: its own node_modules, then each parent's. */
function installedDirectory(name: string, directory: string): string {
  for (let current = directory; ; current = dirname(current)) {
    const candidate = join(current, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(current) === current) throw new Error(`${name} is not installed where ${directory} would find it`);
  }
}

/** Every package a user's install brings with ours (dependencies, transitively), as installed here. */
function runtimeTree(): Manifest[] {
  const found = new Map<string, Manifest>();
  const visit = (directory: string) => {
    for (const name of Object.keys(readManifest(directory).dependencies ?? {})) {
      const dependency = installedDirectory(name, directory);
      if (found.has(dependency)) continue;
      found.set(dependency, readManifest(dependency));
      visit(dependency);
    }
  };
  visit(REPOSITORY);
  return [...found.values()];
}

describe('engines', () => {
  const engines = ours.engines?.node as string;

  it('is a valid range', () => {
    expect(semver.validRange(engines)).not.toBeNull();
  });

  it('promises no Node version that a runtime dependency refuses', () => {
    const tree = runtimeTree();
    expect(tree.map((manifest) => manifest.name)).toEqual(expect.arrayContaining(Object.keys(ours.dependencies ?? {})));
    const refused = tree
      .filter((manifest) => manifest.engines?.node && !semver.subset(engines, manifest.engines.node))
      .map((manifest) => `${manifest.name}@${manifest.version} needs ${manifest.engines?.node}`);
    expect(refused).toEqual([]);
  });

  it('admits the Node of the `node` devDependency, which npm scripts run', () => {
    const nodePackage = ours.devDependencies?.node as string;
    expect(semver.subset(nodePackage, engines)).toBe(true);
    expect(semver.satisfies(readManifest(installedDirectory('node', REPOSITORY)).version, engines)).toBe(true);
  });
});

describe('@pulumi/pulumi', () => {
  it("is a peer dependency, never a dependency: the program, the engine and the provider share the user's one copy", () => {
    expect(ours.dependencies?.['@pulumi/pulumi']).toBeUndefined();
    expect(semver.validRange(ours.peerDependencies?.['@pulumi/pulumi'])).not.toBeNull();
  });

  it('is developed against a version inside the peer range', () => {
    const peer = ours.peerDependencies?.['@pulumi/pulumi'] as string;
    expect(semver.subset(ours.devDependencies?.['@pulumi/pulumi'] as string, peer)).toBe(true);
    expect(semver.satisfies(readManifest(installedDirectory('@pulumi/pulumi', REPOSITORY)).version, peer)).toBe(true);
  });
});
