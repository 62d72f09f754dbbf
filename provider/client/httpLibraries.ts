import type { AxiosStatic } from 'axios';
import type * as AxiosRetry from 'axios-retry';

/** What a request needs of axios and axios-retry. */
export interface HttpLibraries {
  axios: AxiosStatic;
  axiosRetry: typeof AxiosRetry.default;
}

let loaded: HttpLibraries | undefined;

/**
 * axios and axios-retry, loaded when they are first needed rather than with the package. A Pulumi program loads the
 * package to declare resources and sends no request itself (the provider does, in its own process), and loading them
 * cost it about 60 ms of CPU in every `preview` and `up`. The provider loads them with its first connection
 * (implementation/deployment.ts) or before its first write (implementation/runtime.ts); the answer schemas wait the
 * same way (schemas.ts).
 */
export function httpLibraries(): HttpLibraries {
  loaded ??= {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first request, see above
    axios: require('axios') as AxiosStatic,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first request, see above
    axiosRetry: (require('axios-retry') as typeof AxiosRetry).default,
  };
  return loaded;
}
