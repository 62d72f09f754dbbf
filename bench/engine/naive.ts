/**
 * The engine's naive provider: the way one would first write these resources as dynamic providers, against which the
 * table places ours, between it and the floor. Each resource talks to the API on its own, with nothing shared between
 * resources (no batching, no shared listing): a binding's create is one assign call and one read-back (list) call,
 * its read one list call (the API has no GET of one number's binding), its delete one unassign call; an application's
 * callbacks are one write and one read-back, read one GET, delete one write clearing them. check fills in the
 * defaults; diff compares the inputs (a change replaces). Plain Node `fetch`, Basic authentication with the stack
 * configuration's `sinch:applicationKey` and `sinch:applicationSecret`, to `sinch:baseUrl`, all given to `configure`.
 *
 * It implements the same resources, so it has their public shape: the program registers the same property names
 * (protocol.ts, NaiveProgram), check records the same inputs with the same defaults, the ids have the same form, and
 * create records the same outputs that it can know without reading first (`assignedApplicationKey`, `appliedPrimary`,
 * `adopted`: false). The state and the program's registrations then cost the engine what ours cost it, and the row
 * differs from ours only in how the provider spends its calls. (Until 2026-12-07 it recorded 2 properties a
 * resource: 850 KB of state at N = 500 against ours' 967 KB, a difference of the engine's work, not the provider's.)
 *
 * Installed as the floor is (floor.ts): two modules in the scratch project's node_modules, each of which is the whole
 * `module.exports` of one kind's provider, so that Pulumi writes each `__provider` as a `require` by name.
 */
import { installModule } from './floor';

export const NAIVE_MODULE = 'sinch-bench-naive';
export const NAIVE_CALLBACKS_MODULE = 'sinch-bench-naive-callbacks';

/** What both modules start with: the configuration, one request, and the diff of two sets of inputs. */
const COMMON = `'use strict';
let settings;
const configure = async ({ config }) => {
  const value = (key) => {
    const text = config.get('sinch:' + key);
    if (typeof text !== 'string' || text === '') throw new Error('sinch-bench-naive: sinch:' + key + ' is not set');
    return text;
  };
  settings = { baseUrl: value('baseUrl').replace(/\\/+$/, ''), key: value('applicationKey'), secret: value('applicationSecret') };
};
async function call(method, path, body) {
  const response = await fetch(settings.baseUrl + path, {
    method,
    headers: {
      authorization: 'Basic ' + Buffer.from(settings.key + ':' + settings.secret).toString('base64'),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(method + ' ' + path + ' answered ' + response.status + ': ' + text.slice(0, 300));
  return text === '' ? undefined : JSON.parse(text);
}
// olds are the recorded outputs: the names a create adds are not inputs, and are left out of the comparison.
const diffIgnoring = (outputsOnly) => async (_id, olds, news) => {
  const replaces = Object.keys({ ...olds, ...news }).filter(
    (key) => key !== '__provider' && !outputsOnly.includes(key) && olds[key] !== news[key],
  );
  return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
};
`;

/** NumberAssignment: inputs `number`, `applicationKey`, `capability` (voice), `allowReassign` (false); the id is `<number>/<capability>`. */
const BINDING_SOURCE = `${COMMON}
// The benchmark's naive NumberAssignment: one request at a time per resource, nothing shared (bench/engine/naive.ts).
const NUMBERS = '/v1/configuration/numbers';
const boundTo = async (number, capability) =>
  ((await call('GET', NUMBERS)).numbers || []).find((entry) => entry.number === number && entry.capability === capability);
module.exports = {
  configure,
  check: async (_olds, news) => ({ inputs: { capability: 'voice', allowReassign: false, ...news } }),
  diff: diffIgnoring(['assignedApplicationKey', 'adopted', 'foundApplicationKey']),
  create: async (inputs) => {
    const { number, applicationKey, capability } = inputs;
    await call('POST', NUMBERS, { numbers: [number], applicationkey: applicationKey, capability });
    const live = await boundTo(number, capability);
    if (!live || live.applicationkey !== applicationKey)
      throw new Error(number + ' is not bound to ' + applicationKey + ' after the assign');
    return { id: number + '/' + capability, outs: { ...inputs, assignedApplicationKey: applicationKey, adopted: false } };
  },
  read: async (id, props) => {
    const live = await boundTo(props.number, props.capability);
    if (!live || !live.applicationkey) return {};
    return { id, props: { ...props, applicationKey: live.applicationkey } };
  },
  delete: async (_id, props) => {
    await call('DELETE', NUMBERS, { number: props.number, applicationkey: props.assignedApplicationKey, capability: props.capability });
  },
};
`;

/** ApplicationCallbacks: inputs `applicationKey` and `primary`; the id is the application key. */
const CALLBACKS_SOURCE = `${COMMON}
// The benchmark's naive ApplicationCallbacks: one request at a time per resource, nothing shared (bench/engine/naive.ts).
const path = (key) => '/v1/configuration/callbacks/applications/' + encodeURIComponent(key);
const primaryOf = async (key) => ((await call('GET', path(key))).url || {}).primary;
module.exports = {
  configure,
  check: async (_olds, news) => ({ inputs: news }),
  diff: diffIgnoring(['appliedPrimary', 'appliedFallback', 'adopted', 'foundPrimary', 'foundFallback']),
  create: async (inputs) => {
    await call('POST', path(inputs.applicationKey), { url: { primary: inputs.primary } });
    if ((await primaryOf(inputs.applicationKey)) !== inputs.primary)
      throw new Error('the callbacks of ' + inputs.applicationKey + ' are not ' + inputs.primary + ' after the write');
    return { id: inputs.applicationKey, outs: { ...inputs, appliedPrimary: inputs.primary, adopted: false } };
  },
  read: async (id, props) => {
    const primary = await primaryOf(id);
    return primary === undefined ? {} : { id, props: { ...props, applicationKey: id, primary } };
  },
  delete: async (id) => {
    await call('POST', path(id), { url: { primary: '' } });
  },
};
`;

export const NAIVE_SOURCES: Record<string, string> = {
  [NAIVE_MODULE]: BINDING_SOURCE,
  [NAIVE_CALLBACKS_MODULE]: CALLBACKS_SOURCE,
};

/** Writes the naive provider's two modules into `<project>/node_modules`. */
export function installNaiveProvider(project: string): void {
  for (const [name, source] of Object.entries(NAIVE_SOURCES)) installModule(project, name, source);
}
