import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as pulumi from '@pulumi/pulumi';
import { dynamicType, providerLoader, withProvider } from '../../provider/resources/dynamicResource';

let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'sinch-dynamic-'));
  // An installed module whose exports are a provider, as the package's shims are in a user's project.
  const installed = join(project, 'node_modules', 'installed-shim');
  mkdirSync(installed, { recursive: true });
  writeFileSync(join(installed, 'package.json'), JSON.stringify({ name: 'installed-shim', main: 'index.js' }));
  writeFileSync(join(installed, 'index.js'), 'module.exports = { check: async (olds, news) => ({ inputs: news }) };\n');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Evaluates a `__provider` as Pulumi's dynamic-provider host does: a module, its requires from the project. */
function hostHandler(text: string): unknown {
  const module = { exports: {} as { handler?: () => unknown } };
  new Function('exports', 'require', 'module', text)(module.exports, createRequire(join(project, 'index.js')), module);
  return module.exports.handler?.();
}

describe("a dynamic resource's __provider", () => {
  it('is a one-line require when the serializer requires the installed shim by name, and loads the same module', async () => {
    const load = createRequire(join(project, 'index.js'));
    const shim = load('installed-shim') as pulumi.dynamic.ResourceProvider;
    const text = await (withProvider('NumberAssignment', shim, { number: '+12015550100' })
      .__provider as Promise<string>);
    // The serializer's name for it: the module's file, as no exports map names it otherwise.
    expect(text).toBe('exports.handler = () => require("installed-shim/index.js");\n');
    expect(hostHandler(text)).toBe(shim);
  });

  it("keeps the serializer's text when it copies the shim by value (run from this repository)", async () => {
    const shim: pulumi.dynamic.ResourceProvider = { create: async () => ({ id: 'local' }) };
    const props = withProvider('ApplicationCallbacks', shim, { primary: 'https://example.com' });
    const text = await (props.__provider as Promise<string>);
    expect(text).toContain('exports.handler = __f0;');
    expect(text).toContain("id: 'local'");
    expect(props.primary).toBe('https://example.com');
    const handled = hostHandler(text) as pulumi.dynamic.ResourceProvider;
    await expect(handled.create?.({})).resolves.toEqual({ id: 'local' });
  });

  it("takes only the shim's own declaration, a whole require by name at the text's start", () => {
    expect(providerLoader('exports.handler = __f0;\nconst shim = require("a/b");\n\nfunction __f0() {}\n')).toBe(
      'exports.handler = () => require("a/b");\n',
    );
    const byValue = 'exports.handler = __f0;\nconst shim = { create: () => require("x") };\n';
    expect(providerLoader(byValue)).toBe(byValue);
    const injected = 'exports.handler = __f0;\nconst shim = require("a");require("b");\n';
    expect(providerLoader(injected)).toBe(injected);
    // A require of that name further down is inside copied code, not the shim's own declaration.
    const nested = 'exports.handler = __f0;\nconst __shim = {};\nconst shim = require("x");\n';
    expect(providerLoader(nested)).toBe(nested);
  });

  it("has dynamic.Resource's type", () => {
    expect(dynamicType('NumberAssignment')).toBe('pulumi-nodejs:dynamic/sinch:NumberAssignment');
  });
});
