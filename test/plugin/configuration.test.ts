/**
 * Which configuration a refresh uses, through the plugin and the plain CLI: the engine keeps each provider's
 * configuration of the last `up` and refreshes with it; `pulumi refresh --run-program` runs the program and uses the
 * configuration as it is now. A refused secret is said in the provider's terms, and never shown.
 */
import type { RunningSimulator } from '../../simulator';
import { APP_A, expectNoSecret } from '../support/fixtures';
import { admin, startTestSimulator } from '../support/simulator';
import { Engine } from './cli';

jest.setTimeout(20 * 60_000);

const WRONG_SECRET = Buffer.from('a secret Sinch has never seen').toString('base64');

let engine: Engine;
let modules: string;
let simulator: RunningSimulator;

beforeAll(async () => {
  engine = await Engine.create();
  modules = await engine.installPackage();
  simulator = await startTestSimulator();
  await admin(simulator, 'PUT', 'numbers', { number: '+12015550100', capabilities: ['voice'] });
});
afterAll(async () => {
  await simulator?.close();
  engine?.remove();
});

it('refresh uses the last up’s credentials; --run-program uses today’s, and a wrong secret is refused in plain words', async () => {
  const project = engine.project('yaml-basic', modules);
  await project.stack({
    'sinch:applicationKey': APP_A.key,
    'sinch:applicationSecret': { secret: APP_A.secret },
    'sinch:baseUrl': simulator.url,
  });
  await project.pulumi(['up', '--yes']);
  await project.pulumi(['config', 'set', '--secret', 'sinch:applicationSecret', '--', WRONG_SECRET]);

  // The provider's state holds the credentials of the last up: the new (wrong) secret goes unused.
  await project.pulumi(['refresh', '--yes', '--expect-no-changes']);

  const refreshed = await project.run(['refresh', '--yes', '--run-program']);
  expect(refreshed.code).not.toBe(0);
  const printed = `${refreshed.stdout}\n${refreshed.stderr}`;
  expect(printed).toContain(`Sinch refused the credentials of application ${APP_A.key}`);
  expect(printed).toContain('Check sinch:applicationKey and sinch:applicationSecret');
  expect(printed).toContain('clock skew');
  expectNoSecret(printed, WRONG_SECRET, APP_A.secret);

  await project.pulumi(['config', 'set', '--secret', 'sinch:applicationSecret', '--', APP_A.secret]);
  await project.pulumi(['destroy', '--yes', '--run-program']);
});
