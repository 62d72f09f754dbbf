import { checkApplicationKey, checkCallbackUrl, checkNumber, type CallbackUrls, type Capability } from '../client';
import { callbacksResourceName, numberResourceName } from '../shapes';
import type { LiveConfiguration } from './reading';

/** A NumberAssignment to declare, named as the top-level stack names it. */
export interface DeclaredNumber {
  name: string;
  number: string;
  applicationKey: string;
  capability: Capability;
}

/** An ApplicationCallbacks to declare, with the URLs as the resources' `check` stores them (normalized). */
export interface DeclaredCallbacks {
  name: string;
  applicationKey: string;
  primary: string;
  fallback?: string;
  /** Live URLs whose normalized form differs: the first `up` writes the normalized one. */
  rewritten: Array<{ field: 'primary' | 'fallback'; live: string; declared: string }>;
}

/** What will be declared, and why anything that exists is not. */
export interface Declarations {
  numbers: DeclaredNumber[];
  callbacks: DeclaredCallbacks[];
  notDeclared: string[];
}

/** A value from the API named in a comment: at most 60 characters (comment lines are cleaned once more when rendered). */
export const short = (value: string): string => (value.length > 60 ? `${value.slice(0, 60)}…` : value);

/** Problems of the values the resources' `check` would refuse: such a binding or application is not declared. */
function refusal(checks: Array<[string, { ok: true } | { ok: false; reason: string }]>): string | undefined {
  const refused = checks.flatMap(([what, checked]) => (checked.ok ? [] : [`${what} ${checked.reason}`]));
  return refused.length > 0 ? refused.join('; ') : undefined;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byNumberThenCapability = (
  a: { number: string; capability: Capability },
  b: { number: string; capability: Capability },
): number => byText(a.number, b.number) || byText(a.capability, b.capability);
const byApplication = (a: { applicationKey: string }, b: { applicationKey: string }): number =>
  byText(a.applicationKey, b.applicationKey);

/** Sorted here, whatever order the API listed things in: the same state always renders the same text. */
export function declarationsOf(live: LiveConfiguration): Declarations {
  const notDeclared: string[] = [];
  const numbers: DeclaredNumber[] = [];
  for (const { number, applicationKey, capability } of [...live.bindings].sort(byNumberThenCapability)) {
    const problem = refusal([
      ['the number', checkNumber(number)],
      ['the application key', checkApplicationKey(applicationKey)],
    ]);
    if (problem) notDeclared.push(`the binding of ${short(number)} (${capability}): ${problem}`);
    else numbers.push({ name: numberResourceName(number, capability), number, applicationKey, capability });
  }

  const callbacks: DeclaredCallbacks[] = [];
  const withoutUrls: string[] = [];
  for (const { applicationKey, urls } of [...live.callbacks].sort(byApplication)) {
    if (urls.primary === undefined && urls.fallback === undefined) {
      withoutUrls.push(applicationKey);
      continue;
    }
    if (urls.primary === undefined) {
      notDeclared.push(
        `the callback URLs of ${applicationKey}: a fallback URL is set without a primary one, and ApplicationCallbacks requires a primary`,
      );
      continue;
    }
    const primary = checkCallbackUrl(urls.primary);
    const fallback = urls.fallback === undefined ? undefined : checkCallbackUrl(urls.fallback);
    const problem = refusal([
      ['the application key', checkApplicationKey(applicationKey)],
      ['primary', primary],
      ...(fallback ? [['fallback', fallback] as [string, typeof fallback]] : []),
    ]);
    if (problem || !primary.ok || (fallback && !fallback.ok)) {
      notDeclared.push(`the callback URLs of ${short(applicationKey)}: ${problem}`);
      continue;
    }
    callbacks.push({
      name: callbacksResourceName(applicationKey),
      applicationKey,
      primary: primary.value,
      ...(fallback ? { fallback: fallback.value } : {}),
      rewritten: rewrites(urls, { primary: primary.value, fallback: fallback?.value }),
    });
  }
  if (withoutUrls.length > 0) notDeclared.push(`callback URLs of ${withoutUrls.join(', ')}: none is set`);
  for (const { applicationKey, reason } of [...live.unreadable].sort(byApplication))
    notDeclared.push(`the callback URLs of ${short(applicationKey)}: not readable: ${reason}`);
  if (live.unbound.length > 0) {
    notDeclared.push(
      `numbers bound to no application: ${[...live.unbound]
        .sort(byNumberThenCapability)
        .map(({ number, capability }) => `${short(number)} (${capability})`)
        .join(', ')}`,
    );
  }
  return { numbers, callbacks, notDeclared };
}

function rewrites(live: CallbackUrls, declared: CallbackUrls): DeclaredCallbacks['rewritten'] {
  return (['primary', 'fallback'] as const).flatMap((field) => {
    const [was, will] = [live[field], declared[field]];
    return was !== undefined && will !== undefined && was !== will ? [{ field, live: was, declared: will }] : [];
  });
}

/** A TypeScript string literal in single quotes; the values reaching it passed the resources' checks. */
function literal(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Text from the API inside a `//` comment: one line, no control characters, so it cannot end the comment. */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/** Where the declarations were read, without any user:password@ a base URL may carry. */
export function sourceOf(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return '(an unreadable base URL)';
  }
}

export const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

function header(live: LiveConfiguration, declarations: Declarations): string[] {
  const rewrites = declarations.callbacks.some((callbacks) => callbacks.rewritten.length > 0);
  return [
    `// Sinch Voice configuration as it exists, read by \`pulumi-sinch-voice generate\` from ${sourceOf(live.source.baseUrl)}`,
    `// with the credentials of application ${commentText(short(live.source.applicationKey))}: ` +
      `${plural(declarations.numbers.length, 'NumberAssignment', 'NumberAssignments')}, ${declarations.callbacks.length} ApplicationCallbacks.`,
    '// Creating these resources adopts what exists: the first `pulumi up` records each one as adopted and writes',
    rewrites
      ? '// nothing to Sinch except the URLs marked below (the same addresses, normalized), and `pulumi destroy` later leaves\n' +
        '// these bindings and URLs as they are.'
      : '// nothing to Sinch, and `pulumi destroy` later leaves these bindings and URLs as they are.',
  ];
}

function numberStatement({ name, number, applicationKey, capability }: DeclaredNumber): string[] {
  return [
    `new NumberAssignment(${literal(name)}, {`,
    `  number: ${literal(number)},`,
    `  applicationKey: ${literal(applicationKey)},`,
    `  capability: ${literal(capability)},`,
    '});',
  ];
}

function callbacksStatement({ name, applicationKey, primary, fallback, rewritten }: DeclaredCallbacks): string[] {
  return [
    ...rewritten.map(
      ({ field, live, declared }) =>
        `// The live ${field} URL is ${commentText(JSON.stringify(live))}; URLs are declared normalized, so the first \`pulumi up\` writes ${commentText(JSON.stringify(declared))}.`,
    ),
    `new ApplicationCallbacks(${literal(name)}, {`,
    `  applicationKey: ${literal(applicationKey)},`,
    `  primary: ${literal(primary)},`,
    ...(fallback === undefined ? [] : [`  fallback: ${literal(fallback)},`]),
    '});',
  ];
}

/**
 * TypeScript declarations of what exists, ready to paste into a Pulumi program: an import of what they use, one
 * NumberAssignment per binding (sorted by number, then capability) and one ApplicationCallbacks per application with
 * URLs (sorted by key), every value explicit, so the declarations do not depend on the stack's sinch:applicationKey.
 * The same live state always renders the same text.
 */
export function renderDeclarations(live: LiveConfiguration): string {
  const declarations = declarationsOf(live);
  // Only what is used is imported: an unused import fails programs compiled with noUnusedLocals.
  const used = [
    ...(declarations.callbacks.length > 0 ? ['ApplicationCallbacks'] : []),
    ...(declarations.numbers.length > 0 ? ['NumberAssignment'] : []),
  ];
  const sections: string[][] = [
    header(live, declarations),
    ...(used.length > 0 ? [[`import { ${used.join(', ')} } from 'pulumi-sinch-voice';`]] : []),
    ...(declarations.numbers.length > 0 ? [declarations.numbers.flatMap(numberStatement)] : []),
    ...(declarations.callbacks.length > 0 ? [declarations.callbacks.flatMap(callbacksStatement)] : []),
    ...(declarations.notDeclared.length > 0
      ? [['// Not declared:', ...declarations.notDeclared.map((line) => `// - ${commentText(line)}`)]]
      : []),
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
