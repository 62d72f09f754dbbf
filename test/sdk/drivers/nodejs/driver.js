// The Node.js SDK's driver (test/sdk/protocol.ts): one Pulumi operation as an inline Automation API program, over the
// generated SDK @pulumi-sinch-voice/sinch installed from its packed tarball beside the @pulumi/pulumi this repository
// locks, as a TypeScript or JavaScript user installs it. prepare.ts copies this file into that scratch project, so
// that both packages resolve from there. The request is JSON on stdin; the answer is one JSON line on stdout.
'use strict';
const { readFileSync } = require('node:fs');
const automation = require('@pulumi/pulumi/automation');
const sinch = require('@pulumi-sinch-voice/sinch');

/** Each resource's properties as the schema names them: the outputs a program exports. */
const PROPERTIES = {
  NumberAssignment: [
    'number',
    'applicationKey',
    'capability',
    'allowReassign',
    'assignedApplicationKey',
    'adopted',
    'foundApplicationKey',
  ],
  ApplicationCallbacks: [
    'applicationKey',
    'primary',
    'fallback',
    'appliedPrimary',
    'appliedFallback',
    'adopted',
    'foundPrimary',
    'foundFallback',
  ],
};

/** The declared program, written as a user of the SDK writes it. */
function declaredProgram(/** @type {import('../../protocol').SdkProgram} */ program) {
  return async () => {
    /** @type {Record<string, unknown>} */
    const providers = {};
    for (const { name, ...settings } of program.providers ?? []) providers[name] = new sinch.Provider(name, settings);
    const options = (/** @type {import('../../protocol').SdkOptions} */ { importId, provider, retainOnDelete }) => ({
      import: importId,
      provider: provider === undefined ? undefined : providers[provider],
      retainOnDelete,
    });
    /** @type {Record<string, unknown>} */
    const exported = {};
    const exportAll = (/** @type {string} */ name, /** @type {Record<string, unknown>} */ resource, kind) => {
      if (program.exportOutputs) for (const property of PROPERTIES[kind]) exported[`${name}.${property}`] = resource[property];
    };
    for (const { name, importId, provider, retainOnDelete, ...args } of program.numbers ?? []) {
      const resource = new sinch.voice.NumberAssignment(name, args, options({ importId, provider, retainOnDelete }));
      exportAll(name, resource, 'NumberAssignment');
    }
    for (const { name, importId, provider, retainOnDelete, ...args } of program.callbacks ?? []) {
      const resource = new sinch.voice.ApplicationCallbacks(name, args, options({ importId, provider, retainOnDelete }));
      exportAll(name, resource, 'ApplicationCallbacks');
    }
    for (const call of program.functions ?? []) {
      const invokeOptions = { provider: call.provider === undefined ? undefined : providers[call.provider] };
      exported[`function.${call.name}`] =
        call.function === 'getNumbers'
          ? sinch.voice.getNumbersOutput(
              { applicationKey: call.applicationKey, capability: call.capability },
              invokeOptions,
            )
          : sinch.voice.queryNumberOutput({ number: call.number }, invokeOptions);
    }
    return exported;
  };
}

async function main() {
  /** @type {import('../../protocol').SdkRequest} */
  const request = JSON.parse(readFileSync(0, 'utf8'));
  if (request.program.example) throw new Error('the Node.js SDK has no example program to run (see examples/)');
  const stack = await automation.LocalWorkspace.createOrSelectStack(
    { stackName: request.stackName, projectName: request.projectName, program: declaredProgram(request.program) },
    { workDir: request.workDir, projectSettings: { name: request.projectName, runtime: 'nodejs' } },
  );
  const stale = Object.keys(await stack.getAllConfig()).filter((key) => !(key in request.config));
  if (stale.length > 0) await stack.removeAllConfig(stale);
  await stack.setAllConfig(request.config);
  const output = { stdout: '', stderr: '' };
  const options = { onOutput: (/** @type {string} */ text) => (output.stdout += text), onError: (/** @type {string} */ text) => (output.stderr += text) };
  try {
    switch (request.operation) {
      case 'up': {
        const up = await stack.up(options);
        const outputs = Object.fromEntries(
          Object.entries(up.outputs).filter(([, { value }]) => value !== undefined && value !== null),
        );
        return {
          ok: true,
          changes: up.summary.resourceChanges,
          outputs: Object.fromEntries(Object.entries(outputs).map(([key, { value }]) => [key, value])),
          secretOutputs: Object.entries(outputs)
            .filter(([, { secret }]) => secret)
            .map(([key]) => key),
          ...output,
        };
      }
      case 'preview':
        return { ok: true, changes: (await stack.preview(options)).changeSummary, ...output };
      case 'refresh':
        return { ok: true, changes: (await stack.refresh(options)).summary.resourceChanges, ...output };
      case 'destroy':
        return { ok: true, changes: (await stack.destroy(options)).summary.resourceChanges, ...output };
      default:
        throw new Error(`unknown operation ${request.operation}`);
    }
  } catch (error) {
    return { ok: false, message: String(/** @type {Error} */ (error).message ?? error), ...output };
  }
}

main().then(
  (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`),
  (error) => {
    process.stdout.write(`${JSON.stringify({ ok: false, message: String(error && error.stack) })}\n`);
    process.exitCode = 1;
  },
);
