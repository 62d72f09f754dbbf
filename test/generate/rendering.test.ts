/** The text of the declarations for a given live state: what is declared, how, and what is left out and why. */
import { renderDeclarations, type LiveConfiguration } from '../../provider/generate';
import { APP_A, APP_B, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';

const SOURCE = { baseUrl: 'https://callingapi.sinch.com', applicationKey: APP_A.key };

function live(overrides: Partial<LiveConfiguration> = {}): LiveConfiguration {
  return { source: SOURCE, bindings: [], unbound: [], callbacks: [], unreadable: [], ...overrides };
}

/** The lines of the text that are not comments or blank: the code itself. */
const code = (text: string): string[] => text.split('\n').filter((line) => line !== '' && !line.startsWith('//'));
const comments = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('//'));

it('nothing bound and no URLs: comments only, no import (an unused one fails programs built with noUnusedLocals)', () => {
  const text = renderDeclarations(
    live({
      callbacks: [{ applicationKey: APP_A.key, urls: {} }],
      unbound: [{ number: VOICE_ONLY, capability: 'voice' }],
    }),
  );
  expect(code(text)).toEqual([]);
  expect(text).toContain(`// - callback URLs of ${APP_A.key}: none is set`);
  expect(text).toContain(`// - numbers bound to no application: ${VOICE_ONLY} (voice)`);
});

it('imports only the class that is used', () => {
  const onlyNumbers = renderDeclarations(
    live({ bindings: [{ number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice' }] }),
  );
  expect(code(onlyNumbers)[0]).toBe("import { NumberAssignment } from 'pulumi-sinch-voice';");
  const onlyCallbacks = renderDeclarations(
    live({ callbacks: [{ applicationKey: APP_B.key, urls: { primary: 'https://voice.example.com/b' } }] }),
  );
  expect(code(onlyCallbacks)[0]).toBe("import { ApplicationCallbacks } from 'pulumi-sinch-voice';");
});

it('names each resource as the top-level stack does: number-<number>-<capability>, callbacks-<applicationKey>', () => {
  const text = renderDeclarations(
    live({
      bindings: [
        { number: VOICE_AND_SMS, applicationKey: APP_B.key, capability: 'sms' },
        { number: VOICE_AND_SMS, applicationKey: APP_A.key, capability: 'voice' },
      ],
      callbacks: [{ applicationKey: APP_B.key, urls: { primary: 'https://voice.example.com/b' } }],
    }),
  );
  expect(code(text).filter((line) => line.startsWith('new '))).toEqual([
    `new NumberAssignment('number-${VOICE_AND_SMS}-sms', {`,
    `new NumberAssignment('number-${VOICE_AND_SMS}-voice', {`,
    `new ApplicationCallbacks('callbacks-${APP_B.key}', {`,
  ]);
});

it('a URL the resources would store in another form is declared normalized, with a comment that the first up writes it', () => {
  const text = renderDeclarations(
    live({
      callbacks: [
        {
          applicationKey: APP_A.key,
          urls: { primary: 'HTTPS://Voice.Example.com', fallback: 'https://backup.example.com/' },
        },
      ],
    }),
  );
  expect(text).toContain("  primary: 'https://voice.example.com/',");
  expect(text).toContain("  fallback: 'https://backup.example.com/',");
  expect(comments(text)).toContain(
    '// The live primary URL is "HTTPS://Voice.Example.com"; URLs are declared normalized, so the first `pulumi up` writes "https://voice.example.com/".',
  );
  expect(text).toContain('writes\n// nothing to Sinch except the URLs marked below');
});

it('without such a URL, the header says the first up writes nothing at all', () => {
  const text = renderDeclarations(
    live({ callbacks: [{ applicationKey: APP_A.key, urls: { primary: 'https://voice.example.com/' } }] }),
  );
  expect(text).toContain(
    'writes\n// nothing to Sinch, and `pulumi destroy` later leaves these bindings and URLs as they are.',
  );
  expect(text).not.toContain('The live primary URL');
});

it.each([
  [
    'a fallback without a primary',
    { callbacks: [{ applicationKey: APP_B.key, urls: { fallback: 'https://backup.example.com/' } }] },
    `// - the callback URLs of ${APP_B.key}: a fallback URL is set without a primary one, and ApplicationCallbacks requires a primary`,
  ],
  [
    'a URL the resources refuse (plain http off this machine)',
    { callbacks: [{ applicationKey: APP_B.key, urls: { primary: 'http://voice.example.com/' } }] },
    `// - the callback URLs of ${APP_B.key}: primary "http://voice.example.com/" must use https; plain http is allowed only for localhost, 127.0.0.0/8 and [::1]`,
  ],
  [
    'a listed number that is not E.164',
    { bindings: [{ number: '12015550100', applicationKey: APP_B.key, capability: 'voice' as const }] },
    '// - the binding of 12015550100 (voice): the number "12015550100" is not in E.164 form',
  ],
  [
    'an application whose URLs the API would not show',
    { unreadable: [{ applicationKey: APP_B.key, reason: 'Sinch getCallbacks failed with HTTP 403:\nForbidden' }] },
    `// - the callback URLs of ${APP_B.key}: not readable: Sinch getCallbacks failed with HTTP 403: Forbidden`,
  ],
])('%s is not declared, and a comment says why', (_case, state, line) => {
  const text = renderDeclarations(live(state));
  expect(code(text)).toEqual([]);
  expect(comments(text).some((comment) => comment.startsWith(line))).toBe(true);
});

it('text from the API cannot leave its comment: line breaks and separators become spaces', () => {
  const text = renderDeclarations(
    live({ unreadable: [{ applicationKey: APP_B.key, reason: 'a\nnew Evil();\u2028b\r\n*/' }] }),
  );
  expect(code(text)).toEqual([]);
});

it('sorts whatever order the API listed things in: numbers, then capabilities, then application keys', () => {
  const bindings = [
    { number: VOICE_ONLY_2, applicationKey: APP_B.key, capability: 'voice' as const },
    { number: VOICE_AND_SMS, applicationKey: APP_A.key, capability: 'voice' as const },
    { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice' as const },
    { number: VOICE_AND_SMS, applicationKey: APP_B.key, capability: 'sms' as const },
  ];
  const callbacks = [
    { applicationKey: APP_B.key, urls: { primary: 'https://voice.example.com/b' } },
    { applicationKey: APP_A.key, urls: { primary: 'https://voice.example.com/a' } },
  ];
  const unbound = [
    { number: VOICE_ONLY_2, capability: 'sms' as const },
    { number: VOICE_ONLY, capability: 'voice' as const },
  ];
  const text = renderDeclarations(live({ bindings, callbacks, unbound }));
  expect(text.match(/^new \w+\('[^']+'/gm)).toEqual([
    `new NumberAssignment('number-${VOICE_ONLY}-voice'`,
    `new NumberAssignment('number-${VOICE_ONLY_2}-voice'`,
    `new NumberAssignment('number-${VOICE_AND_SMS}-sms'`,
    `new NumberAssignment('number-${VOICE_AND_SMS}-voice'`,
    `new ApplicationCallbacks('callbacks-${APP_A.key}'`,
    `new ApplicationCallbacks('callbacks-${APP_B.key}'`,
  ]);
  expect(text).toContain(`// - numbers bound to no application: ${VOICE_ONLY} (voice), ${VOICE_ONLY_2} (sms)\n`);
  expect(
    renderDeclarations(
      live({ bindings: [...bindings].reverse(), callbacks: [...callbacks].reverse(), unbound: [...unbound].reverse() }),
    ),
  ).toBe(text);
});

it('the same state renders the same text, and the header names the source without user:password@', () => {
  const state = live({
    source: { baseUrl: 'https://user:hunter2@callingapi.sinch.com', applicationKey: APP_A.key },
    bindings: [
      { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice' },
      { number: VOICE_ONLY_2, applicationKey: APP_B.key, capability: 'voice' },
    ],
  });
  const text = renderDeclarations(state);
  expect(renderDeclarations(structuredClone(state))).toBe(text);
  expect(text).toContain('from https://callingapi.sinch.com\n');
  expect(text).not.toContain('hunter2');
});
