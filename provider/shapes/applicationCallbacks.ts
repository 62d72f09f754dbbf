import type { CheckedInputs, Outputs, ResourceShape } from './property';

const URL_RULES =
  'An absolute `https` URL (`http` only to `localhost`, `127.0.0.0/8` or `[::1]`), sent as written: only the scheme and host are lower-cased and `/` is added to an empty path. The host is a DNS name (an internationalized one in punycode, `xn--…`), a dotted-decimal IPv4 or a bracketed IPv6 address; port 1 to 65535; no user info, fragment, `.` or `..` segments, spaces, backslashes, control or invisible characters; at most 2048 characters. A URL that a URL parser would rewrite otherwise (such as `https://h.com:443/`) is refused, with the form to write.';

const KEY_FORMS =
  'a UUID with or without dashes, in any case, kept in the dashed lower-case form Sinch issues (another form of the same key is no change)';

export const APPLICATION_CALLBACKS = {
  kind: 'ApplicationCallbacks',
  description:
    "The callback URLs of one Voice application: where Sinch sends the application's call events. Creating it adopts URLs that are already as declared; destroy puts back the URLs it found, where they are still what this resource set.",
  id: {
    form: '<applicationKey>',
    example: 'f00dcafe-abba-c0de-1dea-dabb1ed4caf3',
    description:
      'the application key, in the dashed lower-case form Sinch issues (an import takes it with or without dashes, in any case)',
  },
  properties: {
    applicationKey: {
      type: 'string',
      input: true,
      defaultSetting: 'applicationKey',
      replaces: true,
      description: `The Voice application, by its key: ${KEY_FORMS}. Changing it replaces the resource.`,
    },
    primary: {
      type: 'string',
      input: true,
      required: true,
      description: `The URL Sinch calls for the application's events. ${URL_RULES}`,
    },
    fallback: {
      type: 'string',
      input: true,
      description: `Called when the primary URL fails or times out; absent means none (an existing fallback is cleared). ${URL_RULES}`,
    },
    appliedPrimary: {
      type: 'string',
      always: true,
      description:
        'The primary URL this resource last wrote. A refresh may show another in `primary`; delete clears only URLs that still equal these.',
    },
    appliedFallback: {
      type: 'string',
      description: 'The fallback URL this resource last wrote, if any.',
    },
    adopted: {
      type: 'boolean',
      description: '`true` when create (or an import) found the declared URLs already set and wrote nothing.',
    },
    foundPrimary: {
      type: 'string',
      description: 'The primary URL set when this resource was created (absent when none was); destroy puts it back.',
    },
    foundFallback: {
      type: 'string',
      description: 'The fallback URL set when this resource was created (absent when none was); destroy puts it back.',
    },
  },
} as const satisfies ResourceShape;

/** ApplicationCallbacks' inputs after check; an absent fallback means none is configured. */
export type ApplicationCallbacksInputs = CheckedInputs<typeof APPLICATION_CALLBACKS>;
/** What an ApplicationCallbacks' state holds: see APPLICATION_CALLBACKS for each property. */
export type ApplicationCallbacksOutputs = Outputs<typeof APPLICATION_CALLBACKS>;

/** The resource name that the generator and `pulumi import` give an application's callbacks. */
export const callbacksResourceName = (applicationKey: string): string => `callbacks-${applicationKey}`;
