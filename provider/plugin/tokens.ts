/** Type tokens (`sinch:voice:NumberAssignment`) to the implementation's kinds and functions, and back. */
import { FUNCTION_NAMES, RESOURCE_KINDS, type FunctionName, type ResourceKind } from '../registry';
import { token } from '../schema/packageSchema';
import { unknownToken } from './errors';

const KIND_OF_TOKEN = new Map<string, ResourceKind>(RESOURCE_KINDS.map((kind) => [token(kind), kind]));
const FUNCTION_OF_TOKEN = new Map<string, FunctionName>(FUNCTION_NAMES.map((name) => [token(name), name]));

/**
 * The resource type a request is about. Newer engines send `type`; older ones only the URN
 * (`urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>`), whose type is the last of its `$`-separated chain.
 */
export function typeOf(urn: string, type = ''): string {
  if (type) return type;
  const qualified = urn.split('::')[2] ?? '';
  return qualified.split('$').at(-1) ?? '';
}

export function kindOf(type: string): ResourceKind {
  const kind = KIND_OF_TOKEN.get(type);
  if (!kind) throw unknownToken('resource type', type);
  return kind;
}

export function functionOf(tok: string): FunctionName {
  const name = FUNCTION_OF_TOKEN.get(tok);
  if (!name) throw unknownToken('function', tok);
  return name;
}
