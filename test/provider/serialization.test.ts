import * as pulumi from '@pulumi/pulumi';
import { ApplicationCallbacks, getNumbers, NumberAssignment, queryNumber } from '../../provider';
import {
  APPLICATION_CALLBACKS,
  NUMBER_ASSIGNMENT,
  outputNames,
  type ApplicationCallbacksOutputs,
  type NumberAssignmentOutputs,
} from '../../provider/shapes';
import type { RunningSimulator } from '../../simulator';
import { APP_A, APP_B, expectNoSecret, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin, startTestSimulator } from '../support/simulator';

const registered: pulumi.runtime.MockResourceArgs[] = [];

/**
 * What the engine answers for each resource: every output the provider declares, each with a value that no input
 * carries, so that a field the resource class does not expose cannot pass by echoing its input.
 */
const NUMBER_OUTPUTS: Required<NumberAssignmentOutputs> = {
  number: '+12019999999',
  applicationKey: APP_B.key,
  capability: 'sms',
  allowReassign: true,
  assignedApplicationKey: APP_B.key,
  adopted: true,
  foundApplicationKey: APP_A.key,
};
const CALLBACKS_OUTPUTS: Required<ApplicationCallbacksOutputs> = {
  applicationKey: APP_B.key,
  primary: 'https://live.example.com/primary',
  fallback: 'https://live.example.com/fallback',
  appliedPrimary: 'https://applied.example.com/primary',
  appliedFallback: 'https://applied.example.com/fallback',
  adopted: false,
  foundPrimary: 'https://found.example.com/primary',
  foundFallback: 'https://found.example.com/fallback',
};
const ENGINE_ANSWERS: Record<string, object> = {
  'pulumi-nodejs:dynamic/sinch:NumberAssignment': NUMBER_OUTPUTS,
  'pulumi-nodejs:dynamic/sinch:ApplicationCallbacks': CALLBACKS_OUTPUTS,
};
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startTestSimulator();
  await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
  process.env.SINCH_APPLICATION_SECRET = APP_A.secret;
  pulumi.runtime.setAllConfig(
    { 'sinch:applicationKey': APP_A.key, 'sinch:applicationSecret': APP_A.secret, 'sinch:baseUrl': simulator.url },
    ['sinch:applicationSecret'],
  );
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: ENGINE_ANSWERS[args.type] ?? {} };
      },
      call: () => ({}),
    },
    'project',
    'stack',
    false,
  );
});
afterAll(async () => {
  delete process.env.SINCH_APPLICATION_SECRET;
  await simulator.close();
});

const outputOf = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

describe('constructing the resources under Pulumi mocks', () => {
  it('serializes a tiny __provider that holds no secret and no implementation', async () => {
    const numbers = [
      new NumberAssignment('one', { number: VOICE_ONLY }),
      new NumberAssignment('two', { number: VOICE_ONLY_2, applicationKey: APP_B.key }),
    ];
    const callbacks = new ApplicationCallbacks('callbacks', { primary: 'https://example.com/voice' });
    await Promise.all([...numbers.map((resource) => outputOf(resource.urn)), outputOf(callbacks.urn)]);

    const byName = Object.fromEntries(registered.map((args) => [args.name, args]));
    expect(byName.one?.type).toBe('pulumi-nodejs:dynamic/sinch:NumberAssignment');
    expect(byName.callbacks?.type).toBe('pulumi-nodejs:dynamic/sinch:ApplicationCallbacks');
    for (const args of registered) {
      const text = args.inputs.__provider as string;
      expect(typeof text).toBe('string');
      // Run from the repository, the shim is serialized by value; a user's stack gets a require of it (lifecycle test 8).
      expect(Buffer.byteLength(text)).toBeLessThan(4096);
      expect(text).toContain("require('pulumi-sinch-voice/implementation')");
      expectNoSecret(text, APP_A.secret, APP_B.secret);
      expect(text).not.toMatch(/axios|SinchConfigurationClient|listNumbers|callingapi/);
    }
    // The same kind serializes to the same text, so nothing but real inputs can make a diff.
    expect(byName.one?.inputs.__provider).toBe(byName.two?.inputs.__provider);
  });

  it.each([
    [
      'NumberAssignment',
      outputNames(NUMBER_ASSIGNMENT),
      NUMBER_OUTPUTS,
      () => new NumberAssignment('fields', { number: VOICE_ONLY }),
    ],
    [
      'ApplicationCallbacks',
      outputNames(APPLICATION_CALLBACKS),
      CALLBACKS_OUTPUTS,
      () => new ApplicationCallbacks('fields', { primary: 'https://example.com/voice' }),
    ],
  ] as const)(
    '%s: every declared output is a property holding what the engine answered',
    async (_kind, declared, answered, construct) => {
      // The declared list and the outputs type name the same fields.
      expect([...declared].sort()).toEqual(Object.keys(answered).sort());
      const resource = construct() as unknown as Record<string, unknown>;
      for (const field of declared) {
        const output = resource[field];
        expect({ field, isOutput: pulumi.Output.isInstance(output) }).toEqual({ field, isOutput: true });
        expect({ field, value: await outputOf(output as pulumi.Output<unknown>) }).toEqual({
          field,
          value: answered[field as keyof typeof answered],
        });
      }
    },
  );
});

describe('functions read live through the program configuration', () => {
  it('getNumbers lists and filters', async () => {
    const { numbers } = await getNumbers({ applicationKey: APP_B.key });
    expect(numbers).toEqual([{ number: VOICE_ONLY, applicationKey: APP_B.key, capability: 'voice' }]);
    expect((await getNumbers({ capability: 'sms' })).numbers.every((entry) => entry.capability === 'sms')).toBe(true);
  });

  it('queryNumber answers, and refuses a malformed number before any call', async () => {
    expect(await queryNumber('+46701234567')).toMatchObject({ countryId: 'SE', numberType: 'Mobile' });
    await expect(queryNumber('46 70 123 45 67')).rejects.toThrow(
      /queryNumber: number "46 70 123 45 67" is not in E\.164 form/,
    );
  });
});
