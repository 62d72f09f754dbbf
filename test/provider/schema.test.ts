/** The plugin's package schema is the declared shapes: tokens, inputs, outputs, defaults, replacements and secrets. */
import { packageSchema } from '../../provider/schema/packageSchema';
import { SETTINGS } from '../../provider/shapes';

const schema = packageSchema('1.2.3');

it('package sinch, module voice: both resources and both functions', () => {
  expect(schema.name).toBe('sinch');
  expect(schema.version).toBe('1.2.3');
  expect(Object.keys(schema.resources)).toEqual(['sinch:voice:NumberAssignment', 'sinch:voice:ApplicationCallbacks']);
  expect(Object.keys(schema.functions)).toEqual(['sinch:voice:getNumbers', 'sinch:voice:queryNumber']);
});

it('NumberAssignment: inputs with their defaults, the replacing ones marked, outputs with what is always present', () => {
  const resource = schema.resources['sinch:voice:NumberAssignment'] as (typeof schema.resources)[string];
  expect(Object.keys(resource.inputProperties)).toEqual(['number', 'applicationKey', 'capability', 'allowReassign']);
  expect(resource.requiredInputs).toEqual(['number']);
  expect(resource.inputProperties.capability).toMatchObject({
    type: 'string',
    default: 'voice',
    willReplaceOnChanges: true,
  });
  expect(resource.inputProperties.number).toMatchObject({ willReplaceOnChanges: true });
  expect(resource.inputProperties.applicationKey).not.toHaveProperty('willReplaceOnChanges');
  expect(resource.inputProperties.applicationKey?.description).toContain(
    "Defaults to the provider's `sinch:applicationKey`.",
  );
  expect(resource.inputProperties.allowReassign).toMatchObject({ type: 'boolean', default: false });
  expect(Object.keys(resource.properties)).toEqual([
    'number',
    'applicationKey',
    'capability',
    'allowReassign',
    'assignedApplicationKey',
    'adopted',
    'foundApplicationKey',
  ]);
  expect(resource.required).toEqual([
    'number',
    'applicationKey',
    'capability',
    'allowReassign',
    'assignedApplicationKey',
  ]);
  expect(resource.description).toContain('The id is `<number>/<capability>`');
});

it('ApplicationCallbacks: a changed application replaces it; the primary URL is required', () => {
  const resource = schema.resources['sinch:voice:ApplicationCallbacks'] as (typeof schema.resources)[string];
  expect(resource.requiredInputs).toEqual(['primary']);
  expect(resource.inputProperties.applicationKey).toMatchObject({ willReplaceOnChanges: true });
  expect(resource.inputProperties.primary).not.toHaveProperty('willReplaceOnChanges');
});

it('configuration: every setting, the secret marked secret, each with its environment variable', () => {
  for (const block of [schema.config.variables, schema.provider.inputProperties]) {
    expect(Object.keys(block)).toEqual(Object.keys(SETTINGS));
    expect(block.applicationSecret).toMatchObject({
      secret: true,
      defaultInfo: { environment: ['SINCH_APPLICATION_SECRET'] },
    });
    expect(block.applicationKey).not.toHaveProperty('secret');
    expect(block.operationTimeout).toMatchObject({ type: 'integer' });
    // The plugin applies a number's default: in the schema, the SDKs would turn an environment value of 0 into it.
    for (const name of ['operationTimeout', 'maxRetries'] as const) expect(block[name]).not.toHaveProperty('default');
    expect(block.auth).toMatchObject({ default: 'signed' });
    expect(block.auth?.description).toContain('One of: `signed`, `basic`.');
  }
});

it('functions: nested objects are types of the package, referenced', () => {
  const getNumbers = schema.functions['sinch:voice:getNumbers'] as (typeof schema.functions)[string];
  expect(getNumbers.inputs.required).toEqual([]);
  expect(getNumbers.outputs.properties.numbers).toMatchObject({
    type: 'array',
    items: { $ref: '#/types/sinch:voice:NumberBinding' },
  });
  expect(schema.types['sinch:voice:NumberBinding']).toMatchObject({
    type: 'object',
    required: ['number', 'capability'],
  });
  const queryNumber = schema.functions['sinch:voice:queryNumber'] as (typeof schema.functions)[string];
  expect(queryNumber.inputs.required).toEqual(['number']);
  expect(queryNumber.outputs.properties.rate).toMatchObject({ $ref: '#/types/sinch:voice:Rate' });
  expect(schema.types['sinch:voice:Rate']?.required).toEqual(['amount']);
});
