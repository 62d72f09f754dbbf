// @ts-check
// Runs one Pulumi operation through the Automation API, in a scratch project where pulumi-sinch-voice is installed
// from its packed tarball, exactly as a user's program would use it. The request comes as JSON on stdin; the answer
// is one JSON line on stdout. It runs in its own process so that the engine, the program and the package all use
// the scratch project's single copy of @pulumi/pulumi.
//
// Two front ends: `dynamic` declares the package's dynamic resources (NumberAssignment, ApplicationCallbacks);
// `plugin` declares the native plugin's resources as a generated TypeScript SDK does, `new pulumi.CustomResource(
// 'sinch:voice:NumberAssignment', name, props, opts)` with every output of the package schema registered as undefined
// (so that it comes back), explicit providers as `new pulumi.ProviderResource('sinch', …)` with the secret marked
// secret, and the project names the plugin's folder in `plugins.providers` as a user's Pulumi.yaml does.
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** Where a project finds the plugin that `npm install pulumi-sinch-voice` brought, relative to the project. */
const PLUGIN_PATH = 'node_modules/pulumi-sinch-voice/bin';

/**
 * @typedef {{ retainOnDelete?: boolean, aliases?: string[], importId?: string, provider?: string }} DeclaredOptions
 * @typedef {DeclaredOptions & { name: string, number: string, applicationKey?: string, capability?: string, allowReassign?: boolean }} DeclaredNumber
 * @typedef {DeclaredOptions & { name: string, applicationKey?: string, primary: string, fallback?: string }} DeclaredCallbacks
 * @typedef {{ name: string, applicationKey?: string, applicationSecret?: string, baseUrl?: string, auth?: string }} DeclaredProvider
 * @typedef {{ workDir: string, stackName: string, operation: string, config: Record<string, { value: string, secret?: boolean }>, options?: Record<string, unknown>, frontEnd?: 'dynamic' | 'plugin', schema?: Record<string, string[]>, providers?: DeclaredProvider[], exportOutputs?: boolean, numbers?: DeclaredNumber[], callbacks?: DeclaredCallbacks[], programFile?: string }} DriverRequest
 */

async function main() {
  /** @type {DriverRequest} */
  const request = JSON.parse(readFileSync(0, 'utf8'));
  const modules = join(request.workDir, 'node_modules');
  const automation = require(join(modules, '@pulumi', 'pulumi', 'automation'));
  const plugin = request.frontEnd === 'plugin';

  // Either a compiled program copied into the project, or resources declared in the request.
  const program = request.programFile
    ? require(request.programFile)
    : plugin
      ? pluginProgram(request, require(join(modules, '@pulumi', 'pulumi')))
      : dynamicProgram(request, require(join(modules, 'pulumi-sinch-voice')));

  const projectSettings = {
    name: 'sinch-e2e',
    runtime: 'nodejs',
    main: request.workDir,
    ...(plugin ? { plugins: { providers: [{ name: 'sinch', path: PLUGIN_PATH }] } } : {}),
  };
  const stack = await automation.LocalWorkspace.createOrSelectStack(
    { stackName: request.stackName, projectName: 'sinch-e2e', program },
    { workDir: request.workDir, projectSettings },
  );
  // The request's configuration is the whole configuration: keys from an earlier run that it lacks are removed.
  // Only the driver sets a stack's configuration, so when it is what the driver set last, nothing needs setting (two
  // CLI runs, over a second on a loaded machine, of every operation). A digest, so that no secret lands in the file.
  const digest = createHash('sha256').update(JSON.stringify(request.config)).digest('hex');
  const configured = join(request.workDir, `.e2e-config-${request.stackName}`);
  if (!existsSync(configured) || readFileSync(configured, 'utf8') !== digest) {
    const stale = Object.keys(await stack.getAllConfig()).filter((key) => !(key in request.config));
    if (stale.length > 0) await stack.removeAllConfig(stale);
    await stack.setAllConfig(request.config);
    writeFileSync(configured, digest);
  }
  const onOutput = (/** @type {string} */ text) => (output.stdout += text);
  const onError = (/** @type {string} */ text) => (output.stderr += text);
  const options = { ...request.options, onOutput, onError };
  /** @type {unknown} */
  let result;
  /** @type {unknown} */
  let outputs;
  switch (request.operation) {
    case 'up': {
      const up = await stack.up(options);
      result = up.summary;
      if (request.exportOutputs) outputs = up.outputs;
      break;
    }
    case 'preview':
      result = (await stack.preview({ diff: true, ...options })).changeSummary;
      break;
    case 'refresh':
      result = (await stack.refresh(options)).summary;
      break;
    case 'destroy':
      result = (await stack.destroy(options)).summary;
      break;
    case 'export':
      result = await stack.exportStack();
      break;
    case 'cancel':
      await stack.cancel();
      break;
    default:
      throw new Error(`unknown operation ${request.operation}`);
  }
  process.stdout.write(`${JSON.stringify({ ok: true, result, ...(outputs ? { outputs } : {}), ...output })}\n`);
}

/** The declared resources as the package's dynamic resources. */
function dynamicProgram(/** @type {DriverRequest} */ request, /** @type {any} */ sinch) {
  /** Pulumi resource options from their declared form: aliases by former name, `import` by id. */
  const resourceOptions = (/** @type {DeclaredOptions} */ { retainOnDelete, aliases, importId }) => ({
    retainOnDelete,
    aliases: aliases?.map((name) => ({ name })),
    import: importId,
  });
  return async () => {
    const declared = {};
    for (const { name, retainOnDelete, aliases, importId, ...args } of request.numbers ?? []) {
      declared[name] = new sinch.NumberAssignment(name, args, resourceOptions({ retainOnDelete, aliases, importId }));
    }
    for (const { name, retainOnDelete, aliases, importId, ...args } of request.callbacks ?? []) {
      declared[name] = new sinch.ApplicationCallbacks(
        name,
        args,
        resourceOptions({ retainOnDelete, aliases, importId }),
      );
    }
    return request.exportOutputs ? exported(declared, request.schema) : {};
  };
}

/**
 * The declared resources as the plugin's, declared as a generated TypeScript SDK declares them: the inputs given,
 * and every other property of the schema's resource registered as undefined, so that the engine's outputs come back.
 */
function pluginProgram(/** @type {DriverRequest} */ request, /** @type {any} */ pulumi) {
  const schema = request.schema ?? {};
  const props = (/** @type {string} */ token, /** @type {Record<string, unknown>} */ args) => ({
    ...Object.fromEntries((schema[token] ?? []).map((name) => [name, undefined])),
    ...args,
  });
  return async () => {
    /** @type {Record<string, unknown>} */
    const providers = {};
    for (const { name, applicationSecret, ...settings } of request.providers ?? []) {
      providers[name] = new pulumi.ProviderResource('sinch', name, {
        ...settings,
        // A generated SDK marks the schema's secret inputs secret.
        applicationSecret: applicationSecret === undefined ? undefined : pulumi.secret(applicationSecret),
      });
    }
    const resourceOptions = (/** @type {DeclaredOptions} */ { retainOnDelete, aliases, importId, provider }) => ({
      retainOnDelete,
      aliases: aliases?.map((name) => ({ name })),
      import: importId,
      provider: provider === undefined ? undefined : providers[provider],
    });
    const declared = {};
    for (const { name, retainOnDelete, aliases, importId, provider, ...args } of request.numbers ?? []) {
      const token = 'sinch:voice:NumberAssignment';
      declared[name] = new pulumi.CustomResource(
        token,
        name,
        props(token, args),
        resourceOptions({ retainOnDelete, aliases, importId, provider }),
      );
    }
    for (const { name, retainOnDelete, aliases, importId, provider, ...args } of request.callbacks ?? []) {
      const token = 'sinch:voice:ApplicationCallbacks';
      declared[name] = new pulumi.CustomResource(
        token,
        name,
        props(token, args),
        resourceOptions({ retainOnDelete, aliases, importId, provider }),
      );
    }
    return request.exportOutputs ? exported(declared, schema) : {};
  };
}

/** Every output of every declared resource, as stack outputs: `<name>.<property>`. */
function exported(
  /** @type {Record<string, any>} */ declared,
  /** @type {Record<string, string[]> | undefined} */ schema,
) {
  const names = [...new Set(Object.values(schema ?? {}).flat())];
  return Object.fromEntries(
    Object.entries(declared).flatMap(([name, resource]) =>
      names
        .filter((property) => resource[property] !== undefined)
        .map((property) => [`${name}.${property}`, resource[property]]),
    ),
  );
}

/** What the operation printed so far, for a failure too. */
const output = { stdout: '', stderr: '' };

main().catch((error) => {
  process.stdout.write(
    `${JSON.stringify({ ok: false, message: String(error && error.message ? error.message : error), ...output })}\n`,
  );
  process.exitCode = 1;
});
