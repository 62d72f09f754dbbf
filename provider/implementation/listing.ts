import type { Capability, NumberBinding } from '../client';

/** What the project's number list says about one number and capability. */
export interface LiveBinding {
  /** The project owns the number. */
  owned: boolean;
  /** The application it is bound to for this capability, if any. */
  applicationKey?: string;
}

/** A binding's identity, one number with one capability: also the id of the NumberAssignment that manages it. */
export const bindingKey = (number: string, capability: Capability): string => `${number}/${capability}`;

/** One answer of the list call, indexed, with the moment (on the view's clock) the call was sent. */
export class Listing {
  private readonly owned = new Set<string>();
  private readonly bound = new Map<string, string>();

  constructor(
    readonly sentAt: number,
    entries: readonly NumberBinding[],
  ) {
    for (const entry of entries) {
      this.owned.add(entry.number);
      if (entry.applicationKey) this.bound.set(bindingKey(entry.number, entry.capability), entry.applicationKey);
    }
  }

  binding(number: string, capability: Capability): LiveBinding {
    const applicationKey = this.bound.get(bindingKey(number, capability));
    return applicationKey === undefined ? { owned: this.owned.has(number) } : { owned: true, applicationKey };
  }
}
