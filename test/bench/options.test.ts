/**
 * The benchmark's command line, through the built entry as `npm run bench --` runs it (commander is an ES module,
 * which this jest cannot load in-process): `--front-ends` takes dynamic and plugin, and refuses anything else before
 * any work starts.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', '..', 'dist', 'bench', 'engine', 'main.js');
const bench = (...args: string[]) =>
  spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 60_000 });

it('--help names --front-ends, both by default', () => {
  const help = bench('--help');
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/--front-ends <list>\s+front ends to measure, separated by commas: dynamic \(a/);
  expect(help.stdout.replace(/\s+/g, ' ')).toContain('(default: dynamic,plugin)');
});

it('a name that is not a front end is refused, naming it, before anything is packed', () => {
  const refused = bench('--front-ends', 'dynamic,yaml');
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain('Give front ends separated by commas, of dynamic, plugin (not one: "yaml").');
  expect(refused.stderr).not.toContain('packing');
});
