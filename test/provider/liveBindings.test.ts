/**
 * One deployment's view of the bindings, against a scripted project: which list calls it sends, and that it never
 * answers from a list that could predate a write of its own.
 */
import type {
  AssignNumbersRequest,
  Capability,
  NumberBinding,
  SinchConfigurationClient,
  UnassignNumberRequest,
} from '../../provider';
import { EngineTraffic, LiveBindings, SharedAssignmentFailed, type Coalescing } from '../../provider/implementation';
import { observeTraffic, type ApiRounds, type AssignmentWindow } from '../../provider/implementation/engineTraffic';
import type { Verdict } from '../../provider/implementation/gathering';
import { EngineModel } from '../support/engineModel';
import { failureOf } from '../support/fixtures';

const A = 'app-a';
const B = 'app-b';
const X = '+12012222222';
const Y = '+12013333333';

/** A project whose calls are recorded, and whose list calls can be held while writes go on. */
class ScriptedProject {
  readonly calls: string[] = [];
  readonly assignCalls: AssignNumbersRequest[] = [];
  readonly bindings = new Map<string, string>();
  /** Numbers the project owns; each supports both capabilities. */
  readonly numbers: Set<string>;
  holdLists = false;
  private held: Array<() => void> = [];
  failNextAssign: Error | undefined;
  failNextUnassign: { error: Error; applied: boolean } | undefined;

  constructor(size = 150) {
    this.numbers = new Set<string>([
      X,
      Y,
      ...Array.from({ length: size }, (_, index) => `+1415555${String(index).padStart(4, '0')}`),
    ]);
  }

  readonly client = {
    listNumbers: async (): Promise<NumberBinding[]> => {
      this.calls.push('list');
      // The answer is what was bound when the call was sent; a held call arrives later, stale.
      const answer = [...this.numbers].flatMap((number) =>
        (['voice', 'sms'] as Capability[]).map((capability) => {
          const applicationKey = this.bindings.get(`${number}/${capability}`);
          return applicationKey ? { number, capability, applicationKey } : { number, capability };
        }),
      );
      if (this.holdLists) await new Promise<void>((resolve) => this.held.push(resolve));
      return answer;
    },
    assignNumbers: async (request: AssignNumbersRequest): Promise<void> => {
      this.calls.push('assign');
      this.assignCalls.push(request);
      const failure = this.failNextAssign;
      this.failNextAssign = undefined;
      if (failure) throw failure;
      for (const number of request.numbers)
        this.bindings.set(`${number}/${request.capability ?? 'voice'}`, request.applicationKey as string);
    },
    unassignNumber: async (request: UnassignNumberRequest): Promise<void> => {
      this.calls.push('unassign');
      const failure = this.failNextUnassign;
      this.failNextUnassign = undefined;
      if (!failure || failure.applied) this.bindings.delete(`${request.number}/${request.capability ?? 'voice'}`);
      if (failure) throw failure.error;
    },
  };

  releaseLists(): void {
    this.holdLists = false;
    for (const release of this.held.splice(0)) release();
  }

  count(call: string): number {
    return this.calls.filter((made) => made === call).length;
  }
}

const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** Short windows, so that the tests do not wait; the windows' own behaviour is tested with fake timers below. */
const QUICK: Coalescing = {
  assignments: { quietMs: 2, stalledMs: 20, patienceMs: 200, maxMs: 1000, limit: 100 },
  readBacks: { quietMs: 2, maxMs: 10, limit: Number.POSITIVE_INFINITY },
};

function view(project: ScriptedProject, coalescing: Coalescing = QUICK, traffic = new EngineTraffic(8)): LiveBindings {
  return new LiveBindings(project.client as unknown as SinchConfigurationClient, coalescing, traffic);
}

describe('reads', () => {
  it('concurrent reads share one list call, and later reads use its answer', async () => {
    const project = new ScriptedProject();
    project.bindings.set(`${X}/voice`, A);
    const bindings = view(project);
    const seen = await Promise.all(Array.from({ length: 20 }, () => bindings.binding(X, 'voice')));
    expect(seen.every((binding) => binding.applicationKey === A)).toBe(true);
    expect(await bindings.binding(Y, 'voice')).toEqual({ owned: true });
    expect(await bindings.binding('+19999999999', 'voice')).toEqual({ owned: false });
    expect(project.calls).toEqual(['list']);
  });

  it('a read that would refuse the operation is decided by a new list call', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    await bindings.binding(X, 'voice');
    project.numbers.add('+19999999999');
    expect(await bindings.binding('+19999999999', 'voice', (seen) => seen.owned)).toEqual({ owned: true });
    expect(project.count('list')).toBe(2);
  });

  it('two deployments never share a snapshot', async () => {
    const project = new ScriptedProject();
    await view(project).binding(X, 'voice');
    project.bindings.set(`${X}/voice`, B);
    expect((await view(project).binding(X, 'voice')).applicationKey).toBe(B);
    expect(project.count('list')).toBe(2);
  });
});

describe('writes keep the snapshot true', () => {
  it('a read-back comes from a list call sent after the write, and becomes the snapshot', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    expect(await bindings.binding(X, 'voice')).toEqual({ owned: true });
    await bindings.assign(X, 'voice', A, true);
    expect((await bindings.freshBinding(X, 'voice')).applicationKey).toBe(A);
    expect((await bindings.binding(X, 'voice')).applicationKey).toBe(A);
    expect(project.calls).toEqual(['list', 'assign', 'list']);
  });

  it('after an assignment, a read never answers from the snapshot taken before it', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    await bindings.binding(X, 'voice');
    await bindings.assign(X, 'voice', A, false);
    expect((await bindings.binding(X, 'voice')).applicationKey).toBe(A);
    // Y was not written: the snapshot still answers for it.
    await bindings.binding(Y, 'voice');
    expect(project.calls).toEqual(['list', 'assign', 'list']);
  });

  it('a list call in flight while this process writes a binding does not vouch for that binding', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    project.holdLists = true;
    const early = bindings.binding(Y, 'voice');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(project.calls).toEqual(['list']);
    await bindings.assign(X, 'voice', A, false);
    project.releaseLists();
    await early;
    // The held answer was sent before the assignment and shows X unbound; it must not be the answer for X.
    expect((await bindings.binding(X, 'voice')).applicationKey).toBe(A);
    expect(project.calls).toEqual(['list', 'assign', 'list']);
  });

  it("Sinch's clean answer to an unassign is the new state: no list call to learn it", async () => {
    const project = new ScriptedProject();
    project.bindings.set(`${X}/voice`, A);
    const bindings = view(project);
    await bindings.binding(X, 'voice');
    await bindings.unassign(X, 'voice', A);
    expect(await bindings.binding(X, 'voice')).toEqual({ owned: true });
    expect(project.calls).toEqual(['list', 'unassign']);
  });

  it('an unassign whose answer was lost leaves the binding uncertain: the next read sends a list call', async () => {
    const project = new ScriptedProject();
    project.bindings.set(`${X}/voice`, A);
    const bindings = view(project);
    await bindings.binding(X, 'voice');
    project.failNextUnassign = { error: new Error('socket hang up'), applied: true };
    await expect(bindings.unassign(X, 'voice', A)).rejects.toThrow('socket hang up');
    expect(await bindings.binding(X, 'voice')).toEqual({ owned: true });
    expect(project.calls).toEqual(['list', 'unassign', 'list']);
  });

  it('forget() drops the snapshot: the next read sends a list call', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    await bindings.binding(X, 'voice');
    project.bindings.set(`${Y}/voice`, B);
    bindings.forget();
    expect((await bindings.binding(Y, 'voice')).applicationKey).toBe(B);
    expect(project.count('list')).toBe(2);
  });

  it('after forget(), an answer to a list call sent before it is not taken as the snapshot', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    project.holdLists = true;
    const early = bindings.binding(Y, 'voice');
    await new Promise((resolve) => setTimeout(resolve, 20));
    bindings.forget();
    project.bindings.set(`${Y}/voice`, B);
    project.releaseLists();
    expect(await early).toEqual({ owned: true });
    expect((await bindings.binding(Y, 'voice')).applicationKey).toBe(B);
    expect(project.count('list')).toBe(2);
  });

  it('read-backs that wait together share one list call', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    await Promise.all([X, Y].map((number) => bindings.assign(number, 'voice', A, false)));
    const seen = await Promise.all([X, Y].map((number) => bindings.freshBinding(number, 'voice')));
    expect(seen.map((binding) => binding.applicationKey)).toEqual([A, A]);
    expect(project.count('list')).toBe(1);
  });
});

describe('assignments coalesce', () => {
  it('per (application, capability): never two applications or two capabilities in one call', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    const numbers = [...project.numbers].slice(2, 14);
    const targets = numbers.map((number, index) => ({
      number,
      applicationKey: index % 2 === 0 ? A : B,
      capability: (index % 3 === 0 ? 'sms' : 'voice') as Capability,
    }));
    await Promise.all(
      targets.map((target) => bindings.assign(target.number, target.capability, target.applicationKey, true)),
    );
    expect(project.assignCalls).toHaveLength(4);
    for (const call of project.assignCalls) {
      const expected = targets
        .filter((target) => target.applicationKey === call.applicationKey && target.capability === call.capability)
        .map((target) => target.number);
      expect([...call.numbers].sort()).toEqual(expected.sort());
    }
  });

  it('read-backs wait while other assignments are still to go out, and share one list call with theirs', async () => {
    const project = new ScriptedProject();
    const traffic = new EngineTraffic(1000);
    // One more announced than arrives: B's three wait in the window until the engine is seen to stall.
    for (let index = 0; index < 104; index += 1) traffic.announce();
    const bindings = view(project, { ...QUICK, readBacks: { ...QUICK.readBacks, maxMs: 1000 } }, traffic);
    const numbers = [...project.numbers].slice(2, 105);
    const created = numbers.map((number, index) =>
      traffic.track(true, async () => {
        await bindings.assign(number, 'voice', index < 100 ? A : B, true);
        return bindings.freshBinding(number, 'voice');
      }),
    );
    const seen = await Promise.all(created);
    expect(seen.every((binding) => binding.applicationKey !== undefined)).toBe(true);
    // A's 100 went out at once (the limit), B's three after the stall; all 103 read back from one list.
    expect(project.assignCalls.map((call) => call.numbers.length)).toEqual([100, 3]);
    expect(project.count('list')).toBe(1);
  });

  it('at most 100 numbers per call, as the API takes', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    const numbers = [...project.numbers].slice(2, 152);
    await Promise.all(numbers.map((number) => bindings.assign(number, 'voice', A, true)));
    expect(project.assignCalls.map((call) => call.numbers.length)).toEqual([100, 50]);
  });

  it('the same number twice in one window is sent once', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    await Promise.all([
      bindings.assign(X, 'voice', A, true),
      bindings.assign(X, 'voice', A, true),
      bindings.assign(Y, 'voice', A, true),
    ]);
    expect(project.assignCalls.map((call) => call.numbers)).toEqual([[X, Y]]);
  });

  it('a failed shared call is no refusal of any one number: each sees SharedAssignmentFailed; a lone call sees the error itself', async () => {
    const project = new ScriptedProject();
    const bindings = view(project);
    const refusal = new Error('Sinch refused it');
    project.failNextAssign = refusal;
    const shared = await Promise.all([X, Y].map((number) => failureOf(bindings.assign(number, 'voice', A, true))));
    expect(shared.every((error) => error instanceof SharedAssignmentFailed && error.failure === refusal)).toBe(true);
    project.failNextAssign = refusal;
    expect(await failureOf(bindings.assign(X, 'voice', A, true))).toBe(refusal);
  });

  describe('the window', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());
    const WINDOW: Coalescing = {
      assignments: { quietMs: 8, stalledMs: 250, patienceMs: 2000, maxMs: 5000, limit: 100 },
      readBacks: QUICK.readBacks,
    };

    /** The engine's side: `announced` creates checked, and each create as it arrives at the provider. */
    function engine(announced: number, room = 8) {
      const traffic = new EngineTraffic(room);
      for (let index = 0; index < announced; index += 1) traffic.announce();
      const project = new ScriptedProject();
      const bindings = view(project, WINDOW, traffic);
      const creates: Array<Promise<void>> = [];
      const arrive = (number: string) =>
        creates.push(traffic.track(true, () => bindings.assign(number, 'voice', A, true)));
      return { project, traffic, arrive, creates, numbers: [...project.numbers] };
    }

    it('a lone assignment waits only the quiet time', async () => {
      const { project, arrive, creates, numbers } = engine(1);
      arrive(numbers[0] as string);
      await jest.advanceTimersByTimeAsync(7);
      expect(project.assignCalls).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(1);
      expect(project.assignCalls).toHaveLength(1);
      await Promise.all(creates);
    });

    it('waits while announced creates keep arriving, however slowly, then goes out as one call', async () => {
      const { project, arrive, creates, numbers } = engine(30, 1000);
      for (const number of numbers.slice(0, 30)) {
        arrive(number);
        await jest.advanceTimersByTimeAsync(100);
      }
      await Promise.all(creates);
      expect(project.assignCalls.map((call) => call.numbers.length)).toEqual([30]);
    });

    /**
     * The engine as it runs an up (test/support/engineModel.ts), creating `count` bindings round-robin over five
     * applications; each create's assignment as the batches send it, and when each arrived and went out.
     */
    async function up(
      count: number,
      parallel: number,
      checkpointMs: (index: number, moment: 'before' | 'after') => number,
      room = 8,
    ) {
      const traffic = new EngineTraffic(room);
      const project = new ScriptedProject(count);
      const bindings = view(project, WINDOW, traffic);
      const numbers = [...project.numbers].slice(2);
      const arrivedAt: number[] = [];
      const sentAt = new Map<string, number>();
      const client = project.client;
      const assign = client.assignNumbers;
      client.assignNumbers = async (request) => {
        for (const number of request.numbers) sentAt.set(number, Date.now());
        return assign(request);
      };
      const applications = ['app-1', 'app-2', 'app-3', 'app-4', 'app-5'];
      const engine = new EngineModel({
        parallel,
        checkpointMs,
        traffic,
        create: (index) => {
          arrivedAt[index] = Date.now();
          return bindings.assign(numbers[index] as string, 'voice', applications[index % 5] as string, true);
        },
      });
      const done = engine.up(count);
      await jest.runAllTimersAsync();
      await done;
      const waited = numbers
        .slice(0, count)
        .map((number, index) => (sentAt.get(number) as number) - (arrivedAt[index] as number));
      if (process.env.DEBUG_WINDOW)
        console.log(
          JSON.stringify({ calls: project.assignCalls.map((call) => call.numbers.length), waited, arrivedAt }),
        );
      return { calls: project.assignCalls.map((call) => call.numbers.length), waited, traffic };
    }

    const steady = () => 10;

    it('the CLI default: the first full room is waited out once to learn it; every later one goes out the moment it is full', async () => {
      const { calls, waited } = await up(40, 8, steady);
      // Five rounds of eight over five applications: five calls each (three of two numbers, two of one).
      expect(calls).toHaveLength(25);
      expect(calls.every((size) => size <= 2)).toBe(true);
      // The last create of the first round waited out the stall; the last of every later round waited not at all, but
      // the very last, with nothing more announced, waits the quiet time as a lone assignment does.
      expect(waited[7]).toBeGreaterThanOrEqual(250);
      for (const last of [15, 23, 31]) expect(waited[last]).toBe(0);
      expect(waited[39]).toBe(8);
      expect(Math.max(...waited.slice(8))).toBeLessThan(250);
    });

    it('PULUMI_PARALLEL names the room: no round waits to learn it', async () => {
      process.env.PULUMI_PARALLEL = '8';
      try {
        const { calls, waited } = await up(24, 8, steady);
        expect(calls).toHaveLength(15);
        expect(waited[7]).toBe(0);
        expect(waited[15]).toBe(0);
      } finally {
        delete process.env.PULUMI_PARALLEL;
      }
    });

    it('a deployment wider than the CLI default learns its room once, then sends each full room at once', async () => {
      const { calls, waited } = await up(48, 16, steady);
      expect(calls).toHaveLength(15);
      expect(waited[15]).toBeGreaterThanOrEqual(250);
      expect(waited[31]).toBe(0);
      expect(waited[47]).toBe(8);
    });

    it('--parallel N: one call per application, even when a checkpoint takes longer than the stall time (a loaded machine)', async () => {
      const slow = (index: number, moment: 'before' | 'after') =>
        moment === 'before' && (index === 60 || index === 149) ? 600 : 10;
      const { calls } = await up(150, 150, slow);
      expect(calls).toEqual([30, 30, 30, 30, 30]);
    });

    it('--parallel N: a full call (100 numbers) goes out at once, the rest when the last create has arrived', async () => {
      const { calls, waited } = await up(600, 600, () => 2);
      expect(calls).toEqual([100, 100, 100, 100, 100, 20, 20, 20, 20, 20]);
      expect(waited[499]).toBe(0);
    });

    /**
     * An up through the engine model whose API answers each call after `latencyMs`, each create as the provider runs
     * it (its assignment, then its read-back): the deployment's length against the engine's own work (checkpoints,
     * one at a time), its calls, and the releases of its assign calls.
     */
    async function upAtTheApi(count: number, checkpointMs: number, latencyMs: number) {
      process.env.PULUMI_PARALLEL = '8';
      try {
        const traffic = new EngineTraffic(8);
        const project = new ScriptedProject(count);
        const client = project.client;
        const [assign, list] = [client.assignNumbers, client.listNumbers];
        const sizes: number[] = [];
        client.assignNumbers = async (request) => {
          sizes.push(request.numbers.length);
          await sleep(latencyMs);
          return assign(request);
        };
        client.listNumbers = async () => {
          const answer = await list();
          await sleep(latencyMs);
          return answer;
        };
        const bindings = view(project, WINDOW, traffic);
        const numbers = [...project.numbers].slice(2);
        const applications = ['app-1', 'app-2', 'app-3', 'app-4', 'app-5'];
        const seen: Array<string | undefined> = [];
        const engine = new EngineModel({
          parallel: 8,
          checkpointMs: () => checkpointMs,
          traffic,
          create: async (index) => {
            const number = numbers[index] as string;
            await bindings.assign(number, 'voice', applications[index % 5] as string, true);
            seen[index] = (await bindings.freshBinding(number, 'voice')).applicationKey;
          },
        });
        const start = Date.now();
        const done = engine.up(count);
        await jest.runAllTimersAsync();
        await done;
        const engineWork = 2 * count * checkpointMs;
        if (process.env.DEBUG_WINDOW)
          console.log(JSON.stringify({ t: Date.now() - start, engineWork, calls: project.calls.length, sizes }));
        return {
          overEngine: (Date.now() - start) / engineWork,
          callsPerNumber: project.calls.length / count,
          sizes,
          landed: seen.every((key, index) => key === applications[index % 5]) && seen.length === count,
        };
      } finally {
        delete process.env.PULUMI_PARALLEL;
      }
    }

    it('slow checkpoints (a large state): rounds go out before the room is full, so that the engine writes checkpoints while they are at the API', async () => {
      // A round trip (assign, then list) of 40 ms against checkpoints of 16 ms: a full room's arrivals take 128 ms.
      const { overEngine, callsPerNumber, sizes, landed } = await upAtTheApi(120, 16, 20);
      expect(landed).toBe(true);
      // Waiting for the full room each time, every round would stop the engine for its round trip: 1.15 × at best.
      expect(overEngine).toBeLessThan(1.08);
      expect(callsPerNumber).toBeLessThanOrEqual(1.1);
      // Waiting for the full room, fifteen rounds of eight over five applications would make 75 assign calls.
      expect(sizes.length).toBeGreaterThan(90);
    });

    it('fast checkpoints (a small state): rounds wait for the full room, as smaller rounds would only cost calls', async () => {
      const { callsPerNumber, landed } = await upAtTheApi(120, 2, 20);
      expect(landed).toBe(true);
      // Rounds of eight: five assign calls and one list per eight numbers, and the guard read.
      expect(callsPerNumber).toBeLessThan(0.8);
    });

    it("a create of a kind that never shares a call, announced and still with the engine's loop, holds the assignments that arrived: more may follow it", async () => {
      const traffic = new EngineTraffic(1000);
      const project = new ScriptedProject();
      const bindings = view(project, WINDOW, traffic);
      const check = (news: Record<string, unknown>) =>
        observeTraffic(traffic, 'check', { olds: {}, news }, async () => ({ inputs: news, failures: [] }));
      await check({ number: X });
      await check({ applicationKey: A });
      const created = observeTraffic(traffic, 'create', { inputs: { number: X } }, () =>
        bindings.assign(X, 'voice', A, true).then(() => ({ id: X, outs: {} })),
      );
      // Nothing of the binding's kind is missing, but the callbacks' create is: not the quiet of a finished program.
      await jest.advanceTimersByTimeAsync(100);
      expect(project.assignCalls).toHaveLength(0);
      await observeTraffic(traffic, 'create', { inputs: { applicationKey: A } }, async () => ({ id: A, outs: {} }));
      await jest.advanceTimersByTimeAsync(8);
      expect(project.assignCalls).toHaveLength(1);
      await created;
    });

    it('announced creates that never arrive (the engine stopped after a failure) hold an assignment for patienceMs at most', async () => {
      const traffic = new EngineTraffic(100);
      for (let index = 0; index < 10; index += 1) traffic.announce();
      const project = new ScriptedProject();
      const bindings = view(project, WINDOW, traffic);
      const done = traffic.track(true, () => bindings.assign(X, 'voice', A, true));
      await jest.advanceTimersByTimeAsync(1999);
      expect(project.assignCalls).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(8);
      expect(project.assignCalls).toHaveLength(1);
      await done;
    });

    it('the read-back goes out as soon as the last shared call is answered, without waiting out its quiet time', async () => {
      const slowReadBacks: Coalescing = {
        ...WINDOW,
        readBacks: { quietMs: 1000, maxMs: 5000, limit: Number.POSITIVE_INFINITY },
      };
      const traffic = new EngineTraffic(8);
      const project = new ScriptedProject();
      const bindings = view(project, slowReadBacks, traffic);
      traffic.announce();
      traffic.announce();
      const creates = [X, Y].map((number) =>
        traffic.track(true, async () => {
          await bindings.assign(number, 'voice', A, true);
          return bindings.freshBinding(number, 'voice');
        }),
      );
      await jest.advanceTimersByTimeAsync(20);
      expect(project.calls).toEqual(['assign', 'list']);
      expect((await Promise.all(creates)).map((seen) => seen.applicationKey)).toEqual([A, A]);
    });

    it('no assignment waits longer than maxMs', async () => {
      const { project, arrive, numbers } = engine(1000, 10_000);
      for (const number of numbers.slice(0, 60)) {
        arrive(number);
        await jest.advanceTimersByTimeAsync(100);
      }
      expect(project.assignCalls.map((call) => call.numbers.length)).toEqual([50]);
    });
  });
});

describe('rounds sent ahead of the engine', () => {
  /** The engine's side scripted: each verdict in turn, then "look again"; and what each look was told. */
  class ScriptedTraffic extends EngineTraffic {
    readonly told: ApiRounds[] = [];
    constructor(readonly verdicts: Verdict[]) {
      super(8);
    }
    override assignmentVerdict(_window: AssignmentWindow, rounds: ApiRounds): Verdict {
      this.told.push(rounds);
      return this.verdicts.shift() ?? { lookAgainInMs: 5 };
    }
    /** What the last look was told. */
    get last(): ApiRounds {
      return this.told.at(-1) as ApiRounds;
    }
  }

  /** Lets what still gathers go, and waits for it: no test leaves assignments behind. */
  async function release(traffic: ScriptedTraffic, gathering: Array<Promise<void>>): Promise<void> {
    traffic.verdicts.push({ release: 'quiet' });
    await Promise.all(gathering);
  }

  it("a round's read-back goes out when its calls are answered, without waiting for the next round's assignments", async () => {
    const project = new ScriptedProject();
    const traffic = new ScriptedTraffic([{ release: 'ahead' }]);
    const patient: Coalescing = {
      assignments: { ...QUICK.assignments, maxMs: 60_000 },
      readBacks: { ...QUICK.readBacks, maxMs: 60_000 },
    };
    const bindings = view(project, patient, traffic);
    const assign = project.client.assignNumbers;
    project.client.assignNumbers = async (request) => {
      await sleep(20);
      return assign(request);
    };
    const sent = bindings.assign(X, 'voice', A, true);
    await sleep(5);
    // Y gathers for the next round while X's is at the API; the engine does not let Y's go until the end.
    const next = bindings.assign(Y, 'voice', A, true);
    await sent;
    const seen = await Promise.race([bindings.freshBinding(X, 'voice'), sleep(1000).then(() => 'still waiting')]);
    expect(seen).toEqual({ owned: true, applicationKey: A });
    expect(project.calls).toEqual(['assign', 'list']);
    await release(traffic, [next]);
  });

  it("while a round's read-back is at the API, the round is under way: the engine sends more when it is answered", async () => {
    const project = new ScriptedProject();
    const traffic = new ScriptedTraffic([{ release: 'ahead' }]);
    const bindings = view(project, QUICK, traffic);
    await bindings.assign(X, 'voice', A, true);
    project.holdLists = true;
    const readBack = bindings.freshBinding(X, 'voice');
    await sleep(20);
    expect(project.calls).toEqual(['assign', 'list']);
    const next = bindings.assign(Y, 'voice', A, true);
    await sleep(20);
    expect(traffic.last.underWay).toBe(true);
    project.releaseLists();
    await readBack;
    await sleep(20);
    expect(traffic.last.underWay).toBe(false);
    await release(traffic, [next]);
  });

  describe('on the clock', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());
    const PATIENT: Coalescing = {
      assignments: { ...QUICK.assignments, maxMs: 60_000 },
      readBacks: { ...QUICK.readBacks, maxMs: 60_000 },
    };

    /** A project whose assign calls are answered after `slowMs` for Y and 20 ms for any other number. */
    function slowAssigns(project: ScriptedProject, slowMs = 20): void {
      const assign = project.client.assignNumbers;
      project.client.assignNumbers = async (request) => {
        await assign(request);
        await sleep(request.numbers.includes(Y) ? slowMs : 20);
      };
    }

    it('a round is under way from when it is sent until its read-back is sent, so the next waits for it', async () => {
      const project = new ScriptedProject();
      slowAssigns(project);
      const traffic = new ScriptedTraffic([{ release: 'ahead' }]);
      const bindings = view(project, PATIENT, traffic);
      const first = bindings.assign(X, 'voice', A, true).then(() => bindings.freshBinding(X, 'voice'));
      await jest.advanceTimersByTimeAsync(15);
      // Y joins while X's assign call is at the API; it looks again every 5 ms.
      const next = bindings.assign(Y, 'voice', A, true);
      await jest.advanceTimersByTimeAsync(0);
      expect(traffic.last.underWay).toBe(true);
      // At 20 ms X's call is answered, and Y looks before X's read-back goes out (on the next turn).
      await jest.advanceTimersByTimeAsync(5);
      expect(project.calls).toEqual(['assign']);
      expect(traffic.told.map((told) => told.underWay)).toEqual([false, true, true]);
      await jest.advanceTimersByTimeAsync(1);
      expect(project.calls).toEqual(['assign', 'list']);
      expect((await first).applicationKey).toBe(A);
      traffic.verdicts.push({ release: 'quiet' });
      await jest.advanceTimersByTimeAsync(100);
      await next;
    });

    it("a round sent in the moment between another round's answer and its read-back does not hold that read-back", async () => {
      const project = new ScriptedProject();
      slowAssigns(project, 200);
      // X goes ahead; Y, joining at 15 ms, goes out at 20 ms, right after X's call is answered.
      const traffic = new ScriptedTraffic([{ release: 'ahead' }, { lookAgainInMs: 5 }, { release: 'blocked' }]);
      const bindings = view(project, PATIENT, traffic);
      const first = bindings.assign(X, 'voice', A, true).then(() => bindings.freshBinding(X, 'voice'));
      await jest.advanceTimersByTimeAsync(15);
      const second = bindings.assign(Y, 'voice', B, true);
      await jest.advanceTimersByTimeAsync(10);
      expect(project.calls).toEqual(['assign', 'assign', 'list']);
      expect((await first).applicationKey).toBe(A);
      await jest.advanceTimersByTimeAsync(200);
      await second;
    });

    it("two rounds at the API: the first's read-back goes out when its own calls are answered", async () => {
      const project = new ScriptedProject();
      slowAssigns(project, 200);
      const traffic = new ScriptedTraffic([{ release: 'ahead' }, { release: 'quiet' }]);
      const bindings = view(project, PATIENT, traffic);
      const first = bindings.assign(X, 'voice', A, true).then(() => bindings.freshBinding(X, 'voice'));
      await jest.advanceTimersByTimeAsync(5);
      const second = bindings.assign(Y, 'voice', B, true);
      await jest.advanceTimersByTimeAsync(30);
      expect(project.calls).toEqual(['assign', 'assign', 'list']);
      expect((await first).applicationKey).toBe(A);
      await jest.advanceTimersByTimeAsync(200);
      await second;
    });
  });

  /** A deployment that has sent `spent` rounds, each of `size` numbers for one application, each read back. */
  async function afterRounds(rounds: number, size: number) {
    const project = new ScriptedProject();
    const traffic = new ScriptedTraffic(Array.from({ length: rounds }, () => ({ release: 'blocked' as const })));
    const bindings = view(project, QUICK, traffic);
    const numbers = [...project.numbers].slice(2);
    for (let round = 0; round < rounds; round += 1) {
      const sent = numbers.slice(round * size, (round + 1) * size);
      await Promise.all(sent.map((number) => bindings.assign(number, 'voice', A, true)));
      await bindings.freshBinding(sent[0] as string, 'voice');
    }
    /** What the engine is told when `count` numbers wait, each for one of `groups` applications. */
    const waiting = async (count: number, groups: number) => {
      const gathering = numbers
        .slice(rounds * size, rounds * size + count)
        .map((number, index) => bindings.assign(number, 'voice', `app-${index % groups}`, true));
      await sleep(20);
      const told = traffic.last;
      await release(traffic, gathering);
      return told;
    };
    return { traffic, waiting };
  }

  it('a round may cost at most 1.2 calls per number, however little the deployment has spent: a straggler never goes ahead alone', async () => {
    // Ten numbers in one call and one list: 0.2 calls per number so far.
    const { waiting } = await afterRounds(1, 10);
    const alone = await waiting(1, 1);
    expect(alone.roundTripMs).toBeDefined();
    // One number: one assign call and its list.
    expect(alone.affordable).toBe(false);
    // Five numbers for five applications: six calls, 1.2 per number; four would be 1.5.
    expect((await waiting(5, 5)).affordable).toBe(true);
    expect((await waiting(4, 4)).affordable).toBe(false);
  });

  it('and only while the deployment stays within 1.1 calls per number', async () => {
    // Three rounds of one number: six calls for three numbers so far.
    const { waiting } = await afterRounds(3, 1);
    // Two numbers for one application cost 1 per number, but would bring the deployment to 8 calls for 5 numbers.
    expect((await waiting(2, 1)).affordable).toBe(false);
    // Ten more (after those two went out) would bring it to 9 calls for 15 numbers.
    expect((await waiting(10, 1)).affordable).toBe(true);
  });
});

describe('the engine stands still while its workers are all held', () => {
  const WINDOW = { quietMs: 8, stalledMs: 250, patienceMs: 2000, maxMs: 5000, limit: 100 };
  const held = () => new Promise<never>(() => undefined);

  it('a round goes ahead of the last arrivals once checkpoints are slow, but never while another is at the API', () => {
    jest.useFakeTimers();
    process.env.PULUMI_PARALLEL = '8';
    try {
      const traffic = new EngineTraffic(8);
      for (let index = 0; index < 8; index += 1) traffic.announce();
      // Six creates a checkpoint of 20 ms apart; two more on their way: 20 ms of the engine's work left after one.
      for (let index = 0; index < 6; index += 1) {
        void traffic.track(true, held);
        jest.advanceTimersByTime(20);
      }
      const rounds = { affordable: true, roundTripMs: 30 };
      expect(traffic.assignmentVerdict(WINDOW, { ...rounds, underWay: false })).toEqual({ release: 'ahead' });
      expect(traffic.assignmentVerdict(WINDOW, { ...rounds, underWay: true })).not.toEqual({ release: 'ahead' });
      // Fast enough for a full room's arrivals to fit in the round trip: nothing to overlap.
      expect(traffic.assignmentVerdict(WINDOW, { ...rounds, roundTripMs: 200, underWay: false })).not.toEqual({
        release: 'ahead',
      });
    } finally {
      delete process.env.PULUMI_PARALLEL;
      jest.useRealTimers();
    }
  });

  it('with every worker held and a round at the API, the rest wait for the next round; with none at the API, they go', () => {
    process.env.PULUMI_PARALLEL = '2';
    try {
      const traffic = new EngineTraffic(8);
      // Two creates with the room's two workers, a third checked and waiting in the engine's loop.
      for (let index = 0; index < 3; index += 1) traffic.announce();
      void traffic.track(true, held);
      void traffic.track(true, held);
      const rounds = { affordable: false, roundTripMs: undefined };
      expect(traffic.assignmentVerdict(WINDOW, { ...rounds, underWay: true })).toEqual({ lookAgainInMs: 8 });
      expect(traffic.assignmentVerdict(WINDOW, { ...rounds, underWay: false })).toEqual({ release: 'blocked' });
    } finally {
      delete process.env.PULUMI_PARALLEL;
    }
  });
});
