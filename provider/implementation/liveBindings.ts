import type { Capability, SinchConfigurationClient } from '../client';
import { AssignmentBatches, type ReadBacks } from './assignmentBatches';
import { EngineTraffic, type AssignmentWindow } from './engineTraffic';
import { afterQuiet, Gathering, type GatherBounds, type ReleaseReason } from './gathering';
import { bindingKey, Listing, type LiveBinding } from './listing';
import { trace } from './trace';

export type { LiveBinding } from './listing';

/** How long requests wait for company: a few milliseconds when they are alone. */
export interface Coalescing {
  /** Assign calls to one (application, capability): up to 100 numbers, as the API takes. */
  assignments: AssignmentWindow;
  /** Read-backs after writes: one list call confirms every write that ended before it was sent. */
  readBacks: GatherBounds & { quietMs: number };
}

export const DEFAULT_COALESCING: Coalescing = {
  assignments: { quietMs: 8, stalledMs: 250, patienceMs: 2_000, maxMs: 30_000, limit: 100 },
  readBacks: { quietMs: 8, maxMs: 30_000, limit: Number.POSITIVE_INFINITY },
};

/** This process's writes to one binding, on the view's clock. */
interface WriteRecord {
  inFlight: number;
  lastEnded: number;
  /** The binding as a write's own answer established it (a clean unassign), if that is the last thing known. */
  confirmed?: { binding: LiveBinding; at: number };
}

/** The latest list answer, with what this process changed since and what it can no longer vouch for. */
interface Snapshot {
  listing: Listing;
  known: Map<string, LiveBinding>;
  uncertain: Set<string>;
}

/** A read-back waiting for the answer of the list call that it will share. */
type Waiter = (answer: Promise<Listing>) => void;

/**
 * One deployment's view of the project's bindings, for one set of credentials. The engine runs one dynamic-provider
 * process per deployment and sends it every operation of every resource, so a refresh of N bindings can be answered
 * from one list call, and N creates can share their reads and batch their assignments.
 *
 * - Reads share one list call in flight, and later reads use its answer (the snapshot).
 * - A binding this process is writing, or whose write ended ambiguously, is uncertain: reading it sends a new list.
 * - A read-back after a write always comes from a list call sent after the write ended; read-backs that wait at the
 *   same time share it, and those of a round of assign calls wait until every call of their round is answered.
 * - A read-back that disagrees with the write (not applied, or changed by someone else) drops the snapshot.
 * - Assignments to the same (application, capability) that arrive together go out as one call (AssignmentBatches).
 */
export class LiveBindings {
  private clock = 0;
  private snapshot: Snapshot | undefined;
  /** List answers sent before this moment are not taken as the snapshot any more (see forget). */
  private trustedSince = 0;
  private inFlight: { sentAt: number; answer: Promise<Listing> } | undefined;
  private readonly writes = new Map<string, WriteRecord>();
  private readonly readBacks: Gathering<Waiter>;
  private lastListMs: number | undefined;
  private listsSent = 0;
  private readonly batches: AssignmentBatches;

  constructor(
    private readonly client: SinchConfigurationClient,
    { assignments, readBacks }: Coalescing = DEFAULT_COALESCING,
    traffic: EngineTraffic = new EngineTraffic(),
  ) {
    this.readBacks = new Gathering(
      readBacks,
      (quietForMs) => afterQuiet(quietForMs, readBacks.quietMs, readBacks.quietMs, 'quiet'),
      (waiters, reason) => this.list(waiters, reason),
    );
    const readBacksOfAssignments: ReadBacks = {
      hold: () => this.readBacks.hold(),
      resume: (reason) => this.readBacks.resume(reason),
      lastListMs: () => this.lastListMs,
      listsSent: () => this.listsSent,
      // Not read-backs that a round still holds: they wait for assignments, which must not wait for them.
      reading: () => this.readBacks.resuming || this.inFlight !== undefined,
    };
    this.batches = new AssignmentBatches(client, assignments, traffic, readBacksOfAssignments);
  }

  /**
   * The binding as this deployment last saw it. When that is not `acceptable` (it would refuse the operation), a new
   * list call decides: the snapshot may predate a number added to the project or a binding released in the dashboard.
   */
  async binding(
    number: string,
    capability: Capability,
    acceptable: (seen: LiveBinding) => boolean = () => true,
  ): Promise<LiveBinding> {
    const seen = await this.lastSeen(number, capability);
    return seen && acceptable(seen) ? seen : this.freshBinding(number, capability);
  }

  /** From the snapshot, or from the list call in flight if this process has not written the binding since it was sent. */
  private async lastSeen(number: string, capability: Capability): Promise<LiveBinding | undefined> {
    const key = bindingKey(number, capability);
    const snapshot = this.snapshot;
    if (snapshot && !snapshot.uncertain.has(key))
      return snapshot.known.get(key) ?? snapshot.listing.binding(number, capability);
    const record = this.writes.get(key);
    const inFlight = this.inFlight;
    const fresh = inFlight && inFlight.sentAt > this.trustedSince;
    if (fresh && (!record || (record.inFlight === 0 && record.lastEnded < inFlight.sentAt)))
      return (await inFlight.answer).binding(number, capability);
    return undefined;
  }

  /** The binding from a list call sent after this call: what a write that has ended did, or what is there now. */
  async freshBinding(number: string, capability: Capability): Promise<LiveBinding> {
    const listing = await new Promise<Listing>((resolve) => this.readBacks.add(resolve));
    return listing.binding(number, capability);
  }

  /** Assigns the number, with others bound for the same application and capability when `together`. */
  async assign(number: string, capability: Capability, applicationKey: string, together: boolean): Promise<void> {
    await this.writing(bindingKey(number, capability), async () => {
      await this.batches.assign(number, capability, applicationKey, together);
      return undefined;
    });
  }

  /** Unassigns the number; Sinch's clean answer to this DELETE is taken as the new state of the binding. */
  async unassign(number: string, capability: Capability, applicationKey: string): Promise<void> {
    await this.writing(bindingKey(number, capability), async () => {
      trace('unassign sent', { number, capability });
      await this.client.unassignNumber({ number, applicationKey, capability }).catch((error: unknown) => {
        trace('unassign failed', { number, capability });
        throw error;
      });
      trace('unassign answered', { number, capability });
      return { owned: true };
    });
  }

  /** After a read-back that shows the live state is not what this process expected: read afresh from now on. */
  forget(): void {
    this.snapshot = undefined;
    this.trustedSince = this.tick();
  }

  /** Runs a write of one binding; `write` answers the binding it established, or undefined when a read-back must tell. */
  private async writing(key: string, write: () => Promise<LiveBinding | undefined>): Promise<void> {
    const record = this.writes.get(key) ?? { inFlight: 0, lastEnded: 0 };
    this.writes.set(key, record);
    record.inFlight += 1;
    record.confirmed = undefined;
    this.snapshot?.uncertain.add(key);
    let established: LiveBinding | undefined;
    try {
      established = await write();
    } finally {
      record.inFlight -= 1;
      record.lastEnded = this.tick();
      if (established && record.inFlight === 0) {
        record.confirmed = { binding: established, at: record.lastEnded };
        this.snapshot?.known.set(key, established);
        this.snapshot?.uncertain.delete(key);
      }
    }
  }

  private tick(): number {
    this.clock += 1;
    return this.clock;
  }

  /** Sends a list call for `waiters`; its answer becomes the snapshot unless a newer one is. */
  private list(waiters: Waiter[], reason: ReleaseReason): void {
    const sentAt = this.tick();
    trace('list sent', { waiters: waiters.length, reason });
    const settled = () => {
      if (this.inFlight?.answer === answer) this.inFlight = undefined;
    };
    const sentMs = Date.now();
    this.listsSent += 1;
    const answer = this.client.listNumbers().then(
      (entries) => {
        this.lastListMs = Date.now() - sentMs;
        trace('list answered', { waiters: waiters.length, entries: entries.length });
        settled();
        const listing = new Listing(sentAt, entries);
        this.adopt(listing);
        return listing;
      },
      (error: unknown) => {
        trace('list failed', { waiters: waiters.length });
        settled();
        throw error;
      },
    );
    this.inFlight = { sentAt, answer };
    for (const waiter of waiters) waiter(answer);
  }

  /** Makes a list answer the snapshot, keeping what this process knows better and doubting what it wrote meanwhile. */
  private adopt(listing: Listing): void {
    if (listing.sentAt < this.trustedSince || (this.snapshot && this.snapshot.listing.sentAt > listing.sentAt)) return;
    const snapshot: Snapshot = { listing, known: new Map(), uncertain: new Set() };
    for (const [key, record] of this.writes) {
      // A write that ended before this list was sent is in its answer; no later snapshot can predate this one, so
      // the record is never needed again.
      if (record.inFlight === 0 && record.lastEnded < listing.sentAt) {
        this.writes.delete(key);
        continue;
      }
      if (record.inFlight === 0 && record.confirmed?.at === record.lastEnded)
        snapshot.known.set(key, record.confirmed.binding);
      else snapshot.uncertain.add(key);
    }
    this.snapshot = snapshot;
  }
}
