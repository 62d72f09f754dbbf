/**
 * The Sinch side of the wire, exactly as the API spells it (lower-case `applicationkey`, the `url` wrapper), as
 * schemas: every 2xx answer is checked against them, so an answer of any other shape is an error, never an empty
 * result that would read as "this project has no numbers".
 */
import type * as Zod from 'zod';
import { CAPABILITIES, type Capability } from './types';

function answerSchemas({ z }: typeof Zod) {
  const capability = z.enum(CAPABILITIES as [Capability, ...Capability[]]);
  const callbackUrl = z.string().nullable().optional();
  return {
    numbers: z.object({
      numbers: z.array(
        z.object({
          number: z.string(),
          // Absent when unassigned (documented); null or "" are read the same way.
          applicationkey: z.string().nullable().optional(),
          capability,
        }),
      ),
    }),
    callbacks: z.object({ url: z.object({ primary: callbackUrl, fallback: callbackUrl }) }),
    queryNumber: z.object({
      number: z.object({
        countryId: z.string(),
        numberType: z.enum(['Unknown', 'Fixed', 'Mobile', 'Other']),
        normalizedNumber: z.string(),
        restricted: z.boolean(),
        rate: z.object({ currencyId: z.string().nullable(), amount: z.number() }).optional(),
      }),
    }),
    /** An error body: read leniently, because it only feeds the message. */
    error: z
      .object({
        status: z.string(),
        errorCode: z.union([z.number(), z.string()]),
        message: z.string(),
        reference: z.string(),
      })
      .partial(),
  };
}

export type AnswerSchemas = ReturnType<typeof answerSchemas>;

let built: AnswerSchemas | undefined;

/**
 * The schemas of the answers, built with the first answer read: like the HTTP libraries (httpLibraries.ts), zod is
 * loaded only by a process that sends requests, not by every program that declares resources.
 */
export function answers(): AnswerSchemas {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with the first answer, see above
  built ??= answerSchemas(require('zod') as typeof Zod);
  return built;
}

export type WireError = Zod.z.infer<AnswerSchemas['error']>;

export interface WireAssignNumbersBody {
  numbers: string[];
  applicationkey?: string;
  capability?: Capability;
}

export interface WireUnassignNumberBody {
  number: string;
  applicationkey?: string;
  capability?: Capability;
}

export interface WireCallbacksBody {
  url: { primary?: string; fallback?: string };
}

/** What is wrong with an answer, in a few words, for the error message. */
export function shapeProblem(error: Zod.z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'the answer'}: ${issue.message}` : 'unexpected shape';
}
