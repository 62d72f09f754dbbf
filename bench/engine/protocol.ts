/**
 * What the benchmark sends to its driver process (one operation on one stack) and what the driver answers: one JSON
 * document each way, on stdin and stdout.
 */

export type DriverOperation = 'up' | 'preview' | 'refresh' | 'destroy';

export interface DeclaredBinding {
  name: string;
  number: string;
  applicationKey: string;
}

export interface DeclaredCallbacks {
  name: string;
  applicationKey: string;
  primary: string;
}

/** N NumberAssignments and one ApplicationCallbacks per application, from the installed package. */
export interface SinchProgram {
  kind: 'sinch';
  bindings: DeclaredBinding[];
  callbacks: DeclaredCallbacks[];
}

/** `count` do-nothing dynamic resources: what the engine costs by itself. */
export interface FloorProgram {
  kind: 'floor';
  count: number;
}

/** The same declarations through the benchmark's naive provider (naive.ts): modules `naive`, one type per kind. */
export interface NaiveProgram {
  kind: 'naive';
  bindings: DeclaredBinding[];
  callbacks: DeclaredCallbacks[];
  /**
   * The property names each kind registers, as the package's resources register theirs (every input and output of
   * the shape; those not declared as undefined), so that the program makes the same outputs.
   */
  registered: { binding: string[]; callbacks: string[] };
}

export type BenchProgram = SinchProgram | FloorProgram | NaiveProgram;

export type StackConfig = Record<string, { value: string; secret?: boolean }>;

export interface DriverRequest {
  /** The scratch project: Pulumi's work directory, and where the package and @pulumi/pulumi are installed. */
  workDir: string;
  stackName: string;
  operation: DriverOperation;
  program: BenchProgram;
  config: StackConfig;
  /** `--parallel`; the CLI's default when absent. */
  parallel?: number;
}

/** Resource changes as the engine summarizes them (`create`, `same`, `delete`, ...), the stack itself included. */
export type ResourceChanges = Record<string, number>;

/**
 * CPU seconds an operation spent, user and system together: in the driver (the Automation API and the inline
 * program, which runs in it) and in the processes it started and reaped (the CLI, and the plugins the CLI started).
 */
export interface CpuSeconds {
  program: number;
  engine: number;
}

export type DriverAnswer =
  { ok: true; seconds: number; changes: ResourceChanges; cpu: CpuSeconds } | { ok: false; message: string };
