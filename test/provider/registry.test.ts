/**
 * The registry (provider/registry.ts) is the one list of resource kinds and functions: everything that serves,
 * describes or exports one derives from it. These tests fail while a registered kind lacks one of its own files, or
 * when a file or export of a kind exists that the registry does not know.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkg from '../../provider';
import {
  DYNAMIC_METHODS,
  FUNCTION_NAMES,
  FUNCTIONS,
  implementationOf,
  RESOURCE_KINDS,
  RESOURCE_METHODS,
  RESOURCES,
  type PropertyValues,
  type ResourceKind,
} from '../../provider/implementation';
import { functionOf, kindOf } from '../../provider/plugin/tokens';
import { packageSchema, token } from '../../provider/schema/packageSchema';
import { constantDefaults, outputNames } from '../../provider/shapes';
import { APP_A, VOICE_ONLY } from '../support/fixtures';
import { testContext } from '../support/provider';
import { sharedSimulator } from '../support/simulator';

const REPOSITORY = join(__dirname, '..', '..');
const simulator = sharedSimulator();

/**
 * A declaration of each kind with every input given, optional ones too: a new kind is a compile error here until it
 * has one, and then the round trip below holds it.
 */
const EVERY_INPUT = {
  NumberAssignment: { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice', allowReassign: true },
  ApplicationCallbacks: {
    applicationKey: APP_A.key,
    primary: 'https://voice.example.com/primary',
    fallback: 'https://voice.example.com/fallback',
  },
} satisfies Record<ResourceKind, PropertyValues>;

describe.each(RESOURCE_KINDS)('the registration of %s', (kind) => {
  const registration = RESOURCES[kind];

  it('names its shape by the same kind, and has a plugin token and a schema entry', () => {
    expect(registration.shape.kind).toBe(kind);
    expect(kindOf(token(kind))).toBe(kind);
    expect(Object.keys(packageSchema('0.0.0').resources)).toContain(token(kind));
  });

  it('has its resource class in the package, and its shim under the export path every deployed stack records', () => {
    expect(typeof (pkg as Record<string, unknown>)[kind]).toBe('function');
    // The engine writes `require("pulumi-sinch-voice/shims/<kind>")` into the state: package.json's `./shims/*`.
    const exports = (JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as { exports: object })
      .exports as Record<string, string>;
    const target = exports['./shims/*']?.replace('*', kind) as string;
    expect(existsSync(join(REPOSITORY, target))).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module a deployed stack loads
    const shim = require(join(REPOSITORY, target)) as Record<string, unknown>;
    expect(Object.keys(shim).sort()).toEqual([...DYNAMIC_METHODS].sort());
  });

  it('implements every method', () => {
    const implementation = registration.implement(testContext(simulator, 'signed'));
    expect(Object.keys(implementation).sort()).toEqual([...RESOURCE_METHODS].sort());
  });

  it("migrates an import's empty state to nothing but today's constant defaults", () => {
    expect(registration.migrate({})).toEqual(constantDefaults(registration.shape));
  });

  it('gives the example id a resource name Pulumi accepts', () => {
    expect(registration.resourceName(registration.shape.id.example)).toMatch(/^[A-Za-z0-9][\w.+-]*$/);
  });

  it('create, then refresh: the state keeps every output, those Sinch does not store among them (read carries them over)', async () => {
    const implementation = implementationOf(registration, testContext(simulator, 'signed'));
    const { inputs, failures } = await implementation.check({ olds: {}, news: EVERY_INPUT[kind] });
    expect(failures).toEqual([]);
    const created = await implementation.create({ inputs });
    const refreshed = await implementation.read({ id: created.id, props: created.outs });
    expect(refreshed).toEqual({ id: created.id, props: created.outs, inputs });
    expect(Object.keys(created.outs).sort()).toEqual(
      outputNames(registration.shape)
        .filter((name) => created.outs[name] !== undefined)
        .sort(),
    );
    await implementation.delete({ id: created.id, props: created.outs });
  });
});

it('every module under provider/shims is a registered kind', () => {
  const modules = readdirSync(join(REPOSITORY, 'provider', 'shims')).map((file) => file.replace(/\.ts$/, ''));
  expect(modules.sort()).toEqual([...RESOURCE_KINDS].sort());
});

describe.each(FUNCTION_NAMES)('the registration of function %s', (name) => {
  const registration = FUNCTIONS[name];

  it('parses exactly the inputs its shape declares, and has a plugin token, a schema entry and a program-side function', () => {
    expect(Object.keys(registration.arguments).sort()).toEqual(Object.keys(registration.shape.inputs).sort());
    expect(functionOf(token(name))).toBe(name);
    expect(Object.keys(packageSchema('0.0.0').functions)).toContain(token(name));
    expect(typeof (pkg as Record<string, unknown>)[name]).toBe('function');
  });
});
