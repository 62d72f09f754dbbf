/**
 * The Pulumi package schema of the plugin (`pulumi package get-schema`), derived from the declared shapes: resources,
 * functions and provider configuration as package `sinch`, module `voice`. SDKs and docs are generated from it.
 */
import { SETTINGS, type FunctionShape, type ResourceShape, type SettingShape, type ValueShape } from '../shapes';
import { FUNCTION_NAMES, FUNCTIONS, RESOURCE_KINDS, RESOURCES, type FunctionName } from '../registry';

export const PACKAGE_NAME = 'sinch';

/**
 * Where the plugin's SDKs are published, named as Pulumi users look for a package: a Go module under the repository
 * (`…/sdk/go/sinch`), a Python distribution `pulumi_sinch_voice`, an npm package in the project's scope.
 */
export const REPOSITORY = 'https://github.com/pulumi-sinch-voice/pulumi-sinch-voice';
export const SDK_NAMES = {
  go: 'github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch',
  python: 'pulumi_sinch_voice',
  nodejs: '@pulumi-sinch-voice/sinch',
} as const;
export const MODULE = 'voice';

/**
 * Where the engine downloads the plugin for a program that uses an SDK: the repository's GitHub releases, whose assets
 * are named `pulumi-resource-sinch-v<version>-<os>-<arch>.tar.gz` (npm run plugin:pack), under the tag `v<version>`.
 */
export const PLUGIN_DOWNLOAD_URL = REPOSITORY.replace(/^https:\/\/github\.com\//, 'github://api.github.com/');

/** `sinch:voice:<name>`: the type token of a resource, function or object type. */
export const token = (name: string): string => `${PACKAGE_NAME}:${MODULE}:${name}`;

/** A property as the schema writes it. */
interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: SchemaProperty;
  description: string;
  default?: string | boolean | number;
  secret?: boolean;
  defaultInfo?: { environment: string[] };
  replaceOnChanges?: boolean;
  willReplaceOnChanges?: boolean;
}

interface ObjectType {
  type: 'object';
  description: string;
  properties: Record<string, SchemaProperty>;
  required: string[];
}

/** Object types met while writing properties, by token. */
type Types = Record<string, ObjectType>;

const withValues = (description: string, values: readonly string[] | undefined): string =>
  values === undefined ? description : `${description} One of: ${values.map((value) => `\`${value}\``).join(', ')}.`;

function property(shape: ValueShape, types: Types): SchemaProperty {
  const description = withValues(shape.description, shape.enum);
  if (shape.type === 'object') {
    const name = token(shape.typeName ?? 'Object');
    types[name] = objectType(shape, types);
    return { $ref: `#/types/${name}`, description };
  }
  if (shape.type === 'array') return { type: 'array', items: property(shape.items as ValueShape, types), description };
  return { type: shape.type, description };
}

function objectType(shape: ValueShape, types: Types): ObjectType {
  const members = Object.entries(shape.properties ?? {});
  return {
    type: 'object',
    description: shape.description,
    properties: Object.fromEntries(members.map(([name, member]) => [name, property(member, types)])),
    required: members.flatMap(([name, member]) => (member.required ? [name] : [])),
  };
}

function resource(shape: ResourceShape, types: Types) {
  const entries = Object.entries(shape.properties);
  const inputs = entries.filter(([, shaped]) => shaped.input);
  const inputProperty = ([name, shaped]: (typeof entries)[number]): [string, SchemaProperty] => {
    const written = property(shaped, types);
    const setting = shaped.defaultSetting === undefined ? undefined : SETTINGS[shaped.defaultSetting];
    return [
      name,
      {
        ...written,
        ...(shaped.default === undefined ? {} : { default: shaped.default }),
        ...(setting ? { description: `${written.description} Defaults to the provider's \`${setting.key}\`.` } : {}),
        ...(shaped.replaces ? { willReplaceOnChanges: true } : {}),
      },
    ];
  };
  return {
    description: `${shape.description}\n\nThe id is \`${shape.id.form}\`: ${shape.id.description}.`,
    properties: Object.fromEntries(entries.map(([name, shaped]) => [name, property(shaped, types)])),
    // Present in every state: the required inputs, the defaulted ones, and the outputs always written.
    required: entries.flatMap(([name, shaped]) =>
      shaped.required || shaped.always || shaped.default !== undefined || shaped.defaultSetting !== undefined
        ? [name]
        : [],
    ),
    inputProperties: Object.fromEntries(inputs.map(inputProperty)),
    requiredInputs: inputs.flatMap(([name, shaped]) => (shaped.required ? [name] : [])),
  };
}

/**
 * A setting as the schema declares it. A number's default is left to the plugin, which applies it: the SDKs would
 * write `environment value || default`, and a `SINCH_MAX_RETRIES=0` would become the default.
 */
function setting(shape: SettingShape): SchemaProperty {
  return {
    type: shape.type,
    description: withValues(shape.description, shape.enum),
    ...(shape.default === undefined || shape.type === 'integer' ? {} : { default: shape.default }),
    ...(shape.secret ? { secret: true } : {}),
    defaultInfo: { environment: [shape.environment] },
  };
}

function fn(shape: FunctionShape, types: Types) {
  const members = (values: FunctionShape['inputs']) => ({
    properties: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, property(value, types)])),
    required: Object.entries(values).flatMap(([name, value]) => (value.required ? [name] : [])),
  });
  return {
    description: shape.description,
    inputs: { type: 'object', ...members(shape.inputs) },
    outputs: { type: 'object', ...members(shape.outputs) },
  };
}

export function packageSchema(version: string) {
  const types: Types = {};
  const settings = Object.fromEntries(Object.entries(SETTINGS).map(([name, shape]) => [name, setting(shape)]));
  const resources = Object.fromEntries(
    RESOURCE_KINDS.map((kind) => [token(kind), resource(RESOURCES[kind].shape, types)]),
  );
  const functions = Object.fromEntries(
    FUNCTION_NAMES.map((name: FunctionName) => [token(name), fn(FUNCTIONS[name].shape, types)]),
  );
  return {
    name: PACKAGE_NAME,
    displayName: 'Sinch Voice',
    version,
    description:
      "Sinch Voice as infrastructure: which phone number belongs to which Voice application, and where each application's callbacks go.",
    keywords: ['pulumi', 'sinch', 'voice', 'telephony', 'category/utility', 'kind/native'],
    homepage: REPOSITORY,
    repository: REPOSITORY,
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    publisher: 'pulumi-sinch-voice',
    license: 'Apache-2.0',
    language: {
      go: { importBasePath: SDK_NAMES.go, generateResourceContainerTypes: true },
      nodejs: {
        packageName: SDK_NAMES.nodejs,
        packageDescription: 'Sinch Voice number bindings and callback URLs, through the pulumi-resource-sinch plugin.',
        // The generated code calls pulumi.runtime.existsResource, which @pulumi/pulumi has since 3.269.0.
        dependencies: { '@pulumi/pulumi': '^3.269.0' },
        typescriptVersion: '~5.9.3',
      },
      // exists() calls pulumi.runtime.exists_resource, new in pulumi 3.269.0 on PyPI (3.268.0: AttributeError), which
      // itself needs Python 3.10 or newer.
      python: { packageName: SDK_NAMES.python, requires: { pulumi: '>=3.269.0,<4.0.0' }, pythonRequires: '>=3.10' },
    },
    config: { variables: settings },
    provider: {
      description:
        'The provider for one set of Sinch credentials. Give several explicit providers to manage several Voice applications, each with its own key and secret.',
      inputProperties: settings,
    },
    resources,
    functions,
    types,
  };
}

export type PackageSchema = ReturnType<typeof packageSchema>;
