/** The plugin front end's generated YAML programs: the Sinch program through the plugin, and its floor. */
import { NOTHING_PROPERTIES, NOTHING_TYPE } from '../../bench/floorPlugin/nothing';
import type { SinchProgram } from '../../bench/engine/protocol';
import { floorYamlProgram, sinchYamlProgram } from '../../bench/engine/yaml';

const KEY_A = '0b5e4c11-0000-4000-8000-000000000001';
const KEY_B = '0b5e4c11-0000-4000-8000-000000000002';
const program: SinchProgram = {
  kind: 'sinch',
  bindings: [
    { name: 'number-0', number: '+14155550000', applicationKey: KEY_A },
    { name: 'number-1', number: '+14155550001', applicationKey: KEY_B },
  ],
  callbacks: [{ name: 'callbacks-0', applicationKey: KEY_A, primary: 'https://voice.example.com/bench/app-0' }],
};

it('the Sinch program: each binding and callbacks, quoted values, the plugin by path', () => {
  expect(sinchYamlProgram('bench-plugin-n2', program, '/scratch/node_modules/pulumi-sinch-voice/bin')).toBe(
    [
      'name: bench-plugin-n2',
      'description: "The engine benchmark: 2 bindings and 1 callbacks through pulumi-resource-sinch"',
      'runtime: yaml',
      'plugins:',
      '  providers:',
      '    - name: sinch',
      '      path: "/scratch/node_modules/pulumi-sinch-voice/bin"',
      'resources:',
      '  number-0:',
      '    type: sinch:voice:NumberAssignment',
      '    properties:',
      '      number: "+14155550000"',
      `      applicationKey: "${KEY_A}"`,
      '  number-1:',
      '    type: sinch:voice:NumberAssignment',
      '    properties:',
      '      number: "+14155550001"',
      `      applicationKey: "${KEY_B}"`,
      '  callbacks-0:',
      '    type: sinch:voice:ApplicationCallbacks',
      '    properties:',
      `      applicationKey: "${KEY_A}"`,
      '      primary: "https://voice.example.com/bench/app-0"',
      '',
    ].join('\n'),
  );
});

it('the floor: the same names and properties, each a Nothing of the do-nothing plugin', () => {
  const sinch = sinchYamlProgram('p', program, '/plugins/sinch');
  const floor = floorYamlProgram('p', program, '/plugins/nothing');
  const withoutHeader = (text: string) => text.slice(text.indexOf('resources:'));
  expect(withoutHeader(floor)).toBe(
    withoutHeader(sinch).replace(/sinch:voice:(NumberAssignment|ApplicationCallbacks)/g, NOTHING_TYPE),
  );
  expect(floor).toContain('    - name: nothing\n      path: "/plugins/nothing"\n');
  expect(floor).toContain('description: "The engine benchmark\'s floor: 3 resources of the do-nothing plugin"');
});

it("the floor's properties are all in the floor plugin's schema", () => {
  const text = floorYamlProgram('p', program, '/x');
  const keys = [...text.slice(text.indexOf('resources:')).matchAll(/^ {6}(\w+):/gm)].map((match) => match[1]);
  expect(keys).toEqual(['number', 'applicationKey', 'number', 'applicationKey', 'applicationKey', 'primary']);
  for (const key of keys) expect(NOTHING_PROPERTIES).toContain(key);
});

it('a value that YAML would read otherwise stays a string; a name that would need quoting is refused', () => {
  const odd: SinchProgram = {
    kind: 'sinch',
    bindings: [{ name: 'number-0', number: '+1 "quoted" #x: y', applicationKey: 'yes' }],
    callbacks: [],
  };
  expect(sinchYamlProgram('p', odd, '/x')).toContain(
    '      number: "+1 \\"quoted\\" #x: y"\n      applicationKey: "yes"\n',
  );
  expect(() => sinchYamlProgram('Has Space', program, '/x')).toThrow(/project name "Has Space" is not a plain name/);
  const badName: SinchProgram = { ...program, callbacks: [{ name: 'a: b', applicationKey: KEY_A, primary: 'x' }] };
  expect(() => floorYamlProgram('p', badName, '/x')).toThrow(/resource name "a: b"/);
});
