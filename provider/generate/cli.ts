#!/usr/bin/env node
/**
 * `pulumi-sinch-voice generate`: prints declarations (TypeScript, a YAML program, or an import file) for the bindings
 * and callback URLs that exist, read with the user's credentials: TypeScript because the engine cannot import
 * dynamic resources, the import file for `pulumi import --file` with the plugin, which writes any language. Exit codes: 0 done; 1 the API could not be read or the output not written; 2 nothing
 * was read because the command line or the settings are wrong.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  CONFIG_KEYS,
  ENVIRONMENT_VARIABLES,
  resolveSettings,
  SinchConfigurationError,
  type SinchProviderSettings,
} from '../configuration';
import { FORMATS, type Format } from './formats';
import { generateAs } from './generate';

const PROGRAM = 'pulumi-sinch-voice';

/** The settings the command line may give; the secret is not among them (see the help text). */
interface GenerateOptions {
  applicationKey?: string;
  baseUrl?: string;
  auth?: string;
  operationTimeout?: string;
  maxRetries?: string;
  output?: string;
  force?: boolean;
  format: Format;
}

type SettingOption = Exclude<keyof SinchProviderSettings, 'applicationSecret'>;
const SETTING_OPTIONS: readonly SettingOption[] = [
  'applicationKey',
  'baseUrl',
  'auth',
  'operationTimeout',
  'maxRetries',
];

/** A failure whose message is the whole story: printed without a stack, with this exit code. */
class CommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * Settings as the provider resolves them, with the command line in the place of stack configuration: an option
 * wins over its environment variable, and an empty value counts as unset.
 */
function settingsFrom(options: GenerateOptions, environment: NodeJS.ProcessEnv): SinchProviderSettings {
  const given = new Map<string, string | undefined>(SETTING_OPTIONS.map((name) => [CONFIG_KEYS[name], options[name]]));
  return resolveSettings((key) => given.get(key), environment);
}

async function generate(options: GenerateOptions): Promise<void> {
  if (options.output !== undefined && !options.force && existsSync(options.output)) {
    throw new CommandFailure(`${options.output} exists; give --force to replace it`, 2);
  }
  let text: string;
  try {
    const rendered = await generateAs(options.format, settingsFrom(options, process.env));
    text = rendered.text;
    for (const note of rendered.notes) process.stderr.write(`${PROGRAM} generate: ${note}\n`);
  } catch (error) {
    if (error instanceof SinchConfigurationError) {
      throw new CommandFailure(
        `${error.message}\n(generate reads ${ENVIRONMENT_VARIABLES.applicationKey} or --application-key, and ` +
          `${ENVIRONMENT_VARIABLES.applicationSecret}; it does not read Pulumi stack configuration.)`,
        2,
      );
    }
    // The client's errors carry Sinch's answer and never the secret or the request's headers.
    throw new CommandFailure(error instanceof Error ? error.message : String(error), 1);
  }
  if (options.output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(options.output, text, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    throw new CommandFailure(`cannot write ${options.output}: ${(error as Error).message}`, 1);
  }
  process.stderr.write(`${PROGRAM}: wrote the declarations to ${options.output}\n`);
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must not be empty');
  return value;
}

function command(): Command {
  const program = new Command(PROGRAM).description('Tools for pulumi-sinch-voice stacks.').exitOverride();
  program
    .command('generate')
    .description(
      'Print declarations (NumberAssignment, ApplicationCallbacks) for the number bindings and callback URLs that exist now: TypeScript, a YAML program, or an import file.',
    )
    .option(
      '--application-key <key>',
      `the application whose credentials read the API (default: $${ENVIRONMENT_VARIABLES.applicationKey})`,
      nonEmpty,
    )
    .option(
      '--base-url <url>',
      `the API (default: $${ENVIRONMENT_VARIABLES.baseUrl}, else https://callingapi.sinch.com)`,
      nonEmpty,
    )
    .option('--auth <scheme>', `signed or basic (default: $${ENVIRONMENT_VARIABLES.auth}, else signed)`, nonEmpty)
    .option(
      '--operation-timeout <seconds>',
      `seconds one API operation may take (default: $${ENVIRONMENT_VARIABLES.operationTimeout}, else 60)`,
      nonEmpty,
    )
    .option(
      '--max-retries <n>',
      `retries of one request after a transient failure (default: $${ENVIRONMENT_VARIABLES.maxRetries}, else 8)`,
      nonEmpty,
    )
    .addOption(
      new Option(
        '--format <format>',
        'typescript (the dynamic resources), yaml (a Pulumi YAML program for the plugin), or import-file (for `pulumi import --file`, which writes the program in its own language)',
      )
        .choices(FORMATS)
        .default('typescript'),
    )
    .option('-o, --output <file>', 'write the declarations to this file instead of standard output')
    .option('--force', 'with --output, replace the file when it exists')
    .addHelpText(
      'after',
      `\nThe secret is read from $${ENVIRONMENT_VARIABLES.applicationSecret} only: on a command line it would show in the process list and ` +
        'the shell history. It is never printed.\nExit codes: 0 done; 1 the API could not be read or the file not written; 2 the command line or the settings are wrong.',
    )
    .action((options: GenerateOptions) => generate(options));
  return program;
}

command()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) {
      // Commander has printed the problem (or the help, with exit code 0) already.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const failure =
      error instanceof CommandFailure
        ? error
        : new CommandFailure(error instanceof Error ? error.message : String(error), 1);
    process.stderr.write(`${PROGRAM} generate: ${failure.message}\n`);
    process.exitCode = failure.exitCode;
  });
