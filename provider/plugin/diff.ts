/**
 * Diff's answer on the wire, with a detailed diff: the engine then shows which property changed and which one forces
 * the replace (`~ applicationKey`, `+- number`), as it does for Pulumi's own providers.
 */
import { DiffResponse, PropertyDiff } from '@pulumi/pulumi/proto/provider_pb';
import type { DiffResponse as Answer, PropertyValues } from '../implementation/requests';
import { RESOURCES, type ResourceKind } from '../registry';
import { replaceNames, updateNames } from '../shapes';

const { ADD, ADD_REPLACE, DELETE, DELETE_REPLACE, UPDATE, UPDATE_REPLACE } = PropertyDiff.Kind;

/**
 * The properties the implementation compared (its diff reads the state's outputs as `migrate` does, against the
 * checked inputs), each with how it changed. The comparison is the outputs against the new inputs, so not an input diff.
 */
function detailed(
  kind: ResourceKind,
  answer: Answer,
  olds: PropertyValues,
  news: PropertyValues,
): Map<string, PropertyDiff> {
  const { shape, migrate } = RESOURCES[kind];
  const previous = migrate(olds);
  const details = new Map<string, PropertyDiff>();
  for (const name of [...replaceNames(shape), ...updateNames(shape)]) {
    const before = previous[name];
    const after = news[name];
    if (before === after) continue;
    const replaces = answer.replaces.includes(name);
    const change =
      before === undefined
        ? [ADD, ADD_REPLACE]
        : after === undefined
          ? [DELETE, DELETE_REPLACE]
          : [UPDATE, UPDATE_REPLACE];
    details.set(name, new PropertyDiff().setKind(change[replaces ? 1 : 0] as PropertyDiff.Kind).setInputdiff(false));
  }
  for (const name of answer.replaces)
    if (!details.has(name)) details.set(name, new PropertyDiff().setKind(UPDATE_REPLACE));
  return details;
}

export function diffResponse(
  kind: ResourceKind,
  answer: Answer,
  olds: PropertyValues,
  news: PropertyValues,
): DiffResponse {
  const response = new DiffResponse()
    .setChanges(answer.changes ? DiffResponse.DiffChanges.DIFF_SOME : DiffResponse.DiffChanges.DIFF_NONE)
    .setReplacesList(answer.replaces)
    .setDeletebeforereplace(answer.deleteBeforeReplace);
  if (!answer.changes) return response;
  const details = detailed(kind, answer, olds, news);
  // A change the details cannot name is left to the engine's own display rather than shown as no property at all.
  if (details.size === 0) return response;
  response.setDiffsList([...details.keys()]).setHasdetaileddiff(true);
  for (const [name, difference] of details) response.getDetaileddiffMap().set(name, difference);
  return response;
}
