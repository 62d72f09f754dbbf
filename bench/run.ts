/**
 * `npm run bench`: speed and memory of the pieces, measured here rather than asserted in tests.
 * Everything runs against an in-process simulator on loopback; numbers vary with the machine.
 */
import { performance } from 'node:perf_hooks';
import * as pulumi from '@pulumi/pulumi';
import { applicationAuthorization, SinchConfigurationClient, type AuthScheme } from '../provider';
import {
  deploymentContext,
  implementationOf,
  RESOURCE_KINDS,
  RESOURCES,
  type NumberAssignmentInputs,
} from '../provider/implementation';
import { startSimulator, type RunningSimulator } from '../simulator';

const APPLICATION = { key: '5f5c418a-0f91-4bbc-8234-a9bf5eddad97', secret: 'JViE5vDor0Sw3WllZka15Q==' };
const NUMBER_COUNT = 250;
const numbers = Array.from({ length: NUMBER_COUNT }, (_, index) => `+1415555${String(index).padStart(4, '0')}`);

interface Row {
  measure: string;
  value: string;
}
const rows: Row[] = [];
const record = (measure: string, value: string) => rows.push({ measure, value });

async function timed<T>(count: number, action: (index: number) => Promise<T> | T): Promise<number[]> {
  const durations: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = performance.now();
    await action(index);
    durations.push(performance.now() - start);
  }
  return durations.sort((a, b) => a - b);
}

const percentile = (sorted: number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
const milliseconds = (value: number) => `${value.toFixed(3)} ms`;

function client(simulator: RunningSimulator, auth: AuthScheme): SinchConfigurationClient {
  return new SinchConfigurationClient({
    applicationKey: APPLICATION.key,
    applicationSecret: APPLICATION.secret,
    baseUrl: simulator.url,
    auth,
    maxRetries: 0,
  });
}

async function main(): Promise<void> {
  const simulator = await startSimulator({
    applications: [APPLICATION],
    numbers: numbers.map((number) => ({ number, capabilities: ['voice'] })),
  });
  try {
    const signing = await timed(20_000, () =>
      applicationAuthorization(APPLICATION.key, APPLICATION.secret, {
        method: 'POST',
        path: '/v1/configuration/numbers',
        contentType: 'application/json',
        timestamp: new Date().toISOString(),
        body: JSON.stringify({ numbers: numbers.slice(0, 10), applicationkey: APPLICATION.key, capability: 'voice' }),
      }),
    );
    record(
      'sign one request (p50 / p99)',
      `${milliseconds(percentile(signing, 0.5))} / ${milliseconds(percentile(signing, 0.99))}`,
    );

    for (const auth of ['signed', 'basic'] as const) {
      const api = client(simulator, auth);
      const list = await timed(500, () => api.listNumbers());
      record(
        `listNumbers of ${NUMBER_COUNT} entries, ${auth} (p50 / p95)`,
        `${milliseconds(percentile(list, 0.5))} / ${milliseconds(percentile(list, 0.95))}`,
      );
    }
    const api = client(simulator, 'signed');
    const assign = await timed(20, () => api.assignNumbers({ numbers, applicationKey: APPLICATION.key }));
    record(`assignNumbers of ${NUMBER_COUNT} numbers (3 calls), p50`, milliseconds(percentile(assign, 0.5)));

    const concurrency = 20;
    const perWorker = 100;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, () => timed(perWorker, () => api.getCallbacks(APPLICATION.key))),
    );
    const seconds = (performance.now() - start) / 1000;
    record(
      `simulator throughput, ${concurrency} concurrent signed clients`,
      `${Math.round((concurrency * perWorker) / seconds)} requests/s`,
    );

    const settings = { applicationKey: APPLICATION.key, applicationSecret: APPLICATION.secret, baseUrl: simulator.url };
    // A deployment each: within one, a delete leaves alone what a create of the same deployment took over.
    const deployment = () =>
      implementationOf(
        RESOURCES.NumberAssignment,
        deploymentContext(
          () => settings,
          () => undefined,
        ),
      );
    await api.unassignNumber({ number: numbers[0] as string });
    const inputs: NumberAssignmentInputs = {
      number: numbers[0] as string,
      applicationKey: APPLICATION.key,
      capability: 'voice',
      allowReassign: false,
    };
    const cycles = await timed(100, async () => {
      const { id, outs } = await deployment().create({ inputs: { ...inputs } });
      await deployment().delete({ id, props: outs });
    });
    record(
      'NumberAssignment create + delete, each in a new deployment (4 API calls), p50',
      milliseconds(percentile(cycles, 0.5)),
    );

    const before = process.memoryUsage();
    for (let round = 0; round < 5; round += 1)
      await Promise.all(Array.from({ length: 1000 }, () => api.getCallbacks(APPLICATION.key)));
    global.gc?.();
    const after = process.memoryUsage();
    record(
      'heap growth over 5,000 more requests (client and simulator in one process)',
      `${((after.heapUsed - before.heapUsed) / 1024 / 1024).toFixed(1)} MiB`,
    );
    record('resident set size at the end', `${(after.rss / 1024 / 1024).toFixed(0)} MiB`);

    for (const kind of RESOURCE_KINDS) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- each kind's shim module, as a resource loads it
      const shim: unknown = require(`../provider/shims/${kind}`);
      const { text } = await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true });
      record(`serialized __provider of ${kind}`, `${Buffer.byteLength(text)} bytes`);
    }
  } finally {
    await simulator.close();
  }
  const width = Math.max(...rows.map((row) => row.measure.length));
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  for (const row of rows) console.log(`${row.measure.padEnd(width)}  ${row.value}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
