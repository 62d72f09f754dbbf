/** generate's other formats for a known live state: a YAML program for the plugin, and Pulumi's bulk import file. */
import { render, type LiveConfiguration } from '../../provider/generate';
import { APP_A, APP_B, VOICE_AND_SMS, VOICE_ONLY } from '../support/fixtures';

const live: LiveConfiguration = {
  source: { baseUrl: 'https://callingapi.sinch.com', applicationKey: APP_A.key },
  // In an order the API may list them: the output is sorted.
  bindings: [
    { number: VOICE_AND_SMS, applicationKey: APP_B.key, capability: 'sms' },
    { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice' },
  ],
  unbound: [{ number: VOICE_AND_SMS, capability: 'voice' }],
  callbacks: [
    { applicationKey: APP_B.key, urls: { primary: 'https://Voice.example.com/b' } },
    {
      applicationKey: APP_A.key,
      urls: { primary: 'https://voice.example.com/a', fallback: 'https://backup.example.com/a' },
    },
  ],
  unreadable: [],
};

it('yaml: a whole program for the plugin, every value quoted and explicit, with what it leaves out', () => {
  expect(render('yaml', live)).toEqual({
    notes: [],
    text: [
      `# Sinch Voice configuration as it exists, read by \`pulumi-sinch-voice generate\` from https://callingapi.sinch.com with the credentials of application ${APP_A.key}: 2 NumberAssignments, 2 ApplicationCallbacks.`,
      '# Creating these resources adopts what exists: the first `pulumi up` records each one as adopted and writes nothing',
      '# to Sinch (but the URLs marked below), and `pulumi destroy` later leaves these bindings and URLs as they are.',
      'name: sinch-voice',
      'runtime: yaml',
      '# The plugin, as `npm install pulumi-sinch-voice @pulumi/pulumi` puts it here; without this entry the engine looks',
      '# for it in PULUMI_HOME (`pulumi plugin install resource sinch <version> --file <archive>`).',
      'plugins:',
      '  providers:',
      '    - name: sinch',
      '      path: node_modules/pulumi-sinch-voice/bin',
      'resources:',
      `  "number-${VOICE_ONLY}-voice":`,
      '    type: sinch:voice:NumberAssignment',
      '    properties:',
      `      number: "${VOICE_ONLY}"`,
      `      applicationKey: "${APP_A.key}"`,
      '      capability: "voice"',
      `  "number-${VOICE_AND_SMS}-sms":`,
      '    type: sinch:voice:NumberAssignment',
      '    properties:',
      `      number: "${VOICE_AND_SMS}"`,
      `      applicationKey: "${APP_B.key}"`,
      '      capability: "sms"',
      `  "callbacks-${APP_A.key}":`,
      '    type: sinch:voice:ApplicationCallbacks',
      '    properties:',
      `      applicationKey: "${APP_A.key}"`,
      '      primary: "https://voice.example.com/a"',
      '      fallback: "https://backup.example.com/a"',
      '  # The live primary URL is "https://Voice.example.com/b"; URLs are declared normalized, so the first `pulumi up` writes "https://voice.example.com/b".',
      `  "callbacks-${APP_B.key}":`,
      '    type: sinch:voice:ApplicationCallbacks',
      '    properties:',
      `      applicationKey: "${APP_B.key}"`,
      '      primary: "https://voice.example.com/b"',
      '# Not declared:',
      `# - numbers bound to no application: ${VOICE_AND_SMS} (voice)`,
      '',
    ].join('\n'),
  });
});

it('import-file: the stable names and the plugin type tokens, ids as the plugin takes them; what it leaves out, as notes', () => {
  const { text, notes } = render('import-file', live);
  expect(JSON.parse(text)).toEqual({
    resources: [
      { type: 'sinch:voice:NumberAssignment', name: `number-${VOICE_ONLY}-voice`, id: `${VOICE_ONLY}/voice` },
      { type: 'sinch:voice:NumberAssignment', name: `number-${VOICE_AND_SMS}-sms`, id: `${VOICE_AND_SMS}/sms` },
      { type: 'sinch:voice:ApplicationCallbacks', name: `callbacks-${APP_A.key}`, id: APP_A.key },
    ],
  });
  expect(notes).toEqual([
    `read by \`pulumi-sinch-voice generate\` from https://callingapi.sinch.com with the credentials of application ${APP_A.key}: 2 NumberAssignments, 1 ApplicationCallbacks; importing records each one as adopted, so destroy leaves it as it is`,
    `not in the import file: the callback URLs of ${APP_B.key}, whose live primary URL is not written in its normalized form; declare them in the program instead (the first up writes the normalized form)`,
    `not in the import file: numbers bound to no application: ${VOICE_AND_SMS} (voice)`,
  ]);
});

it('typescript stays the default text', () => {
  expect(render('typescript', live).text).toContain(
    "import { ApplicationCallbacks, NumberAssignment } from 'pulumi-sinch-voice';",
  );
});

it('a value that would end a YAML comment or break a scalar cannot: comments lose control characters, values are JSON strings', () => {
  const hostile: LiveConfiguration = {
    ...live,
    bindings: [],
    unbound: [],
    callbacks: [],
    unreadable: [{ applicationKey: 'key\n  injected: true', reason: 'answered 403' }],
  };
  const text = render('yaml', hostile).text;
  expect(text).not.toContain('\n  injected: true');
  expect(text).toContain('# - the callback URLs of key   injected: true: not readable: answered 403');
});
