/**
 * Property values across the wire: the engine's protobuf Structs in, plain values out, and back. The implementation
 * takes plain values only (provider/implementation/requests.ts), so secret wrappers are taken off here.
 */
import { Struct, type JavaScriptValue } from 'google-protobuf/google/protobuf/struct_pb';
import type { PropertyValues } from '../implementation/requests';

/** The engine's marker of a wrapped special value, and the signature that says it wraps a secret. */
const SIGNATURE_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIGNATURE = '1b47061264138c4ac30d75fd1eb44270';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The value with every secret wrapper replaced by what it wraps. Configure's `args` always carry them (the engine
 * marshals them with secrets kept, whatever the plugin accepts); resource inputs do not, since configure answers
 * acceptSecrets: false, but an unwrapped copy is what the implementation must see either way.
 */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (!isRecord(value)) return value;
  if (value[SIGNATURE_KEY] === SECRET_SIGNATURE) return unwrapSecrets(value.value);
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, unwrapSecrets(member)]));
}

/** A request's property map as plain values; absent means empty (a check of a new resource has no olds). */
export function plainValues(struct: Struct | undefined): PropertyValues {
  if (!struct) return {};
  const values = unwrapSecrets(struct.toJavaScript());
  return isRecord(values) ? values : {};
}

/**
 * A property map for a response. Through JSON first: Struct.fromJavaScript throws on `undefined`, which the
 * implementation uses for "absent" (an output such as `foundApplicationKey` when the number was unbound).
 */
export function toStruct(values: PropertyValues): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(values)) as Record<string, JavaScriptValue>);
}
