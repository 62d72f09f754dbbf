/**
 * The whole path a user takes, through the real engine: `npx pulumi-sinch-voice generate` in a project where the
 * packed package is installed, the printed program compiled and run by `pulumi up`. Creating the declared resources
 * adopts what exists (nothing written), a preview after it shows nothing to do, and a destroy leaves it all in place.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { APP_A, APP_B, expectNoSecret, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin } from '../support/simulator';
import { scratchScenarios, type Program } from '../e2e/engine';
import { changes, stackOperations } from '../e2e/stack';

jest.setTimeout(20 * 60_000);

const run = promisify(execFile);
const scenario = scratchScenarios('generated');
const { succeed, bindingsAndCallbacks, apiRoutes } = stackOperations(scenario);

/** Bindings over two applications and callbacks for both, made as a person would in the dashboard. */
async function existingSetup(): Promise<void> {
  await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key });
  await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY_2, applicationKey: APP_B.key });
  await admin(scenario.simulator, 'PUT', 'bindings', {
    number: VOICE_AND_SMS,
    applicationKey: APP_B.key,
    capability: 'sms',
  });
  await admin(scenario.simulator, 'PUT', `callbacks/${APP_A.key}`, {
    primary: 'https://a.example.com/voice',
    fallback: 'https://a-backup.example.com/voice',
  });
  await admin(scenario.simulator, 'PUT', `callbacks/${APP_B.key}`, { primary: 'https://b.example.com/voice' });
  await admin(scenario.simulator, 'DELETE', 'requests');
}

/** `npx pulumi-sinch-voice generate --output <file>` in the scratch project, credentials in the environment. */
async function generateInProject(): Promise<{ source: string; printed: string }> {
  const file = join(scenario.project.directory, 'generated.ts');
  const environment = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SINCH_')));
  const { stdout, stderr } = await run('npx', ['--no', 'pulumi-sinch-voice', 'generate', '--output', file, '--force'], {
    cwd: scenario.project.directory,
    env: {
      ...environment,
      SINCH_APPLICATION_KEY: APP_A.key,
      SINCH_APPLICATION_SECRET: APP_A.secret,
      SINCH_BASE_URL: scenario.simulator.url,
    },
  });
  return { source: readFileSync(file, 'utf8'), printed: stdout + stderr };
}

/** The declarations compiled to CommonJS beside the installed package, run as the body of an inline program. */
function programOf(source: string): Program {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(join(scenario.project.directory, 'generated.js'), outputText);
  const programFile = join(scenario.project.directory, 'generated-program.js');
  writeFileSync(programFile, "module.exports = async () => {\n  require('./generated.js');\n  return {};\n};\n");
  return { programFile };
}

it('the generated program adopts everything on its first up (no write), then has nothing to do, and destroy leaves it all', async () => {
  await existingSetup();
  const before = await bindingsAndCallbacks();
  const { source, printed } = await generateInProject();
  expectNoSecret(source + printed, APP_A.secret);
  expect(source.match(/^new (NumberAssignment|ApplicationCallbacks)\(/gm)).toHaveLength(5);
  expect((await apiRoutes()).every((route) => route.startsWith('GET '))).toBe(true);

  const program = programOf(source);
  const up = await succeed('up', program);
  expect(changes(up)).toEqual({ create: 6 });
  expect((await apiRoutes()).filter((route) => !route.startsWith('GET '))).toEqual([]);
  expect(await bindingsAndCallbacks()).toEqual(before);

  expect(await succeed('preview', program)).toEqual({ same: 6 });

  await succeed('destroy', program);
  expect(await bindingsAndCallbacks()).toEqual(before);
  expect((await apiRoutes()).filter((route) => !route.startsWith('GET '))).toEqual([]);
});
