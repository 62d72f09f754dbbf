/**
 * How a resource's or a function's shape is declared: once, as data. Everything else derives from it: the
 * implementation's types and key lists, `check`'s defaults, `diff`'s replace keys, the Pulumi package schema, and
 * the tables of docs/ (scripts/docs). A property is declared in its kind's shape (shapes/<kind>.ts); CONTRIBUTING.md
 * lists what else adding one takes.
 */

/** A value's type, as the Pulumi package schema names them. */
export interface ValueShape {
  readonly type: 'string' | 'boolean' | 'number' | 'object' | 'array';
  readonly description: string;
  /** The only values a string may take. */
  readonly enum?: readonly string[];
  /** An object's name as a type of the package schema (`sinch:voice:<name>`). */
  readonly typeName?: string;
  /** An object's members; `required` on a member means it is always present. */
  readonly properties?: Readonly<Record<string, ValueShape & { readonly required?: boolean }>>;
  /** An array's items. */
  readonly items?: ValueShape;
}

/** The provider setting an input defaults to when the program leaves it out. */
export type DefaultSetting = 'applicationKey';

export interface ResourcePropertyShape extends ValueShape {
  /** Given by the program; otherwise an output only. */
  readonly input?: boolean;
  /** An input the program must give. */
  readonly required?: boolean;
  /** An output present in every state (an input that is required or has a default always is). */
  readonly always?: boolean;
  /** What `check` fills in for an input that is absent. */
  readonly default?: string | boolean;
  readonly defaultSetting?: DefaultSetting;
  /** A change to this input replaces the resource; a change to any other input updates it in place. */
  readonly replaces?: boolean;
}

export interface ResourceShape {
  /** The kind it is registered as (provider/registry.ts; test/provider/registry.test.ts checks they agree). */
  readonly kind: string;
  readonly description: string;
  /** The id, and so what `pulumi import` takes: its form, an example, and what it is (a phrase that follows "the id is"). */
  readonly id: { readonly form: string; readonly example: string; readonly description: string };
  readonly properties: Readonly<Record<string, ResourcePropertyShape>>;
}

export interface FunctionShape {
  readonly description: string;
  readonly inputs: Readonly<Record<string, ValueShape & { readonly required?: boolean }>>;
  readonly outputs: Readonly<Record<string, ValueShape & { readonly required?: boolean }>>;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The TypeScript type of a declared value. */
export type ValueOf<P> = P extends { readonly enum: readonly (infer E)[] }
  ? E
  : P extends { readonly type: 'boolean' }
    ? boolean
    : P extends { readonly type: 'number' }
      ? number
      : string;

type Properties<S extends ResourceShape> = S['properties'];
type InputKey<S extends ResourceShape> = {
  [K in keyof Properties<S>]: Properties<S>[K] extends { readonly input: true } ? K : never;
}[keyof Properties<S>];
/** Inputs present after `check`: required, or given a default. */
type FilledKey<S extends ResourceShape> = {
  [K in InputKey<S>]: Properties<S>[K] extends
    { readonly required: true } | { readonly default: unknown } | { readonly defaultSetting: unknown }
    ? K
    : never;
}[InputKey<S>];
type OutputKey<S extends ResourceShape> = Exclude<keyof Properties<S>, InputKey<S>>;
type AlwaysKey<S extends ResourceShape> = {
  [K in OutputKey<S>]: Properties<S>[K] extends { readonly always: true } ? K : never;
}[OutputKey<S>];

/** A resource's inputs after `check`: every default filled in. */
export type CheckedInputs<S extends ResourceShape> = Simplify<
  { -readonly [K in FilledKey<S>]: ValueOf<Properties<S>[K]> } & {
    -readonly [K in Exclude<InputKey<S>, FilledKey<S>>]?: ValueOf<Properties<S>[K]>;
  }
>;

/** A resource's outputs: its checked inputs and what the provider records. */
export type Outputs<S extends ResourceShape> = Simplify<
  CheckedInputs<S> & { -readonly [K in AlwaysKey<S>]: ValueOf<Properties<S>[K]> } & {
    -readonly [K in Exclude<OutputKey<S>, AlwaysKey<S>>]?: ValueOf<Properties<S>[K]>;
  }
>;

const keysWhere = <S extends ResourceShape>(shape: S, test: (property: ResourcePropertyShape) => boolean): string[] =>
  Object.entries(shape.properties).flatMap(([name, property]) => (test(property) ? [name] : []));

/** The names of the inputs, in declaration order. */
export const inputNames = <S extends ResourceShape>(shape: S) =>
  keysWhere(shape, (property) => property.input === true) as Array<InputKey<S> & string>;

/** Every property the state holds, inputs first. */
export const outputNames = <S extends ResourceShape>(shape: S) =>
  Object.keys(shape.properties) as Array<keyof Properties<S> & string>;

/** The inputs whose change replaces the resource. */
export const replaceNames = <S extends ResourceShape>(shape: S) =>
  keysWhere(shape, (property) => property.input === true && property.replaces === true) as Array<InputKey<S> & string>;

/** The inputs a change updates in place. */
export const updateNames = <S extends ResourceShape>(shape: S) =>
  keysWhere(shape, (property) => property.input === true && property.replaces !== true) as Array<InputKey<S> & string>;

/** The constant defaults of inputs (not those taken from a setting): what `check` fills in, and how old states are read. */
export const constantDefaults = <S extends ResourceShape>(shape: S): Partial<CheckedInputs<S>> =>
  Object.fromEntries(
    Object.entries(shape.properties).flatMap(([name, property]) =>
      property.input && property.default !== undefined ? [[name, property.default]] : [],
    ),
  ) as Partial<CheckedInputs<S>>;
