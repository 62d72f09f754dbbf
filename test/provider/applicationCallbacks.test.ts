import type { AuthScheme } from '../../provider';
import { type ApplicationCallbacksInputs, type ApplicationCallbacksOutputs } from '../../provider/implementation';
import { applicationCallbacksProvider } from '../support/implementations';
import { APP_A, APP_B, failureOf } from '../support/fixtures';
import { SERIALIZED_PROVIDER, testContext, type TestContext } from '../support/provider';
import { admin, sharedSimulator, simulatorState } from '../support/simulator';

const simulator = sharedSimulator();

const PRIMARY = 'https://voice.example.com/events';
/** Shaped like a key, but no application of the project. */
const UNKNOWN_APPLICATION = '00000000-0000-4000-8000-000000000000';
const FALLBACK = 'https://backup.example.com/events';
const liveCallbacks = async (key: string) => (await simulatorState(simulator)).callbacks[key] ?? {};
const setLive = (key: string, urls: object) => admin(simulator, 'PUT', `callbacks/${key}`, urls);
const requests = async () =>
  (await admin<{ requests: Array<{ route: string }> }>(simulator, 'GET', 'requests')).requests.map(
    (entry) => entry.route,
  );
const declared = (overrides: Partial<ApplicationCallbacksInputs> = {}): ApplicationCallbacksInputs => ({
  applicationKey: APP_B.key,
  primary: PRIMARY,
  ...overrides,
});
/** The outputs after this resource wrote the given inputs (as a state from before 0.2 has them: nothing found recorded). */
const written = (inputs: ApplicationCallbacksInputs): ApplicationCallbacksOutputs => ({
  ...inputs,
  appliedPrimary: inputs.primary,
  ...(inputs.fallback === undefined ? {} : { appliedFallback: inputs.fallback }),
});

describe.each<AuthScheme>(['signed', 'basic'])('ApplicationCallbacks provider (%s)', (auth) => {
  let context: TestContext;
  let provider: ReturnType<typeof applicationCallbacksProvider>;
  beforeEach(() => {
    context = testContext(simulator, auth);
    provider = applicationCallbacksProvider(context);
  });
  /** The provider of a later deployment (a new provider process): nothing claimed yet. */
  const later = () => {
    context = testContext(simulator, auth);
    return applicationCallbacksProvider(context);
  };

  describe('check', () => {
    it('defaults the application to the configured one', async () => {
      const result = await provider.check({
        olds: {} as ApplicationCallbacksInputs,
        news: { ...SERIALIZED_PROVIDER, primary: PRIMARY } as unknown as ApplicationCallbacksInputs,
      });
      expect(result).toEqual({ inputs: { applicationKey: APP_A.key, primary: PRIMARY }, failures: [] });
    });

    it.each([
      [{}, 'primary', /is required/],
      [{ primary: 'voice.example.com/events' }, 'primary', /not an absolute URL/],
      [{ primary: 'ftp://voice.example.com/events' }, 'primary', /must use https \(got ftp\)/],
      [{ primary: 'http://voice.example.com/events' }, 'primary', /plain http is allowed only for localhost/],
      // A password in the value: the failure names the property in its reason, so that the engine, which prints a
      // failed property's value beside it, prints none.
      [{ primary: 'https://user:pw@voice.example.com/' }, '', /^primary must not carry credentials/],
      [{ primary: PRIMARY, fallback: 'not-a-url' }, 'fallback', /not an absolute URL/],
    ])('%p fails on %s, before any API call', async (news, property, reason) => {
      const result = await provider.check({
        olds: {} as ApplicationCallbacksInputs,
        news: news as ApplicationCallbacksInputs,
      });
      expect(result.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
      expect(await requests()).toEqual([]);
    });

    it('plain http is fine on loopback, for local development', async () => {
      const result = await provider.check({
        olds: {} as ApplicationCallbacksInputs,
        news: { primary: 'http://127.0.0.1:3000/voice', fallback: 'http://localhost/x' } as ApplicationCallbacksInputs,
      });
      expect(result.failures).toEqual([]);
    });
  });

  describe('diff', () => {
    it('URL changes update in place; an application change replaces; __provider alone is no change', async () => {
      expect(
        await provider.diff({
          id: APP_B.key,
          olds: { ...written(declared()), ...SERIALIZED_PROVIDER },
          news: declared(),
        }),
      ).toEqual({
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
      expect(
        await provider.diff({ id: APP_B.key, olds: written(declared()), news: declared({ fallback: FALLBACK }) }),
      ).toEqual({
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      });
      expect(
        await provider.diff({ id: APP_B.key, olds: written(declared({ fallback: FALLBACK })), news: declared() }),
      ).toMatchObject({
        changes: true,
        replaces: [],
      });
      expect(
        await provider.diff({
          id: APP_B.key,
          olds: written(declared()),
          news: declared({ applicationKey: APP_A.key }),
        }),
      ).toMatchObject({ changes: true, replaces: ['applicationKey'] });
    });
  });

  describe('create and update', () => {
    it('create sets both URLs and answers the application key as id', async () => {
      const result = await provider.create({ inputs: { ...declared({ fallback: FALLBACK }), ...SERIALIZED_PROVIDER } });
      expect(result).toEqual({ id: APP_B.key, outs: { ...written(declared({ fallback: FALLBACK })), adopted: false } });
      expect(await liveCallbacks(APP_B.key)).toEqual({ primary: PRIMARY, fallback: FALLBACK });
    });

    it('declared state is the whole truth: an omitted fallback clears an existing one', async () => {
      await setLive(APP_B.key, { primary: 'https://old.example.com', fallback: FALLBACK });
      await provider.create({ inputs: declared() });
      expect(await liveCallbacks(APP_B.key)).toEqual({ primary: PRIMARY });
    });

    it('update answers complete outputs', async () => {
      await provider.create({ inputs: declared() });
      // The update comes in a later deployment: within one, a second resource managing the same callbacks is refused.
      const result = await applicationCallbacksProvider(testContext(simulator, auth, APP_B)).update({
        id: APP_B.key,
        olds: written(declared()),
        news: declared({ primary: 'https://v2.example.com/events', fallback: FALLBACK }),
      });
      expect(result).toEqual({
        outs: written(declared({ primary: 'https://v2.example.com/events', fallback: FALLBACK })),
      });
      expect(await liveCallbacks(APP_B.key)).toEqual({ primary: 'https://v2.example.com/events', fallback: FALLBACK });
    });

    it("one application's callbacks declared twice in a deployment: the second fails before any call, saying so", async () => {
      await provider.create({ inputs: declared() });
      await admin(simulator, 'DELETE', 'requests');
      const error = await failureOf(
        provider.create({ inputs: declared({ primary: 'https://other.example.com/events' }) }),
      );
      expect(error.message).toMatch(
        new RegExp(`^The callback URLs of ${APP_B.key} are declared by two ApplicationCallbacks of this stack`),
      );
      expect(await requests()).toEqual([]);
      expect(await liveCallbacks(APP_B.key)).toEqual({ primary: PRIMARY });
    });

    it('an unknown application: Sinch says why', async () => {
      const error = await failureOf(provider.create({ inputs: declared({ applicationKey: UNKNOWN_APPLICATION }) }));
      expect(error.message).toMatch(/HTTP 400 \(errorCode 40003\).*Invalid Application Key/);
    });
  });

  describe('read (refresh)', () => {
    it('reports live URLs as props and inputs, and keeps what this resource wrote', async () => {
      await setLive(APP_B.key, { primary: 'https://changed.example.com' });
      const result = await provider.read({ id: APP_B.key, props: written(declared({ fallback: FALLBACK })) });
      const live = { applicationKey: APP_B.key, primary: 'https://changed.example.com' };
      expect(result).toEqual({
        id: APP_B.key,
        props: { ...live, appliedPrimary: PRIMARY, appliedFallback: FALLBACK },
        inputs: live,
      });
    });

    it('a state written before appliedPrimary existed counts its recorded URLs as written', async () => {
      await setLive(APP_B.key, { primary: PRIMARY });
      const result = await provider.read({
        id: APP_B.key,
        props: declared({ fallback: FALLBACK }) as unknown as ApplicationCallbacksOutputs,
      });
      expect(result.props).toEqual({
        applicationKey: APP_B.key,
        primary: PRIMARY,
        appliedPrimary: PRIMARY,
        appliedFallback: FALLBACK,
      });
    });

    it('an application that no longer exists answers no id', async () => {
      expect(
        await provider.read({
          id: UNKNOWN_APPLICATION,
          props: written(declared({ applicationKey: UNKNOWN_APPLICATION })),
        }),
      ).toEqual({});
    });
  });

  describe('delete', () => {
    it('clears the URLs this resource set', async () => {
      await provider.create({ inputs: declared({ fallback: FALLBACK }) });
      await later().delete({ id: APP_B.key, props: written(declared({ fallback: FALLBACK })) });
      expect(await liveCallbacks(APP_B.key)).toEqual({});
    });

    it('keeps a URL someone changed since, and says so', async () => {
      await provider.create({ inputs: declared({ fallback: FALLBACK }) });
      await setLive(APP_B.key, { primary: 'https://theirs.example.com' });
      await later().delete({ id: APP_B.key, props: written(declared({ fallback: FALLBACK })) });
      expect(await liveCallbacks(APP_B.key)).toEqual({ primary: 'https://theirs.example.com' });
      expect(context.logs).toEqual([expect.stringMatching(/left alone primary \(https:\/\/theirs\.example\.com\)/)]);
      expect(context.warnings).toEqual(context.logs);
    });

    it('after a refresh that recorded the change, still keeps it', async () => {
      await provider.create({ inputs: declared({ fallback: FALLBACK }) });
      await setLive(APP_B.key, { primary: 'https://theirs.example.com' });
      const refreshed = await provider.read({ id: APP_B.key, props: written(declared({ fallback: FALLBACK })) });
      await later().delete({ id: APP_B.key, props: refreshed.props! });
      expect(await liveCallbacks(APP_B.key)).toEqual({ primary: 'https://theirs.example.com' });
    });

    it('nothing of ours left: no write', async () => {
      await provider.delete({ id: APP_B.key, props: written(declared()) });
      expect(await requests()).toEqual([`GET /v1/configuration/callbacks/applications/{key}`]);
    });
  });
});
