/**
 * The Sinch objects that a create or update of this deployment has taken over. The engine runs one dynamic-provider
 * process per deployment and runs every create and update before the deletes of resources that left the program or
 * were replaced; when such a delete names an object claimed here, another resource of the stack manages it now
 * (a rename, a reorder, a re-parent, a replace), and undoing it would wipe what that resource just declared. Each
 * resource kind names its objects (a binding's key, an application's callbacks) so that no two kinds' names meet.
 */
export class Claims {
  private readonly claimed = new Set<string>();
  private readonly underWay = new Set<string>();

  /**
   * Runs a create or update of `object`, and claims it when that succeeds. Two resources of one stack that manage
   * the same Sinch object would overwrite each other, and the loser would see "someone else changed it"; so a second
   * one, while the first is under way or after it succeeded, fails with `duplicate()` before any API call.
   */
  async claiming<T>(object: string, duplicate: () => Error, operation: () => Promise<T>): Promise<T> {
    if (this.underWay.has(object) || this.claimed.has(object)) throw duplicate();
    this.underWay.add(object);
    try {
      const result = await operation();
      this.claimed.add(object);
      return result;
    } finally {
      this.underWay.delete(object);
    }
  }

  isClaimed(object: string): boolean {
    return this.claimed.has(object);
  }
}
