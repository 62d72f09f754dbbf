/**
 * A Pulumi YAML project in the scratch project, run through the plain CLI as a person runs it: `pulumi stack init`
 * and `pulumi config set` once per stack (not timed), then the operations (timed) with `--json`, whose summary says
 * what the engine did.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DriverOperation, ResourceChanges, StackConfig } from './protocol';
import type { CliOutcome, ScratchProject } from './scratch';
import { parseCliSummary } from './summary';

export interface Operated {
  seconds: number;
  changes: ResourceChanges;
  cpu: CliOutcome['cpu'];
}

/**
 * The CLI's arguments for an operation, as the Automation API of the dynamic steps runs them: `refresh` and
 * `destroy` skip their preview too (stack.refresh() and stack.destroy() pass `--skip-preview`), so that both front
 * ends do the same work per step.
 */
export function operationArguments(operation: DriverOperation, stack: string, parallel?: number): string[] {
  const words: Record<DriverOperation, string[]> = {
    up: ['up', '--yes', '--skip-preview'],
    preview: ['preview'],
    refresh: ['refresh', '--yes', '--skip-preview'],
    destroy: ['destroy', '--yes', '--skip-preview'],
  };
  return [
    ...words[operation],
    '--json',
    '--stack',
    stack,
    ...(parallel === undefined ? [] : ['--parallel', String(parallel)]),
  ];
}

export class YamlProject {
  private readonly stacks = new Set<string>();

  private constructor(
    private readonly scratch: ScratchProject,
    readonly directory: string,
  ) {}

  /** `<scratch project>/yaml/<name>/Pulumi.yaml` with the given text. */
  static write(scratch: ScratchProject, name: string, pulumiYaml: string): YamlProject {
    const directory = join(scratch.directory, 'yaml', name);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'Pulumi.yaml'), pulumiYaml);
    return new YamlProject(scratch, directory);
  }

  /** Makes the stack with its configuration the first time it is named; later, nothing. */
  async ensureStack(stack: string, config: StackConfig): Promise<void> {
    if (this.stacks.has(stack)) return;
    await this.pulumi(['stack', 'init', stack]);
    for (const [key, { value, secret }] of Object.entries(config)) {
      // `--`: a value that starts with a dash must not read as a flag.
      await this.pulumi(['config', 'set', '--stack', stack, ...(secret ? ['--secret'] : []), key, '--', value]);
    }
    this.stacks.add(stack);
  }

  /** One operation, timed; rejects with the engine's words when it fails or prints no summary. */
  async operate(stack: string, operation: DriverOperation, parallel?: number, traceFile?: string): Promise<Operated> {
    const args = operationArguments(operation, stack, parallel);
    const outcome = await this.scratch.runCli(args, this.directory, traceFile);
    const summary = parseCliSummary(operation, outcome.stdout);
    if (outcome.code !== 0 || !summary.ok) {
      const words = summary.ok ? outcome.stdout.trim().slice(-3000) : summary.message;
      throw new Error(
        `pulumi ${args.join(' ')} in ${this.directory} ${outcome.code === 0 ? 'exited with 0, but' : `exited with ${outcome.signal ?? outcome.code}:`}\n${words.slice(0, 6000)}\n${outcome.stderr.trim().slice(-2000)}`,
      );
    }
    return { seconds: outcome.seconds, changes: summary.changes, cpu: outcome.cpu };
  }

  private async pulumi(args: string[]): Promise<CliOutcome> {
    const outcome = await this.scratch.runCli(args, this.directory);
    if (outcome.code !== 0)
      throw new Error(
        `pulumi ${args[0]} ${args[1] ?? ''} in ${this.directory} exited with ${outcome.signal ?? outcome.code}: ${outcome.stderr.trim().slice(-2000)}`,
      );
    return outcome;
  }
}
