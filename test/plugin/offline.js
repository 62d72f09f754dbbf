// @ts-check
// Runs the installed plugin's scenario, in a network namespace of its own when the test starts it under
// `unshare --net` (only loopback, no route out): the simulator, `pulumi plugin install --file`, and a YAML program
// with no plugin path through up, preview and destroy. The request comes as JSON on stdin; the answer is one JSON
// line on stdout. Plain JavaScript, like ../e2e/driver.js: it runs as its own process, from dist/.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { lookup } = require('node:dns/promises');
const { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * @typedef {{ cli: string, archive: string, version: string, environment: Record<string, string>, project: string,
 *   isolated: boolean, simulator: string, applications: Array<{ key: string, secret: string }>,
 *   numbers: Array<{ number: string, capabilities: string[] }>, number: string }} Request
 */

/** Whether a name outside resolves: it must not, in the namespace. */
async function reachesOutside() {
  try {
    await lookup('registry.npmjs.org');
    return true;
  } catch {
    return false;
  }
}

async function main() {
  /** @type {Request} */
  const request = JSON.parse(readFileSync(0, 'utf8'));
  // A new network namespace has its loopback down: the simulator and the engine's plugins talk over it.
  if (request.isolated) execFileSync('ip', ['link', 'set', 'lo', 'up']);
  const outside = await reachesOutside();
  const { startSimulator } = require(request.simulator);
  const simulator = await startSimulator({ applications: request.applications, numbers: request.numbers });
  // Asynchronously: the simulator answers from this process's event loop while the CLI runs.
  const pulumi = (/** @type {string[]} */ ...args) =>
    new Promise((resolve) => {
      const child = spawn(request.cli, ['--color=never', '--non-interactive', ...args], {
        cwd: request.project,
        env: request.environment,
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.once('error', (error) => resolve({ code: null, output: `${output}\n${error.message}` }));
      child.once('close', (code) => resolve({ code, output }));
    });
  const state = async () => (await fetch(`${simulator.url}/_sim/state`)).json();
  const [application] = request.applications;
  try {
    mkdirSync(request.project, { recursive: true });
    const install = await pulumi('plugin', 'install', 'resource', 'sinch', request.version, '--file', request.archive);
    const directory = join(request.environment.PULUMI_HOME, 'plugins', `resource-sinch-v${request.version}`);
    const installed = existsSync(directory) ? readdirSync(directory) : [];
    // No `plugins:` entry: the engine finds the plugin in PULUMI_HOME.
    writeFileSync(
      join(request.project, 'Pulumi.yaml'),
      `name: sinch-installed\nruntime: yaml\nresources:\n  line:\n    type: sinch:voice:NumberAssignment\n    properties:\n      number: "${request.number}"\n`,
    );
    const steps = [
      await pulumi('stack', 'init', 'installed'),
      await pulumi('config', 'set', 'sinch:applicationKey', '--', application.key),
      await pulumi('config', 'set', '--secret', 'sinch:applicationSecret', '--', application.secret),
      await pulumi('config', 'set', 'sinch:baseUrl', '--', simulator.url),
    ];
    const up = await pulumi('up', '--yes');
    const afterUp = await state();
    const preview = await pulumi('preview', '--expect-no-changes');
    const destroy = await pulumi('destroy', '--yes');
    const afterDestroy = await state();
    return { outside, install, installed, steps, up, afterUp, preview, destroy, afterDestroy };
  } finally {
    await simulator.close();
  }
}

main().then(
  (answer) => console.log(JSON.stringify(answer)),
  (error) => {
    console.log(JSON.stringify({ error: String(error && error.stack) }));
    process.exitCode = 1;
  },
);
