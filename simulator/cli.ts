#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { chaosSetting, parseApplication, parseNumber, parsePort, parseSeconds, variantSetting } from './arguments';
import type { ChaosSettings } from './chaos';
import type { SimulatedApplication, SimulatedNumber } from './model';
import { SAMPLE_APPLICATIONS, SAMPLE_NUMBERS } from './sample';
import { startSimulator } from './server';

interface CliOptions {
  port: number;
  host: string;
  app?: SimulatedApplication[];
  number?: SimulatedNumber[];
  state?: string;
  clockSkew: number;
  failRate?: number;
  failAfterRate?: number;
  throttleRate?: number;
  resetRate?: number;
  hangRate?: number;
  lostWriteRate?: number;
  latencyMs?: number;
  retryAfter?: number;
  seed?: number;
  unknownApplicationStatus?: 400 | 404;
}

async function main(): Promise<void> {
  const options = new Command('sinch-voice-sim')
    .description('A local simulator of the Sinch Voice configuration API (numbers, callbacks, query number).')
    .option('--port <n>', 'port to listen on; 0 picks any free port', parsePort, 0)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--app <key:secret>', 'an application of the project (repeatable); the secret is base64', parseApplication)
    .option(
      '--number <e164[:voice,sms]>',
      'a number the project owns and the capabilities it supports (repeatable)',
      parseNumber,
    )
    .option('--state <file>', 'keep state in this file across restarts (written atomically)')
    .option('--clock-skew <seconds>', 'how far x-timestamp may be from this clock', parseSeconds, 900)
    .option(
      '--fail-rate <share>',
      'share of API requests answered 500 or 503 before they take effect',
      chaosSetting('failRate'),
    )
    .option(
      '--fail-after-rate <share>',
      'share of writes that take effect and then answer 500',
      chaosSetting('failAfterRate'),
    )
    .option(
      '--throttle-rate <share>',
      'share of API requests answered 429 with Retry-After',
      chaosSetting('throttleRate'),
    )
    .option(
      '--reset-rate <share>',
      'share of API requests whose connection is dropped without an answer',
      chaosSetting('resetRate'),
    )
    .option('--hang-rate <share>', 'share of API requests never answered', chaosSetting('hangRate'))
    .option('--lost-write-rate <share>', 'share of writes answered 204 but not applied', chaosSetting('lostWriteRate'))
    .option('--latency-ms <n>', 'milliseconds added to every API answer', chaosSetting('latencyMs'))
    .option(
      '--retry-after <seconds>',
      'the Retry-After of throttled answers (default 1)',
      chaosSetting('retryAfterSeconds'),
    )
    .option(
      '--seed <n>',
      'the same seed and request sequence give the same faults (default: one picked at random)',
      chaosSetting('seed'),
    )
    .option(
      '--unknown-application-status <status>',
      'what an unknown application key gets on the callbacks routes, assign and unassign: 400 (40003, default) or 404 (40400)',
      variantSetting('unknownApplicationStatus'),
    )
    .addHelpText(
      'after',
      '\nWith no --app, --number or existing --state file, the sample applications and numbers are loaded.',
    )
    .parse()
    .opts<CliOptions>();

  const useSample = !options.app && !options.number && !(options.state && existsSync(options.state));
  const simulator = await startSimulator({
    port: options.port,
    host: options.host,
    applications: options.app ?? (useSample ? SAMPLE_APPLICATIONS : []),
    numbers: options.number ?? (useSample ? SAMPLE_NUMBERS : []),
    stateFile: options.state,
    clockSkewMs: options.clockSkew * 1000,
    chaos: chaosOf(options),
    unknownApplicationStatus: options.unknownApplicationStatus,
  });
  // Before the first line: a tool may stop the simulator the moment it reads it, and must get a clean close.
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Tools wait for exactly this first line.
  process.stdout.write(`listening on ${simulator.url}\n`);
  if (useSample) {
    process.stdout.write(
      `sample applications: ${SAMPLE_APPLICATIONS.map(({ key }) => key).join(', ')} (secrets: see simulator/README.md)\n`,
    );
  }
}

function chaosOf(options: CliOptions): Partial<ChaosSettings> {
  const settings: Partial<ChaosSettings> = {
    failRate: options.failRate,
    failAfterRate: options.failAfterRate,
    throttleRate: options.throttleRate,
    resetRate: options.resetRate,
    hangRate: options.hangRate,
    lostWriteRate: options.lostWriteRate,
    latencyMs: options.latencyMs,
    retryAfterSeconds: options.retryAfter,
    seed: options.seed,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

main().catch((error: unknown) => {
  process.stderr.write(`sinch-voice-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
