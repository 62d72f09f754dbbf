import { isUnknownApplication } from '../client/errors';
import type { Capability } from '../client/types';
import { checkBoolean, checkCapability, checkNumber } from '../client/arguments';
import { problemOf } from '../client/checked';
import { describeValue } from '../client/quoting';
import { APPLICATION_KEY_INPUT, parseInputs, type InputParser } from '../validation';
import { bindingKey } from './listing';
import { NumberBoundElsewhere, NumberNotOwned } from './refusals';
import type { LiveBinding, LiveBindings } from './liveBindings';
import { writeUntilLanded, type CheckedWrite, type Outcome } from './settle';
import { pick, type ProviderContext } from './context';
import { givenSettings } from '../configuration';
import { diffInputs, recorded, withDefaults } from './inputs';
import { numberResourceName, NUMBER_ASSIGNMENT } from '../shapes/numberAssignment';
import { inputNames } from '../shapes/property';
import type { ResourceImplementation, ResourceRegistration } from './registration';
import type { CreateResponse, PropertyValues, UpdateResponse } from './requests';
import type { NumberAssignmentInputs, NumberAssignmentOutputs } from '../shapes/numberAssignment';

/** What a NumberAssignment claims in a deployment: one binding (one number with one capability). */
const claimOf = (number: string, capability: Capability): string => `binding ${bindingKey(number, capability)}`;

/** The parser of each input's kind. */
const INPUTS: Readonly<Record<keyof NumberAssignmentInputs, InputParser>> = {
  number: { parse: checkNumber },
  applicationKey: APPLICATION_KEY_INPUT,
  capability: { parse: checkCapability },
  allowReassign: { parse: checkBoolean },
};

function declaredTwice(wanted: NumberAssignmentInputs): Error {
  return new Error(
    `${wanted.number} (${wanted.capability}) is declared by two NumberAssignments of this stack: another one already manages it in this ` +
      'deployment. Declare each number and capability once.',
  );
}

/** What a read-back found; anything but the write's own effect means the snapshot can no longer be trusted. */
function readBack(bindings: LiveBindings, outcome: Outcome): Outcome {
  if (outcome !== 'landed') bindings.forget();
  return outcome;
}

/**
 * Assigning the number to `applicationKey`, read back from the list: Sinch does not document what an assignment over
 * another application's number does, and an answer can be lost after the assignment took effect. The first round
 * shares an assign call with other numbers bound for the same application; a round after that sends this one alone,
 * so that a number Sinch refuses fails only its own resource.
 */
function assignment(
  bindings: LiveBindings,
  number: string,
  capability: Capability,
  applicationKey: string,
  before: string | undefined,
): CheckedWrite {
  return {
    description: `the assignment of ${number} (${capability}) to ${applicationKey}`,
    write: (round) => bindings.assign(number, capability, applicationKey, round === 1),
    outcome: async () => {
      const live = (await bindings.freshBinding(number, capability)).applicationKey;
      return readBack(bindings, live === applicationKey ? 'landed' : live === before ? 'unchanged' : 'changed');
    },
    contended: () =>
      new Error(
        `While this stack assigned ${number} (${capability}) to ${applicationKey}, someone else changed it: another deployment or a ` +
          'person in the Sinch dashboard is assigning it at the same time. Nothing more was written; run `pulumi refresh` to see where it is now.',
      ),
  };
}

/**
 * Unassigning the number from `owner`. Sinch's 204 to this DELETE is taken at its word (a number that stayed bound
 * after one is the safe way to be wrong); a lost or failed answer is read back: done once the list no longer shows
 * it bound to `owner`.
 */
function unassignment(bindings: LiveBindings, number: string, capability: Capability, owner: string): CheckedWrite {
  return {
    description: `the unassignment of ${number} (${capability}) from ${owner}`,
    write: async () => {
      await bindings.unassign(number, capability, owner);
      return 'landed';
    },
    outcome: async () =>
      readBack(
        bindings,
        (await bindings.freshBinding(number, capability)).applicationKey === owner ? 'unchanged' : 'landed',
      ),
    contended: () => new Error(`${number} (${capability}) changed while this stack unassigned it`),
  };
}

/** An import names the binding by its id; anything else is refused before any call, saying what the id looks like. */
function checkImportId(id: string): void {
  const [number, capability, ...rest] = id.split('/');
  const problem =
    rest.length > 0 || capability === undefined
      ? 'is not <number>/<capability>'
      : (problemOf(checkNumber(number)) ?? problemOf(checkCapability(capability)));
  if (problem) {
    throw new Error(
      `Cannot import NumberAssignment ${describeValue(id)}: the id ${problem}. Give it as <number>/<capability>, such as +12015550100/voice.`,
    );
  }
}

/** The declared fields of checked inputs, without Pulumi's `__provider`. */
function declared(value: object): NumberAssignmentInputs {
  return pick<NumberAssignmentInputs>(
    value as Record<string, unknown>,
    inputNames(NUMBER_ASSIGNMENT),
  ) as NumberAssignmentInputs;
}

/** What create found, carried unchanged through updates and refreshes. */
type Found = Pick<NumberAssignmentOutputs, 'adopted' | 'foundApplicationKey'>;

function outputs(wanted: NumberAssignmentInputs, found: Found): NumberAssignmentOutputs {
  return {
    ...wanted,
    assignedApplicationKey: wanted.applicationKey,
    ...pick<Found>(found as Record<string, unknown>, ['adopted', 'foundApplicationKey']),
  };
}

/**
 * A state written by any earlier release, as today's methods read it: today's constant defaults and the issued form
 * of application keys (recorded); `assignedApplicationKey`, which states from before it existed leave out, is the
 * application they bound; and a state from before `adopted` existed recorded nothing found, so delete unassigns.
 */
function migrate(olds: PropertyValues): PropertyValues {
  const state: Partial<NumberAssignmentOutputs> = recorded(NUMBER_ASSIGNMENT, olds);
  if (state.number === undefined) return state;
  const { foundApplicationKey, ...rest } = state;
  return {
    ...rest,
    assignedApplicationKey: state.assignedApplicationKey ?? state.applicationKey,
    ...(state.adopted === undefined || foundApplicationKey === undefined ? {} : { foundApplicationKey }),
  };
}

/**
 * Undoes this resource's own change to a binding that is still as it left it: back to unbound, or back to the
 * application that held the number before (an adopted binding, found on the declared application, stays bound).
 */
async function restore(
  context: ProviderContext,
  bindings: LiveBindings,
  recorded: Partial<NumberAssignmentOutputs>,
  owner: string,
): Promise<void> {
  const number = recorded.number as string;
  const capability = recorded.capability as Capability;
  const found = recorded.foundApplicationKey;
  if (found === undefined) {
    await writeUntilLanded(unassignment(bindings, number, capability, owner));
  } else if (found === owner) {
    context.info(`${number} (${capability}) stays bound to ${owner}: it was bound so before this stack adopted it`);
  } else {
    try {
      await writeUntilLanded(assignment(bindings, number, capability, found, owner));
      context.info(`${number} (${capability}) goes back to ${found}, which held it before this stack took it`);
    } catch (error) {
      if (!isUnknownApplication(error)) throw error;
      context.warn(
        `${number} (${capability}) stays bound to ${owner}: ${found}, which held it before this stack took it, no longer exists`,
      );
    }
  }
}

/** Binds the number as declared: adopts it, takes it (allowReassign) or assigns it; the guard refuses the rest. */
async function bind(context: ProviderContext, wanted: NumberAssignmentInputs): Promise<CreateResponse> {
  const bindings = context.bindings();
  const permitted = (seen: LiveBinding) =>
    seen.owned && (wanted.allowReassign || [undefined, wanted.applicationKey].includes(seen.applicationKey));
  const live = await bindings.binding(wanted.number, wanted.capability, permitted);
  if (!live.owned) throw new NumberNotOwned(wanted.number);
  const adopted = live.applicationKey === wanted.applicationKey;
  if (adopted) {
    context.info(
      `${wanted.number} (${wanted.capability}) adopted: already bound to ${wanted.applicationKey}, nothing written; destroy leaves it bound`,
    );
  } else if (live.applicationKey && !wanted.allowReassign) {
    throw new NumberBoundElsewhere(wanted.number, wanted.capability, live.applicationKey, wanted.applicationKey);
  } else {
    if (live.applicationKey)
      context.info(
        `${wanted.number} (${wanted.capability}) moves from ${live.applicationKey} to ${wanted.applicationKey} (allowReassign)`,
      );
    await writeUntilLanded(
      assignment(bindings, wanted.number, wanted.capability, wanted.applicationKey, live.applicationKey),
    );
  }
  return {
    id: bindingKey(wanted.number, wanted.capability),
    outs: outputs(wanted, { adopted, foundApplicationKey: live.applicationKey }),
  };
}

/** Moves the number to the declared application, from where this stack bound it or last saw it (or anywhere, with allowReassign). */
async function move(
  context: ProviderContext,
  wanted: NumberAssignmentInputs,
  olds: NumberAssignmentOutputs,
): Promise<UpdateResponse> {
  const bindings = context.bindings();
  // This stack may move what it bound itself, and what the last refresh showed; anything else needs allowReassign.
  const known = [undefined, olds.assignedApplicationKey, olds.applicationKey, wanted.applicationKey];
  const permitted = (seen: LiveBinding) => seen.owned && (wanted.allowReassign || known.includes(seen.applicationKey));
  const live = await bindings.binding(wanted.number, wanted.capability, permitted);
  if (!live.owned) throw new NumberNotOwned(wanted.number);
  if (live.applicationKey !== wanted.applicationKey) {
    if (!known.includes(live.applicationKey) && !wanted.allowReassign)
      throw new NumberBoundElsewhere(
        wanted.number,
        wanted.capability,
        live.applicationKey as string,
        wanted.applicationKey,
      );
    await writeUntilLanded(
      assignment(bindings, wanted.number, wanted.capability, wanted.applicationKey, live.applicationKey),
    );
  }
  return { outs: outputs(wanted, olds) };
}

function implement(context: ProviderContext): ResourceImplementation {
  return {
    async check({ news }) {
      const settings = givenSettings(context.settings());
      const filled = withDefaults(NUMBER_ASSIGNMENT, news, settings);
      const { inputs, failures } = parseInputs(filled, INPUTS, settings.applicationSecret);
      return { inputs, failures };
    },

    async diff({ olds, news }) {
      return diffInputs(NUMBER_ASSIGNMENT, olds, news);
    },

    async create({ inputs }) {
      const wanted = declared(inputs);
      return context.claims.claiming(
        claimOf(wanted.number, wanted.capability),
        () => declaredTwice(wanted),
        () => bind(context, wanted),
      );
    },

    async read({ id, props }) {
      const recorded = props as Partial<NumberAssignmentOutputs>;
      // An import: the engine knows the id and nothing else. What is there now is what the stack found.
      const importing = recorded.number === undefined;
      if (importing) checkImportId(id);
      const [number = recorded.number, capability = recorded.capability] = id.split('/');
      const live = await context.bindings().binding(number as string, capability as Capability);
      // Unassigned or gone from the project: no id, so refresh drops the resource and the next up recreates it.
      if (!live.applicationKey) return {};
      const inputs: NumberAssignmentInputs = {
        number: number as string,
        capability: capability as Capability,
        applicationKey: live.applicationKey,
        allowReassign: recorded.allowReassign ?? false,
      };
      const found: Found = importing ? { adopted: true, foundApplicationKey: live.applicationKey } : recorded;
      if (importing)
        context.info(`${number} (${capability}) imported: bound to ${live.applicationKey}; destroy leaves it bound`);
      const assignedApplicationKey = recorded.assignedApplicationKey ?? live.applicationKey;
      return { id, props: { ...outputs(inputs, found), assignedApplicationKey }, inputs };
    },

    async update({ olds, news }) {
      const wanted = declared(news);
      return context.claims.claiming(
        claimOf(wanted.number, wanted.capability),
        () => declaredTwice(wanted),
        () => move(context, wanted, olds as NumberAssignmentOutputs),
      );
    },

    async delete({ props }) {
      const recorded = props as Partial<NumberAssignmentOutputs>;
      const number = recorded.number as string;
      const capability = recorded.capability as Capability;
      if (context.claims.isClaimed(claimOf(number, capability))) {
        context.info(
          `${number} (${capability}) left as it is: another resource of this stack took it over in this deployment (a rename, move or replace)`,
        );
        return;
      }
      const owner = recorded.assignedApplicationKey as string;
      const bindings = context.bindings();
      const live = await bindings.binding(number, capability);
      if (!live.owned) {
        context.warn(`${number} is no longer a number of this project: nothing to undo`);
      } else if (!live.applicationKey) {
        context.info(`${number} (${capability}) is already unassigned`);
      } else if (live.applicationKey !== owner) {
        context.warn(
          `${number} (${capability}) left alone: it is bound to ${live.applicationKey} now, not to ${owner} as this stack set it`,
        );
      } else {
        await restore(context, bindings, recorded, owner);
      }
    },
  };
}

export const NUMBER_ASSIGNMENT_RESOURCE: ResourceRegistration = {
  shape: NUMBER_ASSIGNMENT,
  implement,
  migrate,
  resourceName: (id) => {
    const [number, capability] = id.split('/');
    return numberResourceName(number as string, capability as Capability);
  },
};
