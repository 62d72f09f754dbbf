/**
 * The Sinch objects that a create or update of this deployment has taken over. The engine runs one dynamic-provider
 * process per deployment and runs every create and update before the deletes of resources that left the program or
 * were replaced; when such a delete names an object claimed here, another resource of the stack manages it now
 * (a rename, a reorder, a re-parent, a replace), and undoing it would wipe what that resource just declared.
 */
export class Claims {
  private readonly claimed = new Set<string>();

  claim(object: string): void {
    this.claimed.add(object);
  }

  isClaimed(object: string): boolean {
    return this.claimed.has(object);
  }
}

/** The Sinch object a NumberAssignment manages: one number with one capability. */
export const bindingObject = (number: string, capability: string): string => `binding ${number}/${capability}`;

/** The Sinch object an ApplicationCallbacks manages: one application's callback URLs. */
export const callbacksObject = (applicationKey: string): string => `callbacks ${applicationKey}`;
