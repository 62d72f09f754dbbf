/**
 * When the HTTP stack (axios, axios-retry, zod) is loaded: not by a program that declares resources, which loads the
 * package and makes a client for the preflight but sends nothing, and by loadHttpStack or the first request.
 */
import { inspect } from 'node:util';
import { APP_A, expectNoSecret } from '../support/fixtures';
import { refusedUrl } from '../support/ports';

const HTTP_STACK = ['axios', 'axios-retry', 'zod'] as const;

/** Runs `body` with fresh modules, and says which of the HTTP stack's libraries it loaded. */
async function loadedBy(body: () => void | Promise<void>): Promise<string[]> {
  const loaded: string[] = [];
  await jest.isolateModulesAsync(async () => {
    for (const library of HTTP_STACK)
      jest.doMock(library, () => {
        loaded.push(library);
        return jest.requireActual(library);
      });
    await body();
  });
  return loaded.sort();
}

afterEach(() => {
  for (const library of HTTP_STACK) jest.dontMock(library);
});

const settings = { applicationKey: APP_A.key, applicationSecret: APP_A.secret, maxRetries: 0 };

it("the package's main and a client made as the preflight makes one load none of it", async () => {
  const loaded = await loadedBy(() => {
    const sinch = jest.requireActual<typeof import('../../provider')>('../../provider');
    const { connect } =
      jest.requireActual<typeof import('../../provider/configuration')>('../../provider/configuration');
    connect(settings);
    new sinch.SinchConfigurationClient(settings);
  });
  expect(loaded).toEqual([]);
});

it('loadHttpStack loads all of it, as the runtime does before the first write', async () => {
  const loaded = await loadedBy(() =>
    jest.requireActual<typeof import('../../provider/client/client')>('../../provider/client/client').loadHttpStack(),
  );
  expect(loaded).toEqual([...HTTP_STACK].sort());
});

it("the first request loads it, and a failure is still the client's own error", async () => {
  const loaded = await loadedBy(async () => {
    const { SinchConfigurationClient, SinchConnectionError } =
      jest.requireActual<typeof import('../../provider/client')>('../../provider/client');
    const client = new SinchConfigurationClient({ ...settings, baseUrl: await refusedUrl() });
    await expect(client.listNumbers()).rejects.toBeInstanceOf(SinchConnectionError);
  });
  expect(loaded).toEqual([...HTTP_STACK].sort());
});

it('a client shows no secret when inspected, before its first request or after it', async () => {
  const { SinchConfigurationClient } =
    jest.requireActual<typeof import('../../provider/client')>('../../provider/client');
  const client = new SinchConfigurationClient({ ...settings, baseUrl: await refusedUrl() });
  const shown = () => inspect(client, { showHidden: true, depth: null, getters: true });
  expectNoSecret(shown(), APP_A.secret);
  await client.listNumbers().catch(() => undefined);
  expectNoSecret(shown(), APP_A.secret);
});
