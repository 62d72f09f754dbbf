import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packNodejsSdk } from '../../../../scripts/release';

const REPOSITORY = join(__dirname, '..', '..', '..', '..');

/**
 * A scratch project where the Node.js SDK is installed as its users install it: sdk/nodejs built and packed (as a
 * release packs it), installed with npm beside the @pulumi/pulumi this repository locks. The driver is copied into
 * it, so that both resolve from there.
 */
export async function prepareNodejsDriver(scratch: string): Promise<{ command: string; args: string[] }> {
  const project = join(scratch, 'nodejs-sdk-user');
  mkdirSync(project, { recursive: true });
  const tarball = packNodejsSdk(project);
  const pulumi = (
    JSON.parse(readFileSync(join(REPOSITORY, 'node_modules', '@pulumi', 'pulumi', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'nodejs-sdk-user',
      private: true,
      dependencies: { '@pulumi-sinch-voice/sinch': `file:${tarball}`, '@pulumi/pulumi': pulumi },
    }),
  );
  await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], {
    cwd: project,
    maxBuffer: 16 * 1024 * 1024,
  });
  copyFileSync(join(__dirname, 'driver.js'), join(project, 'driver.js'));
  return { command: process.execPath, args: [join(project, 'driver.js')] };
}
