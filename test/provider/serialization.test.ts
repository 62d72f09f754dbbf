import * as pulumi from '@pulumi/pulumi';
import { ApplicationCallbacks, getNumbers, NumberAssignment, queryNumber } from '../../provider';
import type { RunningSimulator } from '../../simulator';
import { APP_A, APP_B, expectNoSecret, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin, startTestSimulator } from '../support/simulator';

const registered: pulumi.runtime.MockResourceArgs[] = [];
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
        return { id: `${args.name}-id`, state: args.inputs };
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
    const numbers = [new NumberAssignment('one', { number: VOICE_ONLY }), new NumberAssignment('two', { number: VOICE_ONLY_2, applicationKey: APP_B.key })];
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

  it('outputs exist for every declared field', async () => {
    const resource = new NumberAssignment('fields', { number: VOICE_ONLY, capability: 'voice' });
    expect(await outputOf(resource.number)).toBe(VOICE_ONLY);
    expect(await outputOf(resource.capability)).toBe('voice');
  });
});

describe('functions read live through the program configuration', () => {
  it('getNumbers lists and filters', async () => {
    const { numbers } = await getNumbers({ applicationKey: APP_B.key });
    expect(numbers).toEqual([{ number: VOICE_ONLY, applicationKey: APP_B.key, capability: 'voice' }]);
    expect((await getNumbers({ capability: 'sms' })).numbers.every((entry) => entry.capability === 'sms')).toBe(true);
  });

  it('queryNumber answers, and refuses a malformed number before any call', async () => {
    expect(await queryNumber('+46701234567')).toMatchObject({ countryId: 'SE', numberType: 'Mobile' });
    await expect(queryNumber('46 70 123 45 67')).rejects.toThrow(/queryNumber: number "46 70 123 45 67" is not in E\.164 form/);
  });
});
