// @ts-check
// Runs one Pulumi operation through the Automation API, in a scratch project where pulumi-sinch-voice is installed
// from its packed tarball, exactly as a user's program would use it. The request comes as JSON on stdin; the answer
// is one JSON line on stdout. It runs in its own process so that the engine, the program and the package all use
// the scratch project's single copy of @pulumi/pulumi.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * @typedef {{ retainOnDelete?: boolean, aliases?: string[], importId?: string }} DeclaredOptions
 * @typedef {DeclaredOptions & { name: string, number: string, applicationKey?: string, capability?: string, allowReassign?: boolean }} DeclaredNumber
 * @typedef {DeclaredOptions & { name: string, applicationKey?: string, primary: string, fallback?: string }} DeclaredCallbacks
 * @typedef {{ workDir: string, stackName: string, operation: string, config: Record<string, { value: string, secret?: boolean }>, options?: Record<string, unknown>, numbers?: DeclaredNumber[], callbacks?: DeclaredCallbacks[], programFile?: string }} DriverRequest
 */

/** Pulumi resource options from their declared form: aliases by former name, `import` by id. */
function resourceOptions(/** @type {DeclaredOptions} */ { retainOnDelete, aliases, importId }) {
  return { retainOnDelete, aliases: aliases?.map((name) => ({ name })), import: importId };
}

async function main() {
  /** @type {DriverRequest} */
  const request = JSON.parse(readFileSync(0, 'utf8'));
  const modules = join(request.workDir, 'node_modules');
  const automation = require(join(modules, '@pulumi', 'pulumi', 'automation'));
  const sinch = require(join(modules, 'pulumi-sinch-voice'));

  // Either a compiled example program copied into the project, or resources declared in the request.
  const program = request.programFile
    ? require(request.programFile)
    : async () => {
        for (const { name, retainOnDelete, aliases, importId, ...args } of request.numbers ?? []) {
          new sinch.NumberAssignment(name, args, resourceOptions({ retainOnDelete, aliases, importId }));
        }
        for (const { name, retainOnDelete, aliases, importId, ...args } of request.callbacks ?? []) {
          new sinch.ApplicationCallbacks(name, args, resourceOptions({ retainOnDelete, aliases, importId }));
        }
        return {};
      };

  const stack = await automation.LocalWorkspace.createOrSelectStack(
    { stackName: request.stackName, projectName: 'sinch-e2e', program },
    { workDir: request.workDir, projectSettings: { name: 'sinch-e2e', runtime: 'nodejs', main: request.workDir } },
  );
  // The request's configuration is the whole configuration: keys from an earlier run that it lacks are removed.
  const stale = Object.keys(await stack.getAllConfig()).filter((key) => !(key in request.config));
  if (stale.length > 0) await stack.removeAllConfig(stale);
  await stack.setAllConfig(request.config);
  const onOutput = (/** @type {string} */ text) => (output.stdout += text);
  const onError = (/** @type {string} */ text) => (output.stderr += text);
  const options = { ...request.options, onOutput, onError };
  /** @type {unknown} */
  let result;
  switch (request.operation) {
    case 'up':
      result = (await stack.up(options)).summary;
      break;
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
  process.stdout.write(`${JSON.stringify({ ok: true, result, ...output })}\n`);
}

/** What the operation printed so far, for a failure too. */
const output = { stdout: '', stderr: '' };

main().catch((error) => {
  process.stdout.write(
    `${JSON.stringify({ ok: false, message: String(error && error.message ? error.message : error), ...output })}\n`,
  );
  process.exitCode = 1;
});
