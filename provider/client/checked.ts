/** What every parser of a value answers: the value in the form that is stored and sent, or why it is refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
export const refuse = <T>(reason: string): Checked<T> => ({ ok: false, reason });

/** The reason of a refusal, or undefined: for callers that only need to know what is wrong. */
export const problemOf = (checked: Checked<unknown>): string | undefined => (checked.ok ? undefined : checked.reason);
