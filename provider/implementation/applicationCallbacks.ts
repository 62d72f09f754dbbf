import type * as pulumi from '@pulumi/pulumi';
import { SinchApiError, type CallbackUrls, type SinchConfigurationClient } from '../client';
import { applicationKeyProblem, callbackUrlProblem } from '../validation';
import { changedKeys, failuresOf, pick, type ProviderContext } from './context';
import {
  APPLICATION_CALLBACKS_FIELDS,
  APPLICATION_CALLBACKS_OUTPUTS,
  type ApplicationCallbacksInputs,
  type ApplicationCallbacksOutputs,
} from './types';

type Provider = pulumi.dynamic.ResourceProvider<ApplicationCallbacksInputs, ApplicationCallbacksOutputs>;

const URL_FIELDS = ['primary', 'fallback'] as const;

function fields(value: object): ApplicationCallbacksInputs {
  return pick<ApplicationCallbacksInputs>(value as Record<string, unknown>, APPLICATION_CALLBACKS_FIELDS) as ApplicationCallbacksInputs;
}

/** The URLs this resource wrote; a state from before `appliedPrimary` existed wrote what it recorded. */
function appliedUrls(props: object | undefined): CallbackUrls {
  const recorded = pick<ApplicationCallbacksOutputs>((props ?? {}) as Record<string, unknown>, APPLICATION_CALLBACKS_OUTPUTS);
  return recorded.appliedPrimary === undefined
    ? pick<CallbackUrls>({ primary: recorded.primary, fallback: recorded.fallback }, URL_FIELDS)
    : pick<CallbackUrls>({ primary: recorded.appliedPrimary, fallback: recorded.appliedFallback }, URL_FIELDS);
}

function outputs(state: ApplicationCallbacksInputs, applied: CallbackUrls): ApplicationCallbacksOutputs {
  return { ...state, appliedPrimary: applied.primary ?? '', ...(applied.fallback === undefined ? {} : { appliedFallback: applied.fallback }) };
}

/** The live URLs, or undefined when the API no longer knows the application (deleted in the dashboard: 400/40003 or 404). */
async function liveCallbacks(client: SinchConfigurationClient, applicationKey: string): Promise<CallbackUrls | undefined> {
  try {
    return await client.getCallbacks(applicationKey);
  } catch (error) {
    if (error instanceof SinchApiError && (error.errorCode === 40003 || error.status === 404)) return undefined;
    throw error;
  }
}

/**
 * Writes the declared URLs, sending an omitted fallback as '' so that it is cleared whatever Sinch does with an
 * omitted field (undocumented), then reads them back to be sure.
 */
async function apply(client: SinchConfigurationClient, wanted: ApplicationCallbacksInputs): Promise<ApplicationCallbacksOutputs> {
  await client.updateCallbacks(wanted.applicationKey, { primary: wanted.primary, fallback: wanted.fallback ?? '' });
  const live = await client.getCallbacks(wanted.applicationKey);
  if (live.primary !== wanted.primary || live.fallback !== wanted.fallback) {
    throw new Error(
      `Sinch accepted the callback URLs of ${wanted.applicationKey} but now answers primary=${live.primary ?? '(none)'}, ` +
        `fallback=${live.fallback ?? '(none)'}.`,
    );
  }
  return outputs(wanted, wanted);
}

export function applicationCallbacksProvider(context: ProviderContext): Provider {
  return {
    async check(_olds, news) {
      const given = fields(news);
      const inputs: Partial<ApplicationCallbacksInputs> = { ...given, applicationKey: given.applicationKey || context.settings().applicationKey };
      const failures = failuresOf<ApplicationCallbacksInputs>(inputs, [
        ['applicationKey', applicationKeyProblem(inputs.applicationKey)],
        ['primary', inputs.primary === undefined ? 'is required: the URL Sinch calls for this application' : callbackUrlProblem(inputs.primary)],
        ['fallback', inputs.fallback === undefined ? undefined : callbackUrlProblem(inputs.fallback)],
      ]);
      return { inputs: inputs as ApplicationCallbacksInputs, failures };
    },

    async diff(_id, olds, news) {
      const replaces = changedKeys(olds, news, ['applicationKey']);
      const changes = [...replaces, ...changedKeys(olds, news, URL_FIELDS)];
      return { changes: changes.length > 0, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
      const outs = await apply(context.client(), fields(inputs));
      return { id: outs.applicationKey, outs };
    },

    async read(id, props) {
      const applicationKey = id || props?.applicationKey || '';
      const live = await liveCallbacks(context.client(), applicationKey);
      if (!live) return {};
      const state = fields({ applicationKey, ...live });
      // The SDK types ReadResult.inputs as the outputs type; the engine takes any inputs.
      return { id: applicationKey, props: outputs(state, appliedUrls(props)), inputs: state as ApplicationCallbacksOutputs };
    },

    async update(_id, _olds, news) {
      return { outs: await apply(context.client(), fields(news)) };
    },

    async delete(id, props) {
      const applicationKey = id || props.applicationKey;
      const applied = appliedUrls(props);
      const client = context.client();
      const live = await liveCallbacks(client, applicationKey);
      if (!live) return;
      // Clear what this resource set; send what someone else set since, explicitly, so that it is kept.
      const next: CallbackUrls = {};
      const keptBySomeoneElse: string[] = [];
      for (const field of URL_FIELDS) {
        if (live[field] === undefined || live[field] === applied[field]) {
          next[field] = '';
        } else {
          next[field] = live[field];
          keptBySomeoneElse.push(`${field} (${live[field]})`);
        }
      }
      if (keptBySomeoneElse.length > 0) {
        context.log(`callbacks of ${applicationKey}: left alone ${keptBySomeoneElse.join(', ')}: changed since this stack set it`);
      }
      if (URL_FIELDS.some((field) => next[field] === '' && live[field] !== undefined)) await client.updateCallbacks(applicationKey, next);
    },
  };
}
