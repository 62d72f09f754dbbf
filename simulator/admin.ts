import { parseObjectBody, type JsonObject } from './body';
import { chaosProblem, type Chaos, type ChaosSettings } from './chaos';
import { apiErrors } from './errors';
import { CAPABILITIES, type Capability } from './model';
import { requireE164 } from './phoneNumbers';
import type { Store } from './store';
import { faultProblem, type Fault, type Traffic } from './traffic';
import { variantsProblem, type Variants, type VariantSettings } from './variants';

/**
 * The test and demo surface under `/_sim/`, a prefix the Sinch API never uses. It takes no authentication:
 * it stands for what a person can do in the Sinch dashboard, and the simulator listens on loopback by default.
 */
export interface AdminRoute {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  pattern: string;
  handler: (context: AdminContext) => Promise<unknown> | unknown;
}

export interface AdminContext {
  store: Store;
  traffic: Traffic;
  chaos: Chaos;
  variants: VariantSettings;
  params: Record<string, string>;
  body: Buffer;
}

export const ADMIN_PREFIX = '/_sim/';

const done = { ok: true };

export const adminRoutes: AdminRoute[] = [
  { method: 'GET', pattern: '/_sim/state', handler: ({ store }) => publicState(store) },
  {
    method: 'POST',
    pattern: '/_sim/reset',
    handler: async ({ store, traffic, chaos, variants }) => {
      await store.reset();
      traffic.clear();
      traffic.clearFaults();
      // Settings put at run time go: a test that forgets DELETE /_sim/chaos must not fail the tests after it.
      chaos.reset();
      variants.reset();
      return done;
    },
  },
  {
    method: 'PUT',
    pattern: '/_sim/bindings',
    handler: async ({ store, body }) => {
      const fields = parseObjectBody(body);
      const applicationKey = requiredText(fields, 'applicationkey');
      await store.assign([requireE164(fields.number, 'number')], applicationKey, capabilityField(fields));
      return done;
    },
  },
  {
    method: 'DELETE',
    pattern: '/_sim/bindings',
    handler: async ({ store, body }) => {
      const fields = parseObjectBody(body);
      await store.release(requireE164(fields.number, 'number'), capabilityField(fields));
      return done;
    },
  },
  {
    method: 'PUT',
    pattern: '/_sim/callbacks/{key}',
    handler: async ({ store, params, body }) => {
      const fields = parseObjectBody(body);
      const urls = Object.fromEntries(
        ['primary', 'fallback'].filter((field) => field in fields).map((field) => [field, fields[field]]),
      );
      await store.updateCallbacks(params.key ?? '', urls as { primary?: string | null; fallback?: string | null });
      return done;
    },
  },
  {
    method: 'PUT',
    pattern: '/_sim/numbers',
    handler: async ({ store, body }) => {
      const fields = parseObjectBody(body);
      const capabilities = fields.capabilities === undefined ? ['voice'] : fields.capabilities;
      if (!Array.isArray(capabilities) || capabilities.length === 0 || !capabilities.every(isCapability)) {
        throw apiErrors.parameterValidation(`capabilities must be a non-empty list of ${CAPABILITIES.join(', ')}`);
      }
      await store.addNumber({ number: requireE164(fields.number, 'number'), capabilities: [...new Set(capabilities)] });
      return done;
    },
  },
  {
    method: 'DELETE',
    pattern: '/_sim/numbers/{number}',
    handler: async ({ store, params }) => {
      if (!(await store.removeNumber(params.number ?? ''))) throw apiErrors.notFound();
      return done;
    },
  },
  {
    method: 'PUT',
    pattern: '/_sim/applications',
    handler: async ({ store, body }) => {
      const fields = parseObjectBody(body);
      await store.addApplication({ key: requiredText(fields, 'key'), secret: requiredText(fields, 'secret') });
      return done;
    },
  },
  { method: 'GET', pattern: '/_sim/requests', handler: ({ traffic }) => ({ requests: traffic.requests() }) },
  {
    method: 'GET',
    pattern: '/_sim/counters',
    handler: ({ traffic }) => ({ counters: traffic.counts(), faults: traffic.faultCounts() }),
  },
  { method: 'GET', pattern: '/_sim/chaos', handler: ({ chaos }) => chaos.settings() },
  {
    method: 'PUT',
    pattern: '/_sim/chaos',
    handler: ({ chaos, body }) => {
      // Field names as given: the body's keys are not folded here, because the settings are camelCase.
      let settings: unknown;
      try {
        settings = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        throw apiErrors.parameterValidation('the body is not valid JSON');
      }
      if (!settings || typeof settings !== 'object' || Array.isArray(settings))
        throw apiErrors.parameterValidation('the body must be a JSON object');
      const problem = chaosProblem(settings as Record<string, unknown>);
      if (problem) throw apiErrors.parameterValidation(problem);
      chaos.configure(settings as Partial<ChaosSettings>);
      return chaos.settings();
    },
  },
  { method: 'GET', pattern: '/_sim/variants', handler: ({ variants }) => variants.settings() },
  {
    method: 'PUT',
    pattern: '/_sim/variants',
    handler: ({ variants, body }) => {
      // Exact (camelCase) names, as for /_sim/chaos.
      let given: unknown;
      try {
        given = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        throw apiErrors.parameterValidation('the body is not valid JSON');
      }
      if (!given || typeof given !== 'object' || Array.isArray(given))
        throw apiErrors.parameterValidation('the body must be a JSON object');
      const problem = variantsProblem(given as Record<string, unknown>);
      if (problem) throw apiErrors.parameterValidation(problem);
      variants.configure(given as Partial<Variants>);
      return variants.settings();
    },
  },
  {
    method: 'DELETE',
    pattern: '/_sim/chaos',
    handler: ({ chaos }) => {
      chaos.configure({});
      return chaos.settings();
    },
  },
  {
    method: 'DELETE',
    pattern: '/_sim/requests',
    handler: ({ traffic }) => {
      traffic.clear();
      return done;
    },
  },
  {
    method: 'POST',
    pattern: '/_sim/faults',
    handler: ({ traffic, body }) => {
      const fault = parseObjectBody(body);
      const problem = faultProblem(fault);
      if (problem) throw apiErrors.parameterValidation(problem);
      traffic.inject({
        ...(fault.kind === 'lost-write' ? { lostWrite: true } : { status: fault.status as number }),
        count: typeof fault.count === 'number' ? fault.count : undefined,
        route: typeof fault.route === 'string' ? fault.route : undefined,
        delayMs: typeof fault.delayms === 'number' ? fault.delayms : undefined,
      } satisfies Fault);
      return done;
    },
  },
  {
    method: 'DELETE',
    pattern: '/_sim/faults',
    handler: ({ traffic }) => {
      traffic.clearFaults();
      return done;
    },
  },
];

/** The state without the applications' secrets. */
function publicState(store: Store): unknown {
  const { applications, numbers, bindings, callbacks } = store.snapshot();
  return { applications: applications.map(({ key }) => ({ key })), numbers, bindings, callbacks };
}

function isCapability(value: unknown): value is Capability {
  return typeof value === 'string' && (CAPABILITIES as readonly string[]).includes(value);
}

function capabilityField(fields: JsonObject): Capability {
  const value = fields.capability ?? 'voice';
  if (!isCapability(value)) throw apiErrors.parameterValidation(`capability must be one of ${CAPABILITIES.join(', ')}`);
  return value;
}

function requiredText(fields: JsonObject, field: string): string {
  const value = fields[field];
  if (typeof value !== 'string' || value === '') throw apiErrors.missingParameter(`${field} is missing`);
  return value;
}
