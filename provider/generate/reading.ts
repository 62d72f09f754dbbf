import {
  SinchApiError,
  SinchArgumentError,
  type CallbackUrls,
  type Capability,
  type SinchConfigurationClient,
} from '../client';

/** A number bound to an application, as the list call shows it. */
export interface LiveBinding {
  number: string;
  applicationKey: string;
  capability: Capability;
}

/** A number and capability of the project that no application holds. */
export interface UnboundNumber {
  number: string;
  capability: Capability;
}

/** An application's callback URLs as the API answered them (a field is absent when that URL is not set). */
export interface LiveCallbacks {
  applicationKey: string;
  urls: CallbackUrls;
}

/** An application whose callback URLs the API refused to show, and its answer. */
export interface UnreadableCallbacks {
  applicationKey: string;
  reason: string;
}

/** What exists in one Sinch project, as one reading saw it, in the order the API listed it. */
export interface LiveConfiguration {
  /** The API that was read and the application whose credentials read it (neither is a secret). */
  source: { baseUrl: string; applicationKey: string };
  bindings: LiveBinding[];
  unbound: UnboundNumber[];
  /** Each application read: those holding a number, and the configured one. */
  callbacks: LiveCallbacks[];
  unreadable: UnreadableCallbacks[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Reads the bindings (one list call), then the callback URLs of every application that holds a number and of the
 * configured one, one after another in key order (so the same state makes the same requests). An application whose URLs the API refuses to show (400, 403 or
 * 404: unknown to this project, or not readable with these credentials), or whose key the client cannot send, is
 * reported, not fatal: the bindings read
 * are still worth declaring. Any other failure (5xx after retries, no connection) is thrown.
 */
export async function readLiveConfiguration(
  client: SinchConfigurationClient,
  configuredApplicationKey: string,
): Promise<LiveConfiguration> {
  const listed = await client.listNumbers();
  const bindings: LiveBinding[] = [];
  const unbound: UnboundNumber[] = [];
  for (const { number, applicationKey, capability } of listed) {
    if (applicationKey) bindings.push({ number, applicationKey, capability });
    else unbound.push({ number, capability });
  }
  const applications = [
    ...new Set([configuredApplicationKey, ...bindings.map((binding) => binding.applicationKey)]),
  ].sort(byText);
  const callbacks: LiveCallbacks[] = [];
  const unreadable: UnreadableCallbacks[] = [];
  for (const applicationKey of applications) {
    try {
      callbacks.push({ applicationKey, urls: await client.getCallbacks(applicationKey) });
    } catch (error) {
      // An argument error: the list named an application by a key the client cannot send (not a UUID).
      const refused =
        error instanceof SinchArgumentError ||
        (error instanceof SinchApiError && [400, 403, 404].includes(error.status));
      if (!refused) throw error;
      unreadable.push({ applicationKey, reason: error.message });
    }
  }
  return {
    source: { baseUrl: client.baseUrl, applicationKey: configuredApplicationKey },
    bindings,
    unbound,
    callbacks,
    unreadable,
  };
}
