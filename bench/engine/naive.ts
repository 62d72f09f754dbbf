/**
 * The engine's naive provider: the way one would first write these resources as dynamic providers, against which the
 * table places ours, between it and the floor. Each resource talks to the API on its own, with nothing shared between
 * resources (no batching, no shared listing): a binding's create is one assign call and one read-back (list) call,
 * its read one list call (the API has no GET of one number's binding), its delete one unassign call; an application's
 * callbacks are one write and one read-back, read one GET, delete one write clearing them. check echoes the inputs;
 * diff compares them (a change replaces). Plain Node `fetch`, Basic authentication with the stack configuration's
 * `sinch:applicationKey` and `sinch:applicationSecret`, to `sinch:baseUrl`, all given to `configure`.
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
const diff = async (_id, olds, news) => {
  const replaces = Object.keys({ ...olds, ...news }).filter((key) => key !== '__provider' && olds[key] !== news[key]);
  return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
};
`;

/** NumberAssignment: inputs `number` and `applicationKey`; the id is the number. */
const BINDING_SOURCE = `${COMMON}
// The benchmark's naive NumberAssignment: one request at a time per resource, nothing shared (bench/engine/naive.ts).
const NUMBERS = '/v1/configuration/numbers';
const boundTo = async (number) =>
  ((await call('GET', NUMBERS)).numbers || []).find((entry) => entry.number === number && entry.capability === 'voice');
module.exports = {
  configure,
  check: async (_olds, news) => ({ inputs: news }),
  diff,
  create: async (inputs) => {
    await call('POST', NUMBERS, { numbers: [inputs.number], applicationkey: inputs.applicationKey, capability: 'voice' });
    const live = await boundTo(inputs.number);
    if (!live || live.applicationkey !== inputs.applicationKey)
      throw new Error(inputs.number + ' is not bound to ' + inputs.applicationKey + ' after the assign');
    return { id: inputs.number, outs: { number: inputs.number, applicationKey: inputs.applicationKey } };
  },
  read: async (id, props) => {
    const live = await boundTo(id);
    if (!live || !live.applicationkey) return {};
    return { id, props: { ...props, number: id, applicationKey: live.applicationkey } };
  },
  delete: async (id, props) => {
    await call('DELETE', NUMBERS, { number: id, applicationkey: props.applicationKey, capability: 'voice' });
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
  diff,
  create: async (inputs) => {
    await call('POST', path(inputs.applicationKey), { url: { primary: inputs.primary } });
    if ((await primaryOf(inputs.applicationKey)) !== inputs.primary)
      throw new Error('the callbacks of ' + inputs.applicationKey + ' are not ' + inputs.primary + ' after the write');
    return { id: inputs.applicationKey, outs: { applicationKey: inputs.applicationKey, primary: inputs.primary } };
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
