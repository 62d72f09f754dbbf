import type { SinchConfigurationClient } from '../client';
import { isUnknownApplication } from '../client/errors';
import type { CallbackUrls } from '../client/types';
import { checkApplicationKey } from '../client/arguments';
import { describeValue } from '../client/quoting';
import { checkCallbackUrl } from '../client/urls';
import { APPLICATION_KEY_INPUT, issuedForm, parseInputs, type InputParser } from '../validation';
import {
  APPLICATION_CALLBACKS,
  callbacksResourceName,
  type ApplicationCallbacksInputs,
  type ApplicationCallbacksOutputs,
} from '../shapes/applicationCallbacks';
import { inputNames, outputNames } from '../shapes/property';
import { pick, type ProviderContext } from './context';
import { givenSettings } from '../configuration';
import { diffInputs, recorded, withDefaults } from './inputs';
import { writeUntilLanded } from './settle';
import type { ResourceImplementation, ResourceRegistration } from './registration';
import type { CreateResponse, PropertyValues } from './requests';

/** What an ApplicationCallbacks claims in a deployment: one application's callback URLs. */
const claimOf = (applicationKey: string): string => `callbacks ${applicationKey}`;

const URL_FIELDS = ['primary', 'fallback'] as const;

/** The parser of each input's kind. */
const INPUTS: Readonly<Record<keyof ApplicationCallbacksInputs, InputParser>> = {
  applicationKey: APPLICATION_KEY_INPUT,
  primary: { parse: checkCallbackUrl, absent: 'is required: the URL Sinch calls for this application' },
  fallback: { parse: checkCallbackUrl, optional: true },
};

/** What create found, carried unchanged through updates and refreshes. */
type Found = Pick<ApplicationCallbacksOutputs, 'adopted' | 'foundPrimary' | 'foundFallback'>;

function fields(value: object): ApplicationCallbacksInputs {
  return pick<ApplicationCallbacksInputs>(
    value as Record<string, unknown>,
    inputNames(APPLICATION_CALLBACKS),
  ) as ApplicationCallbacksInputs;
}

/**
 * A state written by any earlier release, as today's methods read it: today's constant defaults and the issued form
 * of application keys (recorded); a state from before `appliedPrimary` existed wrote the URLs it recorded; and one
 * from before `adopted` existed recorded nothing found, so delete clears what it wrote.
 */
function migrate(olds: PropertyValues): PropertyValues {
  const state: Partial<ApplicationCallbacksOutputs> = recorded(APPLICATION_CALLBACKS, olds);
  if (state.applicationKey === undefined) return state;
  const { foundPrimary, foundFallback, ...rest } = state;
  const applied =
    state.appliedPrimary === undefined ? { appliedPrimary: state.primary, appliedFallback: state.fallback } : {};
  const found = state.adopted === undefined ? {} : { foundPrimary, foundFallback };
  return pick<ApplicationCallbacksOutputs>({ ...rest, ...applied, ...found }, outputNames(APPLICATION_CALLBACKS));
}

/** The URLs this resource wrote. */
const appliedUrls = (recorded: Partial<ApplicationCallbacksOutputs>): CallbackUrls =>
  pick<CallbackUrls>({ primary: recorded.appliedPrimary, fallback: recorded.appliedFallback }, URL_FIELDS);

/** The URLs to put back on delete: those found at create. */
const foundUrls = (recorded: Partial<ApplicationCallbacksOutputs>): CallbackUrls =>
  pick<CallbackUrls>({ primary: recorded.foundPrimary, fallback: recorded.foundFallback }, URL_FIELDS);

function outputs(state: ApplicationCallbacksInputs, applied: CallbackUrls, found: Found): ApplicationCallbacksOutputs {
  return {
    ...state,
    appliedPrimary: applied.primary ?? '',
    ...(applied.fallback === undefined ? {} : { appliedFallback: applied.fallback }),
    ...pick<Found>(found as Record<string, unknown>, ['adopted', 'foundPrimary', 'foundFallback']),
  };
}

const sameUrls = (left: CallbackUrls, right: CallbackUrls): boolean =>
  URL_FIELDS.every((field) => left[field] === right[field]);
const describe = (urls: CallbackUrls): string =>
  URL_FIELDS.map((field) => `${field} ${urls[field] ?? '(none)'}`).join(', ');

/** The live URLs, or undefined when the API no longer knows the application (deleted in the dashboard). */
async function liveCallbacks(
  client: SinchConfigurationClient,
  applicationKey: string,
): Promise<CallbackUrls | undefined> {
  try {
    return await client.getCallbacks(applicationKey);
  } catch (error) {
    if (isUnknownApplication(error)) return undefined;
    throw error;
  }
}

/**
 * Writes exactly these URLs, sending a missing one as '' so that it is cleared whatever Sinch does with an omitted
 * field (undocumented), until the live URLs show them. `before` is what the URLs were (or last looked) before.
 */
function write(
  client: SinchConfigurationClient,
  applicationKey: string,
  urls: CallbackUrls,
  before: CallbackUrls,
): Promise<void> {
  return writeUntilLanded({
    description: `the callback URLs of ${applicationKey} (${describe(urls)})`,
    write: () => client.updateCallbacks(applicationKey, { primary: urls.primary ?? '', fallback: urls.fallback ?? '' }),
    outcome: async () => {
      const live = await client.getCallbacks(applicationKey);
      return sameUrls(live, urls) ? 'landed' : sameUrls(live, before) ? 'unchanged' : 'changed';
    },
    contended: () =>
      new Error(
        `While this stack wrote the callback URLs of ${applicationKey} (${describe(urls)}), someone else changed them: another deployment ` +
          'or a person in the Sinch dashboard is writing them at the same time. Nothing more was written; run `pulumi refresh` to see them.',
      ),
  });
}

/** An import names the application by its key, in the form Sinch issues it; anything else is refused before any call. */
function importedKey(id: string): string {
  const checked = checkApplicationKey(id);
  if (!checked.ok)
    throw new Error(
      `Cannot import ApplicationCallbacks ${describeValue(id)}: the id is the application key, which ${checked.reason}.`,
    );
  return checked.value;
}

function declaredTwice(applicationKey: string): Error {
  return new Error(
    `The callback URLs of ${applicationKey} are declared by two ApplicationCallbacks of this stack: another one already manages them in ` +
      "this deployment (one without applicationKey takes sinch:applicationKey). Declare each application's callbacks once.",
  );
}

/** Sets the declared URLs, or adopts them as they are; records what was there before. */
async function adoptOrWrite(context: ProviderContext, wanted: ApplicationCallbacksInputs): Promise<CreateResponse> {
  const client = context.client();
  const found = await client.getCallbacks(wanted.applicationKey);
  const adopted = sameUrls(found, wanted);
  if (adopted) {
    context.info(
      `callbacks of ${wanted.applicationKey} adopted: already ${describe(wanted)}, nothing written; destroy leaves them`,
    );
  } else {
    await write(client, wanted.applicationKey, wanted, found);
  }
  const outs = outputs(wanted, wanted, { adopted, foundPrimary: found.primary, foundFallback: found.fallback });
  return { id: wanted.applicationKey, outs };
}

function implement(context: ProviderContext): ResourceImplementation {
  return {
    async check({ news }) {
      const settings = givenSettings(context.settings());
      const filled = withDefaults(APPLICATION_CALLBACKS, news, settings);
      const { inputs, failures } = parseInputs(filled, INPUTS, settings.applicationSecret);
      return { inputs, failures };
    },

    async diff({ olds, news }) {
      return diffInputs(APPLICATION_CALLBACKS, olds, news);
    },

    async create({ inputs }) {
      const wanted = fields(inputs);
      return context.claims.claiming(
        claimOf(wanted.applicationKey),
        () => declaredTwice(wanted.applicationKey),
        () => adoptOrWrite(context, wanted),
      );
    },

    async read({ id, props }) {
      const recorded = props as Partial<ApplicationCallbacksOutputs>;
      // An import: the engine knows the id and nothing else. The URLs there now are what the stack found.
      const importing = recorded.applicationKey === undefined;
      const applicationKey = importing ? importedKey(id) : issuedForm(id || (recorded.applicationKey as string));
      const live = await liveCallbacks(context.client(), applicationKey);
      if (!live) return {};
      const state = fields({ applicationKey, ...live });
      if (importing) {
        context.info(`callbacks of ${applicationKey} imported: ${describe(live)}; destroy leaves them`);
        const props = outputs(state, live, { adopted: true, foundPrimary: live.primary, foundFallback: live.fallback });
        return { id: applicationKey, props, inputs: state };
      }
      return { id: applicationKey, props: outputs(state, appliedUrls(recorded), recorded), inputs: state };
    },

    async update({ olds, news }) {
      const wanted = fields(news);
      return context.claims.claiming(
        claimOf(wanted.applicationKey),
        () => declaredTwice(wanted.applicationKey),
        async () => {
          // What the URLs last looked like: as this resource wrote them, or as the last refresh found them.
          await write(context.client(), wanted.applicationKey, wanted, fields(olds));
          return { outs: outputs(wanted, wanted, olds) };
        },
      );
    },

    async delete({ id, props }) {
      const recorded = props as Partial<ApplicationCallbacksOutputs>;
      const applicationKey = issuedForm(id || (recorded.applicationKey as string));
      if (context.claims.isClaimed(claimOf(applicationKey))) {
        context.info(
          `callbacks of ${applicationKey} left as they are: another resource of this stack took them over in this deployment (a rename, move or replace)`,
        );
        return;
      }
      const client = context.client();
      const live = await liveCallbacks(client, applicationKey);
      if (!live) return;
      // Put back what create found where the URL is still what this resource wrote; keep what someone changed since.
      const applied = appliedUrls(recorded);
      const found = foundUrls(recorded);
      const next: CallbackUrls = {};
      const keptBySomeoneElse: string[] = [];
      for (const field of URL_FIELDS) {
        const target = live[field] === applied[field] ? found[field] : live[field];
        if (target !== undefined) next[field] = target;
        if (live[field] !== applied[field]) keptBySomeoneElse.push(`${field} (${live[field] ?? 'none'})`);
      }
      if (keptBySomeoneElse.length > 0) {
        context.warn(
          `callbacks of ${applicationKey}: left alone ${keptBySomeoneElse.join(', ')}: changed since this stack set it`,
        );
      }
      if (sameUrls(next, live)) return;
      await write(client, applicationKey, next, live);
      // Only a state that recorded what it found (adopted, true or false) can say it put that back.
      if (recorded.adopted !== undefined)
        context.info(`callbacks of ${applicationKey} put back as found before this stack: ${describe(next)}`);
    },
  };
}

export const APPLICATION_CALLBACKS_RESOURCE: ResourceRegistration = {
  shape: APPLICATION_CALLBACKS,
  implement,
  migrate,
  resourceName: callbacksResourceName,
};
