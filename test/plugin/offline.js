// @ts-check
// Runs the installed plugin's scenario, in a network namespace of its own when the test starts it under
// `unshare --net` (only loopback, no route out): the simulator, `pulumi plugin install --file`, and a YAML program
// with no plugin path through preview, up, refresh, preview and destroy, with a PATH that holds the CLI alone (no
// node, no npm). While each step runs, every process of the plugin is seen and its executable read from /proc, so
// that the answer says which Node.js ran it. The request comes as JSON on stdin; the answer is one JSON line on
// stdout. Plain JavaScript, like ../e2e/driver.js: it runs as its own process, from dist/.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { lookup } = require('node:dns/promises');
const { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } = require('node:fs');
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

/** The executables of the running processes whose command line names the installed plugin's bundle. */
function pluginExecutables(/** @type {string} */ bundle) {
  /** @type {string[]} */
  const found = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (commandLine.includes(bundle)) found.push(readlinkSync(`/proc/${pid}/exe`));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

async function main() {
  /** @type {Request} */
  const request = JSON.parse(readFileSync(0, 'utf8'));
  // A new network namespace has its loopback down: the simulator and the engine's plugins talk over it.
  if (request.isolated) execFileSync('ip', ['link', 'set', 'lo', 'up']);
  const outside = await reachesOutside();
  const { startSimulator } = require(request.simulator);
  // Each answer 100 ms late: every plugin process lives long enough to be seen.
  const simulator = await startSimulator({
    applications: request.applications,
    numbers: request.numbers,
    chaos: { latencyMs: 100 },
  });
  // Asynchronously: the simulator answers from this process's event loop while the CLI runs.
  const directory = join(request.environment.PULUMI_HOME, 'plugins', `resource-sinch-v${request.version}`);
  const bundle = join(directory, 'plugin.js');
  /** @type {Set<string>} */
  const executables = new Set();
  const pulumi = (/** @type {string[]} */ ...args) =>
    new Promise((resolve) => {
      const child = spawn(request.cli, ['--color=never', '--non-interactive', ...args], {
        cwd: request.project,
        env: request.environment,
      });
      // Which program runs the plugin, seen while the step runs (every plugin process lives as long as its step).
      const watching = setInterval(() => pluginExecutables(bundle).forEach((exe) => executables.add(exe)), 25);
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.once('error', (error) => {
        clearInterval(watching);
        resolve({ code: null, output: `${output}\n${error.message}` });
      });
      child.once('close', (code) => {
        clearInterval(watching);
        resolve({ code, output });
      });
    });
  const state = async () => (await fetch(`${simulator.url}/_sim/state`)).json();
  const [application] = request.applications;
  try {
    mkdirSync(request.project, { recursive: true });
    const install = await pulumi('plugin', 'install', 'resource', 'sinch', request.version, '--file', request.archive);
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
    const firstPreview = await pulumi('preview');
    const up = await pulumi('up', '--yes');
    const afterUp = await state();
    const refresh = await pulumi('refresh', '--yes', '--expect-no-changes');
    const preview = await pulumi('preview', '--expect-no-changes');
    const destroy = await pulumi('destroy', '--yes');
    const afterDestroy = await state();
    return {
      outside,
      install,
      installed,
      steps,
      firstPreview,
      up,
      afterUp,
      refresh,
      preview,
      destroy,
      afterDestroy,
      executables: [...executables],
    };
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
