/**
 * `npm run sdk`: the Go, Python and Node.js SDKs under sdk/, generated from the plugin's package schema. Writes
 * packageSchema(<package.json version>) as JSON, the schema the plugin serves, then runs tools/sdkgen over it. The
 * test test/sdk/current.test.ts runs the same steps into a temporary folder and compares.
 *
 *   node dist/scripts/sdk.js [--out <directory>] [--schema <file>]
 *     --out: where go/, python/ and nodejs/ go (default: the repository's sdk/)
 *     --schema: where the schema JSON goes (default: dist/sdk/schema.json); with --schema-only nothing else is done
 *
 * Needs Go (the version tools/sdkgen/go.mod names) and, the first time, the Go module proxy or a warm module cache.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { packageVersion } from '../provider/plugin/version';
import { packageSchema } from '../provider/schema/packageSchema';
import { REPOSITORY } from './repository';

export { REPOSITORY };

/** The schema as `pulumi package get-schema` prints it, at the package's version (what GetPluginInfo reports). */
export function writeSchema(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(packageSchema(packageVersion(REPOSITORY)), null, 2)}\n`);
}

/**
 * Runs the generator over the schema file. GOTOOLCHAIN=local: never download a toolchain; -mod=readonly: the build
 * uses go.sum as committed (the generator itself tidies the Go SDK it writes).
 */
export function generateSdks(schemaFile: string, out: string): void {
  try {
    execFileSync('go', ['run', '.', resolve(schemaFile), resolve(out)], {
      cwd: join(REPOSITORY, 'tools', 'sdkgen'),
      env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('Go is needed to generate the SDKs (tools/sdkgen), and there is no `go` on PATH', {
        cause: error,
      });
    throw error;
  }
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (require.main === module) {
  const schema = option('--schema') ?? join(REPOSITORY, 'dist', 'sdk', 'schema.json');
  writeSchema(schema);
  if (!process.argv.includes('--schema-only')) {
    const out = option('--out') ?? join(REPOSITORY, 'sdk');
    generateSdks(schema, out);
    process.stdout.write(`SDKs written to ${out} from ${schema}\n`);
  }
}
